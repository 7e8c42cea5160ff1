//! Goroutines and the scheduler (Go's `proc.go`, `runtime2.go`).
//!
//! # Design
//!
//! A goroutine (G) is a stack of frames and a continuation `(pc, fp)`: the
//! interpreter keeps no goroutine state on the native stack (handlers
//! tail-call each other, deferred calls and the panic loop are bytecode
//! continuations), so switching goroutines is returning from the handler
//! chain with [`Stop::Sched`] and calling the next goroutine's handler.
//!
//! The running goroutine's state lives in the machine ([`Vm`]'s `stack`,
//! `stack_end`, `defers`, `panics`, `invokes`, `wake`, `waiting`), where
//! the handlers reach it in one load; a goroutine that is not running
//! keeps it in its [`G`]. `switch_to` swaps the two.
//!
//! # Invariants
//!
//! 1. A goroutine gives up the thread only at an instruction boundary:
//!    a handler that parks (`gopark`) or yields stores the continuation in
//!    `Vm::resume` and returns `Stop::Sched`; nothing of the goroutine is
//!    left in Rust locals.
//! 2. A parked goroutine resumes by re-executing the instruction that
//!    parked it, with `Vm::wake` saying how the wait ended; a handler that
//!    can park checks `wake` first.
//! 3. Every G that is not dead is in exactly one of: running (`Vm::cur`),
//!    the run queue or `runnext`, waiting (on channel wait queues, timers,
//!    or forever).
//! 4. The collector scans every live goroutine's stack (gcroots.rs).
//!
//! # Scheduling
//!
//! One OS thread runs every goroutine (GOMAXPROCS is reported as set, but
//! the goroutines of one program run on one M with one P for now). Go's
//! order is kept where programs can see it: a goroutine made ready (by a
//! channel operation or `go`) runs next (`runnext`), before the rest of
//! the FIFO run queue; `Gosched` puts the caller at the tail. Timers fire
//! when the scheduler looks for work; with nothing runnable the thread
//! sleeps until the earliest timer, and with no timer either the program
//! is deadlocked (`fatal error: all goroutines are asleep - deadlock!`).
//!
//! The runtime's own goroutines are marked `G::system` (Go's
//! `isSystemGoroutine`): today only the finalizer goroutine
//! (`interp/mfinal.rs`). They are not counted by `NumGoroutine` (`live`
//! counts user goroutines) and not printed in deadlock and crash dumps;
//! one that is parked is as blocked as any other, so it does not keep a
//! deadlock from being reported.
//!
//! Differs from Go: no parallelism, no preemption of a goroutine that never
//! reaches a scheduling point yet, goroutine ids count from 1 without the
//! runtime's own goroutines but the finalizer goroutine (Go's first user
//! goroutine is rarely 2).

use super::*;
use crate::sched::stack::{Stack, StackPool};

/// A goroutine's status (Go's `_Grunnable`…).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum GStatus {
    #[doc(alias = "_Grunnable")]
    Runnable,
    #[doc(alias = "_Grunning")]
    Running,
    #[doc(alias = "_Gwaiting")]
    Waiting,
    #[doc(alias = "_Gdead")]
    Dead,
}

/// How a wait ended, for the instruction that parked (inv. 2).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Wake {
    /// A channel operation completed (`success`: false when the channel
    /// was closed under it).
    Chan { success: bool },
    /// A `select` case completed.
    Select { case: usize, success: bool },
    /// A sleep ended.
    Timer,
}

/// A goroutine.
pub(crate) struct G {
    pub goid: i64,
    pub status: GStatus,
    /// Why it waits (Go's `waitReason` strings, printed in dumps).
    pub wait_reason: &'static str,
    /// Where it continues (not running).
    pub resume: (*const Code, *mut u8),
    /// Its state while not running (swapped with the machine's).
    pub stack: Stack,
    pub stack_end: *mut u8,
    pub defers: Vec<DeferRec>,
    pub panics: Vec<iface::PanicRec>,
    pub invokes: Vec<Invoke>,
    pub wake: Option<Wake>,
    pub waiting: Vec<*mut super::chan::Sudog>,
    /// Set when one of its `select` cases fired (the others are void).
    pub select_done: bool,
    /// The `go` statement that made it, and its maker's id.
    pub gopc: *const Code,
    pub parent: i64,
    /// A runtime goroutine (the finalizer goroutine): not counted by
    /// `NumGoroutine`, left out of deadlock and crash dumps (Go's
    /// `isSystemGoroutine`).
    pub system: bool,
}

