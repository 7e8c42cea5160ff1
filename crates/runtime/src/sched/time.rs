//! Timers (Go's `time.go`, `runtime/time.go`): sleeping goroutines and
//! the channels of `time.After` and `time.Tick`, in one heap ordered by
//! when they fire.
//!
//! A channel timer holds its channel, a Go pointer: the collector scans
//! the timers as roots (gcroots.rs). Timers fire when the scheduler looks
//! for work (`findrunnable`); a channel timer sends the current time
//! without blocking (its channel has a buffer of one, as Go's had), and a
//! ticker re-arms itself.
//!
//! Differs from Go: one heap for the program, not one per P.

use super::chan::Hchan;
use super::proc::Wake;
use super::*;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Nanoseconds of the monotonic clock since the program started.
pub(crate) fn nanotime() -> i64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_nanos() as i64
}

/// What a timer does when it fires.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum TimerKind {
    /// Readies the sleeping goroutine (its index, and its id to tell a
    /// reused slot).
    Wake { g: usize, goid: i64 },
    /// Sends the time on a channel, again every `period` when it is > 0.
    Send { c: usize, period: i64 },
}

/// The program's timers.
#[derive(Default)]
pub(crate) struct Timers {
    heap: BinaryHeap<Reverse<(i64, u64, TimerKind)>>,
    seq: u64,
}

impl Timers {
    pub fn add(&mut self, when: i64, kind: TimerKind) {
        self.seq += 1;
        self.heap.push(Reverse((when, self.seq, kind)));
    }

    /// When the next timer fires.
    pub fn next_when(&self) -> Option<i64> {
        self.heap.peek().map(|t| t.0.0)
    }

    /// The channels timers will send on (roots of the collector).
    pub fn channels(&self) -> impl Iterator<Item = usize> + '_ {
        self.heap.iter().filter_map(|t| match t.0.2 {
            TimerKind::Send { c, .. } => Some(c),
            TimerKind::Wake { .. } => None,
        })
    }
}

/// The wall clock as a `time.Time` (wall, ext, loc): no monotonic
/// reading, seconds since year 1 in `ext`, UTC (`loc` nil).
fn time_now() -> [u64; 3] {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    const UNIX_TO_INTERNAL: i64 = (1969 * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * 86400;
    [
        d.subsec_nanos() as u64,
        (d.as_secs() as i64 + UNIX_TO_INTERNAL) as u64,
        0,
    ]
}

impl Vm {
    /// Fires the timers that are due.
    pub(super) fn run_timers(&mut self) {
        let Some(first) = self.sched.timers.next_when() else {
            return;
        };
        let now = nanotime();
        if first > now {
            return;
        }
        while let Some(&Reverse((when, _, kind))) = self.sched.timers.heap.peek() {
            if when > now {
                break;
            }
            self.sched.timers.heap.pop();
            match kind {
                TimerKind::Wake { g, goid } => {
                    let gp = &self.sched.gs[g];
                    if gp.goid == goid && gp.status == super::proc::GStatus::Waiting {
                        self.sched.ready(g, Some(Wake::Timer));
                    }
                }
                TimerKind::Send { c, period } => {
                    let mut t = time_now();
                    let ep = t.as_mut_ptr().cast::<u8>();
                    // SAFETY: a timer's channel stays live (a root) and
                    // carries 24-byte `time.Time` elements.
                    let ch = unsafe { &mut *(c as *mut Hchan) };
                    // A full buffer drops the tick, as Go's sendTime does.
                    let _ = super::chan::try_send(self, ch, ep);
                    if period > 0 {
                        self.sched.timers.add(
                            when.max(now - period) + period,
                            TimerKind::Send { c, period },
                        );
                    }
                }
            }
        }
    }
}

/// `time.Sleep(a)`.
pub(super) unsafe fn sleep(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    if let Some(stop) = sleep_slow(pc, fp, vm) {
        return stop;
    }
    next!(pc, fp, vm)
}

/// Parks the goroutine until its timer fires (None: done sleeping).
#[inline(never)]
fn sleep_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Option<Stop> {
    let _l = Vm::rt_lock(vm);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    if v.wake.take().is_some() {
        return None;
    }
    let a = inst!(pc).a;
    let d = rd!(fp, a, i64);
    if d <= 0 {
        return None;
    }
    let (g, goid) = (v.cur, v.goid());
    v.sched
        .timers
        .add(nanotime().saturating_add(d), TimerKind::Wake { g, goid });
    Some(v.gopark(pc, fp, "sleep"))
}

/// `a = time.After(b)` / `time.Tick(b)` (`c` = 1).
pub(super) unsafe fn time_after(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    gc_poll!(pc, fp, vm);
    let d = rd!(fp, i.b, i64);
    if i.c == 1 && d <= 0 {
        wr!(fp, i.a, u64, 0);
        return next!(pc, fp, vm);
    }
    let c = time_after_slow(vm, i, d);
    if c.is_null() {
        return gcroots::out_of_memory(pc, fp, vm);
    }
    wr!(fp, i.a, *mut Hchan, c);
    next!(pc, fp, vm)
}

/// The channel of `time.After(d)`/`time.Tick(d)` and its timer (null:
/// no memory).
#[inline(never)]
fn time_after_slow(vm: *mut Vm, i: &Code, d: i64) -> *mut Hchan {
    let _l = Vm::rt_lock(vm);
    let c = super::chan::new_chan(vm, i, 1, 24);
    if c.is_null() {
        return c;
    }
    // SAFETY: `vm` is live and not otherwise borrowed here.
    unsafe {
        let sched: &mut proc::Sched = &mut (*vm).sched;
        sched.timers.add(
            nanotime().saturating_add(d.max(0)),
            TimerKind::Send {
                c: c as usize,
                period: if i.c == 1 { d } else { 0 },
            },
        )
    };
    c
}

/// `a = time.Now()`.
pub(super) unsafe fn time_now_op(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let a = inst!(pc).a;
    wr!(fp, a, [u64; 3], time_now());
    next!(pc, fp, vm)
}
