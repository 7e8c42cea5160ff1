//! The interpreter: tail-call-threaded handlers over frame memory.
//!
//! # Design
//!
//! A compiled function's instructions are *linked* into [`Code`] records
//! holding the handler function pointer and the three operands. Every
//! handler has the same signature `(pc, fp, vm) -> Stop` — the current
//! instruction, the frame pointer and the machine — does its work on frame
//! slots, and ends by calling the next instruction's handler in tail
//! position, so each instruction site owns its own indirect branch (the
//! dispatch design measured fastest; see "Performance" in the design notes).
//! LLVM turns those calls into jumps because the signatures match, no
//! handler keeps a value with `Drop` across the call and the crate is
//! built optimised in every profile; `tests::long_loop` would overflow the
//! native stack if that were ever lost. Slow paths (runtime errors, stack
//! overflow) are cold out-of-line functions returning a [`Stop`].
//!
//! Calls push nothing on the native stack either: `Call` writes the return
//! pc and the caller's fp into the callee's frame header (see
//! `abi::func`) and jumps to the callee's first instruction; `Ret` reads
//! them back. A goroutine is therefore just its stack and a (pc, fp) pair.
//!
//! # Invariants (what the `unsafe` relies on)
//!
//! 1. Linking verifies every instruction: each frame operand plus the bytes
//!    it accesses lies inside the function's `frame_size`; branch targets
//!    lie inside the function; a function ends with `Ret`, `Halt` or `Jmp`;
//!    `Call` names an existing function and its argument area fits the
//!    caller's frame; `Data` offsets lie inside the program data.
//! 2. `Call` enters a function only if its whole frame fits below the end
//!    of the goroutine stack; frames are 8-aligned (the stack is `u64`s and
//!    every offset a multiple of 8).
//! 3. Linked code arrays, the program data and the stack are not moved or
//!    freed while the machine runs (they are boxed slices owned by [`Vm`]).
//! 4. String slots hold a pointer and a length describing initialized
//!    memory that lives as long as the machine: program data or `mallocgc`
//!    memory (never freed yet).
//! 5. A non-nil pointer the compiler dereferences, plus the offset it adds,
//!    lies inside a live Go value of the accessed type (Go's type safety).
//! 6. A slice's pointer addresses `cap` elements of its element size.
//! 7. A non-nil func value points to a closure object made by compiled
//!    code: a function id, then the captured variables' cell pointers.
//!
//! Differs from Go: machines share one runtime lock (`sched/proc.rs`);
//! safepoint polls are at allocations (collection) and back edges
//! (preemption), not yet at function entry.

use crate::mem::Heap;
use crate::panic::Frame;
use abi::{FRAME_HEADER, Op, Program};
use std::io::Write;
use std::ptr::NonNull;

/// A linked instruction.
#[repr(C)]
pub struct Code {
    h: Handler,
    a: u32,
    b: u32,
    c: u32,
    /// With `c`, a 64-bit operand set at link time (in the padding of the
    /// 24-byte instruction): a `Call`'s callee entry (`c` low, `d` high),
    /// with `a` rewritten to the callee's frame size.
    d: u32,
}

type Handler = unsafe fn(*const Code, *mut u8, *mut Vm) -> Stop;

/// Why the machine stopped (small, so that handlers return it in a
/// register and their calls stay tail calls; details are in
/// [`Vm::fault`]).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Stop {
    /// The entry function finished.
    Halt,
    /// An unrecovered panic.
    Panic,
    /// The goroutine's frames outgrew the stack.
    StackOverflow,
    /// `os.Exit`: the status is in [`Vm::exit_code`].
    Exit,
    /// A fatal error (Go's `throw`): the message is in [`Vm::fault`].
    Fatal,
    /// The running goroutine stops here: [`Vm::resume`] holds where it
    /// continues, its status whether it runs on, waits or yields
    /// (`sched/proc.rs`).
    Sched,
}

/// Where the goroutine's stack overflowed.
struct Fault {
    pc: *const Code,
    fp: *mut u8,
    invokes: Vec<Invoke>,
    /// For [`Stop::Fatal`]: the text printed before the traceback
    /// (`fatal error: …`).
    msg: String,
    /// Go's `fatal` (a user error, as a concurrent map write) rather than
    /// a `throw`: its traceback follows `GOTRACEBACK` (only the running
    /// goroutine by default).
    user: bool,
}

/// The program could not be run (a compiler bug caught by the linker).
#[derive(Debug, Clone)]
pub struct RunError(pub String);

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A linked function.
struct Func {
    code: Box<[Code]>,
    frame_size: u32,
}

/// The machine: one program instance.
pub struct Vm {
    // ---- The program's state, shared by every machine (`Shared`) ----
    funcs: Sh<Vec<Func>>,
    /// `(code start address, function)` sorted by address, for `locate`.
    code_index: Sh<Vec<(usize, u32)>>,
    prog: Sh<Program>,
    /// Package-level variables.
    globals: Sh<Box<[u64]>>,
    /// Goroutines, run queues, timers (under the runtime lock).
    sched: Sh<proc::Sched>,
    /// The channel header's layout (the lifetime rule of `shapes`).
    hchan_shape: Sh<Box<crate::mem::GcShape>>,
    /// This machine's handle on the heap: its own mcache over the shared
    /// page heap (`Heap::attach`: the page heap changes under the runtime
    /// lock, the mcache's spans are this machine's).
    heap: Heap,
    /// The pointer layouts of allocations (`Program::shapes`), indexed by
    /// an allocating instruction's `d - 1` (see `Shared::shapes`).
    shapes: Sh<Box<[crate::mem::GcShape]>>,
    /// A string header's layout, for the runtime's own boxed strings
    /// (error values); the same lifetime rule as `shapes`.
    string_shape: Sh<Box<crate::mem::GcShape>>,
    /// The collector's state: pacing, statistics, GODEBUG settings.
    gc: Sh<crate::gc::Gc>,
    /// Type descriptors and itabs.
    types: Sh<iface::Types>,
    maps: Sh<crate::map::Maps>,
    /// `$GOROOT/src/runtime/panic.go`, for tracebacks.
    panic_go: Sh<String>,
    /// The program's command line, and `os.Args` once made.
    args: Sh<Vec<String>>,
    os_args: Sh<Option<GoSlice>>,
    /// Set by `os.Exit`.
    exit_code: Sh<Option<i32>>,
    /// Machines, the runtime lock, stopping the world.
    world: Sh<proc::World>,

    // ---- This machine's (an M's) own state ----
    /// `globals` and `data`'s first bytes (they never move: invariant 3),
    /// so that `Global` and `Data` load one word.
    globals_base: *mut u8,
    data_base: *const u8,
    /// This machine's index (0: the thread that called `run`).
    mid: usize,
    /// How deep this machine holds the runtime lock (`proc::World`), and
    /// whether it really took it (false while it is the only machine).
    lock_depth: u32,
    locked: bool,
    /// The running goroutine yielded (`goyield`): the scheduler queues it.
    yielded: bool,
    /// The running goroutine's index in `sched.gs`.
    cur: usize,
    /// The running goroutine's stack (see `sched/proc.rs` for what else
    /// is the running goroutine's: `defers`, `panics`, `invokes`, `wake`,
    /// `waiting`).
    stack: crate::sched::stack::Stack,
    /// One past the last usable stack byte.
    stack_end: *mut u8,
    /// Set while a nested dispatch runs (the panic printer's methods):
    /// the stack may not move under it.
    nomove: bool,
    /// The next `gc_poll!` does nothing (`gcroots::gc_slow`).
    skip_poll: bool,
    /// Where the running goroutine continues after `Stop::Sched`.
    resume: (*const Code, *mut u8),
    /// How the running goroutine's wait ended (`sched/proc.rs`, inv. 2).
    wake: Option<proc::Wake>,
    /// The running goroutine's sudogs while it waits.
    waiting: Vec<*mut chan::Sudog>,
    /// Output of the print statement being executed.
    print_buf: Vec<u8>,
    /// Set when a handler returns [`Stop::StackOverflow`].
    fault: Option<Fault>,
    /// Panics in progress, oldest first.
    panics: Vec<iface::PanicRec>,
    /// What [`STOPPED`] returns.
    stopped: Stop,
    /// Deferred calls of every live frame, innermost last.
    defers: Vec<DeferRec>,
    /// Deferred calls running, innermost last: who runs them, for
    /// tracebacks through them.
    invokes: Vec<Invoke>,
}

/// A pointer to a part of the program's [`Shared`] state, held by every
/// machine. It dereferences without borrowing the machine as a whole, so
/// handlers reach shared state as they reach their own (`vm.sched.gs`).
///
/// Soundness rests on two rules, not on the type system:
/// 1. the `Shared` it points into is boxed and outlives every machine
///    (`run` joins every machine thread before dropping it);
/// 2. state that machines change (`sched`, `heap`, `gc`, `types`'s
///    caches, `os_args`, `exit_code`) is changed only under the runtime
///    lock (`proc::World::lock`) or while the world is stopped; the rest
///    is written only before the first machine starts.
struct Sh<T>(NonNull<T>);

impl<T> Sh<T> {
    fn new(x: &mut T) -> Sh<T> {
        Sh(NonNull::from(x))
    }
}

impl<T> std::ops::Deref for Sh<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: rule 1 of `Sh`: the pointee outlives the machine.
        unsafe { self.0.as_ref() }
    }
}

impl<T> std::ops::DerefMut for Sh<T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: rules 1 and 2 of `Sh`: live, and changed by one machine
        // at a time.
        unsafe { self.0.as_mut() }
    }
}

/// The program's state that every machine shares: code, data, globals,
/// the heap, the scheduler. Boxed (its address is stable) and owned by
/// `run`, which outlives every machine.
pub(crate) struct Shared {
    funcs: Vec<Func>,
    code_index: Vec<(usize, u32)>,
    prog: Program,
    /// The program's read-only data, 8-aligned (static closure objects
    /// are words in it).
    data: Box<[u64]>,
    globals: Box<[u64]>,
    sched: proc::Sched,
    hchan_shape: Box<crate::mem::GcShape>,
    /// The heap's owner (machines allocate through handles on it).
    heap: Heap,
    /// Declared after `heap`, so it outlives it: the heap keeps pointers
    /// to these shapes (the contract of `Heap::mallocgc_typed`); never
    /// changed while the machine runs.
    shapes: Box<[crate::mem::GcShape]>,
    string_shape: Box<crate::mem::GcShape>,
    gc: crate::gc::Gc,
    types: iface::Types,
    maps: crate::map::Maps,
    panic_go: String,
    args: Vec<String>,
    os_args: Option<GoSlice>,
    exit_code: Option<i32>,
    world: proc::World,
}

impl Vm {
    /// A machine over `sh`, with no goroutine yet.
    fn new_m(sh: &mut Shared, mid: usize) -> Vm {
        Vm {
            funcs: Sh::new(&mut sh.funcs),
            code_index: Sh::new(&mut sh.code_index),
            prog: Sh::new(&mut sh.prog),
            globals: Sh::new(&mut sh.globals),
            sched: Sh::new(&mut sh.sched),
            hchan_shape: Sh::new(&mut sh.hchan_shape),
            // SAFETY: `sh.heap` outlives the machine (`Sh`, rule 1); the
            // machines change the page heap under the runtime lock.
            heap: unsafe { sh.heap.attach() },
            shapes: Sh::new(&mut sh.shapes),
            string_shape: Sh::new(&mut sh.string_shape),
            gc: Sh::new(&mut sh.gc),
            types: Sh::new(&mut sh.types),
            maps: Sh::new(&mut sh.maps),
            panic_go: Sh::new(&mut sh.panic_go),
            args: Sh::new(&mut sh.args),
            os_args: Sh::new(&mut sh.os_args),
            exit_code: Sh::new(&mut sh.exit_code),
            world: Sh::new(&mut sh.world),
            globals_base: sh.globals.as_mut_ptr().cast::<u8>(),
            data_base: sh.data.as_ptr().cast::<u8>(),
            mid,
            lock_depth: 0,
            locked: false,
            yielded: false,
            cur: 0,
            stack: crate::sched::stack::Stack::EMPTY,
            stack_end: std::ptr::null_mut(),
            nomove: false,
            skip_poll: false,
            resume: (std::ptr::null(), std::ptr::null_mut()),
            wake: None,
            waiting: Vec::new(),
            print_buf: Vec::new(),
            fault: None,
            panics: Vec::new(),
            stopped: Stop::Halt,
            defers: Vec::new(),
            invokes: Vec::new(),
        }
    }
}

/// A deferred call running on the frame at `nfp`: run by the frame at
/// `fp` returning (its `RunDefers` at `pc`), or by a panic raised at `pc`
/// in the frame at `fp` (`panic` holds its value).
#[derive(Clone)]
struct Invoke {
    nfp: *mut u8,
    pc: *const Code,
    fp: *mut u8,
    panic: Option<[u64; 2]>,
}

/// Line of `gopanic`'s call of a deferred function in the reference
/// release's `runtime/panic.go`: tracebacks through deferred calls run by
/// a panic show a `panic(…)` frame there, as gc's do.
const GOPANIC_LINE: u32 = 860;

/// A deferred call: the frame that deferred it, the func value and the
/// argument bytes.
struct DeferRec {
    fp: *mut u8,
    /// The `Defer` instruction (its function resumes there on recovery).
    pc: *const Code,
    clo: *const u64,
    /// Inline up to 32 bytes: most deferred calls allocate nothing.
    args: smallvec::SmallVec<[u8; 32]>,
    /// For the frame's range-over-func loops (`DeferFrame`): the calls
    /// their bodies deferred (`DeferAt`), which run here, last first.
    pending: Option<Vec<DeferRec>>,
}

impl Vm {
    /// Takes the next deferred call to run among the newest records for
    /// which `take` holds: a range-over-func marker gives its calls, last
    /// first, before it goes.
    fn pop_defer(&mut self, take: impl Fn(&DeferRec) -> bool) -> Option<DeferRec> {
        loop {
            let mut rec = self.defers.pop_if(|r| take(r))?;
            let Some(pending) = &mut rec.pending else {
                return Some(rec);
            };
            if let Some(call) = pending.pop() {
                self.defers.push(rec);
                return Some(call);
            }
        }
    }
}

