//! The collector's roots in the interpreter's state, and the safepoint
//! through which allocating instructions start a collection (see the
//! essay in `gc/mod.rs`, inv. 2 and 3).
//!
//! Roots:
//! 1. The goroutine stack, frame by frame through the compiler's stack
//!    maps (`abi::StackMaps`): from the innermost frame (the instruction
//!    polling) out through each caller's call instruction, and from a
//!    deferred call's frame to the frame that runs it (`Vm::invokes`), as
//!    tracebacks walk. A frame contributes the words its map marks at its
//!    instruction — below the call area for a caller, whose callee's
//!    frame describes the rest — and its header's context word. A frame
//!    without maps (code the compiler did not describe) is scanned whole;
//!    a walk that meets anything unexpected (an unknown pc, a frame
//!    outside the stack, a native return without its invocation) falls
//!    back to scanning every word from the stack's base to the end of the
//!    innermost frame, conservatively, which is always safe (as does
//!    `GODEBUG=gcstackmaps=0`).
//! 2. The package variables, precisely: the words the compiler's
//!    `Program::globals_mask` marks (from the variables' types, as gc's
//!    data/bss bitmaps).
//! 3. Runtime records holding Go values: panics in progress (their
//!    values), deferred calls (the func value and the argument bytes,
//!    nested range-over-func records included), deferred-call
//!    invocations started by a panic (its value) and `os.Args`. Maps
//!    live in the Go heap (reached through their pointers), so they are
//!    not roots.
//! 4. Finalizers (`gc/mfinal.rs`): the collector scans its own table
//!    and queue (func values, queued objects, and what objects with a
//!    finalizer point to, not the objects themselves).
//!
//! Read-only program data and itabs never point into the heap.

use super::{Code, DeferRec, Invoke, Stop, Vm, iface::PanicRec};
use crate::gc::mgc::Throw;
use crate::gc::mgcmark::Roots;

/// The words of one frame to scan: `words` words from stack word
/// `start`, a frame of function `fi` at its instruction `idx`: those its
/// stack map marks there (every word when it has none), plus the context
/// word of the header.
struct FrameScan {
    start: usize,
    words: usize,
    fi: usize,
    idx: u32,
}

/// One goroutine's stack to scan.
struct StackScan<'a> {
    /// The live part of the stack.
    stack: &'a [u64],
    /// Its frames, or None to scan `stack` conservatively.
    frames: Option<Vec<FrameScan>>,
    defers: &'a [DeferRec],
    panics: &'a [PanicRec],
    invokes: &'a [Invoke],
}

struct VmRoots<'a> {
    /// Every live goroutine's stack and records.
    stacks: Vec<StackScan<'a>>,
    /// Channels that waiting goroutines and timers hold.
    chans: Vec<usize>,
    /// For the frames' stack maps.
    prog: &'a abi::Program,
    globals: &'a [u64],
    /// A bit per word of `globals`: set when it may hold a pointer.
    globals_mask: &'a [u64],
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
        for st in &self.stacks {
            st.for_each_root(self.prog, f);
        }
        for (i, &w) in self.globals.iter().enumerate() {
            if abi::shape::mask_bit(self.globals_mask, i as u32) {
                f(w as usize);
            }
        }
        for &c in &self.chans {
            f(c);
        }
        if let Some(p) = self.os_args {
            f(p);
        }
    }

    fn stack_bytes(&self) -> u64 {
        self.stacks.iter().map(|s| s.stack.len() as u64 * 8).sum()
    }

    fn globals_bytes(&self) -> u64 {
        (self.globals.len() * 8) as u64
    }
}

