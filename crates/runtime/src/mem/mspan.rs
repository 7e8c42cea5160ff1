//! `MSpan`: a run of pages holding objects of one size class, or one large
//! object (Go's `mspan`, `runtime/mheap.go`). See the essay in `mod.rs`.

use super::mbitmap::GcShape;
use super::sizeclasses::{
    CLASS_TO_DIVMAGIC, CLASS_TO_NPAGES, CLASS_TO_SIZE, NUM_SIZE_CLASSES, PAGE_SIZE,
};

/// A size class and whether its objects are pointer-free: `class << 1 |
/// noscan` (Go's `spanClass`). Class 0 is large objects.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SpanClass(pub u8);

/// Number of span classes.
pub const NUM_SPAN_CLASSES: usize = NUM_SIZE_CLASSES * 2;

impl SpanClass {
    /// `makeSpanClass`.
    #[inline]
    pub const fn new(sizeclass: usize, noscan: bool) -> SpanClass {
        SpanClass(((sizeclass as u8) << 1) | noscan as u8)
    }
    /// The size class.
    #[inline]
    pub const fn sizeclass(self) -> usize {
        (self.0 >> 1) as usize
    }
    /// Whether the objects hold no pointers.
    #[inline]
    pub const fn noscan(self) -> bool {
        self.0 & 1 != 0
    }
}

/// Index of a span in `MHeap::spans` (the span structs are runtime-owned
/// Rust data, not Go memory).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SpanId(pub u32);

/// Span states (Go's `mSpanState`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SpanState {
    /// The struct is on the free list of span structs.
    #[doc(alias = "mSpanDead")]
    Dead,
    /// The pages hold objects.
    #[doc(alias = "mSpanInUse")]
    InUse,
}

/// Largest object size whose pointer bits live in the span (Go's
/// `minSizeForMallocHeader`: 64 words, one `u64` of bits per object).
pub const MIN_SIZE_FOR_MALLOC_HEADER: usize = 512;
/// The header in front of larger scan objects (a `*const GcShape`).
pub const MALLOC_HEADER_SIZE: usize = 8;

/// Whether objects of `elemsize` keep their pointer bits at the end of the
/// span (`heapBitsInSpan`).
#[inline]
pub const fn heap_bits_in_span(elemsize: usize) -> bool {
    elemsize <= MIN_SIZE_FOR_MALLOC_HEADER
}

/// One span. Fields are written under the runtime lock, or by the machine
/// whose mcache holds the span (mcache.rs).
pub struct MSpan {
    /// First byte of the first page.
    pub start: usize,
    /// Number of pages.
    pub npages: usize,
    pub spanclass: SpanClass,
    /// Bytes per object (the whole span for large objects).
    pub elemsize: usize,
    /// Number of object slots (less than `CLASS_TO_NOBJ` for scan spans of
    /// small objects: the heap bits take the tail, inv. 5).
    pub nelems: usize,
    /// Slots below `freeindex` are allocated; at or above it, a slot is
    /// allocated iff its `alloc_bits` bit is set (inv. 3).
    pub freeindex: usize,
    /// Inverted `alloc_bits` from the 64-slot word of `freeindex`, shifted
    /// so bit 0 is slot `freeindex` (Go's `allocCache`).
    pub alloc_cache: u64,
    /// Slots allocated as of the last sweep (bit per slot).
    pub alloc_bits: Vec<u64>,
    /// Mark bits of the current cycle (bit per slot).
    pub gcmark_bits: Vec<u64>,
    /// gccheckmark's second set of mark bits; empty until used.
    pub checkmark_bits: Vec<u64>,
    /// Objects allocated (as `alloc_bits` plus those below `freeindex`).
    pub alloc_count: usize,
    /// Sweep generation, relative to `MHeap::sweepgen` (sg): sg-2 needs
    /// sweeping, sg-1 is being swept, sg is swept and ready, sg+3 is
    /// swept and cached by an mcache (sg+1, cached before the flip, cannot
    /// happen: the mcache is flushed before `sweepgen` moves).
    pub sweepgen: u32,
    /// Whether some byte of the span may be non-zero outside allocated
    /// objects (reused pages or freed slots).
    pub needzero: bool,
    /// For large scan objects: the element type (inv. 6); null otherwise.
    pub large_type: *const GcShape,
    /// For large objects: the bytes requested (the elements scanned).
    pub large_size: usize,
    pub state: SpanState,
    /// `CLASS_TO_DIVMAGIC` of the class (0 for large).
    pub div_magic: u32,
}

impl MSpan {
    /// A span struct describing nothing (the slab's free entries).
    pub(super) fn dead() -> MSpan {
        MSpan {
            start: 0,
            npages: 0,
            spanclass: SpanClass(0),
            elemsize: 0,
            nelems: 0,
            freeindex: 0,
            alloc_cache: 0,
            alloc_bits: Vec::new(),
            gcmark_bits: Vec::new(),
            checkmark_bits: Vec::new(),
            alloc_count: 0,
            sweepgen: 0,
            needzero: false,
            large_type: std::ptr::null(),
            large_size: 0,
            state: SpanState::Dead,
            div_magic: 0,
        }
    }

