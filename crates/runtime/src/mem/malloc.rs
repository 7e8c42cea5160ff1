//! `mallocgc` and the collector's view of the heap (Go's `malloc.go`,
//! with `mgcmark.go`'s object lookup). The design essay and the numbered
//! invariants cited below are in `mod.rs`.

use super::mbitmap::{GcShape, read_heap_bits, scan_elements, small_obj_bits, write_heap_bits};
use super::mcache::MCache;
use super::mheap::MHeap;
use super::mspan::{
    MALLOC_HEADER_SIZE, MSpan, SpanClass, SpanId, SpanState, bit, heap_bits_in_span, set_bit,
};
use super::sizeclasses::{
    CLASS_TO_SIZE, MAX_SMALL_SIZE, PAGE_SIZE, TINY_SIZE, TINY_SIZE_CLASS, size_to_class,
};

/// The address of zero-size allocations (gc's `zerobase`); never written,
/// never in an arena, so `find_object` never reports it.
static ZEROBASE: u64 = 0;

/// `GcShape::pointer()` at a stable address (inv. 6): the layout of
/// objects whose given shape is malformed.
static POINTER_SHAPE: std::sync::LazyLock<GcShape> = std::sync::LazyLock::new(GcShape::pointer);

/// Span class of the tiny blocks.
const TINY_SPAN_CLASS: SpanClass = SpanClass::new(TINY_SIZE_CLASS, true);

/// Requests above this fail (returns null) rather than overflow page
/// arithmetic; no OS would grant them anyway.
const MAX_ALLOC: usize = 1 << 47;

/// An allocated object as the collector sees it: `[base, base + size)` is
/// its slot (the malloc header included). Made only by `find_object`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Obj {
    pub base: usize,
    pub size: usize,
    span: SpanId,
    idx: u32,
}

/// One `runtime.MemStats.BySize` entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BySize {
    pub size: u32,
    pub mallocs: u64,
    pub frees: u64,
}

/// The heap's part of `runtime.MemStats`, plus the pacer's `heap_live`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeapStats {
    /// Bytes of allocated objects (slot sizes; unswept garbage included
    /// until swept, as in Go).
    pub heap_alloc: u64,
    /// Cumulative bytes allocated.
    pub total_alloc: u64,
    /// Cumulative objects allocated (tiny allocations included).
    pub mallocs: u64,
    /// Cumulative objects freed (tiny allocations counted as freed at once,
    /// as Go's MemStats does).
    pub frees: u64,
    /// `mallocs - frees`.
    pub heap_objects: u64,
    /// Bytes of arena memory handed to the heap (reserved-only arena tail
    /// excluded).
    pub heap_sys: u64,
    /// Bytes in no span (free pages, released included).
    pub heap_idle: u64,
    /// Bytes in in-use spans.
    pub heap_inuse: u64,
    /// Bytes of idle pages returned to the OS.
    pub heap_released: u64,
    /// Bytes of span structs in use and allocated.
    pub mspan_inuse: u64,
    pub mspan_sys: u64,
    /// The first 61 size classes, as Go's `MemStats.BySize`.
    pub by_size: [BySize; 61],
    /// Bytes marked by the last cycle plus bytes allocated since it ended
    /// (Go's `heapLive`, for the pacer).
    pub heap_live: u64,
}

/// The heap of one program instance: the page heap and the (one) mcache.
pub struct Heap {
    /// The page heap, shared by every machine's `Heap` of one program.
    mheap: HeapRef,
    /// This machine's allocation cache.
    mcache: MCache,
    /// Between `gc_begin_mark` and `gc_end_mark`: new objects are marked
    /// (allocate black). Only the collecting machine allocates then.
    marking: bool,
}

/// The `MHeap` a `Heap` allocates from: its own (`owned`) or another
/// `Heap`'s, which outlives it (the contract of `Heap::attach`).
struct HeapRef {
    p: std::ptr::NonNull<MHeap>,
    owned: bool,
}

impl std::ops::Deref for HeapRef {
    type Target = MHeap;
    #[inline(always)]
    fn deref(&self) -> &MHeap {
        // SAFETY: the page heap outlives every `Heap` over it (owned, or
        // the contract of `Heap::attach`).
        unsafe { self.p.as_ref() }
    }
}

impl std::ops::DerefMut for HeapRef {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut MHeap {
        // SAFETY: as for `deref`; the `Heap`s over one page heap change it
        // one at a time (the contract of `Heap::attach`).
        unsafe { self.p.as_mut() }
    }
}