impl StackScan<'_> {
    fn for_each_root(&self, prog: &abi::Program, f: &mut dyn FnMut(usize)) {
        match &self.frames {
            None => {
                for &w in self.stack {
                    f(w as usize);
                }
            }
            Some(frames) => {
                const CONTEXT: usize = abi::FRAME_CONTEXT as usize / 8;
                for fr in frames {
                    let words = self.stack.get(fr.start..fr.start + fr.words).unwrap_or(&[]);
                    let map = prog.funcs[fr.fi].stack_maps.as_ref();
                    for (i, &w) in words.iter().enumerate() {
                        let ptr = match map.map(|m| m.at(fr.idx)) {
                            None => true,
                            Some(m) => i == CONTEXT || abi::shape::mask_bit(m, i as u32),
                        };
                        if ptr {
                            f(w as usize);
                        }
                    }
                }
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
    }
}

impl Vm {
    /// A whole collection at the safepoint of the instruction at `pc` in
    /// the frame at `fp` (the innermost frame of the running goroutine).
    pub(super) fn collect(
        &mut self,
        pc: *const Code,
        fp: *mut u8,
        forced: bool,
    ) -> Result<(), Throw> {
        let mut stacks = vec![self.scan_stack(
            &self.stack,
            (pc, fp),
            &self.defers,
            &self.panics,
            &self.invokes,
        )];
        let mut chans: Vec<usize> = self.sched.timers.channels().collect();
        for s in &self.waiting {
            // SAFETY: a waiting goroutine's sudogs are live.
            chans.push(unsafe { (**s).c } as usize);
        }
        for (k, g) in self.sched.gs.iter().enumerate() {
            if k == self.cur || g.status == super::proc::GStatus::Dead {
                continue;
            }
            stacks.push(self.scan_stack(&g.stack, g.resume, &g.defers, &g.panics, &g.invokes));
            for s in &g.waiting {
                // SAFETY: as above.
                chans.push(unsafe { (**s).c } as usize);
            }
        }
        let roots = VmRoots {
            stacks,
            chans,
            prog: &self.prog,
            globals: &self.globals,
            globals_mask: &self.prog.globals_mask,
            os_args: self.os_args.as_ref().map(|s| s.ptr as usize),
        };
        let r = self.gc.collect(&mut self.heap, &roots, forced);
        // Finalizers queued: the finalizer goroutine runs them.
        self.wake_fing();
        // Free goroutine stacks give their pages back, as Go frees stack
        // spans at a collection.
        self.sched.stacks.release();
        r
    }
}

impl Vm {
    /// What to scan of a goroutine whose stack is `stack`, stopped at
    /// `(pc, fp)` with the given records.
    fn scan_stack<'a>(
        &self,
        stack: &'a [u64],
        (pc, fp): (*const Code, *mut u8),
        defers: &'a [DeferRec],
        panics: &'a [PanicRec],
        invokes: &'a [Invoke],
    ) -> StackScan<'a> {
        let top = self.stack_top(stack, pc, fp);
        let base = stack.as_ptr() as usize;
        let frames = if self.gc.debug.gcstackmaps == 0 {
            None
        } else {
            self.stack_frames(stack, invokes, pc, fp, top)
        };
        StackScan {
            stack: &stack[..(top - base) / 8],
            frames,
            defers,
            panics,
            invokes,
        }
    }

    /// One past the innermost frame, the instruction at `pc` running in
    /// the frame at `fp` (clamped to the stack).
    fn stack_top(&self, stack: &[u64], pc: *const Code, fp: *mut u8) -> usize {
        let base = stack.as_ptr() as usize;
        let frame = self
            .locate(pc)
            .map_or(0, |(fi, _)| self.funcs[fi].frame_size as usize);
        (fp as usize + frame).clamp(base, base + stack.len() * 8)
    }

    /// The frames of the stack from the innermost one, at `(pc, fp)`, out
    /// to the entry function's, below `top`; None when the walk meets
    /// something it does not expect (see the module doc).
    fn stack_frames(
        &self,
        stack: &[u64],
        invokes: &[Invoke],
        mut pc: *const Code,
        mut fp: *mut u8,
        top: usize,
    ) -> Option<Vec<FrameScan>> {
        let base = stack.as_ptr() as usize;
        let mut frames = Vec::new();
        // The innermost frame and frames running deferred calls are
        // scanned whole; a caller, at its call, up to the callee's area
        // (the call's `b`).
        let mut caller = false;
        loop {
            let (fi, idx) = self.locate(pc)?;
            let f = &self.funcs[fi];
            let at = fp as usize;
            let bytes = if caller {
                f.code.get(idx as usize)?.b.min(f.frame_size)
            } else {
                f.frame_size
            };
            // A caller's frame may reach past its callee's small one: only
            // the part scanned (up to the call area) must lie below `top`.
            if at < base || !at.is_multiple_of(8) || at + bytes as usize > top {
                return None;
            }
            frames.push(FrameScan {
                start: (at - base) / 8,
                words: bytes as usize / 8,
                fi,
                idx,
            });
            if fi == self.prog.entry as usize {
                return Some(frames);
            }
            // SAFETY: `fp` is a live frame inside the stack (checked); its
            // header holds the return pc and the caller's fp.
            let rpc = unsafe { *fp.cast::<*const Code>() };
            if std::ptr::eq(rpc, &super::proc::GOEXIT) {
                // A goroutine's entry function.
                return Some(frames);
            }
            if std::ptr::eq(rpc, &super::NATIVE_RETURN)
                || std::ptr::eq(rpc, &super::iface::PANIC_RETURN)
            {
                let inv = invokes.iter().rev().find(|i| i.nfp == fp)?;
                (pc, fp, caller) = (inv.pc, inv.fp, false);
                continue;
            }
            // SAFETY: as above.
            let cfp = unsafe { *fp.add(8).cast::<*mut u8>() };
            // The call instruction (or the `RunDefers` running a deferred
            // call, whose `b` is the frame size: the whole frame is scanned).
            (pc, caller) = (self.caller_pc(rpc, fp, cfp), true);
            fp = cfp;
        }
    }

    /// `clobberdead`: overwrites the frame words that hold no value by
    /// the stack maps, in every frame the walk finds (frames without maps
    /// and the frame headers are left alone).
    fn clobber_dead(&mut self, pc: *const Code, fp: *mut u8) {
        const HEADER: usize = abi::FRAME_HEADER as usize / 8;
        let top = self.stack_top(&self.stack, pc, fp);
        let Some(frames) = self.stack_frames(&self.stack, &self.invokes, pc, fp, top) else {
            return;
        };
        for fr in frames {
            let Some(maps) = &self.prog.funcs[fr.fi].stack_maps else {
                continue;
            };
            let live = maps.live_at(fr.idx);
            for w in HEADER..fr.words {
                if !abi::shape::mask_bit(live, w as u32)
                    && let Some(slot) = self.stack.get_mut(fr.start + w)
                {
                    *slot = 0xdead_dead_dead_dead;
                }
            }
        }
    }
}

