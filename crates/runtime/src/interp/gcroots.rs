//! The collector's roots in the interpreter's state, and the safepoint
//! through which allocating instructions start a collection (see the
//! essay in `gc/mod.rs`, inv. 2 and 3).
//!
//! Roots:
//! 1. The goroutine stack, from its base to the end of the innermost
//!    frame (the frame of the instruction polling): every word,
//!    conservatively, until per-safepoint pointer maps exist. Frames of
//!    deferred calls and of a panic's deferred calls lie in that range.
//! 2. The package variables, precisely: the words the compiler's
//!    `Program::globals_mask` marks (from the variables' types, as gc's
//!    data/bss bitmaps).
//! 3. Runtime records holding Go values: panics in progress (their
//!    values), deferred calls (the func value and the argument bytes,
//!    nested range-over-func records included), deferred-call
//!    invocations started by a panic (its value) and `os.Args`. Maps
//!    live in the Go heap (reached through their pointers), so they are
//!    not roots.
//!
//! Read-only program data and itabs never point into the heap.

use super::{Code, DeferRec, Invoke, Stop, Vm, iface::PanicRec};
use crate::gc::mgc::Throw;
use crate::gc::mgcmark::Roots;

struct VmRoots<'a> {
    stack: &'a [u64],
    globals: &'a [u64],
    /// A bit per word of `globals`: set when it may hold a pointer.
    globals_mask: &'a [u64],
    panics: &'a [PanicRec],
    defers: &'a [DeferRec],
    invokes: &'a [Invoke],
    os_args: Option<usize>,
}

fn defer_words(d: &DeferRec, f: &mut dyn FnMut(usize)) {
    f(d.clo as usize);
    for w in d.args.chunks_exact(8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        f(u64::from_le_bytes(b) as usize);
    }
    for p in d.pending.iter().flatten() {
        defer_words(p, f);
    }
}

impl Roots for VmRoots<'_> {
    fn for_each_root(&self, f: &mut dyn FnMut(usize)) {
        for &w in self.stack {
            f(w as usize);
        }
        for (i, &w) in self.globals.iter().enumerate() {
            if abi::shape::mask_bit(self.globals_mask, i as u32) {
                f(w as usize);
            }
        }
        for p in self.panics {
            f(p.value[1] as usize);
            for inv in &p.invokes {
                if let Some(v) = inv.panic {
                    f(v[1] as usize);
                }
            }
        }
        for d in self.defers {
            defer_words(d, f);
        }
        for inv in self.invokes {
            if let Some(v) = inv.panic {
                f(v[1] as usize);
            }
        }
        if let Some(p) = self.os_args {
            f(p);
        }
    }

    fn stack_bytes(&self) -> u64 {
        (self.stack.len() * 8) as u64
    }

    fn globals_bytes(&self) -> u64 {
        (self.globals.len() * 8) as u64
    }
}

impl Vm {
    /// A whole collection at the safepoint of the instruction at `pc` in
    /// the frame at `fp` (the innermost frame).
    pub(super) fn collect(
        &mut self,
        pc: *const Code,
        fp: *mut u8,
        forced: bool,
    ) -> Result<(), Throw> {
        let base = self.stack.as_ptr() as usize;
        let frame = self
            .locate(pc)
            .map_or(0, |(fi, _)| self.funcs[fi].frame_size as usize);
        let top = (fp as usize + frame).clamp(base, base + self.stack.len() * 8);
        let roots = VmRoots {
            stack: &self.stack[..(top - base) / 8],
            globals: &self.globals,
            globals_mask: &self.prog.globals_mask,
            panics: &self.panics,
            defers: &self.defers,
            invokes: &self.invokes,
            os_args: self.os_args.as_ref().map(|s| s.ptr as usize),
        };
        self.gc.collect(&mut self.heap, &roots, forced)
    }
}

/// The slow path of `gc_poll!`: collects when the pacer (or `gcstress`)
/// says so. `Some(stop)` when the collector threw.
#[cold]
#[inline(never)]
pub(super) fn gc_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Option<Stop> {
    // SAFETY: `vm` is the live machine; handlers pass it unaliased.
    let vm = unsafe { &mut *vm };
    if !vm.gc.due(vm.heap.heap_live()) {
        return None;
    }
    match vm.collect(pc, fp, false) {
        Ok(()) => None,
        Err(Throw(msg)) => Some(vm.fatal(pc, fp, msg)),
    }
}

/// An allocation the OS refused: Go's fatal error.
#[cold]
#[inline(never)]
pub(super) fn out_of_memory(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: as in `gc_slow`.
    let vm = unsafe { &mut *vm };
    vm.fatal(pc, fp, "fatal error: runtime: out of memory".into())
}