/// Runs `prog` to completion and returns its exit status, having printed
/// what Go prints for an unrecovered panic.
pub fn run(prog: &Program, args: &[String]) -> Result<i32, RunError> {
    if let Ok(v) = std::env::var("GOMEMLIMIT")
        && crate::godebug::read_gomemlimit(Some(&v)).is_err()
    {
        // `readGOMEMLIMIT`'s throw, before the program starts.
        let _ = write!(
            std::io::stderr(),
            "GOMEMLIMIT={v}\nfatal error: malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`\n"
        );
        return Ok(2);
    }
    let (mut sh, stack, stack_end) = link(prog)?;
    sh.args = args.to_vec();
    let entry = prog.entry as usize;
    if sh.funcs[entry].frame_size as usize > crate::sched::stack::MAIN_STACK {
        return Err(RunError("entry frame larger than the stack".into()));
    }
    let pc = sh.funcs[entry].code.as_ptr();
    let shp: *mut Shared = &mut *sh;
    sh.world.init(shp);
    // SAFETY: `sh` outlives every machine: `run` joins them below, before
    // it drops `sh`; meanwhile `sh` is reached only through machines.
    let mut vm = Vm::new_m(unsafe { &mut *shp }, 0);
    vm.stack = stack;
    vm.stack_end = stack_end;
    let fp = vm.stack.as_mut_ptr().cast::<u8>();
    vm.init_main_g();
    let _sysmon = proc::Sysmon::start();
    // SAFETY: `pc` is the first instruction of a verified function whose
    // frame fits the stack at `fp` (invariants 1–3).
    let status = match vm.schedule_loop(Some((pc, fp))) {
        Some(stop) => {
            let r = vm.report(stop);
            vm.world.finish(r.clone().map_err(|e| e.0));
            r
        }
        None => vm.world.wait_status().map_err(RunError),
    };
    vm.world.join_all();
    drop(vm);
    drop(sh);
    status
}

impl Vm {
    /// The program ended with `stop` on this machine (every other one has
    /// stopped): prints what Go prints for it and gives the exit status.
    fn report(&mut self, stop: Stop) -> Result<i32, RunError> {
        let vm = self;
        let vmp: *mut Vm = vm;
        match stop {
            Stop::Halt => return Ok(0),
            Stop::Exit => return Ok(vm.exit_code.unwrap_or(0)),
            _ => {}
        }
        flush(vm);
        let cur = vm.cur;
        let goid = vm.goid();
        let traceback =
            crate::godebug::read_gotraceback(std::env::var("GOTRACEBACK").ok().as_deref());
        let text = if stop == Stop::StackOverflow || stop == Stop::Fatal {
            let Some(fault) = vm.fault.take() else {
                return Err(RunError("internal error: stopped without a fault".into()));
            };
            let msg = if stop == Stop::Fatal {
                fault.msg
            } else {
                "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow"
                    .into()
            };
            // A fatal error prints every goroutine (Go's runtime throws
            // trace at level "all"); a deadlock has no running one. A
            // deadlock is Go's `fatal` (a user throw), which `GOTRACEBACK`
            // level 0 silences; the others are `throw`s, whose level is 2
            // whatever the setting.
            if (fault.pc.is_null() || fault.user) && traceback.level == 0 {
                let _ = writeln!(std::io::stderr(), "{msg}");
                return Ok(2);
            }
            let mut blocks = Vec::new();
            if !fault.pc.is_null() {
                let frames = vm.traceback(fault.pc, fault.fp, &fault.invokes);
                let mut b = crate::panic::frames_text(goid, "running", &frames);
                b.push_str(&vm.created_by(&vm.sched.gs[cur]));
                blocks.push(b);
            }
            if !fault.user || traceback.all {
                blocks.extend(vm.goroutines_text(!fault.pc.is_null()));
            }
            format!("{msg}\n\n{}", blocks.join("\n"))
        } else {
            // First the messages: their `Error` and `String` calls may grow
            // (move) the stack.
            let msgs = iface::panics_text(vmp);
            // The stack as the last panic found it (its frames stay intact:
            // deferred calls run after it went above them).
            let Some(p) = vm.panics.last() else {
                return Err(RunError("internal error: stopped without a panic".into()));
            };
            // Deferred calls that earlier panics ran are found through the
            // invocations those panics saw (the last panic's first).
            let mut invokes: Vec<Invoke> =
                vm.panics.iter().flat_map(|p| p.invokes.clone()).collect();
            invokes.extend(p.invokes.iter().cloned());
            let (pc, fp) = (p.pc, p.fp);
            let frames = vm.traceback(pc, fp, &invokes);
            if traceback.level == 0 {
                // `GOTRACEBACK=none`: the messages alone.
                msgs
            } else {
                // The panicking goroutine, then (`all`) every other one.
                let mut tb = crate::panic::frames_text(goid, "running", &frames);
                tb.push_str(&vm.created_by(&vm.sched.gs[cur]));
                let mut blocks = vec![tb];
                if traceback.all {
                    blocks.extend(vm.goroutines_text(true));
                }
                format!("{msgs}\n{}", blocks.join("\n"))
            }
        };
        let _ = std::io::stderr().write_all(text.as_bytes());
        Ok(2)
    }
}

/// Out of line: `print_flush` must keep its tail call a jump.
#[inline(never)]
fn flush(vm: &mut Vm) {
    if !vm.print_buf.is_empty() {
        let _ = std::io::stderr().write_all(&vm.print_buf);
        vm.print_buf.clear();
    }
}

/// The collector's settings from the environment (GODEBUG, GOGC,
/// GOMEMLIMIT, GOMAXPROCS), read when a program starts.
fn gc_settings() -> crate::gc::Gc {
    use crate::godebug;
    let env = |k: &str| std::env::var(k).ok();
    let debug = godebug::DebugVars::parse(&env("GODEBUG").unwrap_or_default());
    let gogc = godebug::read_gogc(env("GOGC").as_deref());
    // A malformed GOMEMLIMIT is reported by `run` before the program starts.
    let limit = godebug::read_gomemlimit(env("GOMEMLIMIT").as_deref()).unwrap_or(i64::MAX);
    let procs = env("GOMAXPROCS")
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() as u32));
    crate::gc::Gc::new(debug, gogc, limit, procs)
}

/// The heap's hard limit from `RGO_MEMLIMIT_HARD` (rgo's own knob, in
/// GOMEMLIMIT's syntax; unset, `off` or malformed: none): the heap never
/// grows past it, an allocation that would is Go's `fatal error: runtime:
/// out of memory` (`Heap::set_hard_limit`).
fn hard_limit() -> Option<usize> {
    let v = std::env::var("RGO_MEMLIMIT_HARD").ok()?;
    let bytes = crate::godebug::read_gomemlimit(Some(&v)).ok()?;
    (bytes != i64::MAX).then_some(bytes as usize)
}

impl Vm {
    /// Ends the program with a fatal error: `msg` (its `fatal error: …`
    /// lines), then the goroutine's traceback from `(pc, fp)`.
    fn fatal(&mut self, pc: *const Code, fp: *mut u8, msg: String) -> Stop {
        self.fault = Some(Fault {
            pc,
            fp,
            invokes: self.invokes.clone(),
            msg,
            user: false,
        });
        Stop::Fatal
    }

    /// The function whose code contains `pc`, and the instruction index.
    fn locate(&self, pc: *const Code) -> Option<(usize, u32)> {
        locate(&self.funcs, &self.code_index, pc)
    }

    /// The frames from `(pc, fp)` outwards, up to (not including) the
    /// entry function, as tracebacks print them.
    fn traceback(
        &self,
        mut pc: *const Code,
        mut fp: *mut u8,
        invokes: &[Invoke],
    ) -> Vec<Frame<'_>> {
        let mut frames = Vec::new();
        while let Some((fi, idx)) = self.locate(pc) {
            if fi == self.prog.entry as usize || frames.len() >= 100 {
                break;
            }
            let info = &self.prog.funcs[fi];
            let words = (info.params_size / 8) as usize;
            let args = (0..words)
                .map(|w| {
                    let off = FRAME_HEADER as usize + 8 * w;
                    // SAFETY: `fp` is the frame pointer of a live frame of
                    // function `fi`, whose parameters occupy `words` slots
                    // after the header (invariants 1–2).
                    unsafe { *fp.add(off).cast::<u64>() }
                })
                .collect();
            frames.push(Frame {
                func: &info.name,
                args,
                file: &info.file,
                line: info.line_at(idx),
                pc_offset: idx,
            });
            // SAFETY: every frame but the entry's starts with the header
            // `Call` wrote: the return pc and the caller's fp.
            let rpc = unsafe { *fp.cast::<*const Code>() };
            if std::ptr::eq(rpc, &NATIVE_RETURN) || std::ptr::eq(rpc, &iface::PANIC_RETURN) {
                // A deferred call run by a panic (or a method the runtime
                // called): on through whoever runs it.
                let Some(inv) = invokes.iter().rev().find(|i| i.nfp == fp) else {
                    break;
                };
                if let Some(v) = inv.panic {
                    frames.push(Frame {
                        func: "panic",
                        args: v.to_vec(),
                        file: &self.panic_go,
                        line: GOPANIC_LINE,
                        pc_offset: 0,
                    });
                }
                (pc, fp) = (inv.pc, inv.fp);
                continue;
            }
            // SAFETY: as above.
            let cfp = unsafe { *fp.add(8).cast::<*mut u8>() };
            pc = self.caller_pc(rpc, fp, cfp);
            fp = cfp;
        }
        frames
    }
}

/// The function of `funcs` whose code contains `pc`, and the instruction
/// index (`code_index` as in [`Vm::code_index`]).
fn locate(funcs: &[Func], code_index: &[(usize, u32)], pc: *const Code) -> Option<(usize, u32)> {
    let addr = pc as usize;
    let i = code_index.partition_point(|&(start, _)| start <= addr);
    let &(start, fi) = code_index.get(i.checked_sub(1)?)?;
    let f = funcs.get(fi as usize)?;
    let end = start + f.code.len() * size_of::<Code>();
    (addr < end).then(|| (fi as usize, ((addr - start) / size_of::<Code>()) as u32))
}

// ---------------------------------------------------------------------------
// Linking and verification

/// Bytes a frame operand accesses, per operand, for verification.
#[derive(Clone, Copy)]
enum Use {
    None,
    Slot(u32),
    /// A slot of `c` bytes.
    SlotC,
    /// Operand `b` is a slot of `c` bytes (the others are checked as usual).
    SlotB,
    Target,
}

fn uses(op: Op) -> [Use; 3] {
    use Op::*;
    use Use::{None as N, Slot as S, SlotB, SlotC, Target as T};
    match op {
        Mov => [S(8), S(8), N],
        Mov16 => [S(16), S(16), N],
        MovN => [SlotC, SlotC, N],
        Const | Data => [S(8), N, N],
        Zero => [SlotC, N, N],
        Add | Sub | Mul | And | Or | Xor | AndNot | DivS | DivU | RemS | RemU | Shl | ShrS
        | ShrU | Eq | Ne | LtS | LeS | LtU | LeU | AddF | SubF | MulF | DivF | AddF32 | SubF32
        | MulF32 | DivF32 | EqF | NeF | LtF | LeF | EqF32 | NeF32 | LtF32 | LeF32 => {
            [S(8), S(8), S(8)]
        }
        AddI | DivPow2S | ShlI | ShrSI | ShrUI | EqI | NeI | LtSI | LeSI | GtSI | GeSI => {
            [S(8), S(8), N]
        }
        Neg | Not | Sext8 | Sext16 | Sext32 | Zext8 | Zext16 | Zext32 | NegF | NegF32 | I2F
        | U2F | F2I | F2U | I2F32 | U2F32 | F32ToI | F32ToU | FToF32 | F32ToF | BoolNot => {
            [S(8), S(8), N]
        }
        ShiftCheck | RangeCheck => [S(8), N, N],
        Jmp => [T, N, N],
        JmpIf | JmpIfNot => [S(8), T, N],
        JEq | JNe | JLtS | JLeS | JLtU | JLeU | JLtF | JLeF | JNLtF | JNLeF => [S(8), S(8), T],
        JEqI | JNeI | JLtSI | JLeSI | JGtSI | JGeSI | IncJLtSI => [S(8), N, T],
        IncJLtS | IncJLtU => [S(8), S(8), T],
        Call | Ret | Halt => [N, N, N],
        CallInd => [S(8), N, N],
        Defer => [S(8), SlotB, N],
        DeferAt => [S(16), SlotB, N],
        DeferFrame => [S(8), N, N],
        RunDefers => [N, N, N],
        StrConcat => [S(16), S(16), S(16)],
        StrEq | StrLt => [S(8), S(16), S(16)],
        StrConcatN => [S(16), N, N],
        Global => [S(8), N, N],
        Load64 | Load32S | Load32U | Load16S | Load16U | Load8S | Load8U => [S(8), S(8), N],
        Store64 | Store32 | Store16 | Store8 | StorePtr => [S(8), S(8), N],
        Index1 | Index2 | Index4 | Index8 | Index16 | IndexN | LoadIdx8 => [S(8), S(16), S(8)],
        FrameAddr => [S(8), N, N],
        LoadBlk => [SlotC, S(8), N],
        StoreBlk | StoreBlkPtr => [S(8), SlotC, N],
        New => [S(8), N, N],
        MakeSlice => [S(24), S(16), N],
        Reslice => [S(24), S(24), S(32)],
        SliceToArray => [S(8), S(24), N],
        ClearSlice => [S(24), N, N],
        Grow => [S(24), S(8), N],
        Copy | CopyPtr => [S(32), S(16), N],
        AppendSlice => [S(24), S(16), N],
        DecodeRune => [S(16), S(16), S(8)],
        BytesToStr => [S(16), S(16), N],
        StrToBytes => [S(24), S(16), N],
        RuneToStr => [S(16), S(8), N],
        Exit => [S(8), N, N],
        OsArgs => [S(24), N, N],
        Getenv => [S(16), S(16), N],
        GcCollect | FreeOSMemory => [N, N, N],
        SetFinalizer => [S(16), S(16), N],
        RunFinq => [N, N, N],
        ReadMemStats => [S(8), N, N],
        SetGCPercent | SetMemoryLimit => [S(8), S(8), N],
        MakeMap | MapLen => [S(8), S(8), N],
        MapClear => [S(8), N, N],
        MapIter => [S(abi::maptype::MAP_ITER_SIZE), S(8), N],
        MapLoad => [N, S(24), N],
        MapStore => [S(24), N, N],
        MapDelete => [S(24), N, N],
        MapNext => [N, S(abi::maptype::MAP_ITER_SIZE), N],
        SqrtF | MinF | MaxF => [S(8), S(8), N],
        TypeWord | Itab => [S(8), N, N],
        IfaceType => [S(8), S(16), N],
        CallIface => [S(16), N, N],
        AssertIface => [S(16), S(16), N],
        AssertFail => [S(16), N, N],
        EfaceEq | IfaceEq => [S(8), S(16), S(16)],
        Panic | Recover | PrintIface => [S(16), N, N],
        PrintPointer => [S(8), N, N],
        PrintComplex => [S(16), N, N],
        PrintComplex64 => [S(8), N, N],
        AddC | SubC | MulC | DivC => [S(16), S(16), S(16)],
        NegC => [S(16), S(16), N],
        EqC => [S(8), S(16), S(16)],
        AddC64 | SubC64 | MulC64 | DivC64 | EqC64 => [S(8), S(8), S(8)],
        NegC64 => [S(8), S(8), N],
        C64ToC => [S(16), S(8), N],
        CToC64 => [S(8), S(16), N],
        PrintSlice => [S(24), N, N],
        RunesToStr => [S(16), S(16), N],
        StrToRunes => [S(24), S(16), N],
        PrintInt | PrintUint | PrintFloat | PrintFloat32 | PrintBool => [S(8), N, N],
        PrintStr => [S(16), N, N],
        PrintSpace | PrintNl | PrintFlush => [N, N, N],
        Go => [S(8), SlotB, N],
        MakeChan | ChanLen | ChanCap | GoMaxProcs | TimeAfter => [S(8), S(8), N],
        ChanSend => [S(8), SlotB, N],
        ChanRecv => [SlotC, S(8), N],
        // The ok word after the value: checked in `link`.
        ChanRecv2 => [N, S(8), N],
        ChanClose | NumGoroutine | NumCpu | Sleep => [S(8), N, N],
        GoVersion => [S(16), N, N],
        // The case table: checked in `link`; each case's operand when it runs.
        Select => [N, N, N],
        Gosched | Goexit => [N, N, N],
        TimeNow => [S(24), N, N],
    }
}

