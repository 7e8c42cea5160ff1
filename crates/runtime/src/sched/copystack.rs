//! Moving a goroutine's stack (Go's `copystack`, `newstack`,
//! `shrinkstack` in `stack.go`); the design is in `sched/stack.rs`.
//!
//! What points into a stack, and is adjusted by the distance moved:
//! 1. words of the stack itself: frame headers' caller frame pointers and
//!    frame slots holding frame addresses (`FrameAddr` results, pointer
//!    receivers passed down). Every word of the old stack whose value lies
//!    inside the old stack is adjusted (conservatively: the compiler keeps
//!    no integer in a frame that could equal a stack address but those
//!    addresses, since no Go value may hold one — escape analysis is not
//!    built, so nothing a program can see lives in a frame);
//! 2. the goroutine's runtime records: deferred calls (`fp`, and argument
//!    words inside the stack), panics (`fp`, `defer_fp`, the deferring
//!    frame), deferred-call invocations (`nfp`, `fp`);
//! 3. for a goroutine that is not running: its continuation's frame and
//!    its sudogs' element pointers.
//!
//! Heap objects never point into stacks (the compiler's cells for
//! address-taken variables live in the heap), so the heap is not scanned.

use super::*;
use crate::sched::stack::{MAX_STACK, Stack, round_size};

/// The parts of a goroutine's state that a move adjusts (the running
/// goroutine's live in the machine, the others' in their `G`).
pub(super) struct GStack<'a> {
    pub stack: &'a mut Stack,
    pub stack_end: &'a mut *mut u8,
    pub defers: &'a mut Vec<DeferRec>,
    pub panics: &'a mut Vec<iface::PanicRec>,
    pub invokes: &'a mut Vec<Invoke>,
    pub waiting: &'a [*mut chan::Sudog],
    /// The continuation of a goroutine that is not running.
    pub resume: Option<&'a mut (*const Code, *mut u8)>,
}

/// Moves `g`'s stack, whose frames end at `top`, to a new stack of
/// `bytes` (at least `top - base`), adjusting every pointer into it;
/// returns the distance moved, or None when no stack could be had.
pub(super) fn copystack(
    pool: &mut crate::sched::stack::StackPool,
    g: GStack<'_>,
    top: usize,
    bytes: usize,
) -> Option<isize> {
    let old_lo = g.stack.as_ptr() as usize;
    let old_hi = old_lo + g.stack.bytes();
    let used = top.clamp(old_lo, old_hi) - old_lo;
    let mut new = pool.alloc(bytes)?;
    let delta = (new.as_ptr() as isize).wrapping_sub(old_lo as isize);
    let inside = |w: usize| (old_lo..old_hi).contains(&w);
    let adjust = |w: &mut usize| {
        if inside(*w) {
            *w = w.wrapping_add_signed(delta);
        }
    };
    let words = used / 8;
    for (dst, &src) in new[..words].iter_mut().zip(&g.stack[..words]) {
        let mut w = src as usize;
        adjust(&mut w);
        *dst = w as u64;
    }
    let adjust_ptr = |p: &mut *mut u8| {
        let mut w = *p as usize;
        adjust(&mut w);
        *p = w as *mut u8;
    };
    for d in g.defers.iter_mut() {
        adjust_defer(d, &adjust_ptr, &inside, delta);
    }
    for p in g.panics.iter_mut() {
        adjust_ptr(&mut p.fp);
        adjust_ptr(&mut p.defer_fp);
        adjust_ptr(&mut p.deferring.1);
        for i in p.invokes.iter_mut() {
            adjust_ptr(&mut i.nfp);
            adjust_ptr(&mut i.fp);
        }
    }
    for i in g.invokes.iter_mut() {
        adjust_ptr(&mut i.nfp);
        adjust_ptr(&mut i.fp);
    }
    for &s in g.waiting {
        // SAFETY: a waiting goroutine's sudogs are live.
        unsafe { chan::adjust_sudog(s, &adjust_ptr) };
    }
    if let Some(r) = g.resume {
        adjust_ptr(&mut r.1);
    }
    let old = std::mem::replace(g.stack, new);
    // SAFETY: one past the end of the new stack's words.
    *g.stack_end = unsafe { g.stack.as_mut_ptr().add(g.stack.len()).cast::<u8>() };
    pool.free(old);
    Some(delta)
}

