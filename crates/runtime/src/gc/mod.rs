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
//!    `interp/gcroots.rs`), and the collector's own finalizer table and
//!    queue (`mfinal.rs`). A Rust container holding a Go pointer that is
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
//! 3. Mark termination: finalizers of unreached objects are queued and
//!    their objects resurrected (see Finalizers); with `gccheckmark`, mark
//!    again from the roots with a second set of bits and throw if the
//!    first mark missed an object; then flip the sweep generation
//!    (`gc_end_mark`).
//! 4. Sweep: lazily, as allocation needs spans (Go's proportional sweep
//!    without the background sweeper yet).
//! 5. Pacing: the next goal from the marked heap, GOGC and GOMEMLIMIT
//!    (`mgcpacer.rs`); the gctrace line.
//!
//! # Finalizers
//!
//! `runtime.SetFinalizer` records (object pointer → func value, argument
//! form) in [`mfinal::Finalizers`], a Rust table the collector reads
//! itself (Go keeps "specials" on the object's span). The mark treats the
//! func values as roots and each object with a finalizer as *not* a root,
//! but scans what it points to (Go's `markrootSpans`): so of two
//! unreachable objects with finalizers where one points to the other,
//! only the first is finalized in this cycle, and an object reachable
//! from itself only is never finalized, as in Go. After the mark, every
//! object of the table the mark did not reach has its finalizer moved to
//! the queue (it runs once: the entry is gone), and the object is marked
//! with everything it reaches (resurrected) before the sweep can free it;
//! queued finalizers are roots (func value and object) until the
//! finalizer goroutine (`interp/mfinal.rs`) takes them. Whether an object
//! was reached is decided for all of them before any is resurrected,
//! since tiny objects share a block and its mark bit. `gccheckmark`'s
//! second mark sees the same roots (the queue holds the resurrected
//! objects), so it agrees with the first.
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
//! - Finalizers are queued at mark termination rather than while their
//!   spans are swept (the same with the world stopped). No cleanups
//!   (`runtime.AddCleanup`) or weak pointers yet.

pub mod mfinal;
pub mod mgc;
pub mod mgcmark;
pub mod mgcpacer;
pub mod mgcwork;

pub use mgc::{Gc, GcStats};
