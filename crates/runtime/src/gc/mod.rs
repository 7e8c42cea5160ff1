//! The garbage collector: a precise, non-moving, tri-colour mark-sweep
//! collector in the shape of Go's (`runtime/mgc.go`).
//!
//! # What it is
//!
//! Heap objects live in the spans of [`crate::mem`]; each object's pointer
//! words are known exactly (heap bits, malloc headers or the span's type:
//! the allocation's [`crate::mem::GcShape`]). A collection finds every
//! object reachable from the roots, then frees the rest: the allocator
//! sweeps spans lazily, reusing the slots of dead objects.
//!
//! # Invariants
//!
//! 1. The tri-colour invariant: during marking, no black object (marked
//!    and scanned) points to a white one (unmarked). With the world
//!    stopped for the whole mark this holds trivially; the hybrid write
//!    barrier keeps it once marking runs concurrently. Its places: the
//!    typed store instructions the compiler emits for pointer words
//!    (`StorePtr`, `StoreBlkPtr`, `CopyPtr`; plain stores today) and the
//!    runtime's own copies into the heap (map slots, growslice and append
//!    copies), which will call the same barrier.
//! 2. Every root is seen: the goroutine's stack, the package variables,
//!    and each runtime structure that may hold a Go pointer (panic values,
//!    deferred calls' functions and arguments, `os.Args`, …; listed in
//!    `interp/gcroots.rs`). A Rust container holding a Go pointer that is
//!    not in that list is a collector bug.
//! 3. A collection starts only at a safepoint: the first thing an
//!    allocating instruction does (`gc_poll`), before it has read any
//!    pointer into a Rust local; allocations later in the same
//!    instruction never collect, so pointers a handler holds between two
//!    of its own allocations stay valid.
//! 4. Marking tolerates any word value: a root or heap word that does not
//!    point into an allocated object of this heap is ignored
//!    (`find_object`), so stale, interior and foreign pointers are safe.
//!
//! # The cycle (STW today; Go's phases kept)
//!
//! 1. Sweep termination: finish sweeping the previous cycle's spans.
//! 2. Mark: scan the roots, greying what they reach; drain the grey set
//!    (`GcWork`), scanning each object's pointer words.
//! 3. Mark termination: with `gccheckmark`, mark again from the roots
//!    with a second set of bits and throw if the first mark missed an
//!    object; then flip the sweep generation (`gc_end_mark`).
//! 4. Sweep: lazily, as allocation needs spans (Go's proportional sweep
//!    without the background sweeper yet).
//! 5. Pacing: the next goal from the marked heap, GOGC and GOMEMLIMIT
//!    (`mgcpacer.rs`); the gctrace line.
//!
//! # Differs from Go
//!
//! - The whole mark phase stops the (single) goroutine; concurrent mark
//!   with background workers, assists and the write barrier comes with
//!   goroutines on several threads.
//! - Stack maps come from the compiler's slot discipline, not liveness: a
//!   pointer slot keeps what it points to until the slot is reused, and a
//!   map may mark a slot before its first write (the mark ignores words
//!   that do not point into allocated objects). See `interp/gcroots.rs`
//!   and `compile/src/func/stackmap.rs`; `GODEBUG=gcstackmaps=0` scans
//!   stacks word by word instead.
//! - The trigger is the heap goal itself: with a stop-the-world mark, no
//!   runway is needed for concurrent marking.
//! - Finalizers are not implemented yet.

pub mod mgc;
pub mod mgcmark;
pub mod mgcpacer;
pub mod mgcwork;

pub use mgc::{Gc, GcStats};