impl Drop for HeapRef {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: an owned page heap came from `Box::into_raw` and no
            // other `Heap` uses it any more (`attach`'s contract).
            drop(unsafe { Box::from_raw(self.p.as_ptr()) });
        }
    }
}

impl Default for Heap {
    fn default() -> Self {
        Heap {
            mheap: HeapRef {
                p: std::ptr::NonNull::from(Box::leak(Box::default())),
                owned: true,
            },
            mcache: MCache::default(),
            marking: false,
        }
    }
}

impl Heap {
    /// Another machine's handle on this heap's page heap, with a cache of
    /// its own.
    ///
    /// # Safety
    /// `self` (the owner) outlives the handle, and the handles change the
    /// shared page heap one at a time: every call but `mallocgc_fast`
    /// (and `heap_live`, a racy read) is made under one lock, or while the
    /// other handles' machines are stopped.
    pub unsafe fn attach(&self) -> Heap {
        Heap {
            mheap: HeapRef {
                p: self.mheap.p,
                owned: false,
            },
            mcache: MCache::default(),
            marking: false,
        }
    }

    /// The pacer's `heapLive`: bytes marked by the last cycle plus the
    /// bytes allocated since (cheap: read by every allocating instruction;
    /// exact for this cache, the others' counts join at their refills).
    #[inline]
    pub fn heap_live(&self) -> u64 {
        let st = &self.mheap.stats;
        st.marked_bytes + st.alloc_since_mark + self.mcache.local_bytes
    }

    /// Gives this handle's cached spans back (its machine parks, so a
    /// collection may run meanwhile: inv. 8).
    pub fn release_cache(&mut self) {
        let h = &mut *self.mheap;
        self.mcache.release_all(h);
    }

    /// Allocates `size` bytes holding `size / typ.size` elements of `typ`
    /// laid end to end (None: pointer-free). Returns null when the OS
    /// refuses memory; `size == 0` gives `zerobase`. Objects with pointers
    /// are always zeroed (inv. 9); pointer-free ones when `needzero`.
    ///
    /// # Safety
    ///
    /// `typ` must stay valid, unmoved and unchanged, for as long as this
    /// `Heap` lives (its address is kept in the malloc header or the span,
    /// inv. 6): the interpreter keeps its shapes in boxed storage that
    /// outlives the heap.
    #[inline]
    pub unsafe fn mallocgc_typed(
        &mut self,
        size: usize,
        typ: Option<&GcShape>,
        needzero: bool,
    ) -> *mut u8 {
        let typ = typ.map_or(std::ptr::null(), |t| t as *const GcShape);
        self.malloc_ptr::<false>(size, typ, needzero)
            .unwrap_or(std::ptr::null_mut())
    }

    /// `mallocgc_typed` from this handle's cache alone, touching nothing
    /// shared: None when it would need the page heap (a refill, a large
    /// object), which `mallocgc_typed` then does.
    ///
    /// # Safety
    /// As for `mallocgc_typed`.
    #[inline]
    pub unsafe fn mallocgc_fast(
        &mut self,
        size: usize,
        typ: Option<&GcShape>,
        needzero: bool,
    ) -> Option<*mut u8> {
        let typ = typ.map_or(std::ptr::null(), |t| t as *const GcShape);
        self.malloc_ptr::<true>(size, typ, needzero)
    }

    /// `mallocgc` proper, with the shape as a raw pointer (null: noscan)
    /// that satisfies inv. 6. `FAST`: None instead of using the page heap.
    #[inline]
    fn malloc_ptr<const FAST: bool>(
        &mut self,
        size: usize,
        mut typ: *const GcShape,
        needzero: bool,
    ) -> Option<*mut u8> {
        if size == 0 {
            return Some((&raw const ZEROBASE).cast::<u8>().cast_mut());
        }
        if !typ.is_null() {
            // SAFETY: a non-null `typ` is valid for the heap's life (inv. 6,
            // the contract of `mallocgc_typed`).
            let t = unsafe { &*typ };
            if !t.has_pointers() {
                typ = std::ptr::null();
            } else if !t.well_formed() {
                // A malformed shape is scanned as all pointers: safe.
                typ = &*POINTER_SHAPE;
            }
        }
        let x = if size <= MAX_SMALL_SIZE - MALLOC_HEADER_SIZE {
            if typ.is_null() {
                if size < TINY_SIZE {
                    self.malloc_tiny::<FAST>(size)?
                } else {
                    self.malloc_small_noscan::<FAST>(size, needzero)?
                }
            } else if heap_bits_in_span(size) {
                self.malloc_small_scan_no_header::<FAST>(size, typ)?
            } else {
                self.malloc_small_scan_header::<FAST>(size, typ)?
            }
        } else if FAST {
            return None;
        } else {
            self.malloc_large(size, typ, needzero)
        };
        Some(x as *mut u8)
    }