impl G {
    fn new(goid: i64) -> G {
        G {
            goid,
            status: GStatus::Dead,
            wait_reason: "",
            resume: (std::ptr::null(), std::ptr::null_mut()),
            stack: Stack::EMPTY,
            stack_end: std::ptr::null_mut(),
            defers: Vec::new(),
            panics: Vec::new(),
            invokes: Vec::new(),
            wake: None,
            waiting: Vec::new(),
            select_done: false,
            gopc: std::ptr::null(),
            parent: 0,
            system: false,
        }
    }
}

/// The scheduler's state (one P's worth).
#[derive(Default)]
pub(crate) struct Sched {
    /// Every goroutine ever made; dead ones are reused.
    pub gs: Vec<G>,
    /// Dead goroutines' indices.
    gfree: Vec<usize>,
    /// The running goroutine's index.
    pub cur: usize,
    runnext: Option<usize>,
    runq: std::collections::VecDeque<usize>,
    /// User goroutines that are not dead (system ones are not counted).
    pub live: usize,
    next_goid: i64,
    pub stacks: StackPool,
    /// Sleeping goroutines and channel timers.
    pub timers: super::time::Timers,
    /// The main goroutine called `Goexit`.
    pub main_exited: bool,
    /// For `select`'s random order.
    rand: u64,
    /// The finalizer goroutine, once made (Go's `fing`), and whether it
    /// is parked waiting for finalizers (`interp/mfinal.rs`).
    pub fing: Option<usize>,
    pub fing_waiting: bool,
    /// Its func value (a closure object: `runtime.runFinalizers`' id).
    pub fing_fn: Option<Box<u64>>,
}

/// Where a goroutine's entry function returns to: the goroutine ends.
pub(super) static GOEXIT: Code = Code {
    h: goexit_h,
    a: 0,
    b: 0,
    c: 0,
    d: 0,
};

unsafe fn goexit_h(_pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live.
    unsafe { (*vm).resume = (&GOEXIT, fp) };
    Stop::Halt
}

impl Sched {
    /// A random number (xorshift), for `select`.
    pub fn fastrand(&mut self) -> u64 {
        if self.rand == 0 {
            self.rand = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0x9e37_79b9, |d| d.as_nanos() as u64)
                | 1;
        }
        let mut x = self.rand;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rand = x;
        x
    }

    /// The goroutine in `runnext`.
    pub fn runnext_g(&self) -> Option<usize> {
        self.runnext
    }

    /// Makes goroutine `g` runnable, to run next (Go's `ready` with
    /// `next`); a goroutine already in `runnext` goes to the queue's tail.
    pub fn ready(&mut self, g: usize, wake: Option<Wake>) {
        let gp = &mut self.gs[g];
        gp.status = GStatus::Runnable;
        gp.wake = wake;
        if let Some(old) = self.runnext.replace(g) {
            self.runq.push_back(old);
        }
    }
}

impl Vm {
    /// Makes the main goroutine (id 1) running on `stack`.
    pub(super) fn init_main_g(&mut self) {
        let s = &mut self.sched;
        s.next_goid = 1;
        let mut g = G::new(1);
        g.status = GStatus::Running;
        s.gs.push(g);
        s.cur = 0;
        s.live = 1;
    }

    /// The running goroutine's id.
    pub(super) fn goid(&self) -> i64 {
        self.sched.gs[self.sched.cur].goid
    }

    /// Swaps the running goroutine's state between the machine and its G.
    fn swap_g(&mut self, g: usize) {
        let gp = &mut self.sched.gs[g];
        std::mem::swap(&mut self.stack, &mut gp.stack);
        std::mem::swap(&mut self.stack_end, &mut gp.stack_end);
        std::mem::swap(&mut self.defers, &mut gp.defers);
        std::mem::swap(&mut self.panics, &mut gp.panics);
        std::mem::swap(&mut self.invokes, &mut gp.invokes);
        std::mem::swap(&mut self.wake, &mut gp.wake);
        std::mem::swap(&mut self.waiting, &mut gp.waiting);
    }