/// The slow path of `gc_poll!`: collects when the pacer (or `gcstress`)
/// says so. `Some(stop)` when the collector threw.
#[cold]
#[inline(never)]
pub(super) fn gc_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Option<Stop> {
    // SAFETY: `vm` is the live machine; handlers pass it unaliased.
    let vm = unsafe { &mut *vm };
    if std::mem::take(&mut vm.skip_poll) {
        // The instruction runs again after its collection moved the stack.
        return None;
    }
    if vm.gc.debug.clobberdead > 0 {
        vm.clobber_dead(pc, fp);
    }
    let (due, n0) = {
        let _l = Vm::heap_lock(vm);
        (vm.gc.due(vm.heap.heap_live()), vm.gc.stats.numgc)
    };
    if !due {
        return None;
    }
    // The collection runs with the world stopped; when another machine
    // is stopping it, this goroutine yields (its machine stops) and runs
    // the instruction again afterwards.
    if !vm.stop_the_world() {
        return Some(vm.goyield(pc, fp));
    }
    // Another machine may have collected while this one waited.
    if vm.gc.stats.numgc != n0 {
        vm.start_the_world();
        return None;
    }
    let r = vm.collect(pc, fp, false);
    // Stacks shrink at a collection; when the running goroutine's moved,
    // the instruction starts again on the moved frame (nothing was done
    // yet: the poll comes first), without polling again.
    let delta = if r.is_ok() {
        vm.shrink_stacks(pc, fp)
    } else {
        0
    };
    vm.start_the_world();
    if let Err(Throw(msg)) = r {
        return Some(vm.fatal(pc, fp, msg));
    }
    if delta == 0 {
        return None;
    }
    vm.skip_poll = true;
    vm.resume = (pc, fp.wrapping_offset(delta));
    Some(Stop::Sched)
}

/// An allocation the OS refused: Go's fatal error.
#[cold]
#[inline(never)]
pub(super) fn out_of_memory(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: as in `gc_slow`.
    let vm = unsafe { &mut *vm };
    vm.fatal(pc, fp, "fatal error: runtime: out of memory".into())
}