    /// A slot of `spc`: the cached span, else (not `FAST`) the refill.
    /// Some(None) when the OS refused memory.
    #[inline]
    fn alloc_slot<const FAST: bool>(
        &mut self,
        spc: SpanClass,
    ) -> Option<Option<(usize, *mut MSpan, usize)>> {
        match self.mcache.next_free_fast(spc) {
            Some(r) => Some(Some(r)),
            None if FAST => None,
            None => {
                let h = &mut *self.mheap;
                Some(self.mcache.next_free(h, spc))
            }
        }
    }

    /// Bookkeeping common to small objects: counts (in the cache),
    /// allocate-black.
    #[inline]
    fn note_small(&mut self, class: usize, s: *mut MSpan, idx: usize) {
        self.mcache.local_small[class] += 1;
        self.mcache.local_bytes += CLASS_TO_SIZE[class] as u64;
        if self.marking {
            // SAFETY: `s` is the live span the slot was just taken from.
            set_bit(unsafe { &mut (*s).gcmark_bits }, idx);
        }
    }

    /// The tiny allocator (`mallocgcTiny`): pointer-free objects under 16
    /// bytes share 16-byte blocks, aligned to 8, 4 or 2 by their size.
    /// Some(0): no memory.
    #[inline]
    fn malloc_tiny<const FAST: bool>(&mut self, size: usize) -> Option<usize> {
        let c = &mut self.mcache;
        let mut off = c.tinyoffset;
        if size & 7 == 0 {
            off = off.next_multiple_of(8);
        } else if size & 3 == 0 {
            off = off.next_multiple_of(4);
        } else if size & 1 == 0 {
            off = off.next_multiple_of(2);
        }
        if off + size <= TINY_SIZE && c.tiny != 0 {
            let x = c.tiny + off;
            c.tinyoffset = off + size;
            c.local_tiny += 1;
            return Some(x);
        }
        let Some((x, s, idx)) = self.alloc_slot::<FAST>(TINY_SPAN_CLASS)? else {
            return Some(0);
        };
        // SAFETY: x is a free 16-byte slot of an in-use span in our arena
        // (inv. 1, 3) just taken for this block.
        unsafe { std::ptr::write_bytes(x as *mut u8, 0, TINY_SIZE) };
        self.note_small(TINY_SIZE_CLASS, s, idx);
        let c = &mut self.mcache;
        if size < c.tinyoffset || c.tiny == 0 {
            c.tiny = x;
            c.tinyoffset = size;
        }
        Some(x)
    }

    /// Clears slot `x` of span `s` when the span may be dirty (inv. 4).
    #[inline]
    fn zero_slot(x: usize, s: *mut MSpan, len: usize) {
        // SAFETY: `s` is the live span the slot was just taken from.
        if unsafe { (*s).needzero } {
            // SAFETY: [x, x+len) is the slot just allocated in an in-use
            // span inside our arena (inv. 1, 3); nothing else refers to it.
            unsafe { std::ptr::write_bytes(x as *mut u8, 0, len) };
        }
    }

    #[inline]
    fn malloc_small_noscan<const FAST: bool>(
        &mut self,
        size: usize,
        needzero: bool,
    ) -> Option<usize> {
        let class = size_to_class(size);
        let Some((x, s, idx)) = self.alloc_slot::<FAST>(SpanClass::new(class, true))? else {
            return Some(0);
        };
        if needzero {
            Self::zero_slot(x, s, CLASS_TO_SIZE[class]);
        }
        self.note_small(class, s, idx);
        Some(x)
    }