/// Checks invariant 1 for every function and links the code.
fn link(prog: &Program) -> Result<(Box<Shared>, crate::sched::stack::Stack, *mut u8), RunError> {
    let mut prog = prog.clone();
    let types = iface::link_types(&mut prog);
    mfinal::link_run_finalizers(&mut prog);
    let prog = &prog;
    let err = |f: &abi::FuncInfo, pc: usize, what: &str| {
        RunError(format!(
            "internal error: {} at {}+{pc}: {what}",
            f.name, f.file
        ))
    };
    let mut funcs: Vec<Func> = Vec::with_capacity(prog.funcs.len());
    // Calls to bind to their callees once every function is linked:
    // (function, pc, callee).
    let mut calls = Vec::new();
    for f in &prog.funcs {
        if f.frame_size % 8 != 0 || f.frame_size < FRAME_HEADER {
            return Err(err(f, 0, "bad frame size"));
        }
        match f.code.last().map(|i| i.op) {
            Some(Op::Ret | Op::Halt | Op::Jmp) => {}
            _ => {
                return Err(err(
                    f,
                    f.code.len(),
                    "code does not end in Ret, Halt or Jmp",
                ));
            }
        }
        // Every allocation names its layout (rule 1 of `abi::shape`).
        f.verify_allocs(&prog.shapes)
            .map_err(|e| RunError(format!("internal error: {e}")))?;
        let mut code = Vec::with_capacity(f.code.len());
        for (pc, inst) in f.code.iter().enumerate() {
            let ops = [inst.a, inst.b, inst.c];
            for (k, u) in uses(inst.op).iter().enumerate() {
                let size = match *u {
                    Use::None => continue,
                    Use::Slot(n) => n,
                    Use::SlotC | Use::SlotB => inst.c.next_multiple_of(8),
                    Use::Target => {
                        let t = pc as i64 + ops[k] as i32 as i64;
                        if t < 0 || t >= f.code.len() as i64 {
                            return Err(err(f, pc, "branch target outside the function"));
                        }
                        continue;
                    }
                };
                if ops[k] % 8 != 0 || ops[k] as u64 + size as u64 > f.frame_size as u64 {
                    return Err(err(f, pc, "frame operand out of range"));
                }
            }
            match inst.op {
                Op::StrConcatN if inst.b as u64 + 16 * inst.c as u64 > f.frame_size as u64 => {
                    return Err(err(f, pc, "concatenation area out of range"));
                }
                Op::MovN | Op::Zero if inst.c % 8 != 0 => {
                    return Err(err(f, pc, "size not a multiple of 8"));
                }
                Op::Data if inst.b as usize > prog.data.len() => {
                    return Err(err(f, pc, "data offset out of range"));
                }
                Op::MakeMap
                | Op::MapLoad
                | Op::MapStore
                | Op::MapDelete
                | Op::MapClear
                | Op::MapIter
                | Op::MapNext => {
                    // A map type of sane sizes, and the value (and for
                    // loads the ok word, for iterations also the ok word
                    // and key) at its verified size.
                    let Some(mt) = prog.map_types.get(inst.c as usize) else {
                        return Err(err(f, pc, "map type out of range"));
                    };
                    let vsize = mt.val_frame as u64;
                    let bad_type = !vsize.is_multiple_of(8)
                        || mt.val_size as u64 > vsize
                        || (mt.key != abi::MapKey::Gen && mt.key_size > 16)
                        || (mt.key == abi::MapKey::Gen && mt.key_type as usize >= prog.types.len());
                    let (off, need) = match inst.op {
                        Op::MapLoad => (inst.a, vsize + 8),
                        Op::MapStore => (inst.b, vsize),
                        Op::MapNext => (inst.a, vsize + 24),
                        _ => (0, 0),
                    };
                    if bad_type || off % 8 != 0 || off as u64 + need > f.frame_size as u64 {
                        return Err(err(f, pc, "map operand out of range"));
                    }
                }
                Op::TypeWord | Op::AssertFail
                    if inst.b as usize >= prog.types.len()
                        || inst.c as usize >= prog.types.len().max(1)
                            && inst.op == Op::AssertFail =>
                {
                    return Err(err(f, pc, "type index out of range"));
                }
                Op::Itab if inst.b as usize >= prog.itabs.len() => {
                    return Err(err(f, pc, "itab index out of range"));
                }
                Op::AssertIface => {
                    let t = (inst.c >> 3) as usize;
                    if t >= prog.types.len()
                        || (inst.c & 1 != 0 && inst.a as u64 + 24 > f.frame_size as u64)
                    {
                        return Err(err(f, pc, "bad assertion operands"));
                    }
                }
                Op::CallIface => {
                    let area = inst.b as u64 + (FRAME_HEADER + (inst.c >> 12)) as u64;
                    if inst.b % 8 != 0 || area > f.frame_size as u64 {
                        return Err(err(f, pc, "call area outside the frame"));
                    }
                }
                // The address may be one past the frame's end (of a
                // zero-size slot), never beyond.
                Op::FrameAddr if inst.b > f.frame_size => {
                    return Err(err(f, pc, "frame address out of range"));
                }
                Op::Global if inst.b > prog.globals_size => {
                    return Err(err(f, pc, "global offset out of range"));
                }
                // (`New` takes any size: `mallocgc` allocates it.)
                Op::MakeSlice
                | Op::Grow
                | Op::Copy
                | Op::CopyPtr
                | Op::AppendSlice
                | Op::LoadBlk
                | Op::StoreBlk
                | Op::StoreBlkPtr
                    if inst.c > 1 << 24 =>
                {
                    return Err(err(f, pc, "bad element size"));
                }
                Op::ChanRecv2
                    if inst.a % 8 != 0
                        || inst.a as u64 + inst.c.next_multiple_of(8) as u64 + 8
                            > f.frame_size as u64 =>
                {
                    return Err(err(f, pc, "receive operands out of range"));
                }
                Op::Select
                    if inst.a % 8 != 0
                        || inst.a as u64 + 16 * inst.b as u64 + 16 > f.frame_size as u64 =>
                {
                    return Err(err(f, pc, "select table out of range"));
                }
                Op::RunDefers if inst.b != f.frame_size => {
                    return Err(err(f, pc, "RunDefers with another frame size"));
                }
                Op::CallInd => {
                    let area = inst.b as u64 + (FRAME_HEADER + inst.c) as u64;
                    if inst.b % 8 != 0 || area > f.frame_size as u64 {
                        return Err(err(f, pc, "call area outside the frame"));
                    }
                }
                Op::Call => {
                    let Some(callee) = prog.funcs.get(inst.a as usize) else {
                        return Err(err(f, pc, "call of an unknown function"));
                    };
                    let area = inst.b as u64
                        + (FRAME_HEADER + callee.params_size + callee.results_size) as u64;
                    if inst.b % 8 != 0 || area > f.frame_size as u64 {
                        return Err(err(f, pc, "call area outside the frame"));
                    }
                }
                _ => {}
            }
            if inst.op == Op::Call {
                calls.push((funcs.len(), pc, inst.a as usize));
            }
            // An allocation's layout: shape index + 1, 0 for noscan
            // (`interp/slice.rs`); the index was verified just above.
            let d = match inst.op.alloc() {
                abi::Alloc::Typed => f.alloc_shape(pc as u32).map_or(0, |k| k + 1),
                _ => 0,
            };
            // A branch whose target is not after it is a back edge.
            let back = uses(inst.op)
                .iter()
                .zip(ops)
                .any(|(u, o)| matches!(u, Use::Target) && o as i32 <= 0);
            let h = match back_handler(inst.op) {
                Some(h) if back => h,
                _ => handler(inst.op),
            };
            code.push(Code {
                h,
                a: inst.a,
                b: inst.b,
                c: inst.c,
                d,
            });
        }
        funcs.push(Func {
            code: code.into_boxed_slice(),
            frame_size: f.frame_size,
        });
    }
    for (fi, pc, callee) in calls {
        // The callee was verified to exist; its code never moves again.
        let (entry, size) = (funcs[callee].code.as_ptr() as u64, funcs[callee].frame_size);
        let c = &mut funcs[fi].code[pc];
        (c.a, c.c, c.d) = (size, entry as u32, (entry >> 32) as u32);
    }
    let gc = gc_settings();
    let mut sched = proc::Sched::default();
    let Some(mut stack) = sched.stacks.alloc(crate::sched::stack::MAIN_STACK) else {
        return Err(RunError("cannot map the main goroutine's stack".into()));
    };
    // SAFETY: one past the end of the stack's words.
    let stack_end = unsafe { stack.as_mut_ptr().add(stack.len()).cast::<u8>() };
    let mut code_index: Vec<(usize, u32)> = funcs
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.code.is_empty())
        .map(|(i, f)| (f.code.as_ptr() as usize, i as u32))
        .collect();
    code_index.sort_unstable();
    Ok((
        Box::new(Shared {
            funcs,
            code_index,
            prog: prog.clone(),
            data: {
                let mut words = vec![0u64; prog.data.len().div_ceil(8)];
                for (w, chunk) in words.iter_mut().zip(prog.data.chunks(8)) {
                    let mut b = [0u8; 8];
                    b[..chunk.len()].copy_from_slice(chunk);
                    *w = u64::from_ne_bytes(b);
                }
                words.into_boxed_slice()
            },
            // One spare word: a zero-size variable may sit at the very end.
            globals: vec![0u64; prog.globals_size.div_ceil(8) as usize + 1].into_boxed_slice(),
            sched,
            hchan_shape: Box::new(chan::hchan_shape()),
            heap: {
                let mut h = Heap::default();
                h.set_clobberfree(gc.debug.clobberfree > 0);
                if let Some(bytes) = hard_limit() {
                    h.set_hard_limit(bytes);
                }
                h
            },
            shapes: prog
                .shapes
                .iter()
                .map(|s| crate::mem::GcShape {
                    size: s.size as usize,
                    ptrdata: s.ptrdata as usize,
                    mask: s.mask.clone().into_boxed_slice(),
                })
                .collect(),
            string_shape: Box::new(crate::mem::GcShape {
                size: 16,
                ptrdata: 8,
                mask: Box::new([1]),
            }),
            gc,
            types,
            exit_code: None,
            panic_go: if prog.goroot.is_empty() {
                "runtime/panic.go".into()
            } else {
                format!("{}/src/runtime/panic.go", prog.goroot)
            },
            args: Vec::new(),
            os_args: None,
            // Hash seeds and iteration order differ from run to run, as in Go.
            maps: crate::map::Maps::new(
                prog,
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64),
            ),
            world: proc::World::default(),
        }),
        stack,
        stack_end,
    ))
}

// ---------------------------------------------------------------------------
// Handlers

/// Continues with the instruction after `pc`.
macro_rules! next {
    ($pc:expr, $fp:expr, $vm:expr) => {{
        // SAFETY: a verified function never runs off its end (invariant
        // 1), so the next instruction exists.
        let pc = unsafe { $pc.add(1) };
        // SAFETY: `pc` is a linked instruction; handlers are called with
        // the frame and machine they were given.
        unsafe { ((*pc).h)(pc, $fp, $vm) }
    }};
}

/// Continues at the instruction `rel` away from `pc`, in a branch handler
/// generic over `BACK`: a back edge (`link` gives a branch whose target is
/// not after it the `BACK = true` instance) is a safepoint, where a
/// preemption request (`sched/proc.rs`) is honoured for one compare of a
/// static flag; forward branches pay nothing.
macro_rules! jump {
    ($pc:expr, $rel:expr, $fp:expr, $vm:expr) => {{
        // SAFETY: branch targets were verified to lie inside the function.
        let pc = unsafe { $pc.offset($rel as i32 as isize) };
        // SAFETY: `vm` is live.
        if BACK && proc::PREEMPT.load(std::sync::atomic::Ordering::Relaxed) {
            return proc::preempt(pc, $fp, $vm);
        }
        // SAFETY: as in `next!`.
        unsafe { ((*pc).h)(pc, $fp, $vm) }
    }};
}

/// A pointer to the slot at byte offset `off` of the frame.
///
/// # Safety
/// `off` plus the size of the access must lie inside the frame (invariant 1).
#[inline(always)]
unsafe fn slot<T>(fp: *mut u8, off: u32) -> *mut T {
    // SAFETY: the caller guarantees the offset is inside the frame.
    unsafe { fp.add(off as usize).cast::<T>() }
}

/// Reads the `T` at offset `off`.
macro_rules! rd {
    ($fp:expr, $off:expr, $t:ty) => {
        // SAFETY: verified frame operand (invariant 1), 8-aligned.
        unsafe { *slot::<$t>($fp, $off) }
    };
}

