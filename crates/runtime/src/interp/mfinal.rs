//! `runtime.SetFinalizer` and the finalizer goroutine (Go's `mfinal.go`:
//! `SetFinalizer`, `createfing`, `runfinq`, `wakefing`).
//!
//! `SetFinalizer` checks its arguments as Go does, with Go's `throw`
//! messages, and records the finalizer in the collector's table
//! (`gc/mfinal.rs`, which also says what of it is a root). A collection
//! that finds an object with a finalizer unreachable queues the
//! finalizer and resurrects the object; [`Vm::wake_fing`] then readies
//! the finalizer goroutine to run next, and `runtime.GC` yields (its
//! `Gosched`; Go's `GC` lets it run while it sweeps), so finalizers have
//! run when a program's `runtime.GC()` returns, as they usually have
//! under gc.
//!
//! The finalizer goroutine is a system goroutine (`G::system`: not
//! counted by `NumGoroutine`, not in deadlock dumps; parked, it does not
//! keep a deadlock from being reported), made by the first
//! `SetFinalizer` with `newproc`, as Go's `createfing` does. It runs
//! `runtime.runFinalizers`, a function the linker adds to every program
//! ([`link_run_finalizers`]): `RunFinq` then a `Jmp` back to it. `RunFinq`
//! pops the next queued finalizer and calls it in its call area as
//! `CallInd` would, the finalizer returning to the `Jmp`; with the queue
//! empty it parks ("finalizer wait") until a collection queues more. Its
//! frames are ordinary frames: stack scans, tracebacks (a panicking
//! finalizer shows `runtime.runFinalizers` under it, as gc does) and
//! stack moves treat it like any goroutine.
//!
//! Differs from Go: a pointer outside the heap (package variables,
//! read-only data, `zerobase`) is ignored, as Go ignores pointers into
//! data and bss, without telling them from other foreign pointers; the
//! finalizer's results are not kept anywhere (Go sizes a buffer for
//! them).

use super::{Code, FRAME_HEADER, Stop, Vm, iface, proc, slot};
use crate::gc::mfinal::Finalizer;
use abi::Kind;
use abi::{FuncInfo, Inst, Op, Program};

/// Go's `maxTinySize`: a pointer-free object smaller than this may share
/// a tiny block, so a finalizer may be set on a pointer inside a block.
const MAX_TINY_SIZE: u32 = 16;

/// `runtime.SetFinalizer(a, b)`.
pub(super) unsafe fn set_finalizer(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    if let Err(stop) = set_finalizer_slow(pc, fp, vm) {
        return stop;
    }
    next!(pc, fp, vm)
}

#[inline(never)]
fn set_finalizer_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Result<(), Stop> {
    let _l = Vm::rt_lock(vm);
    let i = inst!(pc);
    let obj = rd!(fp, i.a, [u64; 2]);
    let fin = rd!(fp, i.b, [u64; 2]);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    match v.set_finalizer(pc, fp, obj, fin) {
        Ok(()) => Ok(()),
        Err(SetFinalizerError::Throw(msg)) => Err(v.fatal(pc, fp, format!("fatal error: {msg}"))),
        Err(SetFinalizerError::Stop(stop)) => Err(stop),
    }
}

enum SetFinalizerError {
    /// Go's `throw` with this message.
    Throw(String),
    /// Making the finalizer goroutine failed (no memory for its stack).
    Stop(Stop),
}

impl From<String> for SetFinalizerError {
    fn from(s: String) -> Self {
        SetFinalizerError::Throw(s)
    }
}

