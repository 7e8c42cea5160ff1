//! Sweeping: turning a finished cycle's mark bits into free slots (Go's
//! `mgcsweep.go`; the phases that call it belong to `gc/`). See `mod.rs`.
//!
//! After `gc_end_mark` moves `sweepgen` by 2, every in-use span is
//! unswept (its `sweepgen` is sg-2). A span is swept exactly once per
//! cycle, by whichever comes first: an mcache refill of its class
//! (`cache_span`), a page allocation that would otherwise grow the heap
//! (`alloc_span`), or the sweeper (`sweep_one`, `finish_sweep`). Sweeping
//! makes the mark bits the new alloc bits, so unmarked slots become free.

use super::mheap::MHeap;
use super::mspan::{NUM_SPAN_CLASSES, SpanId, bit};

impl MHeap {
    /// `mspan.sweep`: frees the span's unmarked objects and clears its mark
    /// bits. With `preserve` the caller keeps the span (an mcache is about
    /// to take it); otherwise it goes back on a swept list of its class, or
    /// to the page heap if nothing in it survived. Returns whether the span
    /// was freed. The span's `sweepgen` must be sg-1 (being swept).
    pub(super) fn sweep_span(&mut self, id: SpanId, preserve: bool) -> bool {
        let sg = self.sweepgen;
        let clobber = self.clobberfree;
        let s = &mut self.spans[id.0 as usize];
        debug_assert_eq!(s.sweepgen, sg.wrapping_sub(1));
        let spc = s.spanclass;
        let class = spc.sizeclass();
        if class == 0 {
            let live = bit(&s.gcmark_bits, 0);
            s.gcmark_bits[0] = 0;
            s.sweepgen = sg;
            if !live {
                if clobber {
                    clobber_free(s.start, s.elemsize);
                }
                self.stats.large_free += 1;
                self.stats.large_free_bytes += s.elemsize as u64;
                self.free_span(id);
                return true;
            }
            if !preserve {
                self.central[spc.0 as usize].full_swept(sg).push(id);
            }
            return false;
        }
        let nalloc = s.count_marked();
        let nfreed = s.alloc_count - nalloc;
        if clobber && nfreed > 0 {
            for i in 0..s.nelems {
                if s.is_allocated(i) && !bit(&s.gcmark_bits, i) {
                    clobber_free(s.start + i * s.elemsize, s.elemsize);
                }
            }
        }
        self.stats.small_free[class] += nfreed as u64;
        std::mem::swap(&mut s.alloc_bits, &mut s.gcmark_bits);
        s.gcmark_bits.fill(0);
        s.freeindex = 0;
        s.alloc_count = nalloc;
        s.reset_alloc_cache();
        if nfreed > 0 {
            s.needzero = true;
        }
        s.sweepgen = sg;
        if preserve {
            return false;
        }
        if nalloc == 0 {
            self.free_span(id);
            return true;
        }
        let full = nalloc == s.nelems;
        let c = &mut self.central[spc.0 as usize];
        if full {
            c.full_swept(sg).push(id);
        } else {
            c.partial_swept(sg).push(id);
        }
        false
    }

    /// `sweepone`: sweeps one unswept span; false when none is left.
    pub(super) fn sweep_one(&mut self) -> bool {
        let sg = self.sweepgen;
        while self.sweep_cursor < NUM_SPAN_CLASSES {
            let c = &mut self.central[self.sweep_cursor];
            let Some(id) = c
                .partial_unswept(sg)
                .pop()
                .or_else(|| c.full_unswept(sg).pop())
            else {
                self.sweep_cursor += 1;
                continue;
            };
            if self.span(id).sweepgen != sg.wrapping_sub(2) {
                continue;
            }
            self.span_mut(id).sweepgen = sg.wrapping_sub(1);
            self.sweep_span(id, false);
            return true;
        }
        false
    }

    /// Starts a sweep cycle: every in-use span not cached becomes
    /// unswept. The mcache must have been flushed (inv. 8).
    pub(super) fn flip_sweepgen(&mut self) {
        debug_assert!(self.sweep_done());
        self.sweepgen = self.sweepgen.wrapping_add(2);
        self.sweep_cursor = 0;
    }
}

/// GODEBUG=clobberfree=1: fills a freed object with 0xdeadbeef words.
fn clobber_free(addr: usize, size: usize) {
    let p = addr as *mut u32;
    for k in 0..size / 4 {
        // SAFETY: [addr, addr+size) is a slot of an in-use span inside one
        // of our arenas (inv. 1, 2), freed by this sweep, so no live
        // object overlaps it; slots are 8-aligned.
        unsafe { p.add(k).write(0xdead_beef) };
    }
}