/// Writes `v` at offset `off`.
macro_rules! wr {
    ($fp:expr, $off:expr, $t:ty, $v:expr) => {{
        let v: $t = $v;
        // SAFETY: verified frame operand (invariant 1), 8-aligned.
        unsafe { *slot::<$t>($fp, $off) = v }
    }};
}

/// The operands of the instruction at `pc`.
macro_rules! inst {
    ($pc:expr) => {
        // SAFETY: handlers only run on linked instructions.
        unsafe { &*$pc }
    };
}

mod gcroots;
mod iface;
mod memstats;
mod mfinal;

/// At the start of an allocating instruction (a safepoint: nothing read
/// into Rust locals yet): collects when the heap reached the trigger
/// (`gc/mod.rs`, inv. 3). One compare when no collection is due.
macro_rules! gc_poll {
    ($pc:expr, $fp:expr, $vm:expr) => {
        // SAFETY: `vm` is the live machine.
        if unsafe {
            (*$vm).heap.heap_live() >= {
                let gc: &crate::gc::Gc = &(*$vm).gc;
                gc.trigger
            }
        } {
            if let Some(stop) = gcroots::gc_slow($pc, $fp, $vm) {
                return stop;
            }
        }
    };
}

/// Bails out of a handler with Go's out-of-memory fatal error when the
/// allocation `$p` failed.
macro_rules! oom_check {
    ($p:expr, $pc:expr, $fp:expr, $vm:expr) => {
        if $p.is_null() {
            return gcroots::out_of_memory($pc, $fp, $vm);
        }
    };
}

mod slice;
mod string;

#[path = "sched/chan.rs"]
mod chan;
#[path = "sched/copystack.rs"]
mod copystack;
#[path = "sched/proc.rs"]
mod proc;
#[path = "sched/time.rs"]
mod time;

/// Defines a handler `a = f(b, c)` over slots of the given types.
macro_rules! binop {
    ($name:ident, $t:ty, $r:ty, |$x:ident, $y:ident| $e:expr) => {
        unsafe fn $name(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            let $x = rd!(fp, i.b, $t);
            let $y = rd!(fp, i.c, $t);
            wr!(fp, i.a, $r, $e);
            next!(pc, fp, vm)
        }
    };
}

/// Defines a handler `a = f(b, imm(c))`.
macro_rules! immop {
    ($name:ident, $t:ty, $r:ty, |$x:ident, $y:ident| $e:expr) => {
        unsafe fn $name(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            let $x = rd!(fp, i.b, $t);
            let $y = i.c as i32 as i64;
            wr!(fp, i.a, $r, $e);
            next!(pc, fp, vm)
        }
    };
}

/// Defines a handler `a = f(b)`.
macro_rules! unop {
    ($name:ident, $t:ty, $r:ty, |$x:ident| $e:expr) => {
        unsafe fn $name(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            let $x = rd!(fp, i.b, $t);
            wr!(fp, i.a, $r, $e);
            next!(pc, fp, vm)
        }
    };
}

fn handler(op: Op) -> Handler {
    use Op::*;
    match op {
        Mov => mov,
        Mov16 => mov16,
        MovN => mov_n,
        Const => konst,
        Data => data,
        Zero => zero,
        Add => add,
        Sub => sub,
        Mul => mul,
        And => and,
        Or => or,
        Xor => xor,
        AndNot => and_not,
        AddI => add_i,
        DivS => div_s,
        DivPow2S => div_pow2_s,
        DivU => div_u,
        RemS => rem_s,
        RemU => rem_u,
        Shl => shl,
        ShrS => shr_s,
        ShrU => shr_u,
        ShlI => shl_i,
        ShrSI => shr_s_i,
        ShrUI => shr_u_i,
        ShiftCheck => shift_check,
        Neg => neg,
        Not => not,
        Sext8 => sext8,
        Sext16 => sext16,
        Sext32 => sext32,
        Zext8 => zext8,
        Zext16 => zext16,
        Zext32 => zext32,
        Eq => eq,
        Ne => ne,
        LtS => lt_s,
        LeS => le_s,
        LtU => lt_u,
        LeU => le_u,
        EqI => eq_i,
        NeI => ne_i,
        LtSI => lt_s_i,
        LeSI => le_s_i,
        GtSI => gt_s_i,
        GeSI => ge_s_i,
        AddF => add_f,
        AddC => add_c,
        SubC => sub_c,
        MulC => mul_c,
        DivC => div_c,
        NegC => neg_c,
        EqC => eq_c,
        AddC64 => add_c64,
        SubC64 => sub_c64,
        MulC64 => mul_c64,
        DivC64 => div_c64,
        NegC64 => neg_c64,
        EqC64 => eq_c64,
        C64ToC => c64_to_c,
        CToC64 => c_to_c64,
        PrintComplex => print_complex,
        PrintComplex64 => print_complex64,
        SubF => sub_f,
        MulF => mul_f,
        DivF => div_f,
        NegF => neg_f,
        AddF32 => add_f32,
        SubF32 => sub_f32,
        MulF32 => mul_f32,
        DivF32 => div_f32,
        NegF32 => neg_f32,
        EqF => eq_f,
        NeF => ne_f,
        LtF => lt_f,
        LeF => le_f,
        EqF32 => eq_f32,
        NeF32 => ne_f32,
        LtF32 => lt_f32,
        LeF32 => le_f32,
        I2F => i2f,
        U2F => u2f,
        F2I => f2i,
        F2U => f2u,
        I2F32 => i2f32,
        U2F32 => u2f32,
        F32ToI => f32_to_i,
        F32ToU => f32_to_u,
        FToF32 => f_to_f32,
        F32ToF => f32_to_f,
        BoolNot => bool_not,
        Jmp => jmp::<false>,
        JmpIf => jmp_if::<false>,
        JmpIfNot => jmp_if_not::<false>,
        JEq => j_eq::<false>,
        JNe => j_ne::<false>,
        JLtS => j_lt_s::<false>,
        IncJLtS => inc_j_lt_s::<false>,
        IncJLtU => inc_j_lt_u::<false>,
        IncJLtSI => inc_j_lt_s_i::<false>,
        LoadIdx8 => load_idx8,
        JLeS => j_le_s::<false>,
        JLtU => j_lt_u::<false>,
        JLeU => j_le_u::<false>,
        JEqI => j_eq_i::<false>,
        JLtF => j_lt_f::<false>,
        JLeF => j_le_f::<false>,
        JNLtF => j_nlt_f::<false>,
        JNLeF => j_nle_f::<false>,
        JNeI => j_ne_i::<false>,
        JLtSI => j_lt_s_i::<false>,
        JLeSI => j_le_s_i::<false>,
        JGtSI => j_gt_s_i::<false>,
        JGeSI => j_ge_s_i::<false>,
        Call => call,
        CallInd => call_ind,
        Defer => defer,
        RunDefers => run_defers,
        Ret => ret,
        Halt => halt,
        StrConcat => string::str_concat,
        StrConcatN => string::str_concat_n,
        StrEq => str_eq,
        StrLt => str_lt,
        Global => global,
        Load64 => load64,
        Load32S => load32s,
        Load32U => load32u,
        Load16S => load16s,
        Load16U => load16u,
        Load8S => load8s,
        Load8U => load8u,
        Store64 => store64,
        Store32 => store32,
        Store16 => store16,
        Store8 => store8,
        // The typed stores and copies: the one place for the write
        // barrier once marking runs concurrently; with the world stopped
        // for the whole mark they are plain stores.
        StorePtr => store64,
        StoreBlkPtr => store_blk,
        CopyPtr => copy,
        Index1 => index1,
        Index2 => index2,
        Index4 => index4,
        Index8 => index8,
        Index16 => index16,
        IndexN => index_n,
        FrameAddr => frame_addr,
        LoadBlk => load_blk,
        StoreBlk => store_blk,
        New => slice::new,
        MakeSlice => slice::make_slice,
        Reslice => reslice,
        Grow => slice::grow,
        Copy => copy,
        AppendSlice => slice::append_slice,
        DecodeRune => decode_rune,
        BytesToStr => string::bytes_to_str,
        StrToBytes => string::str_to_bytes,
        RuneToStr => string::rune_to_str,
        Exit => exit,
        OsArgs => string::os_args,
        Getenv => string::getenv,
        GcCollect => memstats::gc_collect,
        FreeOSMemory => memstats::free_os_memory,
        SetFinalizer => mfinal::set_finalizer,
        RunFinq => mfinal::run_finq,
        ReadMemStats => memstats::read_mem_stats,
        SetGCPercent => memstats::set_gc_percent,
        SetMemoryLimit => memstats::set_memory_limit,
        MakeMap => make_map,
        MapLen => map_len,
        MapLoad => map_load,
        MapStore => map_store,
        MapDelete => map_delete,
        MapClear => map_clear,
        DeferAt => defer_at,
        DeferFrame => defer_frame,
        RangeCheck => range_check,
        SliceToArray => slice_to_array,
        ClearSlice => clear_slice,
        MapIter => map_iter,
        MapNext => map_next,
        SqrtF => sqrt_f,
        MinF => min_f,
        MaxF => max_f,
        TypeWord => iface::type_word_op,
        Itab => iface::itab_op,
        IfaceType => iface::iface_type,
        CallIface => iface::call_iface,
        AssertIface => iface::assert_iface,
        AssertFail => iface::assert_fail,
        EfaceEq => iface::eface_eq,
        IfaceEq => iface::iface_eq,
        Panic => iface::panic_op,
        Recover => iface::recover_op,
        PrintIface => iface::print_iface,
        PrintPointer => print_pointer,
        PrintSlice => print_slice,
        RunesToStr => string::runes_to_str,
        StrToRunes => string::str_to_runes,
        PrintInt => print_int,
        PrintUint => print_uint,
        PrintFloat => print_float,
        PrintFloat32 => print_float32,
        PrintBool => print_bool,
        PrintStr => print_str,
        PrintSpace => print_space,
        PrintNl => print_nl,
        PrintFlush => print_flush,
        Go => proc::go_op,
        MakeChan => chan::make_chan,
        ChanSend => chan::chan_send,
        ChanRecv => chan::chan_recv,
        ChanRecv2 => chan::chan_recv2,
        ChanClose => chan::chan_close,
        ChanLen => chan::chan_len,
        ChanCap => chan::chan_cap,
        Select => chan::select,
        Gosched => proc::gosched_op,
        Goexit => proc::goexit_op,
        NumGoroutine => proc::num_goroutine,
        GoMaxProcs => proc::gomaxprocs,
        NumCpu => proc::num_cpu,
        GoVersion => string::go_version,
        Sleep => time::sleep,
        TimeAfter => time::time_after,
        TimeNow => time::time_now_op,
    }
}

/// The back-edge instance of a branch opcode's handler (None: not a branch).
fn back_handler(op: Op) -> Option<Handler> {
    use Op::*;
    Some(match op {
        Jmp => jmp::<true>,
        JmpIf => jmp_if::<true>,
        JmpIfNot => jmp_if_not::<true>,
        JEq => j_eq::<true>,
        JNe => j_ne::<true>,
        JLtS => j_lt_s::<true>,
        IncJLtS => inc_j_lt_s::<true>,
        IncJLtU => inc_j_lt_u::<true>,
        IncJLtSI => inc_j_lt_s_i::<true>,
        JLeS => j_le_s::<true>,
        JLtU => j_lt_u::<true>,
        JLeU => j_le_u::<true>,
        JEqI => j_eq_i::<true>,
        JLtF => j_lt_f::<true>,
        JLeF => j_le_f::<true>,
        JNLtF => j_nlt_f::<true>,
        JNLeF => j_nle_f::<true>,
        JNeI => j_ne_i::<true>,
        JLtSI => j_lt_s_i::<true>,
        JLeSI => j_le_s_i::<true>,
        JGtSI => j_gt_s_i::<true>,
        JGeSI => j_ge_s_i::<true>,
        _ => return None,
    })
}

unsafe fn mov(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    wr!(fp, i.a, u64, rd!(fp, i.b, u64));
    next!(pc, fp, vm)
}

unsafe fn mov16(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    wr!(fp, i.a, [u64; 2], rd!(fp, i.b, [u64; 2]));
    next!(pc, fp, vm)
}

unsafe fn mov_n(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // SAFETY: both ranges of `c` bytes were verified inside the frame;
    // `copy` allows them to overlap.
    unsafe { std::ptr::copy(slot::<u8>(fp, i.b), slot::<u8>(fp, i.a), i.c as usize) };
    next!(pc, fp, vm)
}

unsafe fn konst(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    wr!(fp, i.a, u64, i.b as u64 | (i.c as u64) << 32);
    next!(pc, fp, vm)
}

unsafe fn data(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // SAFETY: the offset was verified against the data's length; the data
    // lives as long as the machine (invariant 3).
    let p = unsafe { (*vm).data_base.add(i.b as usize) };
    wr!(fp, i.a, *const u8, p);
    next!(pc, fp, vm)
}

unsafe fn zero(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // SAFETY: `c` bytes at `a` were verified inside the frame.
    unsafe { std::ptr::write_bytes(slot::<u8>(fp, i.a), 0, i.c as usize) };
    next!(pc, fp, vm)
}

binop!(add, i64, i64, |x, y| x.wrapping_add(y));
binop!(sub, i64, i64, |x, y| x.wrapping_sub(y));
binop!(mul, i64, i64, |x, y| x.wrapping_mul(y));
binop!(and, u64, u64, |x, y| x & y);
binop!(or, u64, u64, |x, y| x | y);
binop!(xor, u64, u64, |x, y| x ^ y);
binop!(and_not, u64, u64, |x, y| x & !y);
immop!(add_i, i64, i64, |x, y| x.wrapping_add(y));
// Adds 2^k - 1 to negative dividends so that the shift rounds toward zero.
immop!(div_pow2_s, i64, i64, |x, k| (x
    + ((x >> 63) as u64 >> (64 - k)) as i64)
    >> k);

binop!(shl, u64, u64, |x, y| if y >= 64 { 0 } else { x << y });
binop!(shr_s, i64, i64, |x, y| if y as u64 >= 64 {
    x >> 63
} else {
    x >> y
});
binop!(shr_u, u64, u64, |x, y| if y >= 64 { 0 } else { x >> y });
immop!(shl_i, u64, u64, |x, y| if y >= 64 { 0 } else { x << y });
immop!(shr_s_i, i64, i64, |x, y| if y >= 64 {
    x >> 63
} else {
    x >> y
});
immop!(shr_u_i, u64, u64, |x, y| if y >= 64 { 0 } else { x >> y });
unop!(neg, i64, i64, |x| x.wrapping_neg());
unop!(not, u64, u64, |x| !x);
unop!(sext8, i64, i64, |x| x as i8 as i64);
unop!(sext16, i64, i64, |x| x as i16 as i64);
unop!(sext32, i64, i64, |x| x as i32 as i64);
unop!(zext8, u64, u64, |x| x as u8 as u64);
unop!(zext16, u64, u64, |x| x as u16 as u64);
unop!(zext32, u64, u64, |x| x as u32 as u64);