    /// `initSpan`: sets up a freshly allocated run of pages for `spc`.
    pub(super) fn init(
        &mut self,
        start: usize,
        npages: usize,
        spc: SpanClass,
        needzero: bool,
        sweepgen: u32,
    ) {
        let nbytes = npages * PAGE_SIZE;
        let class = spc.sizeclass();
        let (elemsize, nelems) = if class == 0 {
            (nbytes, 1)
        } else {
            debug_assert_eq!(npages, CLASS_TO_NPAGES[class]);
            let size = CLASS_TO_SIZE[class];
            let reserve = if !spc.noscan() && heap_bits_in_span(size) {
                nbytes / 8 / 8
            } else {
                0
            };
            (size, (nbytes - reserve) / size)
        };
        let words = nelems.div_ceil(64);
        self.start = start;
        self.npages = npages;
        self.spanclass = spc;
        self.elemsize = elemsize;
        self.nelems = nelems;
        self.freeindex = 0;
        self.alloc_cache = !0;
        self.alloc_bits.clear();
        self.alloc_bits.resize(words, 0);
        self.gcmark_bits.clear();
        self.gcmark_bits.resize(words, 0);
        self.checkmark_bits.clear();
        self.alloc_count = 0;
        self.sweepgen = sweepgen;
        self.needzero = needzero;
        self.large_type = std::ptr::null();
        self.large_size = 0;
        self.state = SpanState::InUse;
        self.div_magic = CLASS_TO_DIVMAGIC[class];
    }

    /// One past the last byte.
    #[inline]
    pub fn limit(&self) -> usize {
        self.start + self.npages * PAGE_SIZE
    }

    /// The slot holding byte offset `off` of the span (`objIndex`).
    #[inline]
    pub fn obj_index(&self, off: usize) -> usize {
        if self.spanclass.sizeclass() == 0 {
            0
        } else {
            ((off as u64 * self.div_magic as u64) >> 32) as usize
        }
    }

    /// Whether slot `i` holds an allocated object (inv. 3).
    #[inline]
    pub fn is_allocated(&self, i: usize) -> bool {
        i < self.nelems && (i < self.freeindex || bit(&self.alloc_bits, i))
    }

    /// `refillAllocCache`: loads the inverted alloc bits of the 64 slots
    /// from `whole` (a multiple of 64).
    #[inline]
    pub fn refill_alloc_cache(&mut self, whole: usize) {
        self.alloc_cache = !self.alloc_bits.get(whole / 64).copied().unwrap_or(!0);
    }

    /// `nextFreeFast`: the next free slot from the cache, or None when the
    /// cache must be refilled (at a 64-slot boundary) or the span is full.
    #[inline]
    pub fn next_free_fast(&mut self) -> Option<usize> {
        let the_bit = self.alloc_cache.trailing_zeros() as usize;
        if the_bit < 64 {
            let result = self.freeindex + the_bit;
            if result < self.nelems {
                let freeidx = result + 1;
                if freeidx.is_multiple_of(64) && freeidx != self.nelems {
                    return None;
                }
                self.alloc_cache = (self.alloc_cache >> the_bit) >> 1;
                self.freeindex = freeidx;
                self.alloc_count += 1;
                return Some(result);
            }
        }
        None
    }

    /// `nextFreeIndex`: the next free slot at or after `freeindex`,
    /// advancing it past the slot; `nelems` when the span is full.
    pub fn next_free_index(&mut self) -> usize {
        let snelems = self.nelems;
        let mut sfreeindex = self.freeindex;
        if sfreeindex == snelems {
            return sfreeindex;
        }
        let mut the_bit = self.alloc_cache.trailing_zeros() as usize;
        while the_bit == 64 {
            sfreeindex = (sfreeindex + 64) & !63;
            if sfreeindex >= snelems {
                self.freeindex = snelems;
                return snelems;
            }
            self.refill_alloc_cache(sfreeindex);
            the_bit = self.alloc_cache.trailing_zeros() as usize;
        }
        let result = sfreeindex + the_bit;
        if result >= snelems {
            self.freeindex = snelems;
            return snelems;
        }
        self.alloc_cache = (self.alloc_cache >> the_bit) >> 1;
        sfreeindex = result + 1;
        if sfreeindex.is_multiple_of(64) && sfreeindex != snelems {
            self.refill_alloc_cache(sfreeindex);
        }
        self.freeindex = sfreeindex;
        result
    }

    /// Positions the alloc cache at `freeindex` (after a sweep, or when an
    /// mcache takes the span).
    pub fn reset_alloc_cache(&mut self) {
        let base = self.freeindex & !63;
        self.refill_alloc_cache(base);
        self.alloc_cache >>= self.freeindex % 64;
    }

    /// Number of set mark bits (`countAlloc`).
    pub fn count_marked(&self) -> usize {
        self.gcmark_bits
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum()
    }
}

/// Bit `i` of a bit vector.
#[inline]
pub fn bit(bits: &[u64], i: usize) -> bool {
    bits[i / 64] >> (i % 64) & 1 != 0
}

/// Sets bit `i`, returning whether it was clear.
#[inline]
pub fn set_bit(bits: &mut [u64], i: usize) -> bool {
    let w = &mut bits[i / 64];
    let m = 1u64 << (i % 64);
    let was = *w & m != 0;
    *w |= m;
    !was
}