    /// Scan objects of at most 512 bytes: bits in the span (inv. 5).
    #[inline]
    fn malloc_small_scan_no_header<const FAST: bool>(
        &mut self,
        size: usize,
        typ: *const GcShape,
    ) -> Option<usize> {
        let class = size_to_class(size);
        let Some((x, s, idx)) = self.alloc_slot::<FAST>(SpanClass::new(class, false))? else {
            return Some(0);
        };
        Self::zero_slot(x, s, CLASS_TO_SIZE[class]);
        // SAFETY: typ is non-null and valid for the heap's life (inv. 6).
        let bits = small_obj_bits(unsafe { &*typ }, size);
        // SAFETY: `s` is the live span the slot was just taken from.
        write_heap_bits(unsafe { &*s }, idx, bits);
        self.note_small(class, s, idx);
        Some(x)
    }

    /// Larger small scan objects: an 8-byte header holding the shape
    /// (inv. 7), counted in the size class.
    #[inline]
    fn malloc_small_scan_header<const FAST: bool>(
        &mut self,
        size: usize,
        typ: *const GcShape,
    ) -> Option<usize> {
        let class = size_to_class(size + MALLOC_HEADER_SIZE);
        let Some((x, s, idx)) = self.alloc_slot::<FAST>(SpanClass::new(class, false))? else {
            return Some(0);
        };
        Self::zero_slot(x, s, CLASS_TO_SIZE[class]);
        // SAFETY: x is the 8-aligned first word of the slot just allocated
        // (inv. 1, 3); inv. 7 puts the shape pointer there.
        unsafe { (x as *mut *const GcShape).write(typ) };
        self.note_small(class, s, idx);
        Some(x + MALLOC_HEADER_SIZE)
    }

    /// Objects over 32 KiB - 8: a span of their own (`mallocgcLarge`).
    #[cold]
    #[inline(never)]
    fn malloc_large(&mut self, size: usize, typ: *const GcShape, needzero: bool) -> usize {
        if size > MAX_ALLOC {
            return 0;
        }
        let npages = size.div_ceil(PAGE_SIZE);
        let spc = SpanClass::new(0, typ.is_null());
        let Some(id) = self.mheap.alloc_span(npages, spc) else {
            return 0;
        };
        let sg = self.mheap.sweepgen;
        let marking = self.marking;
        let s = self.mheap.span_mut(id);
        s.large_type = typ;
        s.large_size = size;
        s.freeindex = 1;
        s.alloc_count = 1;
        s.alloc_cache = 0;
        if marking {
            s.gcmark_bits[0] = 1;
        }
        let (x, dirty, elemsize) = (s.start, s.needzero, s.elemsize);
        if dirty && (needzero || !typ.is_null()) {
            // SAFETY: [x, x+size) lies in the span just allocated inside
            // our arena (inv. 1); nothing else refers to it.
            unsafe { std::ptr::write_bytes(x as *mut u8, 0, size) };
        }
        self.mheap.central[spc.0 as usize].full_swept(sg).push(id);
        let st = &mut self.mheap.stats;
        st.large_alloc += 1;
        st.large_alloc_bytes += elemsize as u64;
        st.alloc_since_mark += elemsize as u64;
        x
    }

    // ---- The collector's view -------------------------------------------

    /// The allocated object containing addr (interior pointers included;
    /// the header of a headered object counts as part of it), or None for
    /// any address that is not inside an allocated object of our heap:
    /// other memory, free slots, free pages, not-yet-allocated slots,
    /// zerobase. Safe to call with any usize.
    #[inline]
    pub fn find_object(&self, addr: usize) -> Option<Obj> {
        let id = self.mheap.span_of(addr)?;
        let s = self.mheap.span(id);
        let idx = s.obj_index(addr - s.start);
        if !s.is_allocated(idx) {
            return None;
        }
        Some(Obj {
            base: s.start + idx * s.elemsize,
            size: s.elemsize,
            span: id,
            idx: idx as u32,
        })
    }

    /// Whether `obj` still describes an allocated object (an `Obj` kept
    /// across a sweep may not).
    #[inline]
    fn valid(&self, obj: Obj) -> bool {
        let Some(s) = self.mheap.spans.get(obj.span.0 as usize) else {
            return false;
        };
        let i = obj.idx as usize;
        s.state == SpanState::InUse
            && s.is_allocated(i)
            && s.start + i * s.elemsize == obj.base
            && s.elemsize == obj.size
    }

    /// Sets obj's mark bit; true if it was not set (the caller then scans
    /// it). A stale `obj` is never marked.
    #[inline]
    pub fn mark(&mut self, obj: Obj) -> bool {
        if !self.valid(obj) {
            return false;
        }
        set_bit(
            &mut self.mheap.span_mut(obj.span).gcmark_bits,
            obj.idx as usize,
        )
    }