unsafe fn shift_check(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    if rd!(fp, i.a, i64) < 0 {
        return runtime_error(pc, fp, vm, "negative shift amount");
    }
    next!(pc, fp, vm)
}

/// Division and remainder: divide-by-zero panics, `MinInt64 / -1`
/// wraps as on amd64 under Go's rules (quotient MinInt64, remainder 0).
macro_rules! divop {
    ($name:ident, $t:ty, $f:ident) => {
        unsafe fn $name(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            let y = rd!(fp, i.c, $t);
            if y == 0 {
                return runtime_error(pc, fp, vm, "integer divide by zero");
            }
            wr!(fp, i.a, $t, rd!(fp, i.b, $t).$f(y));
            next!(pc, fp, vm)
        }
    };
}
divop!(div_s, i64, wrapping_div);
divop!(div_u, u64, wrapping_div);
divop!(rem_s, i64, wrapping_rem);
divop!(rem_u, u64, wrapping_rem);

binop!(eq, u64, u64, |x, y| (x == y) as u64);
binop!(ne, u64, u64, |x, y| (x != y) as u64);
binop!(lt_s, i64, u64, |x, y| (x < y) as u64);
binop!(le_s, i64, u64, |x, y| (x <= y) as u64);
binop!(lt_u, u64, u64, |x, y| (x < y) as u64);
binop!(le_u, u64, u64, |x, y| (x <= y) as u64);
immop!(eq_i, i64, u64, |x, y| (x == y) as u64);
immop!(ne_i, i64, u64, |x, y| (x != y) as u64);
immop!(lt_s_i, i64, u64, |x, y| (x < y) as u64);
immop!(le_s_i, i64, u64, |x, y| (x <= y) as u64);
immop!(gt_s_i, i64, u64, |x, y| (x > y) as u64);
immop!(ge_s_i, i64, u64, |x, y| (x >= y) as u64);

binop!(add_f, f64, f64, |x, y| x + y);
binop!(add_c, [f64; 2], [f64; 2], |x, y| [x[0] + y[0], x[1] + y[1]]);
binop!(sub_c, [f64; 2], [f64; 2], |x, y| [x[0] - y[0], x[1] - y[1]]);
binop!(mul_c, [f64; 2], [f64; 2], |x, y| [
    x[0] * y[0] - x[1] * y[1],
    x[0] * y[1] + x[1] * y[0]
]);
binop!(div_c, [f64; 2], [f64; 2], |x, y| complex128div(x, y));
unop!(neg_c, [f64; 2], [f64; 2], |x| [-x[0], -x[1]]);
binop!(eq_c, [f64; 2], u64, |x, y| (x[0] == y[0] && x[1] == y[1])
    as u64);
binop!(add_c64, [f32; 2], [f32; 2], |x, y| [
    x[0] + y[0],
    x[1] + y[1]
]);
binop!(sub_c64, [f32; 2], [f32; 2], |x, y| [
    x[0] - y[0],
    x[1] - y[1]
]);
binop!(mul_c64, [f32; 2], [f32; 2], |x, y| [
    x[0] * y[0] - x[1] * y[1],
    x[0] * y[1] + x[1] * y[0]
]);
binop!(div_c64, [f32; 2], [f32; 2], |x, y| {
    let q = complex128div([x[0] as f64, x[1] as f64], [y[0] as f64, y[1] as f64]);
    [q[0] as f32, q[1] as f32]
});
unop!(neg_c64, [f32; 2], [f32; 2], |x| [-x[0], -x[1]]);
binop!(eq_c64, [f32; 2], u64, |x, y| (x[0] == y[0] && x[1] == y[1])
    as u64);
unop!(c64_to_c, [f32; 2], [f64; 2], |x| [x[0] as f64, x[1] as f64]);
unop!(c_to_c64, [f64; 2], [f32; 2], |x| [x[0] as f32, x[1] as f32]);

/// Go's `complex128div` (`runtime/complex.go`): Smith's algorithm, then
/// C99's corrections to infinities and zeros.
fn complex128div(n: [f64; 2], m: [f64; 2]) -> [f64; 2] {
    let (a, b, c, d) = (n[0], n[1], m[0], m[1]);
    let (mut e, mut f);
    if c.abs() >= d.abs() {
        let ratio = d / c;
        let denom = c + ratio * d;
        e = (a + b * ratio) / denom;
        f = (b - a * ratio) / denom;
    } else {
        let ratio = c / d;
        let denom = d + ratio * c;
        e = (a * ratio + b) / denom;
        f = (b * ratio - a) / denom;
    }
    if e.is_nan() && f.is_nan() {
        let inf2one = |x: f64| {
            if x.is_infinite() {
                1f64.copysign(x)
            } else {
                0f64.copysign(x)
            }
        };
        if c == 0.0 && d == 0.0 && (!a.is_nan() || !b.is_nan()) {
            e = f64::INFINITY.copysign(c) * a;
            f = f64::INFINITY.copysign(c) * b;
        } else if (a.is_infinite() || b.is_infinite()) && c.is_finite() && d.is_finite() {
            let (a, b) = (inf2one(a), inf2one(b));
            e = f64::INFINITY * (a * c + b * d);
            f = f64::INFINITY * (b * c - a * d);
        } else if (c.is_infinite() || d.is_infinite()) && a.is_finite() && b.is_finite() {
            let (c, d) = (inf2one(c), inf2one(d));
            e = 0.0 * (a * c + b * d);
            f = 0.0 * (b * c - a * d);
        }
    }
    [e, f]
}
binop!(sub_f, f64, f64, |x, y| x - y);
binop!(mul_f, f64, f64, |x, y| x * y);
binop!(div_f, f64, f64, |x, y| x / y);
unop!(neg_f, f64, f64, |x| -x);
binop!(add_f32, f32, f32, |x, y| x + y);
binop!(sub_f32, f32, f32, |x, y| x - y);
binop!(mul_f32, f32, f32, |x, y| x * y);
binop!(div_f32, f32, f32, |x, y| x / y);
unop!(neg_f32, f32, f32, |x| -x);
binop!(eq_f, f64, u64, |x, y| (x == y) as u64);
binop!(ne_f, f64, u64, |x, y| (x != y) as u64);
binop!(lt_f, f64, u64, |x, y| (x < y) as u64);
binop!(le_f, f64, u64, |x, y| (x <= y) as u64);
binop!(eq_f32, f32, u64, |x, y| (x == y) as u64);
binop!(ne_f32, f32, u64, |x, y| (x != y) as u64);
binop!(lt_f32, f32, u64, |x, y| (x < y) as u64);
binop!(le_f32, f32, u64, |x, y| (x <= y) as u64);
unop!(i2f, i64, f64, |x| x as f64);
unop!(u2f, u64, f64, |x| x as f64);
unop!(f2i, f64, i64, |x| f2i_amd64(x));
unop!(f2u, f64, u64, |x| f2u_amd64(x));
unop!(i2f32, i64, f32, |x| x as f32);
unop!(u2f32, u64, f32, |x| x as f32);
unop!(f32_to_i, f32, i64, |x| f2i_amd64(x as f64));
unop!(f32_to_u, f32, u64, |x| f2u_amd64(x as f64));
unop!(f_to_f32, f64, f32, |x| x as f32);
unop!(f32_to_f, f32, f64, |x| x as f64);
unop!(bool_not, u64, u64, |x| x ^ 1);

/// float → int64 as amd64's CVTTSD2SQ: NaN and out-of-range values give
/// the "integer indefinite" value `MinInt64`.
fn f2i_amd64(x: f64) -> i64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if x.is_nan() || !(-TWO63..TWO63).contains(&x) {
        i64::MIN
    } else {
        x as i64
    }
}

/// float → uint64 as gc compiles it on amd64: values below 2⁶³ convert
/// as signed, larger ones by subtracting 2⁶³ first.
fn f2u_amd64(x: f64) -> u64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if x < TWO63 {
        f2i_amd64(x) as u64
    } else {
        (f2i_amd64(x - TWO63) as u64) ^ (1 << 63)
    }
}

unsafe fn jmp<const BACK: bool>(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    jump!(pc, i.a, fp, vm)
}

unsafe fn jmp_if<const BACK: bool>(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    if rd!(fp, i.a, u8) != 0 {
        return jump!(pc, i.b, fp, vm);
    }
    next!(pc, fp, vm)
}

unsafe fn jmp_if_not<const BACK: bool>(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    if rd!(fp, i.a, u8) == 0 {
        return jump!(pc, i.b, fp, vm);
    }
    next!(pc, fp, vm)
}

/// Defines a compare-and-branch: jump by `c` if `cmp(a, b)`.
macro_rules! brop {
    ($name:ident, $t:ty, |$x:ident, $y:ident| $e:expr) => {
        unsafe fn $name<const BACK: bool>(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            let $x = rd!(fp, i.a, $t);
            let $y = rd!(fp, i.b, $t);
            if $e {
                return jump!(pc, i.c, fp, vm);
            }
            next!(pc, fp, vm)
        }
    };
}

/// Defines a compare-with-immediate-and-branch: jump by `c` if
/// `cmp(a, imm(b))`.
macro_rules! brimm {
    ($name:ident, |$x:ident, $y:ident| $e:expr) => {
        unsafe fn $name<const BACK: bool>(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            let $x = rd!(fp, i.a, i64);
            let $y = i.b as i32 as i64;
            if $e {
                return jump!(pc, i.c, fp, vm);
            }
            next!(pc, fp, vm)
        }
    };
}

/// Defines an increment-and-branch: `a += 1`, then jump by `c` if
/// `cmp(a, b)`, with `b` a slot or (`imm`) the signed immediate.
macro_rules! incbr {
    ($name:ident, $t:ty, |$x:ident, $y:ident| $e:expr) => {
        incbr!($name, $t, |i, fp| rd!(fp, i.b, $t), |$x, $y| $e);
    };
    ($name:ident, $t:ty, imm, |$x:ident, $y:ident| $e:expr) => {
        incbr!($name, $t, |i, _fp| i.b as i32 as $t, |$x, $y| $e);
    };
    ($name:ident, $t:ty, |$i:ident, $f:ident| $limit:expr, |$x:ident, $y:ident| $e:expr) => {
        unsafe fn $name<const BACK: bool>(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let $i = inst!(pc);
            let $f = fp;
            let $x = rd!(fp, $i.a, $t).wrapping_add(1);
            wr!(fp, $i.a, $t, $x);
            let $y = $limit;
            if $e {
                return jump!(pc, $i.c, fp, vm);
            }
            next!(pc, fp, vm)
        }
    };
}
incbr!(inc_j_lt_s, i64, |x, y| x < y);
incbr!(inc_j_lt_u, u64, |x, y| x < y);
incbr!(inc_j_lt_s_i, i64, imm, |x, y| x < y);

brop!(j_eq, u64, |x, y| x == y);
brop!(j_ne, u64, |x, y| x != y);
brop!(j_lt_s, i64, |x, y| x < y);
brop!(j_le_s, i64, |x, y| x <= y);
brop!(j_lt_u, u64, |x, y| x < y);
brop!(j_le_u, u64, |x, y| x <= y);
brop!(j_lt_f, f64, |x, y| x < y);
brop!(j_le_f, f64, |x, y| x <= y);
// Not ordered as asked: unordered (NaN) operands jump too.
brop!(j_nlt_f, f64, |x, y| x.partial_cmp(&y)
    != Some(std::cmp::Ordering::Less));
brop!(j_nle_f, f64, |x, y| !matches!(
    x.partial_cmp(&y),
    Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
));
brimm!(j_eq_i, |x, y| x == y);
brimm!(j_ne_i, |x, y| x != y);
brimm!(j_lt_s_i, |x, y| x < y);
brimm!(j_le_s_i, |x, y| x <= y);
brimm!(j_gt_s_i, |x, y| x > y);
brimm!(j_ge_s_i, |x, y| x >= y);

unsafe fn call(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // The callee's entry and frame size, bound at link time to a verified
    // function.
    let npc = (u64::from(i.d) << 32 | u64::from(i.c)) as *const Code;
    let size = i.a as usize;
    // SAFETY: `b` lies inside the caller's frame (verified), so `nfp` is
    // inside the stack.
    let nfp = unsafe { fp.add(i.b as usize) };
    // SAFETY: `vm` is live.
    if (nfp as usize).wrapping_add(size) > unsafe { (*vm).stack_end } as usize {
        return morestack_call(pc, fp, vm, nfp as usize + size);
    }
    // SAFETY: the callee's whole frame, header included, is inside the
    // stack (checked above) and 8-aligned (invariant 2).
    unsafe {
        *nfp.cast::<*const Code>() = pc.add(1);
        *nfp.add(8).cast::<*mut u8>() = fp;
        // No closure context: the collector scans the context word of
        // every frame, and a stale pointer the caller left in that word
        // would keep its object alive (go.dev/issue/15281).
        *nfp.add(abi::FRAME_CONTEXT as usize).cast::<*const u64>() = std::ptr::null();
        ((*npc).h)(npc, nfp, vm)
    }
}

unsafe fn call_ind(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let clo = rd!(fp, i.a, *const u64);
    if clo.is_null() {
        return nil_deref(pc, fp, vm);
    }
    // SAFETY: a non-nil func value points to a closure object whose first
    // word is a function id (invariant 7); `vm` is live.
    let (id, funcs) = unsafe { (*clo as usize, &(*vm).funcs) };
    // The id and the callee's argument area are checked: they come from
    // memory, not from verified code.
    let Some(f) = funcs.get(id) else {
        return raise(pc, fp, vm, "internal error: bad func value".into(), None);
    };
    // SAFETY: `vm` is live.
    let prog: &Program = unsafe { &(*vm).prog };
    let prog_f = &prog.funcs[id];
    if prog_f.params_size + prog_f.results_size != i.c {
        return raise(
            pc,
            fp,
            vm,
            "internal error: func value of another type".into(),
            None,
        );
    }
    let (npc, size) = (f.code.as_ptr(), f.frame_size as usize);
    // SAFETY: `b` lies inside the caller's frame (verified).
    let nfp = unsafe { fp.add(i.b as usize) };
    // SAFETY: `vm` is live.
    if (nfp as usize).wrapping_add(size) > unsafe { (*vm).stack_end } as usize {
        return morestack_call(pc, fp, vm, nfp as usize + size);
    }
    // SAFETY: the callee's frame fits the stack (checked) and is 8-aligned.
    unsafe {
        *nfp.cast::<*const Code>() = pc.add(1);
        *nfp.add(8).cast::<*mut u8>() = fp;
        *nfp.add(abi::FRAME_CONTEXT as usize).cast::<*const u64>() = clo;
        ((*npc).h)(npc, nfp, vm)
    }
}

