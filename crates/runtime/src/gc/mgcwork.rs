//! The grey set: objects marked but not yet scanned (Go's `gcWork`,
//! `runtime/mgcwork.go`).
//!
//! Go keeps grey objects in per-P work buffers of a few hundred pointers,
//! exchanged through a global list so that mark workers balance their
//! load. With one marker the buffer is a stack of objects; the interface
//! (`put`, `try_get`, counting the bytes scanned) is Go's, so per-P
//! buffers and stealing slot in behind it.
//!
//! The buffer is the collector's own structure, alive only during a mark
//! phase: the objects in it are marked already, so it is not a root.

use crate::mem::Obj;

#[derive(Default)]
pub struct GcWork {
    stack: Vec<Obj>,
    /// Bytes of heap objects scanned this cycle (gctrace's heap scan).
    pub heap_scan: u64,
}

impl GcWork {
    /// Adds a marked object to be scanned.
    pub fn put(&mut self, o: Obj) {
        self.stack.push(o);
    }

    pub fn try_get(&mut self) -> Option<Obj> {
        self.stack.pop()
    }

    /// Frees the buffer's memory between cycles.
    pub fn dispose(&mut self) {
        self.stack = Vec::new();
    }
}