    pub fn is_marked(&self, obj: Obj) -> bool {
        self.valid(obj) && bit(&self.mheap.span(obj.span).gcmark_bits, obj.idx as usize)
    }

    /// Where obj's value starts: after its malloc header when it has one
    /// (a small scan object too big for heap bits in the span).
    pub fn data_base(&self, obj: Obj) -> usize {
        let s = self.mheap.span(obj.span);
        let headered =
            !s.spanclass.noscan() && s.spanclass.sizeclass() != 0 && !heap_bits_in_span(s.elemsize);
        obj.base + if headered { MALLOC_HEADER_SIZE } else { 0 }
    }

    /// Whether obj may hold pointers (false for noscan spans).
    #[inline]
    pub fn has_pointers(&self, obj: Obj) -> bool {
        !self.mheap.span(obj.span).spanclass.noscan()
    }

    /// Calls f with the value of every pointer word of obj, reading the
    /// object's memory (the bitmap or header decides which words).
    pub fn scan_object(&self, obj: Obj, mut f: impl FnMut(usize)) {
        if !self.valid(obj) {
            return;
        }
        let s = self.mheap.span(obj.span);
        if s.spanclass.noscan() {
            return;
        }
        if s.spanclass.sizeclass() == 0 {
            if s.large_type.is_null() {
                return;
            }
            // SAFETY: a large scan span's type is valid for the heap's
            // life (inv. 6).
            let t = unsafe { &*s.large_type };
            scan_elements(obj.base, s.large_size / t.size, t, f);
        } else if heap_bits_in_span(s.elemsize) {
            let mut bits = read_heap_bits(s, obj.idx as usize);
            while bits != 0 {
                let w = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                // SAFETY: word w of an allocated slot of ours (inv. 1, 3).
                f(unsafe { ((obj.base + w * 8) as *const usize).read() });
            }
        } else {
            // SAFETY: the first word of an allocated headered slot is its
            // shape pointer (inv. 7), valid for the heap's life (inv. 6).
            let t = unsafe { &*(obj.base as *const *const GcShape).read() };
            let data = obj.size - MALLOC_HEADER_SIZE;
            scan_elements(obj.base + MALLOC_HEADER_SIZE, data / t.size, t, f);
        }
    }

    /// Mark phase begins: finishes sweeping (inv. 8) and flushes the mcache,
    /// so objects allocated from now on are marked (allocate black).
    pub fn gc_begin_mark(&mut self) {
        self.finish_sweep();
        self.release_cache();
        self.marking = true;
    }

    /// Mark phase done: every object not marked becomes free (when its span
    /// is swept); flips sweepgen so that spans are swept lazily or by
    /// sweep_one/finish_sweep; returns the bytes marked (the live heap).
    pub fn gc_end_mark(&mut self) -> u64 {
        self.release_cache();
        self.marking = false;
        // Spans swept lazily before the mark began must be done (inv. 8).
        while self.mheap.sweep_one() {}
        let marked: u64 = self
            .mheap
            .spans
            .iter()
            .filter(|s| s.state == SpanState::InUse)
            .map(|s| (s.count_marked() * s.elemsize) as u64)
            .sum();
        self.mheap.stats.marked_bytes = marked;
        self.mheap.stats.alloc_since_mark = 0;
        self.mheap.flip_sweepgen();
        marked
    }

    /// Sweeps one unswept span; false when none is left (Go's `sweepone`).
    pub fn sweep_one(&mut self) -> bool {
        self.mheap.sweep_one()
    }

    /// Sweeps every span left unswept.
    pub fn finish_sweep(&mut self) {
        while self.mheap.sweep_one() {}
    }

    /// gccheckmark: sets obj's checkmark bit; true if newly set.
    pub fn checkmark(&mut self, obj: Obj) -> bool {
        if !self.valid(obj) {
            return false;
        }
        let s = self.mheap.span_mut(obj.span);
        if s.checkmark_bits.is_empty() {
            s.checkmark_bits.resize(s.gcmark_bits.len(), 0);
        }
        set_bit(&mut s.checkmark_bits, obj.idx as usize)
    }

    pub fn clear_checkmarks(&mut self) {
        for s in self.mheap.spans.iter_mut() {
            s.checkmark_bits.clear();
        }
    }