fn adjust_defer(
    d: &mut DeferRec,
    adjust_ptr: &dyn Fn(&mut *mut u8),
    inside: &dyn Fn(usize) -> bool,
    delta: isize,
) {
    adjust_ptr(&mut d.fp);
    for w in d.args.chunks_exact_mut(8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        let v = u64::from_le_bytes(b) as usize;
        if inside(v) {
            w.copy_from_slice(&(v.wrapping_add_signed(delta) as u64).to_le_bytes());
        }
    }
    for p in d.pending.iter_mut().flatten() {
        adjust_defer(p, adjust_ptr, inside, delta);
    }
}

impl Vm {
    /// The running goroutine's state, for a move.
    fn cur_gstack(&mut self) -> (GStack<'_>, &mut crate::sched::stack::StackPool) {
        (
            GStack {
                stack: &mut self.stack,
                stack_end: &mut self.stack_end,
                defers: &mut self.defers,
                panics: &mut self.panics,
                invokes: &mut self.invokes,
                waiting: &self.waiting,
                resume: None,
            },
            &mut self.sched.stacks,
        )
    }

    /// `newstack`: grows the running goroutine's stack so that bytes up to
    /// `need` (an address at or past its end) fit, its frames ending at
    /// `top`; returns the distance it moved, or None when it would pass
    /// the limit (a stack overflow) or moves are off.
    pub(super) fn morestack(&mut self, need: usize, top: usize) -> Option<isize> {
        if self.nomove {
            return None;
        }
        let base = self.stack.as_ptr() as usize;
        let want = round_size(need.checked_sub(base)?.checked_add(1)?);
        let bytes = want.max(self.stack.bytes() * 2);
        if bytes > MAX_STACK {
            return None;
        }
        // The stack pool is the runtime's.
        self.lock();
        let (g, pool) = self.cur_gstack();
        let r = copystack(pool, g, top, bytes);
        self.unlock();
        r
    }

    /// At a collection (`shrinkstack`, or every stack with
    /// `GODEBUG=stackmove=1`): moves the stacks of the goroutines that are
    /// not running and use less than a quarter of theirs to one half the
    /// size, and the running goroutine's when `stackmove` asks (its handler
    /// then resumes at the returned frame pointer). Returns the running
    /// goroutine's distance moved.
    pub(super) fn shrink_stacks(&mut self, pc: *const Code, fp: *mut u8) -> isize {
        if self.nomove {
            return 0;
        }
        let force = self.gc.debug.stackmove > 0;
        let mut cur_delta = 0;
        for k in 0..self.sched.gs.len() {
            let (status, resume) = {
                let g = &self.sched.gs[k];
                (g.status, g.resume)
            };
            if status == proc::GStatus::Dead {
                continue;
            }
            let running = k == self.cur;
            let (pc, fp) = if running { (pc, fp) } else { resume };
            let frame = self
                .locate(pc)
                .map_or(0, |(fi, _)| self.funcs[fi].frame_size as usize);
            let top = fp as usize + frame;
            let (base, size) = if running {
                (self.stack.as_ptr() as usize, self.stack.bytes())
            } else {
                let g = &self.sched.gs[k];
                (g.stack.as_ptr() as usize, g.stack.bytes())
            };
            if size == 0 || top < base || top > base + size {
                continue;
            }
            let used = top - base;
            let bytes = if !running && size > crate::sched::stack::MIN_STACK && used < size / 4 {
                size / 2
            } else if force {
                size
            } else {
                continue;
            };
            let bytes = bytes.max(round_size(used));
            if running {
                let (g, pool) = self.cur_gstack();
                if let Some(d) = copystack(pool, g, top, bytes) {
                    cur_delta = d;
                }
            } else {
                let sched = &mut *self.sched;
                let pool = &mut sched.stacks;
                let gp = &mut sched.gs[k];
                let g = GStack {
                    stack: &mut gp.stack,
                    stack_end: &mut gp.stack_end,
                    defers: &mut gp.defers,
                    panics: &mut gp.panics,
                    invokes: &mut gp.invokes,
                    waiting: &gp.waiting,
                    resume: Some(&mut gp.resume),
                };
                copystack(pool, g, top, bytes);
            }
        }
        cur_delta
    }
}
