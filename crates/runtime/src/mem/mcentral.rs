//! `MCentral`: the spans of one span class that an mcache may take, split
//! by fullness and sweep state (Go's `mcentral.go`). Large spans live in
//! the full lists of span classes 0 and 1, as in Go. See `mod.rs`.

use super::mheap::MHeap;
use super::mspan::{SpanClass, SpanId};
use super::sizeclasses::CLASS_TO_NPAGES;

/// Spans of one class. `partial[sweepgen/2%2]` holds swept spans with a
/// free slot, `partial[1-sweepgen/2%2]` unswept ones; `full` likewise for
/// spans with no free slot. The two roles swap when `sweepgen` moves by 2.
pub struct MCentral {
    pub spanclass: SpanClass,
    pub(super) partial: [Vec<SpanId>; 2],
    pub(super) full: [Vec<SpanId>; 2],
}

impl MCentral {
    pub(super) fn new(spanclass: SpanClass) -> MCentral {
        MCentral {
            spanclass,
            partial: [Vec::new(), Vec::new()],
            full: [Vec::new(), Vec::new()],
        }
    }
    #[inline]
    pub(super) fn partial_swept(&mut self, sg: u32) -> &mut Vec<SpanId> {
        &mut self.partial[(sg / 2 % 2) as usize]
    }
    #[inline]
    pub(super) fn partial_unswept(&mut self, sg: u32) -> &mut Vec<SpanId> {
        &mut self.partial[(1 - sg / 2 % 2) as usize]
    }
    #[inline]
    pub(super) fn full_swept(&mut self, sg: u32) -> &mut Vec<SpanId> {
        &mut self.full[(sg / 2 % 2) as usize]
    }
    #[inline]
    pub(super) fn full_unswept(&mut self, sg: u32) -> &mut Vec<SpanId> {
        &mut self.full[(1 - sg / 2 % 2) as usize]
    }
}

/// Spans `cache_span` sweeps looking for free space before it grows the
/// heap instead (Go's `spanBudget`).
const SPAN_BUDGET: usize = 100;

impl MHeap {
    /// `mcentral.cacheSpan`: a swept span of `spc` with a free slot, for an
    /// mcache; None when the OS refuses memory. Unswept spans of the class
    /// are swept (and taken if they have room) before the heap grows.
    pub(super) fn cache_span(&mut self, spc: SpanClass) -> Option<SpanId> {
        let sg = self.sweepgen;
        let c = spc.0 as usize;
        let mut found = self.central[c].partial_swept(sg).pop();
        let mut budget = SPAN_BUDGET;
        while found.is_none() && budget > 0 {
            if let Some(id) = self.central[c].partial_unswept(sg).pop() {
                budget -= 1;
                if self.span(id).sweepgen == sg.wrapping_sub(2) {
                    self.span_mut(id).sweepgen = sg.wrapping_sub(1);
                    self.sweep_span(id, true);
                    found = Some(id);
                }
                continue;
            }
            let Some(id) = self.central[c].full_unswept(sg).pop() else {
                break;
            };
            budget -= 1;
            if self.span(id).sweepgen != sg.wrapping_sub(2) {
                continue;
            }
            self.span_mut(id).sweepgen = sg.wrapping_sub(1);
            self.sweep_span(id, true);
            let s = self.span_mut(id);
            if s.freeindex < s.nelems && s.alloc_count < s.nelems {
                found = Some(id);
            } else {
                self.central[c].full_swept(sg).push(id);
            }
        }
        let id = match found {
            Some(id) => id,
            None => self.alloc_span(CLASS_TO_NPAGES[spc.sizeclass()], spc)?,
        };
        let s = self.span_mut(id);
        s.reset_alloc_cache();
        // Cached: no sweeper may touch it this cycle.
        s.sweepgen = sg.wrapping_add(3);
        Some(id)
    }

    /// `mcentral.uncacheSpan`: an mcache gives back a span it allocated
    /// from; it goes on the partial or full swept list.
    pub(super) fn uncache_span(&mut self, id: SpanId) {
        let sg = self.sweepgen;
        let s = self.span_mut(id);
        let spc = s.spanclass.0 as usize;
        let stale = s.sweepgen == sg.wrapping_add(1);
        if stale {
            // Cached before the sweepgen flip (cannot happen while the
            // mcache is flushed first, but keep Go's protocol).
            s.sweepgen = sg.wrapping_sub(1);
            self.sweep_span(id, false);
            return;
        }
        s.sweepgen = sg;
        let partial = s.alloc_count < s.nelems;
        debug_assert_eq!(self.central[spc].spanclass.0 as usize, spc);
        if partial {
            self.central[spc].partial_swept(sg).push(id);
        } else {
            self.central[spc].full_swept(sg).push(id);
        }
    }
}
