//! The scheduler's folder (Go's `proc.go`, `stack.go`, `chan.go`,
//! `select.go`, `time.go`).
//!
//! `stack.rs` (goroutine stacks) stands alone; `proc.rs` (goroutines and
//! the scheduler), `chan.rs` (channels and select) and `time.rs` (timers)
//! are submodules of `interp` (declared there with `#[path]`), because
//! their handlers work on the interpreter's frames and machine state
//! through its private macros and fields.

pub(crate) mod stack;