impl Vm {
    /// Go's `SetFinalizer` on the `any` values `obj` and `fin`.
    fn set_finalizer(
        &mut self,
        pc: *const Code,
        fp: *mut u8,
        obj: [u64; 2],
        fin: [u64; 2],
    ) -> Result<(), SetFinalizerError> {
        let types = &self.prog.types;
        let Some(et) = iface::type_index(&self.types, obj[0]) else {
            return Err(String::from("runtime.SetFinalizer: first argument is nil").into());
        };
        let etyp = &types[et as usize];
        if etyp.kind != Kind::Pointer {
            return Err(format!(
                "runtime.SetFinalizer: first argument is {}, not pointer",
                etyp.name
            )
            .into());
        }
        let p = obj[1] as usize;
        if p == 0 {
            // Go: findObject(nil) finds nothing, and nil is not a pointer
            // into data or bss.
            return Err(
                String::from("runtime.SetFinalizer: pointer not in allocated block").into(),
            );
        }
        let Some(o) = self.heap.find_object(p) else {
            // Package variables, read-only data, zerobase: never freed,
            // so their finalizers would never run (Go returns too).
            return Ok(());
        };
        if p != self.heap.data_base(o) {
            // Allowed inside a block only where a tiny allocation could be.
            let tiny = etyp
                .elem
                .map(|e| &types[e as usize])
                .is_some_and(|t| t.ptrdata == 0 && t.size < MAX_TINY_SIZE);
            if !tiny {
                return Err(String::from(
                    "runtime.SetFinalizer: pointer not at beginning of allocated block",
                )
                .into());
            }
        }
        let Some(ft) = iface::type_index(&self.types, fin[0]) else {
            self.gc.fin.remove(p);
            return Ok(());
        };
        let ftyp = &types[ft as usize];
        if ftyp.kind != Kind::Func {
            return Err(format!(
                "runtime.SetFinalizer: second argument is {}, not a function",
                ftyp.name
            )
            .into());
        }
        let cannot = format!(
            "runtime.SetFinalizer: cannot pass {} to finalizer {}",
            etyp.name, ftyp.name
        );
        if ftyp.variadic {
            return Err(format!("{cannot} because dotdotdot").into());
        }
        let (&[Some(fint)], 1) = (ftyp.params.as_slice(), ftyp.params.len()) else {
            return Err(cannot.into());
        };
        let fi = &types[fint as usize];
        let (kind, assignable_ptr, empty) = (
            fi.kind,
            (!fi.named || !etyp.named) && fi.elem == etyp.elem,
            fi.imethods.is_empty(),
        );
        let iface_word = match kind {
            _ if fint == et => None,
            // Not the same type, but both pointers to the same element
            // type, one of them unnamed: assignable.
            Kind::Pointer if assignable_ptr => None,
            Kind::Interface if empty => Some(obj[0]),
            Kind::Interface => match iface::itab_for(self, fint, et) {
                Some(tab) => Some(tab as u64),
                None => return Err(cannot.into()),
            },
            _ => return Err(cannot.into()),
        };
        // The finalizer goroutine runs it (made once).
        if self.sched.fing.is_none() {
            self.create_fing(pc, fp)?;
        }
        let f = Finalizer {
            fv: fin[1] as usize,
            obj: p,
            iface_word,
        };
        if !self.gc.fin.add(f) {
            return Err(String::from("runtime.SetFinalizer: finalizer already set").into());
        }
        Ok(())
    }

    /// After a collection: readies the finalizer goroutine when it waits
    /// and finalizers were queued (Go's `wakefing`). It runs next.
    pub(super) fn wake_fing(&mut self) {
        if self.sched.fing_waiting
            && self.gc.fin.pending()
            && let Some(g) = self.sched.fing
        {
            self.sched.fing_waiting = false;
            self.sched.ready(g, None);
        }
    }

    /// Whether the finalizer goroutine is ready to run (not running).
    pub(super) fn fing_runnable(&self) -> bool {
        self.sched
            .fing
            .is_some_and(|g| self.sched.gs[g].status == proc::GStatus::Runnable)
    }
}

impl Vm {
    /// Makes the finalizer goroutine (Go's `createfing`): a goroutine
    /// running `runtime.runFinalizers`, made by the `SetFinalizer` at
    /// `pc`; it runs next, finds nothing to do and parks.
    fn create_fing(&mut self, pc: *const Code, fp: *mut u8) -> Result<(), SetFinalizerError> {
        let vm: *mut Vm = self;
        let Some(id) = self
            .prog
            .funcs
            .iter()
            .rposition(|f| f.name == RUN_FINALIZERS)
        else {
            return Err(SetFinalizerError::Stop(super::raise(
                pc,
                fp,
                vm,
                "internal error: no runtime.runFinalizers".into(),
                None,
            )));
        };
        // Its func value: a closure object of the function alone, at a
        // stable address outside the Go heap.
        let clo = &**self.sched.fing_fn.insert(Box::new(id as u64)) as *const u64;
        self.newproc(pc, fp, clo, &[])
            .map_err(SetFinalizerError::Stop)?;
        // `newproc` readied it: the newest goroutine, in `runnext`.
        let g = self.sched.runnext_g().ok_or_else(|| {
            SetFinalizerError::Stop(super::raise(
                pc,
                fp,
                vm,
                "internal error: finalizer goroutine".into(),
                None,
            ))
        })?;
        self.sched.gs[g].system = true;
        self.sched.live -= 1;
        self.sched.fing = Some(g);
        Ok(())
    }
}

