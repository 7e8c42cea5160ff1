//! `MCache`: the allocation cache (Go's `mcache.go`): one current span per
//! span class and the tiny block. One for now; one per P later, which is
//! why it is a separate struct that borrows the `MHeap` only on refill.
//! See `mod.rs`.

use super::mheap::MHeap;
use super::mspan::{NUM_SPAN_CLASSES, SpanClass, SpanId};

/// "No span cached" (Go's `emptymspan`).
const NO_SPAN: SpanId = SpanId(u32::MAX);

pub struct MCache {
    /// The span each class allocates from; every one is swept and marked
    /// cached (`sweepgen == sg+3`, inv. 8).
    pub(super) alloc: [SpanId; NUM_SPAN_CLASSES],
    /// Start of the current tiny block, 0 for none.
    pub(super) tiny: usize,
    /// Bytes of the tiny block in use.
    pub(super) tinyoffset: usize,
}

impl Default for MCache {
    fn default() -> Self {
        MCache {
            alloc: [NO_SPAN; NUM_SPAN_CLASSES],
            tiny: 0,
            tinyoffset: 0,
        }
    }
}

impl MCache {
    /// `nextFreeFast` on the cached span: (slot address, span, slot).
    #[inline]
    pub(super) fn next_free_fast(
        &self,
        h: &mut MHeap,
        spc: SpanClass,
    ) -> Option<(usize, SpanId, usize)> {
        let id = self.alloc[spc.0 as usize];
        if id == NO_SPAN {
            return None;
        }
        let s = h.span_mut(id);
        let i = s.next_free_fast()?;
        Some((s.start + i * s.elemsize, id, i))
    }

    /// `nextFree`: a free slot of `spc`, refilling the cache from the
    /// mcentral when the span is full; None when the OS refuses memory.
    #[cold]
    #[inline(never)]
    pub(super) fn next_free(
        &mut self,
        h: &mut MHeap,
        spc: SpanClass,
    ) -> Option<(usize, SpanId, usize)> {
        let mut id = self.alloc[spc.0 as usize];
        if id != NO_SPAN {
            let s = h.span_mut(id);
            let i = s.next_free_index();
            if i < s.nelems {
                s.alloc_count += 1;
                return Some((s.start + i * s.elemsize, id, i));
            }
        }
        id = self.refill(h, spc)?;
        let s = h.span_mut(id);
        let i = s.next_free_index();
        debug_assert!(i < s.nelems, "refill returned a full span");
        s.alloc_count += 1;
        Some((s.start + i * s.elemsize, id, i))
    }

    /// `mcache.refill`: gives the current span of `spc` back to its
    /// mcentral and takes one with a free slot.
    pub(super) fn refill(&mut self, h: &mut MHeap, spc: SpanClass) -> Option<SpanId> {
        let old = self.alloc[spc.0 as usize];
        if old != NO_SPAN {
            self.alloc[spc.0 as usize] = NO_SPAN;
            h.uncache_span(old);
        }
        let id = h.cache_span(spc)?;
        self.alloc[spc.0 as usize] = id;
        Some(id)
    }

    /// `mcache.releaseAll`: gives every cached span back and drops the tiny
    /// block (before the sweepgen moves and when marking starts).
    pub(super) fn release_all(&mut self, h: &mut MHeap) {
        for c in 0..NUM_SPAN_CLASSES {
            let id = self.alloc[c];
            if id != NO_SPAN {
                self.alloc[c] = NO_SPAN;
                h.uncache_span(id);
            }
        }
        self.tiny = 0;
        self.tinyoffset = 0;
    }
}
