//! `MCache`: the allocation cache (Go's `mcache.go`): one current span per
//! span class and the tiny block, one per machine; it reaches the `MHeap`
//! only to refill (under the runtime's lock). See `mod.rs`.

use super::mheap::MHeap;
use super::mspan::{MSpan, NUM_SPAN_CLASSES, SpanClass, SpanId};
use super::sizeclasses::NUM_SIZE_CLASSES;

/// "No span cached" (Go's `emptymspan`).
const NO_SPAN: SpanId = SpanId(u32::MAX);

/// One machine's allocation cache. The spans it caches are its own until
/// it gives them back (no other machine allocates from them, and the
/// collector runs only once every cache was flushed), so allocating from
/// them needs no lock; refills take spans from the shared `MHeap` under
/// the runtime's lock.
pub struct MCache {
    /// The span each class allocates from; every one is swept and marked
    /// cached (`sweepgen == sg+3`, inv. 8).
    pub(super) alloc: [SpanId; NUM_SPAN_CLASSES],
    /// The span structs of `alloc` (null for none): they never move
    /// (`MHeap::spans` never reallocates, inv. 10).
    pub(super) span: [*mut MSpan; NUM_SPAN_CLASSES],
    /// Start of the current tiny block, 0 for none.
    pub(super) tiny: usize,
    /// Bytes of the tiny block in use.
    pub(super) tinyoffset: usize,
    /// Counts of this cache's allocations not yet added to the heap's
    /// (`flush_stats`, at refills and flushes): small objects by class,
    /// tiny ones, and their bytes.
    pub(super) local_small: [u64; NUM_SIZE_CLASSES],
    pub(super) local_tiny: u64,
    pub(super) local_bytes: u64,
}

impl Default for MCache {
    fn default() -> Self {
        MCache {
            alloc: [NO_SPAN; NUM_SPAN_CLASSES],
            span: [std::ptr::null_mut(); NUM_SPAN_CLASSES],
            tiny: 0,
            tinyoffset: 0,
            local_small: [0; NUM_SIZE_CLASSES],
            local_tiny: 0,
            local_bytes: 0,
        }
    }
}

impl MCache {
    /// A free slot of the cached span of `spc`, without the heap:
    /// (slot address, span, slot index); None when the span is full or
    /// none is cached.
    #[inline]
    pub(super) fn next_free_fast(&mut self, spc: SpanClass) -> Option<(usize, *mut MSpan, usize)> {
        let sp = self.span[spc.0 as usize];
        if sp.is_null() {
            return None;
        }
        // SAFETY: a cached span's struct is live and stays put (inv. 10),
        // and is this cache's alone while cached.
        let s = unsafe { &mut *sp };
        let i = match s.next_free_fast() {
            Some(i) => i,
            None => {
                let i = s.next_free_index();
                if i >= s.nelems {
                    return None;
                }
                s.alloc_count += 1;
                i
            }
        };
        Some((s.start + i * s.elemsize, sp, i))
    }

    /// `nextFree` once `next_free_fast` found the cached span full: a
    /// free slot of `spc` from a span taken from the mcentral; None when the OS refuses
    /// memory. The caller holds the runtime's lock.
    #[cold]
    #[inline(never)]
    pub(super) fn next_free(
        &mut self,
        h: &mut MHeap,
        spc: SpanClass,
    ) -> Option<(usize, *mut MSpan, usize)> {
        self.flush_stats(h);
        let id = self.refill(h, spc)?;
        let s = h.span_mut(id);
        let i = s.next_free_index();
        debug_assert!(i < s.nelems, "refill returned a full span");
        s.alloc_count += 1;
        Some((s.start + i * s.elemsize, h.spans.ptr(id.0 as usize), i))
    }

    /// `mcache.refill`: gives the current span of `spc` back to its
    /// mcentral and takes one with a free slot.
    pub(super) fn refill(&mut self, h: &mut MHeap, spc: SpanClass) -> Option<SpanId> {
        let old = self.alloc[spc.0 as usize];
        if old != NO_SPAN {
            self.alloc[spc.0 as usize] = NO_SPAN;
            self.span[spc.0 as usize] = std::ptr::null_mut();
            h.uncache_span(old);
        }
        let id = h.cache_span(spc)?;
        self.alloc[spc.0 as usize] = id;
        self.span[spc.0 as usize] = h.spans.ptr(id.0 as usize);
        Some(id)
    }

    /// Adds this cache's counts to the heap's.
    pub(super) fn flush_stats(&mut self, h: &mut MHeap) {
        let st = &mut h.stats;
        for (c, n) in self.local_small.iter_mut().enumerate() {
            st.small_alloc[c] += std::mem::take(n);
        }
        st.tiny_allocs += std::mem::take(&mut self.local_tiny);
        st.alloc_since_mark += std::mem::take(&mut self.local_bytes);
    }

    /// `mcache.releaseAll`: gives every cached span back, drops the tiny
    /// block and flushes the counts (before the sweepgen moves, when
    /// marking starts, when its machine parks).
    pub(super) fn release_all(&mut self, h: &mut MHeap) {
        self.flush_stats(h);
        for c in 0..NUM_SPAN_CLASSES {
            let id = self.alloc[c];
            if id != NO_SPAN {
                self.alloc[c] = NO_SPAN;
                self.span[c] = std::ptr::null_mut();
                h.uncache_span(id);
            }
        }
        self.tiny = 0;
        self.tinyoffset = 0;
    }
}
