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
//! The running goroutine's state lives in its machine ([`Vm`]'s `stack`,
//! `stack_end`, `defers`, `panics`, `invokes`, `wake`, `waiting`), where
//! the handlers reach it in one load; a goroutine that is not running
//! keeps it in its [`G`]. `swap_g` swaps the two.
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
//! 3. Every G that is not dead is in exactly one of: running (some
//!    machine's `Vm::cur`), the run queue or `runnext`, waiting (on
//!    channel wait queues, timers, or forever).
//! 4. The collector scans every live goroutine's stack (gcroots.rs).
//!
//! # Scheduling
//!
//! GOMAXPROCS machines (OS threads, each an M with its P: see [`World`])
//! run goroutines in parallel, taking them from one run queue. Go's order
//! is kept where programs can see it: a goroutine made ready (by a
//! channel operation or `go`) runs next (`runnext`), before the rest of
//! the FIFO run queue; `Gosched` puts the caller at the tail. Timers fire
//! when a machine looks for work; with nothing runnable a machine parks
//! until the earliest timer (or until work comes), and with every machine
//! parked and no timer the program is deadlocked (`fatal error: all
//! goroutines are asleep - deadlock!`). At GOMAXPROCS=1 one machine runs
//! everything, in exactly the order described.
//!
//! The runtime's own goroutines are marked `G::system` (Go's
//! `isSystemGoroutine`): today only the finalizer goroutine
//! (`interp/mfinal.rs`). They are not counted by `NumGoroutine` (`live`
//! counts user goroutines) and not printed in deadlock and crash dumps;
//! one that is parked is as blocked as any other, so it does not keep a
//! deadlock from being reported.
//!
//! Differs from Go: a goroutine is preempted at loop back edges and
//! allocations only (a long call chain without loops is not), goroutine
//! ids count from 1 without the runtime's own goroutines but the
//! finalizer goroutine (Go's first user goroutine is rarely 2), and the
//! machines share one run queue and one lock (see [`World`]).

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

/// The scheduler's state (under the runtime lock).
#[derive(Default)]
pub(crate) struct Sched {
    /// Every goroutine ever made; dead ones are reused.
    pub gs: Vec<G>,
    /// Dead goroutines' indices.
    gfree: Vec<usize>,
    /// Each machine's `runnext` (Go's `p.runnext`): the goroutine it made
    /// ready last, which it runs next; other machines take it only when
    /// nothing else is runnable, so a hand-off chain stays on one machine.
    runnext: Vec<Option<usize>>,
    /// The machine holding the runtime lock (whose `runnext` `ready`
    /// fills).
    pub lock_mid: usize,
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

    /// The goroutine in the lock holder's `runnext`.
    pub fn runnext_g(&self) -> Option<usize> {
        self.runnext.get(self.lock_mid).copied().flatten()
    }

    /// Makes goroutine `g` runnable, to run next on the machine holding
    /// the lock (Go's `ready` with `next`); a goroutine already in its
    /// `runnext` goes to the queue's tail.
    pub fn ready(&mut self, g: usize, wake: Option<Wake>) {
        let gp = &mut self.gs[g];
        gp.status = GStatus::Runnable;
        gp.wake = wake;
        let m = self.lock_mid;
        if self.runnext.len() <= m {
            self.runnext.resize(m + 1, None);
        }
        if let Some(old) = self.runnext[m].replace(g) {
            self.runq.push_back(old);
        }
    }

    /// The next goroutine for machine `mid`: its `runnext`, the run
    /// queue, then another machine's `runnext` (Go's stealing, which
    /// takes a `runnext` last).
    fn take_runnable(&mut self, mid: usize) -> Option<usize> {
        if let Some(g) = self.runnext.get_mut(mid).and_then(Option::take) {
            return Some(g);
        }
        if let Some(g) = self.runq.pop_front() {
            return Some(g);
        }
        self.runnext.iter_mut().find_map(Option::take)
    }

    /// Whether goroutines wait in the run queue, which idle machines
    /// should take (a `runnext` waits for its own machine).
    fn queued(&self) -> bool {
        !self.runq.is_empty()
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
        self.cur = 0;
        s.live = 1;
    }