unsafe fn defer(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    defer_slow(pc, fp, vm, inst!(pc));
    next!(pc, fp, vm)
}

#[inline(never)]
fn defer_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm, i: &Code) {
    let clo = rd!(fp, i.a, *const u64);
    // SAFETY: `c` bytes at `b` are verified frame bytes; `vm` is live.
    unsafe {
        let args = smallvec::SmallVec::from_slice(std::slice::from_raw_parts(
            slot::<u8>(fp, i.b),
            i.c as usize,
        ));
        (*vm).defers.push(DeferRec {
            fp,
            pc,
            clo,
            args,
            pending: None,
        });
    }
}

unsafe fn defer_frame(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    let token = v.defers.len() as u64;
    v.defers.push(DeferRec {
        fp,
        pc,
        clo: std::ptr::null(),
        args: Default::default(),
        pending: Some(Vec::new()),
    });
    wr!(fp, i.a, u64, token);
    next!(pc, fp, vm)
}

unsafe fn defer_at(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    if !defer_at_slow(fp, vm, inst!(pc)) {
        return raise(pc, fp, vm, "internal error: defer token".into(), None);
    }
    next!(pc, fp, vm)
}

#[inline(never)]
fn defer_at_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> bool {
    let clo = rd!(fp, i.a, *const u64);
    let token = rd!(fp, i.a + 8, u64) as usize;
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    // The marker lives while its frame does, under every newer record:
    // its index stays valid as long as a range body can run.
    let Some(DeferRec {
        fp: mfp,
        pc: mpc,
        pending: Some(pending),
        ..
    }) = v.defers.get_mut(token)
    else {
        return false;
    };
    // SAFETY: `c` bytes at `b` are verified frame bytes.
    let args = smallvec::SmallVec::from_slice(unsafe {
        std::slice::from_raw_parts(slot::<u8>(fp, i.b), i.c as usize)
    });
    pending.push(DeferRec {
        fp: *mfp,
        pc: *mpc,
        clo,
        args,
        pending: None,
    });
    true
}

unsafe fn run_defers(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let (npc, nfp) = next_frame_defer(pc, fp, vm, inst!(pc).b);
    if npc.is_null() {
        return next!(pc, fp, vm);
    }
    // SAFETY: `next_frame_defer` entered a verified function whose frame
    // it checked against the stack (or gave `STOPPED`).
    unsafe { ((*npc).h)(npc, nfp, vm) }
}

/// Starts the newest call deferred by the frame at `fp` (whose size is
/// `size`) on a frame right after it, returning to this `RunDefers` at
/// `pc`, which then starts the next (Go's `deferreturn`, with the loop in
/// bytecode: no native frame stays behind, so the call can park, and a
/// deferred call that recurses overflows the goroutine stack, not the
/// thread's). `(null, _)` when none is left; `(STOPPED, _)` when starting it
/// raised a panic or a fatal error.
#[inline(never)]
fn next_frame_defer(
    pc: *const Code,
    fp: *mut u8,
    vm: *mut Vm,
    size: u32,
) -> (*const Code, *mut u8) {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let Some(rec) = (unsafe { (*vm).pop_defer(|r| r.fp == fp) }) else {
        return (std::ptr::null(), fp);
    };
    // SAFETY: the frame at `fp` is live and `size` bytes long, so the new
    // frame starts right after it, 8-aligned.
    let nfp = unsafe { fp.add(size as usize) };
    // SAFETY: `nfp` is above every live frame.
    match unsafe { enter_deferred((pc, fp), nfp, vm, &rec, pc, fp) } {
        Ok(go) => go,
        Err(stop) => stopped(vm, stop, fp),
    }
}

/// Records `stop` for [`STOPPED`] and continues there.
fn stopped(vm: *mut Vm, stop: Stop, fp: *mut u8) -> (*const Code, *mut u8) {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    unsafe { (*vm).stopped = stop };
    (&STOPPED, fp)
}

/// An instruction that ends dispatch with [`Vm::stopped`]: where slow
/// paths that return a continuation send the handler when they raised a
/// panic or a fatal error instead.
static STOPPED: Code = Code {
    h: stopped_h,
    a: 0,
    b: 0,
    c: 0,
    d: 0,
};

unsafe fn stopped_h(_pc: *const Code, _fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live.
    unsafe { (*vm).stopped }
}

/// Lays out a call of the deferred `rec` on a new frame at `nfp` whose
/// header returns to `ret` with caller frame `cfp`, and returns the
/// callee's first instruction and frame (the stack grows first when the
/// frame does not fit, which moves it: every frame pointer given is then
/// stale, and the returned one is where the new frame is); `Err` with the
/// stop of the panic (a nil func value) or fatal error (stack overflow)
/// raised instead, reported at `at` (an instruction and its frame).
///
/// # Safety
/// `nfp` is 8-aligned and inside the goroutine stack, above every live
/// frame; `vm` is live.
unsafe fn enter_deferred(
    at: (*const Code, *mut u8),
    nfp: *mut u8,
    vm: *mut Vm,
    rec: &DeferRec,
    ret: *const Code,
    cfp: *mut u8,
) -> Result<(*const Code, *mut u8), Stop> {
    let (pc, efp) = at;
    if rec.clo.is_null() {
        return Err(nil_deref(pc, efp, vm));
    }
    // SAFETY: a non-nil func value points to a closure object (invariant 7).
    let id = unsafe { *rec.clo } as usize;
    // SAFETY: `vm` is live.
    let (funcs, prog): (&Vec<Func>, &Program) = unsafe { (&(*vm).funcs, &(*vm).prog) };
    let (Some(f), Some(info)) = (funcs.get(id), prog.funcs.get(id)) else {
        return Err(raise(
            pc,
            efp,
            vm,
            "internal error: bad func value".into(),
            None,
        ));
    };
    if info.params_size as usize != rec.args.len() {
        return Err(raise(
            pc,
            efp,
            vm,
            "internal error: deferred call arguments".into(),
            None,
        ));
    }
    let (npc, size) = (f.code.as_ptr(), f.frame_size as usize);
    let (mut nfp, mut cfp) = (nfp, cfp);
    // SAFETY: `vm` is live.
    if (nfp as usize).wrapping_add(size) > unsafe { (*vm).stack_end } as usize {
        // The frames end at `nfp`: grow, and follow the move.
        // SAFETY: `vm` is live and not otherwise borrowed here.
        let Some(delta) = (unsafe { (*vm).morestack(nfp as usize + size, nfp as usize) }) else {
            return Err(stack_overflow(pc, efp, vm));
        };
        nfp = nfp.wrapping_offset(delta);
        cfp = cfp.wrapping_offset(delta);
    }
    // SAFETY: the frame fits the stack (checked, or grown) and is
    // 8-aligned; the arguments fill the callee's parameter area.
    unsafe {
        *nfp.cast::<*const Code>() = ret;
        *nfp.add(8).cast::<*mut u8>() = cfp;
        *nfp.add(abi::FRAME_CONTEXT as usize).cast::<*const u64>() = rec.clo;
        std::ptr::copy_nonoverlapping(
            rec.args.as_ptr(),
            nfp.add(FRAME_HEADER as usize),
            rec.args.len(),
        );
    }
    Ok((npc, nfp))
}

impl Vm {
    /// The instruction a caller, whose frame is at `cfp`, stands at while
    /// its callee at `fp`, whose header holds the return pc `rpc`, runs:
    /// the call before `rpc`, or the `RunDefers` at `rpc` when the callee
    /// is a deferred call its caller runs on returning (its frame then
    /// starts at the end of the caller's, where no call area reaches).
    fn caller_pc(&self, rpc: *const Code, fp: *mut u8, cfp: *mut u8) -> *const Code {
        match self.locate(rpc) {
            Some((fi, idx))
                if self.prog.funcs[fi].code[idx as usize].op == Op::RunDefers
                    && fp as usize == cfp as usize + self.funcs[fi].frame_size as usize =>
            {
                rpc
            }
            _ => rpc.wrapping_sub(1),
        }
    }
}

/// Where a deferred call returns to: back to the Rust code that invoked it.
static NATIVE_RETURN: Code = Code {
    h: native_return,
    a: 0,
    b: 0,
    c: 0,
    d: 0,
};

unsafe fn native_return(_pc: *const Code, _fp: *mut u8, _vm: *mut Vm) -> Stop {
    Stop::Halt
}

unsafe fn ret(_pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: a function returning was entered by `Call`, which wrote the
    // header: the caller's next instruction and frame pointer.
    unsafe {
        let rpc = *fp.cast::<*const Code>();
        let cfp = *fp.add(8).cast::<*mut u8>();
        ((*rpc).h)(rpc, cfp, vm)
    }
}

unsafe fn halt(_pc: *const Code, _fp: *mut u8, _vm: *mut Vm) -> Stop {
    Stop::Halt
}

/// A string slot: data pointer and length.
#[derive(Clone, Copy)]
#[repr(C)]
struct GoString {
    ptr: *const u8,
    len: i64,
}

impl GoString {
    /// # Safety
    /// The string must satisfy invariant 4.
    unsafe fn bytes<'a>(self) -> &'a [u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: by invariant 4, `ptr` addresses `len` initialized bytes
        // that outlive the machine's use of them.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len as usize) }
    }
}

unsafe fn str_eq(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let (x, y) = (rd!(fp, i.b, GoString), rd!(fp, i.c, GoString));
    // SAFETY: string slots satisfy invariant 4.
    let r = unsafe { x.bytes() == y.bytes() };
    wr!(fp, i.a, u64, r as u64);
    next!(pc, fp, vm)
}

unsafe fn str_lt(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let (x, y) = (rd!(fp, i.b, GoString), rd!(fp, i.c, GoString));
    // SAFETY: string slots satisfy invariant 4.
    let r = unsafe { x.bytes() < y.bytes() };
    wr!(fp, i.a, u64, r as u64);
    next!(pc, fp, vm)
}

/// Defines a print handler appending `f(value)` to the print buffer.
macro_rules! printop {
    ($name:ident, $t:ty, |$buf:ident, $x:ident| $e:expr) => {
        unsafe fn $name(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            // Out of line, reading the operand itself: formatting
            // allocates, and a handler keeps no value with `Drop` and no
            // stack temporaries (its tail call must stay a jump, or every
            // print would deepen the native stack).
            #[inline(never)]
            fn format(vm: *mut Vm, fp: *mut u8, off: u32) {
                let $x = rd!(fp, off, $t);
                // SAFETY: `vm` is live and not otherwise borrowed here.
                let $buf = unsafe { &mut (*vm).print_buf };
                $e;
            }
            format(vm, fp, i.a);
            next!(pc, fp, vm)
        }
    };
}

printop!(print_complex, [f64; 2], |b, x| format_complex(b, x, 64));
printop!(print_complex64, [f32; 2], |b, x| format_complex(
    b,
    [x[0] as f64, x[1] as f64],
    32
));

/// `strconv.AppendComplex(…, 'g', -1, …)`: `(re±imi)`, each part as the
/// shortest float of `bits` bits.
fn format_complex(b: &mut Vec<u8>, x: [f64; 2], bits: u32) {
    b.push(b'(');
    crate::print::format_float(b, x[0], bits);
    let mut im = Vec::new();
    crate::print::format_float(&mut im, x[1], bits);
    if !matches!(im.first(), Some(b'+' | b'-')) {
        b.push(b'+');
    }
    b.extend_from_slice(&im);
    b.extend_from_slice(b"i)");
}
printop!(print_pointer, u64, |b, x| b
    .extend_from_slice(format!("{x:#x}").as_bytes()));
printop!(print_slice, [u64; 3], |b, x| b.extend_from_slice(
    format!("[{}/{}]{:#x}", x[1], x[2], x[0]).as_bytes()
));
printop!(print_int, i64, |b, x| b
    .extend_from_slice(x.to_string().as_bytes()));
printop!(print_uint, u64, |b, x| b
    .extend_from_slice(x.to_string().as_bytes()));
printop!(print_float, f64, |b, x| crate::print::format_float(
    b, x, 64
));
printop!(print_float32, f32, |b, x| crate::print::format_float(
    b, x as f64, 32
));
printop!(print_bool, u8, |b, x| b.extend_from_slice(if x != 0 {
    b"true"
} else {
    b"false"
}));
printop!(print_str, GoString, |b, x| {
    // SAFETY: string slots satisfy invariant 4.
    b.extend_from_slice(unsafe { x.bytes() })
});

unsafe fn print_space(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live.
    unsafe { (*vm).print_buf.push(b' ') };
    next!(pc, fp, vm)
}

unsafe fn print_nl(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live.
    unsafe { (*vm).print_buf.push(b'\n') };
    next!(pc, fp, vm)
}

unsafe fn print_flush(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    flush(unsafe { &mut *vm });
    next!(pc, fp, vm)
}

// ---- memory ----
//
// Go pointers address package variables, heap memory from `mallocgc` or
// (once escape analysis places values there) live stack frames; the
// compiler only dereferences a pointer at an offset inside its pointee's
// type (invariant 5, held by Go's type safety: rgo has no `unsafe`
// package pointers yet). Nil pointers are checked by every access.

unsafe fn global(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // SAFETY: the offset was verified against the globals' size; `vm` is
    // live and the globals never move (invariant 3).
    let p = unsafe { (*vm).globals_base.add(i.b as usize) };
    wr!(fp, i.a, *mut u8, p);
    next!(pc, fp, vm)
}