    /// The first checkmarked object the real mark missed (call before
    /// `gc_end_mark`, while the mark bits are the cycle's).
    pub fn verify_checkmarks(&self) -> Option<Obj> {
        for (i, s) in self.mheap.spans.iter().enumerate() {
            if s.state != SpanState::InUse || s.checkmark_bits.is_empty() {
                continue;
            }
            for (w, (&c, &m)) in s.checkmark_bits.iter().zip(&s.gcmark_bits).enumerate() {
                let missed = c & !m;
                if missed != 0 {
                    let idx = w * 64 + missed.trailing_zeros() as usize;
                    return Some(Obj {
                        base: s.start + idx * s.elemsize,
                        size: s.elemsize,
                        span: SpanId(i as u32),
                        idx: idx as u32,
                    });
                }
            }
        }
        None
    }

    /// GODEBUG=clobberfree=1: freed objects are overwritten with 0xdeadbeef
    /// words when swept.
    pub fn set_clobberfree(&mut self, on: bool) {
        self.mheap.clobberfree = on;
    }

    /// Returns free pages to the OS (see `MHeap::scavenge`); bytes released.
    pub fn scavenge(&mut self, all: bool) -> usize {
        self.mheap.scavenge(all)
    }

    /// Caps heap_sys at `bytes` (rounded down to whole pages): an
    /// allocation that would grow the heap past it fails as when the OS
    /// refuses memory (null; the interpreter's `fatal error: runtime: out
    /// of memory`). A hard limit for embedders (`RGO_MEMLIMIT_HARD`) and
    /// the tests of the out-of-memory paths, unlike GOMEMLIMIT, the
    /// pacer's soft goal. Pages already in the heap stay.
    pub fn set_hard_limit(&mut self, bytes: usize) {
        self.mheap.sys_limit_pages = bytes / PAGE_SIZE;
    }

    pub fn stats(&self) -> HeapStats {
        let h = &self.mheap;
        // The shared counters plus this handle's cached ones.
        let c = &self.mcache;
        let small_alloc: Vec<u64> = (0..h.stats.small_alloc.len())
            .map(|k| h.stats.small_alloc[k] + c.local_small[k])
            .collect();
        let tiny_allocs = h.stats.tiny_allocs + c.local_tiny;
        let st = &h.stats;
        let mut out = HeapStats {
            heap_alloc: 0,
            total_alloc: 0,
            mallocs: 0,
            frees: 0,
            heap_objects: 0,
            heap_sys: 0,
            heap_idle: 0,
            heap_inuse: 0,
            heap_released: 0,
            mspan_inuse: 0,
            mspan_sys: 0,
            by_size: [BySize::default(); 61],
            heap_live: 0,
        };
        let (mut alloc, mut freed, mut nmalloc, mut nfree) = (0u64, 0u64, 0u64, 0u64);
        for (c, &size) in CLASS_TO_SIZE.iter().enumerate().skip(1) {
            let size = size as u64;
            alloc += small_alloc[c] * size;
            freed += st.small_free[c] * size;
            nmalloc += small_alloc[c];
            nfree += st.small_free[c];
        }
        for (c, b) in out.by_size.iter_mut().enumerate() {
            *b = BySize {
                size: CLASS_TO_SIZE[c] as u32,
                mallocs: small_alloc[c],
                frees: st.small_free[c],
            };
        }
        alloc += st.large_alloc_bytes;
        freed += st.large_free_bytes;
        nmalloc += st.large_alloc + tiny_allocs;
        nfree += st.large_free + tiny_allocs;
        out.heap_alloc = alloc - freed;
        out.total_alloc = alloc;
        out.mallocs = nmalloc;
        out.frees = nfree;
        out.heap_objects = nmalloc - nfree;
        let page = PAGE_SIZE as u64;
        out.heap_sys = h.pages_sys as u64 * page;
        out.heap_inuse = h.pages_inuse as u64 * page;
        out.heap_idle = out.heap_sys - out.heap_inuse;
        out.heap_released = h.pages_released as u64 * page;
        let sz = std::mem::size_of::<super::mspan::MSpan>() as u64;
        let live = h
            .spans
            .iter()
            .filter(|s| s.state == SpanState::InUse)
            .count() as u64;
        out.mspan_inuse = live * sz;
        out.mspan_sys = h.spans.len().next_power_of_two() as u64 * sz;
        out.heap_live = self.heap_live();
        out
    }
}
