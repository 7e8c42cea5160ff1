//! The runtime: interpreter, goroutine stacks, scheduler, allocator and
//! garbage collector — one crate, folders by subsystem (see ARCHITECTURE.md).
//!
//! Built so far: the interpreter (`interp`) running goroutines (`sched/`) on their own
//! stack of frames, heap allocation through the single entry point
//! `mem::mallocgc` (a simple arena until the allocator and collector issue
//! replaces it), the print built-ins (`print`) and runtime errors with
//! tracebacks (`panic`).
//!
//! Calls between folders: `interp` → `mem::mallocgc` (strings), `interp` →
//! `panic` (runtime errors, cold), `interp` → `print` (print built-ins).
//!
//! `unsafe` lives in `interp` (frame slots and code pointers) and `mem`
//! (raw heap memory); each block names the invariant it relies on.

pub mod gc;
pub mod godebug;
pub mod interp;
pub mod map;
pub mod mem;
pub mod panic;
pub mod print;
pub(crate) mod sched;

pub use interp::{RunError, run};