    /// `newproc`: a goroutine calling the func value `clo` with `args`
    /// (the callee's parameter bytes), made by the `go` at `pc`; it runs
    /// next. Err: the stop of the panic or fatal error raised instead.
    pub(super) fn newproc(
        &mut self,
        pc: *const Code,
        fp: *mut u8,
        clo: *const u64,
        args: &[u8],
    ) -> Result<(), Stop> {
        let vm: *mut Vm = self;
        if clo.is_null() {
            // Go: "go of nil func value".
            return Err(fatal_stop(vm, pc, fp, "fatal error: go of nil func value"));
        }
        // SAFETY: a non-nil func value points to a closure object (invariant 7).
        let id = unsafe { *clo } as usize;
        let (Some(f), Some(info)) = (self.funcs.get(id), self.prog.funcs.get(id)) else {
            return Err(raise(
                pc,
                fp,
                vm,
                "internal error: bad func value".into(),
                None,
            ));
        };
        if info.params_size as usize != args.len() {
            return Err(raise(
                pc,
                fp,
                vm,
                "internal error: go arguments".into(),
                None,
            ));
        }
        let (npc, size) = (f.code.as_ptr(), f.frame_size as usize);
        let bytes = crate::sched::stack::round_size(size);
        if bytes > crate::sched::stack::MAX_STACK {
            return Err(stack_overflow(pc, fp, vm));
        }
        let Some(mut stack) = self.sched.stacks.alloc(bytes) else {
            return Err(gcroots::out_of_memory(pc, fp, vm));
        };
        let nfp = stack.as_mut_ptr().cast::<u8>();
        // SAFETY: the frame fits the new stack (checked) at its 8-aligned
        // base; the arguments fill the callee's parameter area.
        let stack_end = unsafe {
            *nfp.cast::<*const Code>() = &GOEXIT;
            *nfp.add(8).cast::<*mut u8>() = nfp;
            *nfp.add(abi::FRAME_CONTEXT as usize).cast::<*const u64>() = clo;
            std::ptr::copy_nonoverlapping(
                args.as_ptr(),
                nfp.add(FRAME_HEADER as usize),
                args.len(),
            );
            nfp.add(stack.len() * 8)
        };
        let s = &mut self.sched;
        s.next_goid += 1;
        let parent = s.gs[s.cur].goid;
        let g = match s.gfree.pop() {
            Some(g) => {
                s.gs[g].goid = s.next_goid;
                g
            }
            None => {
                s.gs.push(G::new(s.next_goid));
                s.gs.len() - 1
            }
        };
        let gp = &mut s.gs[g];
        gp.stack = stack;
        gp.stack_end = stack_end;
        gp.resume = (npc, nfp);
        gp.gopc = pc;
        gp.parent = parent;
        gp.select_done = false;
        gp.system = false;
        s.live += 1;
        s.ready(g, None);
        Ok(())
    }

    /// The running goroutine ended (its entry function returned, or
    /// `Goexit` ran its deferred calls).
    fn gdestroy(&mut self) {
        let cur = self.sched.cur;
        let stack = std::mem::replace(&mut self.stack, Stack::EMPTY);
        self.sched.stacks.free(stack);
        self.stack_end = std::ptr::null_mut();
        self.defers.clear();
        self.panics.clear();
        self.invokes.clear();
        self.wake = None;
        let gp = &mut self.sched.gs[cur];
        gp.status = GStatus::Dead;
        if gp.system {
            // The finalizer goroutine called Goexit: the next
            // SetFinalizer makes another.
            if self.sched.fing == Some(cur) {
                self.sched.fing = None;
                self.sched.fing_waiting = false;
            }
        } else {
            self.sched.live -= 1;
        }
        if cur != 0 {
            self.sched.gfree.push(cur);
        }
    }

    /// Parks the running goroutine at the instruction `pc` (re-executed
    /// when it is readied: inv. 2) for `reason`.
    pub(super) fn gopark(&mut self, pc: *const Code, fp: *mut u8, reason: &'static str) -> Stop {
        self.resume = (pc, fp);
        let gp = &mut self.sched.gs[self.sched.cur];
        gp.status = GStatus::Waiting;
        gp.wait_reason = reason;
        Stop::Sched
    }

    /// Puts the running goroutine at the run queue's tail, to continue at
    /// `pc` (`Gosched`).
    pub(super) fn goyield(&mut self, pc: *const Code, fp: *mut u8) -> Stop {
        self.resume = (pc, fp);
        self.sched.gs[self.sched.cur].status = GStatus::Runnable;
        Stop::Sched
    }

    /// The next goroutine to run: `runnext`, then the run queue; timers
    /// fire meanwhile, and with nothing to run the thread sleeps until the
    /// earliest one. None: every goroutine is blocked for good.
    fn findrunnable(&mut self) -> Option<usize> {
        loop {
            self.run_timers();
            let s = &mut self.sched;
            if let Some(g) = s.runnext.take().or_else(|| s.runq.pop_front()) {
                return Some(g);
            }
            let when = self.sched.timers.next_when()?;
            let now = super::time::nanotime();
            if when > now {
                std::thread::sleep(std::time::Duration::from_nanos((when - now) as u64));
            }
        }
    }

