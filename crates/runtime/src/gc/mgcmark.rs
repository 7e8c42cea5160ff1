//! Marking: from the roots through every reachable object
//! (`runtime/mgcmark.go`). See the essay in `gc/mod.rs` (inv. 1, 2, 4).

use super::mfinal::Finalizers;
use super::mgcwork::GcWork;
use crate::mem::Heap;

/// The roots of one program instance. The implementation lives where the
/// roots are (`interp/gcroots.rs`); the collector only sees word values.
pub trait Roots {
    /// Calls `f` with every word that may hold a pointer: precise roots
    /// give their pointer words, conservative ones every word.
    fn for_each_root(&self, f: &mut dyn FnMut(usize));
    /// Bytes of stack scanned (the live part of every goroutine stack).
    fn stack_bytes(&self) -> u64;
    /// Bytes of package variables scanned.
    fn globals_bytes(&self) -> u64;
}

/// Which set of mark bits a marking uses.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MarkBits {
    /// The cycle's mark bits (what the sweeper reads).
    Mark,
    /// `gccheckmark`'s second set.
    Check,
}

/// Greys the object `v` points into, if it is an unmarked heap object.
fn shade(heap: &mut Heap, gcw: &mut GcWork, bits: MarkBits, v: usize) {
    let Some(o) = heap.find_object(v) else { return };
    let newly = match bits {
        MarkBits::Mark => heap.mark(o),
        MarkBits::Check => heap.checkmark(o),
    };
    if newly && heap.has_pointers(o) {
        gcw.put(o);
    }
}

/// Marks everything reachable from `roots` and the finalizers `fins`
/// (Go's `gcMarkRootPrepare`, `markroot` and `gcDrain`, run to
/// completion). An object with a finalizer is not a root, but what it
/// points to is (Go's `markrootSpans`): its finalizer may use it, and of
/// two unreachable objects with finalizers where one points to the
/// other, only the first is finalized this cycle.
pub fn mark(
    heap: &mut Heap,
    roots: &dyn Roots,
    fins: &Finalizers,
    gcw: &mut GcWork,
    bits: MarkBits,
) {
    roots.for_each_root(&mut |v| shade(heap, gcw, bits, v));
    fins.for_each_root(&mut |v| shade(heap, gcw, bits, v));
    let mut words = Vec::new();
    for p in fins.objects() {
        if let Some(o) = heap.find_object(p) {
            heap.scan_object(o, |v| {
                if v != 0 {
                    words.push(v)
                }
            });
        }
    }
    for &v in &words {
        shade(heap, gcw, bits, v);
    }
    drain(heap, gcw, bits);
}

/// Drains the grey set: scans each grey object's pointer words.
fn drain(heap: &mut Heap, gcw: &mut GcWork, bits: MarkBits) {
    // Pointer words of the object being scanned: read first, then shaded,
    // because scanning borrows the heap.
    let mut words = Vec::new();
    while let Some(o) = gcw.try_get() {
        gcw.heap_scan += o.size as u64;
        words.clear();
        heap.scan_object(o, |v| {
            if v != 0 {
                words.push(v)
            }
        });
        for &v in &words {
            shade(heap, gcw, bits, v);
        }
    }
}

/// After the mark: queues the finalizer of every object with one that the
/// mark did not reach, and resurrects those objects (marks them and what
/// they reach) so that they live until their finalizer has run. Returns
/// how many were queued. (Go queues them while sweeping their spans; with
/// the world stopped, doing it at mark termination is the same.)
pub fn mark_finalizable(heap: &mut Heap, fins: &mut Finalizers, gcw: &mut GcWork) -> usize {
    // Decided for every object before any is marked: tiny objects share a
    // block, whose mark bit each of them reads.
    let dead = fins.queue_unreachable(|p| heap.find_object(p).is_none_or(|o| heap.is_marked(o)));
    for &p in &dead {
        shade(heap, gcw, MarkBits::Mark, p);
    }
    drain(heap, gcw, MarkBits::Mark);
    dead.len()
}