/// Defines a load of a `$t` at pointer slot `b` plus offset `c`, widened
/// to `$w`.
macro_rules! loadop {
    ($name:ident, $t:ty, $w:ty) => {
        unsafe fn $name(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            let p = rd!(fp, i.b, *const u8);
            if p.is_null() {
                return nil_deref(pc, fp, vm);
            }
            // SAFETY: a non-nil Go pointer plus an offset inside its
            // pointee (invariant 5); the pointee may be unaligned for
            // packed narrow fields, hence `read_unaligned`.
            let v = unsafe { p.add(i.c as usize).cast::<$t>().read_unaligned() };
            wr!(fp, i.a, $w, v as $w);
            next!(pc, fp, vm)
        }
    };
}
loadop!(load64, u64, u64);
loadop!(load32s, i32, i64);
loadop!(load32u, u32, u64);
loadop!(load16s, i16, i64);
loadop!(load16u, u16, u64);
loadop!(load8s, i8, i64);
loadop!(load8u, u8, u64);

/// Defines a store of the low `$t` of slot `b` at pointer slot `a` plus
/// offset `c`.
macro_rules! storeop {
    ($name:ident, $t:ty) => {
        unsafe fn $name(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            let p = rd!(fp, i.a, *mut u8);
            if p.is_null() {
                return nil_deref(pc, fp, vm);
            }
            let v = rd!(fp, i.b, u64) as $t;
            // SAFETY: as for loads (invariant 5).
            unsafe { p.add(i.c as usize).cast::<$t>().write_unaligned(v) };
            next!(pc, fp, vm)
        }
    };
}
storeop!(store64, u64);
storeop!(store32, u32);
storeop!(store16, u16);
storeop!(store8, u8);

/// A slice slot.
#[derive(Clone, Copy)]
#[repr(C)]
struct GoSlice {
    ptr: *mut u8,
    len: i64,
    cap: i64,
}

/// Defines `a = &b[c]` for elements of `$size` bytes, with the bounds check.
macro_rules! indexop {
    ($name:ident, $size:expr) => {
        unsafe fn $name(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
            let i = inst!(pc);
            // A slice or a string: pointer and length.
            let s = rd!(fp, i.b, GoString);
            let x = rd!(fp, i.c, i64);
            if x as u64 >= s.len as u64 {
                return index_error(pc, fp, vm, x, s.len);
            }
            // SAFETY: `x < len <= cap`, so the element lies inside the
            // slice's backing array or the string's bytes (invariants 4, 6).
            let p = unsafe { s.ptr.add(x as usize * $size) };
            wr!(fp, i.a, *const u8, p);
            next!(pc, fp, vm)
        }
    };
}
indexop!(index1, 1);
indexop!(index2, 2);
indexop!(index4, 4);
indexop!(index8, 8);
indexop!(index16, 16);

unsafe fn load_idx8(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let s = rd!(fp, i.b, GoString);
    let x = rd!(fp, i.c, i64);
    if x as u64 >= s.len as u64 {
        return index_error(pc, fp, vm, x, s.len);
    }
    // SAFETY: `x < len <= cap`, so the 8-byte element lies inside the
    // slice's backing array (invariants 4, 6); unaligned for slices
    // made by unsafe.Slice of odd addresses.
    let v = unsafe { s.ptr.add(x as usize * 8).cast::<u64>().read_unaligned() };
    wr!(fp, i.a, u64, v);
    next!(pc, fp, vm)
}

unsafe fn index_n(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let size = rd!(fp, i.a, u64) as usize;
    let s = rd!(fp, i.b, GoString);
    let x = rd!(fp, i.c, i64);
    if x as u64 >= s.len as u64 {
        return index_error(pc, fp, vm, x, s.len);
    }
    // SAFETY: `x < len <= cap` elements of `size` bytes (invariant 6; the
    // compiler preloads the element size).
    let p = unsafe { s.ptr.add(x as usize * size) };
    wr!(fp, i.a, *const u8, p);
    next!(pc, fp, vm)
}

unsafe fn frame_addr(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // SAFETY: `b` was verified to be at most the frame size, so the
    // address lies in the frame or one past its end (invariant 1).
    let p = unsafe { slot::<u8>(fp, i.b) };
    wr!(fp, i.a, *mut u8, p);
    next!(pc, fp, vm)
}

unsafe fn load_blk(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let p = rd!(fp, i.b, *const u8);
    if p.is_null() {
        return nil_deref(pc, fp, vm);
    }
    // SAFETY: `c` bytes at a non-nil Go pointer to a value of that size
    // (invariant 5) into `c` verified frame bytes.
    unsafe { std::ptr::copy(p, slot::<u8>(fp, i.a), i.c as usize) };
    next!(pc, fp, vm)
}

unsafe fn store_blk(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let p = rd!(fp, i.a, *mut u8);
    if p.is_null() {
        return nil_deref(pc, fp, vm);
    }
    // SAFETY: as for `load_blk`, in the other direction.
    unsafe { std::ptr::copy(slot::<u8>(fp, i.b), p, i.c as usize) };
    next!(pc, fp, vm)
}

/// The address of every zero-size heap value (never read or written:
/// accesses to zero-size values copy no bytes).
static ZEROBASE: u64 = 0;

/// Most bytes one allocation may have (gc's `maxAlloc` on amd64).
const MAX_ALLOC: u64 = 1 << 48;

unsafe fn reslice(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let (lo, hi, max) = (
        rd!(fp, i.c, i64),
        rd!(fp, i.c + 8, i64),
        rd!(fp, i.c + 16, i64),
    );
    let word = rd!(fp, i.c + 24, u64);
    let (size, is_str, three) = (
        word as u32 as usize,
        word >> 32 & 1 != 0,
        word >> 33 & 1 != 0,
    );
    let s = rd!(fp, i.b, GoString);
    // The capacity of `b`: its length for strings.
    let cap = if is_str {
        s.len
    } else {
        rd!(fp, i.b + 16, i64)
    };
    let ok = if three {
        max as u64 <= cap as u64 && hi as u64 <= max as u64 && lo as u64 <= hi as u64
    } else {
        hi as u64 <= cap as u64 && lo as u64 <= hi as u64
    };
    if !ok {
        return reslice_error(pc, fp, vm, [lo, hi, max, cap], is_str, three);
    }
    let new_cap = if three { max - lo } else { cap - lo };
    // A result without capacity keeps the old pointer, so that it never
    // points past the end of the backing array (as gc compiles it).
    let ptr = if new_cap == 0 {
        s.ptr
    } else {
        // SAFETY: `lo < cap`, an element inside the backing array
        // (invariants 4, 6).
        unsafe { s.ptr.add(lo as usize * size) }
    };
    wr!(fp, i.a, GoString, GoString { ptr, len: hi - lo });
    if !is_str {
        wr!(fp, i.a + 16, i64, new_cap);
    }
    next!(pc, fp, vm)
}

/// The panic of a failed `Reslice`, with gc's message for the first bound
/// that fails. Out of line, so that `reslice` keeps no stack frame and its
/// dispatch stays a tail call.
#[cold]
#[inline(never)]
fn reslice_error(
    pc: *const Code,
    fp: *mut u8,
    vm: *mut Vm,
    [lo, hi, max, cap]: [i64; 4],
    is_str: bool,
    three: bool,
) -> Stop {
    // gc's boundsError formats; a negative operand drops the other one.
    let (x, y, pos, neg) = if three {
        if max as u64 > cap as u64 {
            (max, cap, "[::%x] with capacity %y", "[::%x]")
        } else if hi as u64 > max as u64 {
            (hi, max, "[:%x:%y]", "[:%x:]")
        } else {
            (lo, hi, "[%x:%y:]", "[%x::]")
        }
    } else if hi as u64 > cap as u64 {
        if is_str {
            (hi, cap, "[:%x] with length %y", "[:%x]")
        } else {
            (hi, cap, "[:%x] with capacity %y", "[:%x]")
        }
    } else {
        (lo, hi, "[%x:%y]", "[%x:]")
    };
    let f = if x < 0 { neg } else { pos };
    let m = format!(
        "slice bounds out of range {}",
        f.replace("%x", &x.to_string())
            .replace("%y", &y.to_string())
    );
    runtime_error(pc, fp, vm, &m)
}

unsafe fn range_check(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let state = rd!(fp, i.a, i64);
    if state != 0 {
        return range_check_error(pc, fp, vm, state);
    }
    next!(pc, fp, vm)
}

#[cold]
#[inline(never)]
fn range_check_error(pc: *const Code, fp: *mut u8, vm: *mut Vm, state: i64) -> Stop {
    let m = if state < 0 {
        "range function continued iteration after whole loop exit"
    } else {
        "range function continued iteration after function for loop body returned false"
    };
    runtime_error(pc, fp, vm, m)
}

unsafe fn slice_to_array(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let s = rd!(fp, i.b, GoString);
    let n = i.c as i64;
    if s.len < n {
        let len = s.len;
        return runtime_error(
            pc,
            fp,
            vm,
            &format!(
                "cannot convert slice with length {len} to array or pointer to array with length {n}"
            ),
        );
    }
    wr!(fp, i.a, *const u8, s.ptr);
    next!(pc, fp, vm)
}

unsafe fn clear_slice(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let s = rd!(fp, i.a, GoString);
    let bytes = s.len as usize * i.c as usize;
    if bytes > 0 {
        // SAFETY: a slice's `len` elements lie inside its backing array
        // (invariants 4, 6).
        unsafe { std::ptr::write_bytes(s.ptr as *mut u8, 0, bytes) };
    }
    next!(pc, fp, vm)
}

unsafe fn copy(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let d = rd!(fp, i.a, GoSlice);
    let src = rd!(fp, i.b, GoString);
    let n = d.len.min(src.len);
    if n > 0 {
        // SAFETY: both ranges hold at least `n` elements of `c` bytes
        // (invariants 4, 6); `copy` allows overlap, as Go's copy does.
        unsafe { std::ptr::copy(src.ptr, d.ptr, n as usize * i.c as usize) };
    }
    wr!(fp, i.a + 24, i64, n);
    next!(pc, fp, vm)
}

unop!(sqrt_f, f64, f64, |x| x.sqrt());

unsafe fn min_f(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let (x, y) = (rd!(fp, i.a, f64), rd!(fp, i.b, f64));
    let r = if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == y {
        // -0 is the smaller zero.
        if x.is_sign_negative() { x } else { y }
    } else {
        x.min(y)
    };
    wr!(fp, i.a, f64, r);
    next!(pc, fp, vm)
}

unsafe fn max_f(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let (x, y) = (rd!(fp, i.a, f64), rd!(fp, i.b, f64));
    let r = if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == y {
        if x.is_sign_positive() { x } else { y }
    } else {
        x.max(y)
    };
    wr!(fp, i.a, f64, r);
    next!(pc, fp, vm)
}

unsafe fn decode_rune(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let s = rd!(fp, i.b, GoString);
    let k = rd!(fp, i.c, i64) as usize;
    // SAFETY: string slots satisfy invariant 4; the compiler only decodes
    // at indices below the length.
    let bytes = unsafe { s.bytes() };
    let (r, w) = match bytes.get(k) {
        Some(&b) if b < 0x80 => (b as u32, 1),
        _ => crate::print::decode_rune(bytes.get(k..).unwrap_or(&[])),
    };
    wr!(fp, i.a, i64, r as i64);
    wr!(fp, i.a + 8, i64, w as i64);
    next!(pc, fp, vm)
}

/// The map type of a map instruction (operand `c`, verified in `link`).
///
/// # Safety
/// `vm` is live; `c` was verified to index the map types.
#[inline(always)]
unsafe fn map_type<'a>(vm: *mut Vm, c: u32) -> &'a crate::map::MapType {
    // SAFETY: as the caller guarantees; the table is not changed while the
    // machine runs (invariant 3).
    unsafe {
        let maps: &crate::map::Maps = &(*vm).maps;
        let types: &[crate::map::MapType] = &maps.types;
        types.get_unchecked(c as usize)
    }
}

/// The canonical-bytes key operations of `Gen` keys of map type `t`,
/// after checking that the probe key `k` can be hashed (an interface
/// holding an uncomparable dynamic type cannot).
///
/// # Safety
/// `vm` is live; `k` points to a key of type `t` in memory form.
unsafe fn gen_keys(vm: *mut Vm, t: &crate::map::MapType, k: *const u8) -> Result<(), String> {
    // SAFETY: as the caller guarantees.
    unsafe {
        debug_assert_eq!(iface::type_size(&*vm, t.key_type), t.key_size as usize);
        iface::canon_key(&*vm, t.key_type, k as u64).map(drop)
    }
}