    /// Runs the program's goroutines from the main goroutine's first
    /// instruction until the program ends: the main goroutine returns, a
    /// goroutine's panic is not recovered, a fatal error, or `os.Exit`.
    pub(super) fn schedule_loop(&mut self, mut pc: *const Code, mut fp: *mut u8) -> Stop {
        let vm: *mut Vm = self;
        loop {
            // SAFETY: `(pc, fp)` is the running goroutine's continuation:
            // a linked instruction of the function whose frame is at
            // `fp` on its stack, whose frames are live.
            let stop = unsafe { iface::dispatch(pc, fp, vm, None) };
            let cur = self.sched.cur;
            match stop {
                Stop::Sched if self.sched.gs[cur].status == GStatus::Running => {
                    (pc, fp) = self.resume;
                    continue;
                }
                Stop::Sched => {
                    let g = &mut self.sched.gs[cur];
                    if g.status == GStatus::Runnable {
                        self.sched.runq.push_back(cur);
                    }
                    self.sched.gs[cur].resume = self.resume;
                }
                Stop::Halt if cur == 0 && !self.goexiting() => return Stop::Halt,
                Stop::Halt => {
                    if cur == 0 {
                        self.sched.main_exited = true;
                    }
                    self.gdestroy();
                }
                // An unrecovered panic (in any goroutine), os.Exit, a fatal error.
                _ => return stop,
            }
            // Switch.
            self.swap_g(cur);
            let Some(next) = self.findrunnable() else {
                return self.deadlock();
            };
            self.sched.cur = next;
            self.swap_g(next);
            let gp = &mut self.sched.gs[next];
            gp.status = GStatus::Running;
            (pc, fp) = gp.resume;
        }
    }

    /// Whether the running goroutine is running `Goexit`'s deferred calls.
    fn goexiting(&self) -> bool {
        self.panics.last().is_some_and(|p| p.goexit)
    }

    /// Every goroutine is blocked: Go's deadlock fatal error with every
    /// goroutine's traceback.
    fn deadlock(&mut self) -> Stop {
        let msg = if self.sched.main_exited {
            "fatal error: no goroutines (main called runtime.Goexit) - deadlock!"
        } else {
            "fatal error: all goroutines are asleep - deadlock!"
        };
        self.fault = Some(Fault {
            pc: std::ptr::null(),
            fp: std::ptr::null_mut(),
            invokes: Vec::new(),
            msg: msg.into(),
        });
        Stop::Fatal
    }

    /// The traceback blocks (`goroutine N [reason]:` …) of the goroutines
    /// that are not dead, but for the running one when `skip_running`.
    pub(super) fn goroutines_text(&self, skip_running: bool) -> Vec<String> {
        let mut out = Vec::new();
        for (k, g) in self.sched.gs.iter().enumerate() {
            if (skip_running && k == self.sched.cur) || g.status == GStatus::Dead || g.system {
                continue;
            }
            let state = match g.status {
                GStatus::Waiting => g.wait_reason,
                _ => "runnable",
            };
            out.push(self.goroutine_text(state, g));
        }
        out
    }

    /// A goroutine's traceback block (it is not running): `goroutine N
    /// [state]:`, its frames from its continuation, and `created by` for
    /// goroutines but the main one.
    pub(super) fn goroutine_text(&self, state: &str, g: &G) -> String {
        let (pc, fp) = g.resume;
        let frames = self.traceback(pc, fp, &g.invokes);
        let mut s = crate::panic::frames_text(g.goid, state, &frames);
        s.push_str(&self.created_by(g));
        s
    }

    /// `created by F in goroutine N` and the `go` statement's position.
    pub(super) fn created_by(&self, g: &G) -> String {
        if g.system {
            // Go hides who made the runtime's goroutines.
            return String::new();
        }
        let Some((fi, idx)) = self.locate(g.gopc) else {
            return String::new();
        };
        let info = &self.prog.funcs[fi];
        format!(
            "created by {} in goroutine {}\n\t{}:{} +{:#x}\n",
            info.name,
            g.parent,
            info.file,
            info.line_at(idx),
            idx
        )
    }
}

/// A fatal error at `(pc, fp)` as a stop.
fn fatal_stop(vm: *mut Vm, pc: *const Code, fp: *mut u8, msg: &str) -> Stop {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    unsafe { (*vm).fatal(pc, fp, msg.into()) }
}

// ---------------------------------------------------------------------------
// Handlers

/// `go f(args)`.
pub(super) unsafe fn go_op(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    if let Err(stop) = go_slow(pc, fp, vm) {
        return stop;
    }
    next!(pc, fp, vm)
}