    /// The running goroutine's id.
    pub(super) fn goid(&self) -> i64 {
        self.sched.gs[self.cur].goid
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
        let cur = self.cur;
        let s = &mut *self.sched;
        s.next_goid += 1;
        let parent = s.gs[cur].goid;
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
        let cur = self.cur;
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
        let gp = &mut self.sched.gs[self.cur];
        gp.status = GStatus::Waiting;
        gp.wait_reason = reason;
        // The lock stays held until the scheduler has saved the goroutine
        // (inv. 5): the handler's guard releases one level, the scheduler
        // the other.
        self.lock();
        Stop::Sched
    }

    /// Puts the running goroutine at the run queue's tail, to continue at
    /// `pc` (`Gosched`).
    pub(super) fn goyield(&mut self, pc: *const Code, fp: *mut u8) -> Stop {
        self.resume = (pc, fp);
        self.yielded = true;
        Stop::Sched
    }

    /// With the runtime lock held: the next goroutine to run (`runnext`,
    /// then the run queue; timers fire meanwhile). With nothing to run the
    /// machine parks until work comes or the earliest timer is due; it
    /// also parks while the world is stopped.
    fn findrunnable(&mut self) -> Next {
        loop {
            let multi = self.world.multi.load(Ordering::Acquire);
            if multi && self.world.stopping.load(Ordering::Acquire) {
                if let Some(next) = self.park_stopped() {
                    return next;
                }
                continue;
            }
            // The lock may have been given up and taken again meanwhile.
            self.sched.lock_mid = self.mid;
            self.run_timers();
            let nprocs = self.gc.gomaxprocs.max(1) as usize;
            if self.mid < nprocs
                && let Some(g) = self.sched.take_runnable(self.mid)
            {
                return Next::G(g);
            }
            let when = self.sched.timers.next_when();
            if !multi {
                // The only machine: sleep until the earliest timer.
                let Some(when) = when else {
                    return Next::Deadlock;
                };
                let now = super::time::nanotime();
                if when > now {
                    std::thread::sleep(std::time::Duration::from_nanos((when - now) as u64));
                }
                continue;
            }
            if !self.park_idle(when) {
                return Next::Deadlock;
            }
        }
    }

    /// Runs the program's goroutines on this machine, from `start` (the
    /// main goroutine's first instruction on machine 0) or from the first
    /// goroutine it finds, until the program ends: the main goroutine
    /// returns, a goroutine's panic is not recovered, a fatal error, a
    /// deadlock, or `os.Exit`. `Some(stop)`: this machine ends the program
    /// (every other one has stopped) and reports it; None: another one does.
    pub(super) fn schedule_loop(&mut self, start: Option<(*const Code, *mut u8)>) -> Option<Stop> {
        let vm: *mut Vm = self;
        let (mut pc, mut fp) = match start {
            Some(c) => c,
            None => {
                self.lock();
                match self.schedule() {
                    Ok(c) => c,
                    Err(r) => return r,
                }
            }
        };
        loop {
            // SAFETY: `(pc, fp)` is the running goroutine's continuation:
            // a linked instruction of the function whose frame is at
            // `fp` on its stack, whose frames are live.
            let stop = unsafe { iface::dispatch(pc, fp, vm, None) };
            let cur = self.cur;
            match stop {
                // The running goroutine goes on (its stack moved): its
                // status is its own machine's to change.
                Stop::Sched if !self.yielded && self.lock_depth == 0 => {
                    (pc, fp) = self.resume;
                    continue;
                }
                Stop::Sched => {
                    // `gopark` returned holding the lock (inv. 5).
                    if self.lock_depth == 0 {
                        self.lock();
                    }
                    if std::mem::take(&mut self.yielded) {
                        self.sched.gs[cur].status = GStatus::Runnable;
                        self.sched.runq.push_back(cur);
                    }
                    self.sched.gs[cur].resume = self.resume;
                }
                Stop::Halt if cur == 0 && !self.goexiting() => return self.end_program(Stop::Halt),
                Stop::Halt => {
                    self.lock();
                    if cur == 0 {
                        self.sched.main_exited = true;
                    }
                    self.gdestroy();
                }
                // An unrecovered panic (in any goroutine), os.Exit, a fatal error.
                _ => return self.end_program(stop),
            }
            // Switch.
            self.swap_g(cur);
            match self.schedule() {
                Ok(c) => (pc, fp) = c,
                Err(r) => return r,
            }
        }
    }