/// Calls `f` with the key operations of `Gen` keys of map type `t`.
///
/// # Safety
/// `vm` is live; every key the operations see is a hashable key of type
/// `t` (the probe checked by [`gen_keys`], slot keys by inv. 4 of `map`).
unsafe fn with_canon<R>(
    vm: *mut Vm,
    t: &crate::map::MapType,
    f: impl FnOnce(&crate::map::Canon<'_>) -> R,
) -> R {
    let ty = t.key_type;
    let canon = |p: *const u8| {
        // SAFETY: `p` is a key of type `ty` (as the caller guarantees);
        // `canon_key` only reads the program's type table.
        unsafe { iface::canon_key(&*vm, ty, p as u64) }.unwrap_or_default()
    };
    f(&crate::map::Canon(&canon))
}

unsafe fn make_map(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let hint = if i.b == 0 { 0 } else { rd!(fp, i.b, i64) };
    let Ok(m) = make_map_slow(vm, i.c, hint) else {
        return gcroots::out_of_memory(pc, fp, vm);
    };
    wr!(fp, i.a, u64, m.as_ptr() as u64);
    next!(pc, fp, vm)
}

#[inline(never)]
fn make_map_slow(
    vm: *mut Vm,
    ti: u32,
    hint: i64,
) -> Result<NonNull<crate::map::Header>, crate::map::OutOfMemory> {
    // SAFETY: `vm` is live and not otherwise borrowed here; `ti` was
    // verified in `link`.
    unsafe {
        let _l = Vm::heap_lock(vm);
        let vm = &mut *vm;
        crate::map::make(&mut vm.heap, &vm.maps, ti as usize, hint)
    }
}

unsafe fn map_len(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let m = rd!(fp, i.b, u64) as *const crate::map::Header;
    // SAFETY: a map slot holds nil or a map (map inv. 1).
    let n = unsafe { crate::map::len(m) };
    wr!(fp, i.a, u64, n);
    next!(pc, fp, vm)
}

unsafe fn map_load(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    if let Some(stop) = map_load_slow(pc, fp, vm) {
        return stop;
    }
    next!(pc, fp, vm)
}

/// The body of `MapLoad`, out of line: the map code inlined into a handler
/// may keep locals whose address it passes on, which costs the handler its
/// tail call (`long_loops_alloc.go`). `Some` when the instruction panics.
#[inline(never)]
fn map_load_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Option<Stop> {
    use crate::map::{KeyKind, Scalar, Str};
    let i = inst!(pc);
    // SAFETY: `c` verified in `link`.
    let t = unsafe { map_type(vm, i.c) };
    let m = rd!(fp, i.b, u64) as *mut crate::map::Header;
    if map_writing(m) {
        return Some(map_race(pc, fp, vm, "concurrent map read and map write"));
    }
    // SAFETY: the area at `b` holds the map and the key (verified
    // operand); map inv. 1; the value and ok word at `a` were verified
    // for this map type.
    unsafe {
        let k = crate::map::key_ptr(t, slot::<u8>(fp, i.b + 8));
        let v = match t.kind {
            KeyKind::Str => crate::map::get(&Str, t, m, k),
            KeyKind::Gen => match map_get_gen(vm, t, m, k) {
                Ok(v) => v,
                Err(s) => return Some(unhashable(pc, fp, vm, s)),
            },
            _ => crate::map::get(&Scalar, t, m, k),
        };
        let dst = slot::<u8>(fp, i.a);
        let ok = if v.is_null() {
            crate::map::zero_frame(t, dst);
            0
        } else {
            crate::map::val_to_frame(t, v, dst);
            1
        };
        *slot::<u64>(fp, i.a + t.val_frame) = ok;
    }
    None
}

/// `MapLoad` of a `Gen` key, out of line.
#[inline(never)]
fn map_get_gen(
    vm: *mut Vm,
    t: &crate::map::MapType,
    m: *mut crate::map::Header,
    k: *const u8,
) -> Result<*mut u8, String> {
    // SAFETY: `k` is the key of a verified map instruction of type `t`.
    unsafe {
        gen_keys(vm, t, k)?;
        Ok(with_canon(vm, t, |keys| crate::map::get(keys, t, m, k)))
    }
}

/// The panic for a map key whose dynamic type cannot be hashed.
#[cold]
#[inline(never)]
fn unhashable(pc: *const Code, fp: *mut u8, vm: *mut Vm, t: String) -> Stop {
    runtime_error(pc, fp, vm, &format!("hash of unhashable type {t}"))
}

unsafe fn map_store(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    if let Some(stop) = map_store_slow(pc, fp, vm) {
        return stop;
    }
    next!(pc, fp, vm)
}

/// Marks map `m` as being written (Go's `writing`) while it lives, when
/// `on` (other machines run) and the map is not nil.
struct MapWriting(*mut crate::map::Header);

impl MapWriting {
    fn new(m: *mut crate::map::Header, on: bool) -> MapWriting {
        let m = if on { m } else { std::ptr::null_mut() };
        if !m.is_null() {
            // SAFETY: a non-nil map word points to a live map header (map
            // inv. 1); the runtime lock is held.
            unsafe { std::ptr::write_volatile(&raw mut (*m).writing, 1) };
        }
        MapWriting(m)
    }
}

impl Drop for MapWriting {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: as in `new`.
            unsafe { std::ptr::write_volatile(&raw mut (*self.0).writing, 0) };
        }
    }
}

/// Whether another machine is writing map `m` (a racy read, as Go's).
#[inline(always)]
fn map_writing(m: *const crate::map::Header) -> bool {
    // SAFETY: a non-nil map word points to a live map header (map inv. 1).
    !m.is_null() && unsafe { std::ptr::read_volatile(&raw const (*m).writing) } != 0
}

/// Go's fatal error for a map used by two goroutines at once.
#[cold]
#[inline(never)]
fn map_race(pc: *const Code, fp: *mut u8, vm: *mut Vm, what: &str) -> Stop {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let stop = unsafe { (*vm).fatal(pc, fp, format!("fatal error: {what}")) };
    // SAFETY: as above.
    if let Some(f) = unsafe { &mut (*vm).fault } {
        f.user = true;
    }
    stop
}

/// The body of `MapStore`, out of line (as `map_load_slow`). `Some` when
/// the instruction panics or the heap is exhausted.
#[inline(never)]
fn map_store_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Option<Stop> {
    use crate::map::{KeyKind, Scalar, Str};
    let _l = Vm::heap_lock(vm);
    let i = inst!(pc);
    // SAFETY: `c` verified in `link`.
    let t = unsafe { map_type(vm, i.c) };
    let m = rd!(fp, i.a, u64) as *mut crate::map::Header;
    if m.is_null() {
        return Some(plain_panic(pc, fp, vm, "assignment to entry in nil map"));
    }
    let _w = MapWriting::new(m, _l.is_some());
    // SAFETY: verified operands (the key area at `a`, the value at `b`);
    // map inv. 1; `vm` is live and its heap not otherwise borrowed.
    unsafe {
        let k = crate::map::key_ptr(t, slot::<u8>(fp, i.a + 8));
        let v = match t.kind {
            KeyKind::Int64 => crate::map::put(&mut (*vm).heap, &Scalar, t, m, k),
            KeyKind::Str => crate::map::put(&mut (*vm).heap, &Str, t, m, k),
            KeyKind::Gen => match map_put_gen(vm, t, m, k) {
                Ok(v) => v,
                Err(s) => return Some(unhashable(pc, fp, vm, s)),
            },
            _ => map_put_scalar(vm, t, m, k),
        };
        let Ok(v) = v else {
            return Some(gcroots::out_of_memory(pc, fp, vm));
        };
        crate::map::val_from_frame(t, slot::<u8>(fp, i.b), v.as_ptr());
    }
    None
}

#[inline(never)]
fn map_put_scalar(
    vm: *mut Vm,
    t: &crate::map::MapType,
    m: *mut crate::map::Header,
    k: *const u8,
) -> Result<NonNull<u8>, crate::map::OutOfMemory> {
    // SAFETY: as in `map_store`.
    unsafe { crate::map::put(&mut (*vm).heap, &crate::map::Scalar, t, m, k) }
}

#[inline(never)]
fn map_put_gen(
    vm: *mut Vm,
    t: &crate::map::MapType,
    m: *mut crate::map::Header,
    k: *const u8,
) -> Result<Result<NonNull<u8>, crate::map::OutOfMemory>, String> {
    // SAFETY: as in `map_store`; the canonical-key operations read only
    // the program's type table, the insertion writes only the heap.
    unsafe {
        gen_keys(vm, t, k)?;
        let heap = &raw mut (*vm).heap;
        Ok(with_canon(vm, t, |keys| {
            crate::map::put(&mut *heap, keys, t, m, k)
        }))
    }
}

unsafe fn map_delete(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    if let Err(t) = map_delete_slow(fp, vm, inst!(pc)) {
        return unhashable(pc, fp, vm, t);
    }
    next!(pc, fp, vm)
}

#[inline(never)]
fn map_delete_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> Result<(), String> {
    use crate::map::{KeyKind, Scalar, Str};
    let _l = Vm::heap_lock(vm);
    let m = rd!(fp, i.a, u64) as *mut crate::map::Header;
    let _w = MapWriting::new(m, _l.is_some());
    // SAFETY: verified operands and map type; map inv. 1.
    unsafe {
        let t = map_type(vm, i.c);
        let k = crate::map::key_ptr(t, slot::<u8>(fp, i.a + 8));
        match t.kind {
            KeyKind::Str => crate::map::delete(&Str, t, m, k),
            KeyKind::Gen => {
                gen_keys(vm, t, k)?;
                with_canon(vm, t, |keys| crate::map::delete(keys, t, m, k));
            }
            _ => crate::map::delete(&Scalar, t, m, k),
        }
    }
    Ok(())
}

unsafe fn map_clear(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let m = rd!(fp, i.a, u64) as *mut crate::map::Header;
    // SAFETY: `vm` is live; verified map type; map inv. 1.
    unsafe {
        let t = map_type(vm, i.c);
        let _l = Vm::heap_lock(vm);
        let _w = MapWriting::new(m, _l.is_some());
        crate::map::clear(&(*vm).maps, t, m);
    }
    next!(pc, fp, vm)
}

unsafe fn map_iter(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let m = rd!(fp, i.b, u64) as *mut crate::map::Header;
    // SAFETY: `a` is a verified `MAP_ITER_SIZE` frame operand; map inv. 1.
    unsafe { crate::map::iter_init(&(*vm).maps, slot(fp, i.a), m) };
    next!(pc, fp, vm)
}

unsafe fn map_next(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    use crate::map::{KeyKind, Scalar, Str};
    let i = inst!(pc);
    // SAFETY: `c` verified in `link`.
    let t = unsafe { map_type(vm, i.c) };
    // SAFETY: the iteration state at `b` was set up by `MapIter` for a map
    // of this type (the compiler pairs them); the ok word, key and value
    // at `a` were verified for this map type.
    unsafe {
        let it = slot::<crate::map::Iter>(fp, i.b);
        if map_writing(crate::map::iter_map(it)) {
            return map_race(pc, fp, vm, "concurrent map iteration and map write");
        }
        let r = match t.kind {
            KeyKind::Str => crate::map::iter_next(&Str, t, it),
            KeyKind::Gen => map_next_gen(vm, t, it),
            _ => crate::map::iter_next(&Scalar, t, it),
        };
        let (k, v) = r;
        if k.is_null() {
            *slot::<u64>(fp, i.a) = 0;
        } else {
            *slot::<u64>(fp, i.a) = 1;
            crate::map::key_to_frame(t, k, slot(fp, i.a + 8));
            crate::map::val_to_frame(t, v, slot(fp, i.a + 24));
        }
    }
    next!(pc, fp, vm)
}

#[inline(never)]
fn map_next_gen(
    vm: *mut Vm,
    t: &crate::map::MapType,
    it: *mut crate::map::Iter,
) -> (*mut u8, *mut u8) {
    // SAFETY: as in `map_next`.
    unsafe { with_canon(vm, t, |keys| crate::map::iter_next(keys, t, it)) }
}

unsafe fn exit(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let code = rd!(fp, i.a, i64) as i32;
    let _l = Vm::rt_lock(vm);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    unsafe {
        flush(&mut *vm);
        *(*vm).exit_code = Some(code);
    }
    Stop::Exit
}

/// A run-time panic with a runtime error (`runtime error: MSG`).
#[cold]
#[inline(never)]
fn runtime_error(pc: *const Code, fp: *mut u8, vm: *mut Vm, msg: &str) -> Stop {
    raise(pc, fp, vm, format!("runtime error: {msg}"), None)
}

/// A panic whose message is not a runtime error (`panic: MSG`), as the
/// runtime raises for a nil map store (`plainError`).
#[cold]
#[inline(never)]
fn plain_panic(pc: *const Code, fp: *mut u8, vm: *mut Vm, msg: &str) -> Stop {
    raise(pc, fp, vm, msg.to_string(), None)
}

#[cold]
#[inline(never)]
fn index_error(pc: *const Code, fp: *mut u8, vm: *mut Vm, x: i64, len: i64) -> Stop {
    runtime_error(
        pc,
        fp,
        vm,
        &if x < 0 {
            format!("index out of range [{x}]")
        } else {
            format!("index out of range [{x}] with length {len}")
        },
    )
}

#[cold]
#[inline(never)]
fn nil_deref(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    raise(
        pc,
        fp,
        vm,
        "runtime error: invalid memory address or nil pointer dereference".into(),
        Some("[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]"),
    )
}

/// A panic with a run-time error value whose message is `msg`.
#[cold]
#[inline(never)]
fn raise(
    pc: *const Code,
    fp: *mut u8,
    vm: *mut Vm,
    msg: String,
    extra: Option<&'static str>,
) -> Stop {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let Some(value) = iface::error_value(unsafe { &mut *vm }, &msg) else {
        return gcroots::out_of_memory(pc, fp, vm);
    };
    iface::push_panic(pc, fp, vm, value, extra)
}

/// A call at `pc` whose callee's frame would end at `need`, past the end
/// of the stack: the stack grows (moving), and the call runs again on the
/// moved frame; Go's stack overflow when it cannot grow.
#[cold]
#[inline(never)]
fn morestack_call(pc: *const Code, fp: *mut u8, vm: *mut Vm, need: usize) -> Stop {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    let frame = v
        .locate(pc)
        .map_or(0, |(fi, _)| v.funcs[fi].frame_size as usize);
    match v.morestack(need, fp as usize + frame) {
        // SAFETY: the frame at `fp` moved by `delta` with the stack; `pc`
        // is its call instruction, verified at link time.
        Some(delta) => unsafe { ((*pc).h)(pc, fp.wrapping_offset(delta), vm) },
        None => stack_overflow(pc, fp, vm),
    }
}

#[cold]
#[inline(never)]
fn stack_overflow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live.
    let invokes = unsafe { (*vm).invokes.clone() };
    let fault = Fault {
        pc,
        fp,
        invokes,
        msg: String::new(),
        user: false,
    };
    // SAFETY: `vm` is live and not otherwise borrowed here.
    unsafe { (*vm).fault = Some(fault) };
    Stop::StackOverflow
}

/// Compiles a tiny program by hand (the compiler has its own tests).
#[cfg(test)]
mod tests {
    use super::*;
    use abi::{FuncInfo, Inst};

    fn func(name: &str, frame_size: u32, code: Vec<Inst>) -> FuncInfo {
        FuncInfo {
            name: name.into(),
            file: "t.go".into(),
            frame_size,
            code,
            ..FuncInfo::default()
        }
    }

    /// A loop of 200 million iterations: if a handler's tail call were
    /// compiled as a real call, the native stack would overflow.
    #[test]
    fn long_loop() {
        use Op::*;
        let code = vec![
            Inst::new(Const, 16, 0, 0),
            Inst::new(AddI, 16, 16, 1),
            Inst::new(LtSI, 24, 16, 200_000_000),
            Inst::new(JmpIf, 24, (-2i32) as u32, 0),
            Inst::new(Halt, 0, 0, 0),
        ];
        let prog = Program {
            funcs: vec![func("main", 32, code)],
            ..Program::default()
        };
        assert_eq!(run(&prog, &[]).unwrap(), 0);
    }

    #[test]
    fn verification() {
        use Op::*;
        let bad = Program {
            funcs: vec![func(
                "main",
                32,
                vec![Inst::new(Mov, 32, 16, 0), Inst::new(Halt, 0, 0, 0)],
            )],
            ..Program::default()
        };
        assert!(run(&bad, &[]).is_err());
        let no_end = Program {
            funcs: vec![func("main", 32, vec![Inst::new(Mov, 16, 16, 0)])],
            ..Program::default()
        };
        assert!(run(&no_end, &[]).is_err());
    }
}
