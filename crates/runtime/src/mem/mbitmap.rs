//! Pointer information for scanning (Go 1.22+'s `mbitmap.go`): which words
//! of a heap object may hold pointers. See `mod.rs` (inv. 5, 6, 7).
//!
//! Three layouts, chosen by the object's slot size:
//! 1. Scan objects of at most 512 bytes: one bit per 8-byte word of the
//!    span, kept at the end of the span (the last `span bytes / 64`
//!    bytes, which the span's slot count leaves out, as Go does). Written
//!    at allocation for the whole slot (the data words from the shape,
//!    the rest zero), so freeing needs no clearing.
//! 2. Larger small scan objects: an 8-byte malloc header in front of the
//!    data, holding the `*const GcShape`. mallocgc adds the header to the
//!    size before choosing the class.
//! 3. Large objects (> 32 KiB with header): the shape pointer and the
//!    requested size in the span.

use super::mspan::MSpan;
use super::sizeclasses::PAGE_SIZE;

/// What the collector needs of a Go type: the size of one element, how
/// many leading bytes may hold pointers, and a bitmap (bit i of word i/64
/// set = the i-th 8-byte word of an element holds a pointer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GcShape {
    pub size: usize,
    pub ptrdata: usize,
    pub mask: Box<[u64]>,
}

impl GcShape {
    /// One word, a pointer: memory whose every word must be treated as a
    /// possible pointer (arrays of it cover any 8-multiple size).
    pub fn pointer() -> GcShape {
        GcShape {
            size: 8,
            ptrdata: 8,
            mask: Box::new([1]),
        }
    }

    /// Whether objects of this shape need scanning (`typ.Pointers()`).
    #[inline]
    pub fn has_pointers(&self) -> bool {
        self.ptrdata != 0 && self.size != 0
    }

    /// Whether word `w` of one element holds a pointer.
    #[inline]
    pub fn is_ptr_word(&self, w: usize) -> bool {
        w * 8 < self.ptrdata
            && self
                .mask
                .get(w / 64)
                .is_some_and(|m| m >> (w % 64) & 1 != 0)
    }

    /// Whether the shape satisfies inv. 6 (`mallocgc` scans a shape that
    /// does not as all pointers).
    #[inline]
    pub(super) fn well_formed(&self) -> bool {
        self.size.is_multiple_of(8)
            && self.ptrdata <= self.size
            && self.mask.len() * 64 >= self.ptrdata / 8
    }
}

/// The pointer bits of the first `size` bytes of an object holding
/// elements of `typ` (`size <= 512`, so at most 64 words): bit w set =
/// word w holds a pointer.
#[inline]
pub(super) fn small_obj_bits(typ: &GcShape, size: usize) -> u64 {
    let words = size / 8;
    let low = |n: usize| if n >= 64 { !0u64 } else { (1u64 << n) - 1 };
    if typ.size == 8 {
        return low(words);
    }
    let ew = typ.size / 8;
    let m = typ.mask[0] & low(typ.ptrdata.div_ceil(8));
    let mut bits = 0u64;
    let mut e = 0;
    while (e + 1) * ew <= words {
        bits |= m << (e * ew);
        e += 1;
    }
    bits
}

/// The span's heap bitmap (inv. 5).
#[inline]
fn heap_bits_base(s: &MSpan) -> *mut u64 {
    (s.limit() - s.npages * PAGE_SIZE / 64) as *mut u64
}

/// Writes the bits of slot `idx` (all its words) of a span with in-span
/// heap bits (`writeHeapBitsSmall`).
#[inline]
pub(super) fn write_heap_bits(s: &MSpan, idx: usize, bits: u64) {
    let nw = s.elemsize / 8;
    let o = idx * nw;
    let (w, b) = (o / 64, o % 64);
    let mask = if nw >= 64 { !0u64 } else { (1u64 << nw) - 1 };
    let base = heap_bits_base(s);
    // SAFETY: the span is an in-use scan span of objects of at most 512
    // bytes, so its last npages*PAGE_SIZE/64 bytes are its bitmap (inv. 5)
    // inside our mapped arena (inv. 1); word w (and w+1 when the slot's
    // bits straddle) is below the end because idx < nelems.
    unsafe {
        let p = base.add(w);
        p.write((p.read() & !(mask << b)) | (bits << b));
        if b + nw > 64 {
            let hi = b + nw - 64;
            let p = base.add(w + 1);
            let m2 = (1u64 << hi) - 1;
            p.write((p.read() & !m2) | (bits >> (64 - b)));
        }
    }
}

/// Reads the bits of slot `idx`, as written by `write_heap_bits`.
#[inline]
pub(super) fn read_heap_bits(s: &MSpan, idx: usize) -> u64 {
    let nw = s.elemsize / 8;
    let o = idx * nw;
    let (w, b) = (o / 64, o % 64);
    let mask = if nw >= 64 { !0u64 } else { (1u64 << nw) - 1 };
    let base = heap_bits_base(s);
    // SAFETY: as in `write_heap_bits` (inv. 1, 5).
    unsafe {
        let mut v = base.add(w).read() >> b;
        if b + nw > 64 {
            v |= base.add(w + 1).read() << (64 - b);
        }
        v & mask
    }
}

/// Calls `f` with every pointer word of `n` elements of `typ` laid end to
/// end from `data` (headered and large objects).
#[inline]
pub(super) fn scan_elements(data: usize, n: usize, typ: &GcShape, mut f: impl FnMut(usize)) {
    let pw = typ.ptrdata.div_ceil(8);
    for e in 0..n {
        let el = data + e * typ.size;
        for w in 0..pw {
            if typ.is_ptr_word(w) {
                // SAFETY: the caller passes an allocated object of ours
                // holding n elements from data (inv. 1, 6, 7).
                f(unsafe { ((el + w * 8) as *const usize).read() });
            }
        }
    }
}
