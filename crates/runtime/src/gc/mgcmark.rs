//! Marking: from the roots through every reachable object
//! (`runtime/mgcmark.go`). See the essay in `gc/mod.rs` (inv. 1, 2, 4).

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

/// Marks everything reachable from `roots` (Go's `gcMarkRootPrepare`,
/// `markroot` and `gcDrain`, run to completion).
pub fn mark(heap: &mut Heap, roots: &dyn Roots, gcw: &mut GcWork, bits: MarkBits) {
    roots.for_each_root(&mut |v| shade(heap, gcw, bits, v));
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