#[inline(never)]
fn go_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Result<(), Stop> {
    let i = inst!(pc);
    let clo = rd!(fp, i.a, *const u64);
    // SAFETY: `c` bytes at `b` are verified frame bytes.
    let args = unsafe { std::slice::from_raw_parts(slot::<u8>(fp, i.b), i.c as usize) };
    // SAFETY: `vm` is live and not otherwise borrowed here.
    unsafe { (*vm).newproc(pc, fp, clo, args) }
}

/// `runtime.Gosched()`.
pub(super) unsafe fn gosched_op(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live; the goroutine continues after this instruction.
    unsafe { (*vm).goyield(pc.add(1), fp) }
}

/// `runtime.Goexit()`: a panic-like unwinding that nothing recovers
/// (Go's `goexit` flag); when its last deferred call returns, the
/// goroutine ends.
pub(super) unsafe fn goexit_op(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    iface::push_goexit(pc, fp, vm)
}

/// `a = runtime.NumGoroutine()`.
pub(super) unsafe fn num_goroutine(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live.
    let n = unsafe { (*vm).sched.live } as i64;
    let a = inst!(pc).a;
    wr!(fp, a, i64, n);
    next!(pc, fp, vm)
}

/// `a = runtime.NumCPU()`: the CPUs in the process's affinity mask (Go's
/// `getproccount`, read once at start there; rgo reads it each call).
pub(super) unsafe fn num_cpu(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let a = inst!(pc).a;
    wr!(fp, a, i64, cpu_count());
    next!(pc, fp, vm)
}

/// The CPUs this process may run on: its affinity mask's bits, or the
/// available parallelism when the mask cannot be read.
#[inline(never)]
fn cpu_count() -> i64 {
    // SAFETY: `set` is a plain bit set that `sched_getaffinity` fills.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) == 0 {
            let n = libc::CPU_COUNT(&set);
            if n > 0 {
                return n as i64;
            }
        }
    }
    std::thread::available_parallelism().map_or(1, |n| n.get() as i64)
}

/// `a = runtime.GOMAXPROCS(b)`: the previous setting; `b > 0` sets it.
pub(super) unsafe fn gomaxprocs(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let n = rd!(fp, i.b, i64);
    // SAFETY: `vm` is live.
    let old = unsafe { (*vm).gc.gomaxprocs } as i64;
    if n > 0 {
        // SAFETY: `vm` is live.
        unsafe { (*vm).gc.gomaxprocs = n.min(1 << 20) as u32 };
    }
    wr!(fp, i.a, i64, old);
    next!(pc, fp, vm)
}

/// A back edge found a preemption request: the goroutine yields, to
/// continue at `pc` (the branch target), after the timers that are due
/// and the goroutines that are ready.
#[cold]
#[inline(never)]
pub(super) fn preempt(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    PREEMPT.store(false, std::sync::atomic::Ordering::Relaxed);
    v.goyield(pc, fp)
}

/// The preemption request: set by sysmon every 10 ms, cleared by the
/// goroutine that honours it at a back edge. One flag for the process,
/// read by every machine's back edges with a single compare (a per-machine
/// flag behind the machine pointer cost 10% on tight loops): a machine
/// that yields because another's monitor ticked loses nothing but the
/// yield, since a request is only a hint.
pub(crate) static PREEMPT: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// The system monitor (Go's `sysmon`), reduced to its preemption tick: a
/// thread that asks the running goroutine to yield every 10 ms, so that a
/// goroutine in a loop without calls cannot keep the others (or the
/// timers) from running.
pub(super) struct Sysmon {
    stop: std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sysmon {
    /// Starts the monitor (it is joined when dropped).
    pub(super) fn start() -> Sysmon {
        let stop = std::sync::Arc::new((std::sync::Mutex::new(false), std::sync::Condvar::new()));
        let s = stop.clone();
        let thread = std::thread::Builder::new()
            .name("sysmon".into())
            .spawn(move || {
                let (lock, cv) = &*s;
                let mut stopped = lock.lock().unwrap_or_else(|e| e.into_inner());
                while !*stopped {
                    let r = cv.wait_timeout(stopped, std::time::Duration::from_millis(10));
                    let (g, _) = r.unwrap_or_else(|e| e.into_inner());
                    stopped = g;
                    PREEMPT.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            })
            .ok();
        Sysmon { stop, thread }
    }
}

impl Drop for Sysmon {
    fn drop(&mut self) {
        let (lock, cv) = &*self.stop;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cv.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