    /// With the runtime lock held: switches to the next goroutine and
    /// releases the lock. Err: the program ends (as `schedule_loop`).
    fn schedule(&mut self) -> Result<(*const Code, *mut u8), Option<Stop>> {
        match self.findrunnable() {
            Next::G(g) => {
                self.cur = g;
                self.swap_g(g);
                let gp = &mut self.sched.gs[g];
                gp.status = GStatus::Running;
                let c = gp.resume;
                self.unlock();
                Ok(c)
            }
            Next::Exit => Err(None),
            Next::Deadlock => {
                self.unlock();
                let stop = self.deadlock();
                Err(self.end_program(stop))
            }
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
            user: false,
        });
        Stop::Fatal
    }

    /// The traceback blocks (`goroutine N [reason]:` …) of the goroutines
    /// that are not dead, but for the running one when `skip_running`.
    pub(super) fn goroutines_text(&self, skip_running: bool) -> Vec<String> {
        let mut out = Vec::new();
        for (k, g) in self.sched.gs.iter().enumerate() {
            if (skip_running && k == self.cur) || g.status == GStatus::Dead || g.system {
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

/// What `findrunnable` found.
enum Next {
    G(usize),
    /// The program is ending on another machine.
    Exit,
    Deadlock,
}

/// The machines of a program and how they coordinate: the runtime lock,
/// stopping the world, idle machines.
///
/// # Design
///
/// A machine (Go's M with its P: rgo does not separate them yet) is an OS
/// thread running goroutines with a [`Vm`] of its own over the program's
/// [`Shared`] state. Machine 0 is the thread that called `run`; others
/// start when goroutines are runnable, up to `GOMAXPROCS`.
///
/// Interpreted code runs in parallel; everything of the runtime's
/// (scheduler, channels, timers, the heap, itab caches, map writes)
/// changes under one *runtime lock*, which the interpreter takes in the
/// slow paths of the instructions that reach the runtime. While only one
/// machine exists (`multi` false) the lock is elided: machine 0 owns all.
///
/// The lock is `parking_lot`'s raw mutex (it spins briefly before it
/// parks: machines contend for it at every channel operation). Waiting
/// for work or for a stopped world to restart is on condition variables
/// under a std mutex (`st`): a machine records that it parks under `st`
/// before it releases the lock, so no wake-up is lost.
///
/// # Invariants
///
/// 1. `Vm::lock_depth > 0` on the machine that holds the lock (or on the
///    only machine); the lock is released when it returns to 0.
/// 2. `running` counts machines that are not parked (idle, stopped for a
///    stop of the world, or gone at exit).
/// 3. While `stw` is set, only the machine that set it runs, holding the
///    lock; every other goroutine is in a run queue or waiting, its state
///    in its `G` (machines stop at safepoints by yielding, then park in
///    `findrunnable`).
/// 4. Once `exiting` is set, no goroutine starts to run again; the machine
///    that set it reports the program's end after every other machine
///    parked, then publishes the exit status.
/// 5. A goroutine that parks keeps the lock until its machine has saved
///    its state into its `G`, so that no other machine runs it before.
///
/// Differs from Go: one lock instead of per-channel locks, `sched.lock`
/// and per-P mcaches; one run queue (with one `runnext`) instead of per-P
/// queues and work stealing; machines stop at back edges and allocations,
/// not at function entry or by signals.
#[derive(Default)]
pub(crate) struct World {
    /// More than one machine has started: the lock is taken.
    pub multi: AtomicBool,
    /// A stop of the world or the program's end is pending.
    pub stopping: AtomicBool,
    /// Machines started (machine 0 included) and idle ones, for `wakep`.
    mcount: AtomicUsize,
    nidle: AtomicUsize,
    /// The runtime lock.
    lock: RtMutex,
    st: std::sync::Mutex<WorldState>,
    /// One condition variable per kind of wait (`Cv`), so that a machine
    /// parking does not wake idle ones.
    cvs: [std::sync::Condvar; 2],
    threads: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>>,
    /// The program's shared state, for machines that start.
    shared: std::sync::atomic::AtomicPtr<Shared>,
}

#[derive(Default)]
struct WorldState {
    /// Machines not parked (inv. 2).
    running: usize,
    /// Threads waiting on each of `cvs`.
    waiters: [usize; 2],
    stw: bool,
    exiting: bool,
    /// The program's exit status, once reported.
    status: Option<Result<i32, String>>,
}

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// `parking_lot`'s raw mutex, with a `Default`.
struct RtMutex(parking_lot::RawMutex);

impl Default for RtMutex {
    fn default() -> RtMutex {
        RtMutex(<parking_lot::RawMutex as parking_lot::lock_api::RawMutex>::INIT)
    }
}

/// What a thread waits for.
#[derive(Clone, Copy)]
enum Cv {
    /// Work (an idle machine), or the program's end.
    Idle = 0,
    /// Anything else: machines to park (a stop of the world, the end),
    /// the world to restart, the exit status.
    Other = 1,
}

/// A locked `WorldState`.
type StGuard<'a> = std::sync::MutexGuard<'a, WorldState>;

impl World {
    fn st(&self) -> StGuard<'_> {
        self.st.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits on `cv` (with a timeout: None for none).
    fn wait<'a>(
        &self,
        mut st: StGuard<'a>,
        cv: Cv,
        timeout: Option<std::time::Duration>,
    ) -> StGuard<'a> {
        let k = cv as usize;
        st.waiters[k] += 1;
        let mut st = match timeout {
            None => self.cvs[k].wait(st).unwrap_or_else(|e| e.into_inner()),
            Some(d) => {
                self.cvs[k]
                    .wait_timeout(st, d)
                    .unwrap_or_else(|e| e.into_inner())
                    .0
            }
        };
        st.waiters[k] -= 1;
        st
    }

    /// Wakes every thread waiting on `cv`.
    fn notify(&self, st: &StGuard<'_>, cv: Cv) {
        if st.waiters[cv as usize] > 0 {
            self.cvs[cv as usize].notify_all();
        }
    }

    /// A machine stopped running: wakes whoever waits for that.
    fn notify_parked(&self, st: &StGuard<'_>) {
        self.notify(st, Cv::Other);
    }

    /// Takes the runtime lock.
    fn acquire(&self) {
        parking_lot::lock_api::RawMutex::lock(&self.lock.0);
    }

    /// Releases the runtime lock.
    fn release(&self) {
        // SAFETY: the caller's machine holds the lock (`Vm::locked`).
        unsafe { parking_lot::lock_api::RawMutex::unlock(&self.lock.0) };
    }

    /// Publishes the program's exit status (inv. 4).
    pub(super) fn finish(&self, status: Result<i32, String>) {
        let mut st = self.st();
        st.status = Some(status);
        self.notify(&st, Cv::Other);
    }

    /// Waits for the exit status that another machine reports.
    pub(super) fn wait_status(&self) -> Result<i32, String> {
        let mut st = self.st();
        loop {
            if let Some(s) = st.status.clone() {
                return s;
            }
            st = self.wait(st, Cv::Other, None);
        }
    }

    /// Joins every machine thread (they have left their loops).
    pub(super) fn join_all(&self) {
        loop {
            let t = self.threads.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let Some(t) = t else { break };
            let _ = t.join();
        }
    }

    /// Records the shared state machines start over, and machine 0.
    pub(super) fn init(&self, sh: *mut Shared) {
        self.shared.store(sh, Ordering::Release);
        self.mcount.store(1, Ordering::Relaxed);
        self.st().running = 1;
    }
}

/// A pointer that may cross to a machine thread.
struct SendPtr(*mut Shared);
// SAFETY: the shared state is built for machines on several threads: its
// changing parts are only changed under the runtime lock (`Sh`, rule 2),
// and `run` joins every machine before dropping it.
unsafe impl Send for SendPtr {}

impl Vm {
    /// Takes the runtime lock (or one more level of it).
    #[inline]
    pub(super) fn lock(&mut self) {
        if self.lock_depth == 0 {
            if self.world.multi.load(Ordering::Acquire) {
                self.world.acquire();
                self.locked = true;
            }
            self.sched.lock_mid = self.mid;
        }
        self.lock_depth += 1;
    }

    /// Releases one level of the runtime lock; at the last, first wakes a
    /// machine (or starts one) for goroutines that wait to run.
    #[inline]
    pub(super) fn unlock(&mut self) {
        if self.lock_depth == 1 {
            self.wakep();
        }
        self.lock_depth -= 1;
        if self.lock_depth == 0 && self.locked {
            self.locked = false;
            self.world.release();
        }
    }

    /// A guard releasing one level of the lock when dropped (never held
    /// across a handler's tail call).
    pub(super) fn rt_lock(vm: *mut Vm) -> RtGuard {
        // SAFETY: `vm` is the live machine.
        unsafe { (*vm).lock() };
        RtGuard(vm)
    }

    /// The runtime lock for the heap and map writes: taken only once
    /// several machines run (`rt_lock` otherwise also counts the level,
    /// which these hot paths skip).
    #[inline(always)]
    pub(super) fn heap_lock(vm: *mut Vm) -> Option<RtGuard> {
        // SAFETY: `vm` is the live machine.
        // SAFETY: `vm` is the live machine.
        let world: &World = unsafe { &(*vm).world };
        if world.multi.load(Ordering::Relaxed) {
            Some(Vm::rt_lock(vm))
        } else {
            None
        }
    }

    /// With the lock held: when goroutines wait to run and fewer machines
    /// run than `GOMAXPROCS` allows, wakes an idle machine or starts one
    /// (Go's `wakep`).
    fn wakep(&mut self) {
        let nprocs = self.gc.gomaxprocs as usize;
        if nprocs <= 1 || !self.sched.queued() {
            return;
        }
        let w = &*self.world;
        if w.nidle.load(Ordering::Relaxed) > 0 {
            let st = w.st();
            if st.waiters[Cv::Idle as usize] > 0 {
                self.world.cvs[Cv::Idle as usize].notify_one();
            }
            return;
        }
        let mcount = w.mcount.load(Ordering::Relaxed);
        if mcount >= nprocs {
            return;
        }
        if !w.multi.load(Ordering::Relaxed) {
            // From now on the lock is taken: this machine holds it.
            w.acquire();
            self.locked = true;
            w.multi.store(true, Ordering::Release);
        }
        let sh = SendPtr(w.shared.load(Ordering::Acquire));
        let mid = mcount;
        w.st().running += 1;
        w.mcount.store(mcount + 1, Ordering::Relaxed);
        let t = std::thread::Builder::new()
            .name(format!("rgo-m{mid}"))
            .stack_size(16 << 20)
            .spawn(move || {
                let sh = sh;
                mstart(sh.0, mid)
            });
        match t {
            Ok(t) => self
                .world
                .threads
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(t),
            Err(_) => {
                // No thread: the machines there are run everything.
                w.st().running -= 1;
                w.mcount.store(usize::MAX, Ordering::Relaxed);
            }
        }
    }

    /// In `findrunnable`, with the lock held, while a stop of the world or
    /// the program's end is pending: parks until the world restarts
    /// (None: look for work again, the lock held) or leaves for the end
    /// (the lock released).
    fn park_stopped(&mut self) -> Option<Next> {
        // A collection may run meanwhile: its spans go back (mem inv. 8).
        self.heap.release_cache();
        let w = &*self.world;
        let mut st = w.st();
        st.running -= 1;
        w.release();
        w.notify_parked(&st);
        while st.stw && !st.exiting {
            st = w.wait(st, Cv::Other, None);
        }
        if st.exiting {
            self.locked = false;
            self.lock_depth = 0;
            return Some(Next::Exit);
        }
        st.running += 1;
        drop(st);
        w.acquire();
        None
    }

    /// In `findrunnable`, with the lock held and nothing to run: parks
    /// until work may have come or the timer due at `when` (the lock held
    /// again). False: every machine is idle with no timer — a deadlock.
    fn park_idle(&mut self, when: Option<i64>) -> bool {
        self.heap.release_cache();
        let w = &*self.world;
        let mut st = w.st();
        if st.stw || st.exiting {
            // Set since `findrunnable` looked: it parks for that instead
            // (the end wakes only machines already waiting).
            return true;
        }
        if st.running == 1 && when.is_none() {
            return false;
        }
        st.running -= 1;
        w.nidle.fetch_add(1, Ordering::Relaxed);
        w.release();
        w.notify_parked(&st);
        let timeout = when
            .map(|t| std::time::Duration::from_nanos((t - super::time::nanotime()).max(0) as u64));
        st = w.wait(st, Cv::Idle, timeout);
        w.nidle.fetch_sub(1, Ordering::Relaxed);
        st.running += 1;
        drop(st);
        w.acquire();
        true
    }

    /// Stops every other machine at a safepoint and takes the lock (inv.
    /// 3). False when another machine is stopping the world or the
    /// program is ending: the caller yields instead (and so stops).
    pub(super) fn stop_the_world(&mut self) -> bool {
        debug_assert_eq!(self.lock_depth, 0);
        let w = &*self.world;
        if !w.multi.load(Ordering::Acquire) {
            self.lock_depth += 1;
            return true;
        }
        let mut st = w.st();
        if st.stw || st.exiting {
            return false;
        }
        st.stw = true;
        w.stopping.store(true, Ordering::Release);
        while st.running > 1 {
            PREEMPT.store(true, Ordering::Relaxed);
            st = w.wait(st, Cv::Other, Some(std::time::Duration::from_millis(1)));
            if st.exiting {
                st.stw = false;
                w.notify(&st, Cv::Other);
                return false;
            }
        }
        drop(st);
        // Every other machine is parked (or, woken by its timer since,
        // holds no goroutine and waits for this lock).
        w.acquire();
        self.locked = true;
        self.lock_depth += 1;
        self.sched.lock_mid = self.mid;
        true
    }

    /// Restarts the world `stop_the_world` stopped.
    pub(super) fn start_the_world(&mut self) {
        let w = &*self.world;
        self.lock_depth -= 1;
        if !self.locked {
            return;
        }
        self.locked = false;
        let mut st = w.st();
        st.stw = false;
        if !st.exiting {
            w.stopping.store(false, Ordering::Release);
        }
        w.notify_parked(&st);
        drop(st);
        w.release();
        // Goroutines the collection readied (the finalizer goroutine).
        self.lock();
        self.unlock();
    }

    /// This machine ends the program with `stop`: stops every other
    /// machine (inv. 4). None when another machine is already ending it.
    fn end_program(&mut self, stop: Stop) -> Option<Stop> {
        if !self.world.multi.load(Ordering::Acquire) {
            return Some(stop);
        }
        // Release the lock if a terminal stop left it held.
        if self.lock_depth > 0 {
            self.lock_depth = 1;
            self.unlock();
        }
        let w = &*self.world;
        let mut st = w.st();
        if st.exiting {
            st.running -= 1;
            w.notify_parked(&st);
            return None;
        }
        st.exiting = true;
        w.stopping.store(true, Ordering::Release);
        w.notify(&st, Cv::Idle);
        w.notify(&st, Cv::Other);
        while st.running > 1 {
            PREEMPT.store(true, Ordering::Relaxed);
            st = w.wait(st, Cv::Other, Some(std::time::Duration::from_millis(1)));
        }
        Some(stop)
    }
}

/// Releases a level of the runtime lock.
pub(super) struct RtGuard(*mut Vm);

impl Drop for RtGuard {
    fn drop(&mut self) {
        // SAFETY: the guard's machine is live (guards live in handlers).
        unsafe { (*self.0).unlock() };
    }
}

/// A machine thread: runs goroutines until the program ends; reports the
/// end when it is the machine that ends it.
fn mstart(sh: *mut Shared, mid: usize) {
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: `sh` is the program's shared state, which outlives every
        // machine (`run` joins them first).
        let mut vm = Vm::new_m(unsafe { &mut *sh }, mid);
        if let Some(stop) = vm.schedule_loop(None) {
            let status = vm.report(stop).map_err(|e| e.0);
            vm.world.finish(status);
        }
    }));
    if r.is_err() {
        // A bug in the runtime: end the program rather than hang it.
        // SAFETY: as above.
        let w = unsafe { &(*sh).world };
        let mut st = w.st();
        st.exiting = true;
        st.running = st.running.saturating_sub(1);
        st.status
            .get_or_insert(Err("internal error: a machine thread panicked".into()));
        w.stopping.store(true, Ordering::Release);
        w.notify(&st, Cv::Idle);
        w.notify_parked(&st);
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
    let _l = Vm::rt_lock(vm);
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
    let n = unsafe {
        let _l = Vm::rt_lock(vm);
        let sched: &Sched = &(*vm).sched;
        sched.live
    } as i64;
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
    let old = set_gomaxprocs(vm, n);
    wr!(fp, i.a, i64, old);
    next!(pc, fp, vm)
}

/// The GOMAXPROCS setting, changed to `n` when `n > 0` (machines past
/// the new count stop taking goroutines when they next schedule).
#[inline(never)]
fn set_gomaxprocs(vm: *mut Vm, n: i64) -> i64 {
    let _l = Vm::rt_lock(vm);
    // SAFETY: `vm` is live; the lock is held.
    let gc = unsafe { &mut (*vm).gc };
    let old = gc.gomaxprocs as i64;
    if n > 0 {
        gc.gomaxprocs = n.min(1 << 20) as u32;
    }
    old
}

/// A back edge found a preemption request: the goroutine yields, to
/// continue at `pc` (the branch target), after the timers that are due
/// and the goroutines that are ready.
#[cold]
#[inline(never)]
pub(super) fn preempt(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    // A pending stop of the world keeps the request up for every machine.
    if !v.world.stopping.load(Ordering::Acquire) {
        PREEMPT.store(false, Ordering::Relaxed);
    }
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