/// The name of the finalizer goroutine's function, as gc's tracebacks
/// print it.
const RUN_FINALIZERS: &str = "runtime.runFinalizers";

/// The line of `runFinalizers`' call of a finalizer in the reference
/// release's `runtime/mfinal.go` (tracebacks through a finalizer show it).
const RUN_FINALIZERS_LINE: u32 = 272;

/// Adds `runtime.runFinalizers` to `prog`: `RunFinq` (its call area right
/// after the header), then a `Jmp` back to it, where finalizers return.
pub(super) fn link_run_finalizers(prog: &mut Program) {
    let file = if prog.goroot.is_empty() {
        String::from("runtime/mfinal.go")
    } else {
        format!("{}/src/runtime/mfinal.go", prog.goroot)
    };
    prog.funcs.push(FuncInfo {
        name: RUN_FINALIZERS.into(),
        file,
        frame_size: FRAME_HEADER,
        code: vec![
            Inst::new(Op::RunFinq, 0, FRAME_HEADER, 0),
            Inst::new(Op::Jmp, -1i32 as u32, 0, 0),
        ],
        lines: vec![(0, RUN_FINALIZERS_LINE)],
        ..FuncInfo::default()
    });
}

/// `RunFinq`: calls the next queued finalizer, or parks.
pub(super) unsafe fn run_finq(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    match next_finalizer(pc, fp, vm) {
        // SAFETY: `next_finalizer` built the callee's frame at `nfp`
        // inside the stack; `npc` is its function's first instruction.
        Ok((npc, nfp)) => unsafe { ((*npc).h)(npc, nfp, vm) },
        Err(stop) => stop,
    }
}

/// Pops the next queued finalizer and builds its frame in the call area
/// at `b`: Ok with its entry and frame. With none queued, the goroutine
/// parks here (this instruction runs again when it is readied).
#[inline(never)]
fn next_finalizer(
    pc: *const Code,
    fp: *mut u8,
    vm: *mut Vm,
) -> Result<(*const Code, *mut u8), Stop> {
    let _l = Vm::rt_lock(vm);
    let i = inst!(pc);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    loop {
        // Left queued (a root) until its frame is built: a stack that
        // must grow first runs this instruction again.
        let Some(f) = v.gc.fin.peek() else {
            v.sched.fing_waiting = true;
            return Err(v.gopark(pc, fp, "finalizer wait"));
        };
        let clo = f.fv as *const u64;
        if clo.is_null() {
            // A nil func of a func type: nothing to call.
            v.gc.fin.pop();
            continue;
        }
        // SAFETY: a non-nil func value points to a closure object
        // (invariant 7).
        let id = unsafe { *clo } as usize;
        let (Some(func), Some(info)) = (v.funcs.get(id), v.prog.funcs.get(id)) else {
            v.gc.fin.pop();
            continue;
        };
        let (args, len): ([u64; 2], usize) = match f.iface_word {
            None => ([f.obj as u64, 0], 8),
            Some(w) => ([w, f.obj as u64], 16),
        };
        if info.params_size as usize != len {
            // SetFinalizer checked the types; a mismatch is not called.
            v.gc.fin.pop();
            continue;
        }
        let (npc, size) = (func.code.as_ptr(), func.frame_size as usize);
        // The call area follows the header of `runFinalizers`' frame
        // (`b`, set by `link_run_finalizers`).
        let nfp = fp.wrapping_add(i.b as usize);
        if (nfp as usize).wrapping_add(size) > v.stack_end as usize {
            // Grow (the frame moves with the stack) and run this
            // instruction again there.
            let top = fp as usize + i.b as usize;
            return match v.morestack(nfp as usize + size, top) {
                Some(delta) => Ok((pc, fp.wrapping_offset(delta))),
                None => Err(super::stack_overflow(pc, fp, vm)),
            };
        }
        v.gc.fin.pop();
        // SAFETY: the callee's frame lies inside the goroutine's stack
        // (checked just above), 8-aligned (`fp` and `b` are); the
        // arguments fill its parameter area (its size checked above). It
        // returns to the next instruction.
        unsafe {
            *nfp.cast::<*const Code>() = pc.add(1);
            *nfp.add(8).cast::<*mut u8>() = fp;
            *nfp.add(abi::FRAME_CONTEXT as usize).cast::<*const u64>() = clo;
            std::ptr::copy_nonoverlapping(
                args.as_ptr().cast::<u8>(),
                nfp.add(FRAME_HEADER as usize),
                len,
            );
        }
        return Ok((npc, nfp));
    }
}
