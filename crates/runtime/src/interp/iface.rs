//! Interfaces and panics at run time: type descriptors and itabs, interface
//! calls, assertions and equality, and the panic/recover machinery.
//!
//! # Descriptors
//! Every entry of `Program::types` gets an `internal/abi.Type` descriptor
//! laid out by `abi::typedesc` in one block at a stable address (a boxed
//! word slice that never moves, relocated once); an empty interface's
//! first word points to one. The word before each descriptor holds its
//! index in `Program::types`, which [`type_index`] reads. Itabs are boxed word arrays `[inter, type, 0, fun…]`
//! (gc's `itab` shape: `abi::ITAB_TYPE`, `abi::ITAB_FUN`) made for the
//! program's static itabs at link time and on demand by assertions, kept
//! in a cache so that one (interface, type) pair has one itab — equal
//! itab words mean equal dynamic types.
//!
//! # Panics
//! A panic pushes a [`PanicRec`] and returns `Stop::Panic` through the
//! handler chain to the nearest [`dispatch`]. `dispatch` runs the deferred
//! calls of the frames it started (those at or above its base frame),
//! innermost first, each on a fresh frame above the panicking one. A
//! deferred call that calls `recover` — in its own frame, which is how
//! "called directly by the deferred function" is decided — marks the panic
//! recovered; when that call returns, the panic (and panics started
//! deeper) are dropped and the deferring frame resumes at its
//! `recover_pc`, which runs its remaining deferred calls and returns
//! normally. Panics nobody recovers reach `run`, which prints them as
//! `printpanics` does.

use super::{Code, GoString, NATIVE_RETURN, Stop, Vm, enter_deferred, nil_deref, raise, slot};
use abi::{FRAME_HEADER, FuncInfo, Inst, Kind, Op, Program, TypeInfo};
use std::collections::HashMap;

/// The run-time type tables of a program.
pub(super) struct Types {
    /// The descriptors (`abi::typedesc`), relocated to this address.
    pub descs: Box<[u64]>,
    /// Type word (descriptor address) of each type, by index.
    pub words: Box<[u64]>,
    /// Static itabs (by `Op::Itab` index): not changed once linked, so
    /// `Op::Itab` reads them without the runtime lock.
    pub itabs: Vec<Box<[u64]>>,
    /// Itabs made since (under the runtime lock).
    pub dyn_itabs: Vec<Box<[u64]>>,
    /// (interface, type) → itab.
    pub cache: HashMap<(u32, u32), *const u64>,
    /// The type of run-time error values.
    pub error_type: u32,
}

/// Adds the run-time error type to `prog` (a string message whose `Error`
/// method returns it) and builds the descriptors and static itabs.
pub(super) fn link_types(prog: &mut Program) -> Types {
    let err_fn = prog.funcs.len() as u32;
    let ret = FRAME_HEADER + 8;
    prog.funcs.push(FuncInfo {
        name: "runtime.(*errorString).Error".into(),
        frame_size: ret + 16,
        params_size: 8,
        results_size: 16,
        code: vec![
            Inst::new(Op::Load64, ret, FRAME_HEADER, 0),
            Inst::new(Op::Load64, ret + 8, FRAME_HEADER, 8),
            Inst::new(Op::Ret, 0, 0, 0),
        ],
        ..FuncInfo::default()
    });
    let error_type = prog.types.len() as u32;
    prog.types.push(TypeInfo {
        name: "runtime.Error".into(),
        kind: Kind::String,
        named: true,
        size: 16,
        direct: false,
        equal: abi::Equal::Str,
        methods: vec![("Error() string".into(), err_fn)],
        imethods: Vec::new(),
        ..TypeInfo::default()
    });
    let laid = abi::typedesc::layout(prog);
    let mut descs: Box<[u64]> = laid
        .bytes
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("8-byte chunk")))
        .collect();
    let base = descs.as_ptr() as u64;
    for &r in &laid.relocs {
        descs[r as usize / 8] += base;
    }
    let words = laid.offsets.iter().map(|&o| base + o as u64).collect();
    let mut types = Types {
        descs,
        words,
        itabs: Vec::new(),
        dyn_itabs: Vec::new(),
        cache: HashMap::new(),
        error_type,
    };
    for it in &prog.itabs {
        let tab = make_itab(&types, prog, it.inter, it.typ).unwrap_or_else(|_| {
            // The compiler only makes itabs for types that implement the
            // interface; a missing method leaves a zero id the linker's
            // checks of CallIface reject at the call.
            let n = prog.types[it.inter as usize].imethods.len();
            let mut w = vec![0u64; 3 + n];
            w[0] = types.words[it.inter as usize];
            w[1] = types.words[it.typ as usize];
            w.into_boxed_slice()
        });
        types.cache.insert((it.inter, it.typ), tab.as_ptr());
        types.itabs.push(tab);
    }
    types
}

/// Where an itab's third word keeps its method count (above gc's 32-bit
/// `Hash`).
const ITAB_NMETHODS_SHIFT: u32 = 32;

/// The itab of interface `inter` for type `typ`, or the name of the first
/// method `typ` lacks.
fn make_itab(types: &Types, prog: &Program, inter: u32, typ: u32) -> Result<Box<[u64]>, String> {
    let it = &prog.types[inter as usize];
    let t = &prog.types[typ as usize];
    let mut w = Vec::with_capacity(3 + it.imethods.len());
    w.push(types.words[inter as usize]);
    w.push(types.words[typ as usize]);
    // gc's `Hash` (a uint32, 0 here), then in its padding the number of
    // methods, which `call_iface` checks its method index against.
    w.push((it.imethods.len() as u64) << ITAB_NMETHODS_SHIFT);
    for m in &it.imethods {
        match t.methods.binary_search_by(|(n, _)| n.as_str().cmp(m)) {
            Ok(k) => w.push(t.methods[k].1 as u64),
            Err(_) => return Err(m.clone()),
        }
    }
    Ok(w.into_boxed_slice())
}

/// The index in `Program::types` of the descriptor a type word points to:
/// `None` for nil, and for any word that is not a type word of the machine
/// whose tables `types` are.
pub(super) fn type_index(types: &Types, w: u64) -> Option<u32> {
    let block = types.descs.as_ptr_range();
    let (lo, hi) = (block.start as u64, block.end as u64);
    if w < lo + 8 || w >= hi || !w.is_multiple_of(8) {
        return None;
    }
    // SAFETY: `w - 8` is an aligned word of the descriptor block (checked
    // just above), which lives as long as the machine.
    let idx = unsafe { *(w as *const u64).sub(1) } as u32;
    ((idx as usize) < types.words.len()).then_some(idx)
}

/// The itab of interface `inter` for type `t` (from the cache, or made
/// and cached), or None when `t` does not implement `inter`. The caller
/// holds the runtime lock (or is the only machine).
pub(super) fn itab_for(vm: &mut Vm, inter: u32, t: u32) -> Option<*const u64> {
    if let Some(&p) = vm.types.cache.get(&(inter, t)) {
        return Some(p);
    }
    let tab = make_itab(&vm.types, &vm.prog, inter, t).ok()?;
    let p = tab.as_ptr();
    vm.types.dyn_itabs.push(tab);
    vm.types.cache.insert((inter, t), p);
    Some(p)
}

/// The dynamic type word of an interface value's first word.
fn type_word(w0: u64, has_methods: bool) -> u64 {
    if has_methods && w0 != 0 {
        // SAFETY: a non-nil itab word points to an itab (at least 3 words).
        unsafe { *(w0 as *const u64).add(1) }
    } else {
        w0
    }
}

pub(super) unsafe fn type_word_op(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // SAFETY: the index was verified at link time; `vm` is live.
    let types: &Types = unsafe { &(*vm).types };
    let p = types.words[i.b as usize];
    wr!(fp, i.a, u64, p);
    next!(pc, fp, vm)
}

pub(super) unsafe fn itab_op(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // SAFETY: the index was verified at link time; `vm` is live.
    let types: &Types = unsafe { &(*vm).types };
    let p = types.itabs[i.b as usize].as_ptr() as u64;
    wr!(fp, i.a, u64, p);
    next!(pc, fp, vm)
}

pub(super) unsafe fn iface_type(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let w = type_word(rd!(fp, i.b, u64), true);
    wr!(fp, i.a, u64, w);
    next!(pc, fp, vm)
}

pub(super) unsafe fn call_iface(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let tab = rd!(fp, i.a, *const u64);
    if tab.is_null() {
        return nil_deref(pc, fp, vm);
    }
    let (mi, size) = (i.c & 0xfff, i.c >> 12);
    // SAFETY: a non-nil itab word points to an itab made by `make_itab`:
    // three words, then one function word per method, their count in the
    // third word.
    let nmethods = unsafe { *tab.add(2) } >> ITAB_NMETHODS_SHIFT;
    if mi as u64 >= nmethods {
        return raise(pc, fp, vm, "internal error: bad itab".into(), None);
    }
    // SAFETY: `mi` is one of the itab's methods (checked just above).
    let id = unsafe { *tab.add(3 + mi as usize) } as usize;
    // SAFETY: `vm` is live.
    let (funcs, prog) = unsafe { (&(*vm).funcs, &(*vm).prog) };
    let (Some(f), Some(info)) = (funcs.get(id), prog.funcs.get(id)) else {
        return raise(pc, fp, vm, "internal error: bad itab".into(), None);
    };
    if info.params_size + info.results_size != size {
        return raise(
            pc,
            fp,
            vm,
            "internal error: itab method of another type".into(),
            None,
        );
    }
    let (npc, fsize) = (f.code.as_ptr(), f.frame_size as usize);
    // SAFETY: `b` lies inside the caller's frame (verified).
    let nfp = unsafe { fp.add(i.b as usize) };
    // SAFETY: `vm` is live.
    if (nfp as usize).wrapping_add(fsize) > unsafe { (*vm).stack_end } as usize {
        return super::morestack_call(pc, fp, vm, nfp as usize + fsize);
    }
    // SAFETY: the callee's frame is inside the stack (checked) and
    // 8-aligned; its parameters and results lie in the caller's call area
    // (the sizes match, checked above).
    unsafe {
        *nfp.cast::<*const Code>() = pc.add(1);
        *nfp.add(8).cast::<*mut u8>() = fp;
        *nfp.add(abi::FRAME_CONTEXT as usize).cast::<u64>() = 0;
        ((*npc).h)(npc, nfp, vm)
    }
}

pub(super) unsafe fn assert_iface(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    match assert_iface_slow(fp, vm, inst!(pc)) {
        Ok(()) => next!(pc, fp, vm),
        Err(msg) => raise(pc, fp, vm, msg, None),
    }
}

#[inline(never)]
fn assert_iface_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> Result<(), String> {
    let (inter, src_iface, conv, comma_ok) = (i.c >> 3, i.c & 2 != 0, i.c & 4 != 0, i.c & 1 != 0);
    let src = rd!(fp, i.b, [u64; 2]);
    let tw = type_word(src[0], src_iface);
    // The itab cache.
    let _l = Vm::heap_lock(vm);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let vm = unsafe { &mut *vm };
    let fail = |vm: &mut Vm, msg: String| {
        if comma_ok {
            wr!(fp, i.a, [u64; 2], [0, 0]);
            wr!(fp, i.a + 16, u64, 0);
            Ok(())
        } else {
            let _ = vm;
            Err(msg)
        }
    };
    let Some(t) = type_index(&vm.types, tw) else {
        if conv {
            wr!(fp, i.a, [u64; 2], [0, 0]);
            return Ok(());
        }
        let iname = vm.prog.types[inter as usize].name.clone();
        return fail(
            vm,
            format!("interface conversion: interface is nil, not {iname}"),
        );
    };
    let key = (inter, t);
    let tab = match vm.types.cache.get(&key) {
        Some(&p) => p,
        None => match make_itab(&vm.types, &vm.prog, inter, t) {
            Ok(tab) => {
                let p = tab.as_ptr();
                vm.types.dyn_itabs.push(tab);
                vm.types.cache.insert(key, p);
                p
            }
            Err(missing) => {
                let missing = missing.split('(').next().unwrap_or_default();
                let (tn, iname) = (
                    vm.prog.types[t as usize].name.clone(),
                    vm.prog.types[inter as usize].name.clone(),
                );
                return fail(
                    vm,
                    format!("interface conversion: {tn} is not {iname}: missing method {missing}"),
                );
            }
        },
    };
    let w0 = if vm.prog.types[inter as usize].imethods.is_empty() {
        tw
    } else {
        tab as u64
    };
    wr!(fp, i.a, [u64; 2], [w0, src[1]]);
    if comma_ok {
        wr!(fp, i.a + 16, u64, 1);
    }
    Ok(())
}

pub(super) unsafe fn assert_fail(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let msg = assert_fail_text(fp, vm, inst!(pc));
    raise(pc, fp, vm, msg, None)
}

#[inline(never)]
fn assert_fail_text(fp: *mut u8, vm: *mut Vm, i: &Code) -> String {
    // SAFETY: `vm` is live.
    let prog: &Program = unsafe { &(*vm).prog };
    let st = &prog.types[i.c as usize];
    let src = rd!(fp, i.a, [u64; 2]);
    let tw = type_word(src[0], !st.imethods.is_empty());
    let want = &prog.types[i.b as usize].name;
    let sname = &st.name;
    // SAFETY: `vm` is live.
    let types = unsafe { &(*vm).types };
    match type_index(types, tw) {
        None => format!("interface conversion: {sname} is nil, not {want}"),
        Some(t) => {
            let have = &prog.types[t as usize].name;
            if have == want {
                format!(
                    "interface conversion: {sname} is {have}, not {want} (types from different scopes)"
                )
            } else {
                format!("interface conversion: {sname} is {have}, not {want}")
            }
        }
    }
}

/// Whether the values at `x` and `y` of type `t` are equal (for direct
/// types, `x` and `y` are the values); `Err` names an uncomparable type.
fn equal(
    prog: &Program,
    types: &Types,
    t: u32,
    x: u64,
    y: u64,
    direct: bool,
) -> Result<bool, String> {
    use abi::Equal::*;
    let info = &prog.types[t as usize];
    if direct {
        return match info.equal {
            Uncomparable => Err(info.name.clone()),
            _ => Ok(x == y),
        };
    }
    let info_equal = &info.equal;
    let size = info.size as usize;
    let simple = |x: u64, y: u64| -> Option<bool> {
        // SAFETY: `x` and `y` point to values of type `t` (interface data
        // words of indirect types, or fields and elements inside them).
        unsafe {
            Some(match info_equal {
                Mem => {
                    std::slice::from_raw_parts(x as *const u8, size)
                        == std::slice::from_raw_parts(y as *const u8, size)
                }
                Str => (*(x as *const GoString)).bytes() == (*(y as *const GoString)).bytes(),
                F32 => *(x as *const f32) == *(y as *const f32),
                F64 => *(x as *const f64) == *(y as *const f64),
                C64 => *(x as *const [f32; 2]) == *(y as *const [f32; 2]),
                C128 => *(x as *const [f64; 2]) == *(y as *const [f64; 2]),
                _ => return None,
            })
        }
    };
    if let Some(r) = simple(x, y) {
        return Ok(r);
    }
    Ok(match &info.equal {
        Uncomparable => return Err(info.name.clone()),
        Iface | Eface => {
            // SAFETY: as above; interface values are two words.
            let (a, b) = unsafe { (*(x as *const [u64; 2]), *(y as *const [u64; 2])) };
            iface_equal(prog, types, a, b, matches!(info.equal, Iface))?
        }
        // Handled above.
        Mem | Str | F32 | F64 | C64 | C128 => false,
        Struct(fields) => {
            for &(off, ft) in fields {
                let off = off as u64;
                if !equal(prog, types, ft, x + off, y + off, false)? {
                    return Ok(false);
                }
            }
            true
        }
        Array { elem, size, len } => {
            for k in 0..*len as u64 {
                let off = k * *size as u64;
                if !equal(prog, types, *elem, x + off, y + off, false)? {
                    return Ok(false);
                }
            }
            true
        }
    })
}

/// Interface equality (gc's `efaceeq`/`ifaceeq`).
fn iface_equal(
    prog: &Program,
    types: &Types,
    a: [u64; 2],
    b: [u64; 2],
    has_methods: bool,
) -> Result<bool, String> {
    if a[0] != b[0] {
        return Ok(false);
    }
    let Some(t) = type_index(types, type_word(a[0], has_methods)) else {
        return Ok(true);
    };
    equal(prog, types, t, a[1], b[1], prog.types[t as usize].direct)
}

pub(super) unsafe fn eface_eq(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    eq_common(pc, fp, vm, false)
}

pub(super) unsafe fn iface_eq(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    eq_common(pc, fp, vm, true)
}

#[inline(always)]
fn eq_common(pc: *const Code, fp: *mut u8, vm: *mut Vm, has_methods: bool) -> Stop {
    let i = inst!(pc);
    let (a, b) = (rd!(fp, i.b, [u64; 2]), rd!(fp, i.c, [u64; 2]));
    // SAFETY: `vm` is live.
    let (prog, types) = unsafe { (&(*vm).prog, &(*vm).types) };
    match iface_equal(prog, types, a, b, has_methods) {
        Ok(r) => {
            wr!(fp, i.a, u64, r as u64);
            next!(pc, fp, vm)
        }
        Err(name) => {
            super::runtime_error(pc, fp, vm, &format!("comparing uncomparable type {name}"))
        }
    }
}

pub(super) unsafe fn print_iface(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    // Out of line: the handler's tail call must stay a jump.
    #[inline(never)]
    fn format(vm: *mut Vm, fp: *mut u8, off: u32) {
        let v = rd!(fp, off, [u64; 2]);
        // SAFETY: `vm` is live and not otherwise borrowed here.
        unsafe {
            (*vm)
                .print_buf
                .extend_from_slice(format!("({:#x},{:#x})", v[0], v[1]).as_bytes())
        };
    }
    format(vm, fp, i.a);
    next!(pc, fp, vm)
}

/// The size of type `t`'s values.
pub(super) fn type_size(vm: &Vm, t: u32) -> usize {
    vm.prog.types.get(t as usize).map_or(0, |i| i.size as usize)
}

/// The canonical bytes of the map key of type `t` at `p`: equal keys (by
/// Go's `==`) have equal bytes. A key holding a NaN gets a leading `N`
/// (each such insert is a key of its own); `Err` names an unhashable
/// dynamic type.
///
/// # Safety
/// `p` points to a value of type `t`.
pub(super) unsafe fn canon_key(vm: &Vm, t: u32, p: u64) -> Result<Vec<u8>, String> {
    let mut out = vec![b'G'];
    let mut nan = false;
    // SAFETY: as the caller guarantees.
    unsafe { canon(&vm.prog, &vm.types, t, p, false, &mut out, &mut nan)? };
    if nan {
        out[0] = b'N';
    }
    Ok(out)
}

/// Appends the canonical bytes of the value of type `t` at `p` (or, when
/// `direct`, the value `p` itself).
///
/// # Safety
/// `p` points to a value of type `t` unless `direct`.
unsafe fn canon(
    prog: &Program,
    types: &Types,
    t: u32,
    p: u64,
    direct: bool,
    out: &mut Vec<u8>,
    nan: &mut bool,
) -> Result<(), String> {
    use abi::Equal::*;
    let info = &prog.types[t as usize];
    if direct {
        if info.equal == Uncomparable {
            return Err(info.name.clone());
        }
        out.extend_from_slice(&p.to_le_bytes());
        return Ok(());
    }
    // SAFETY: `p` points to a value of type `t` (the reads below).
    unsafe {
        match &info.equal {
            Uncomparable => return Err(info.name.clone()),
            Mem => out.extend_from_slice(std::slice::from_raw_parts(
                p as *const u8,
                info.size as usize,
            )),
            Str => {
                let s = (*(p as *const GoString)).bytes();
                out.extend_from_slice(&(s.len() as u64).to_le_bytes());
                out.extend_from_slice(s);
            }
            F32 | C64 => {
                let n = if info.equal == F32 { 1 } else { 2 };
                for k in 0..n {
                    let f = *(p as *const f32).add(k);
                    *nan |= f.is_nan();
                    let f = if f == 0.0 { 0.0 } else { f };
                    out.extend_from_slice(&f.to_bits().to_le_bytes());
                }
            }
            F64 | C128 => {
                let n = if info.equal == F64 { 1 } else { 2 };
                for k in 0..n {
                    let f = *(p as *const f64).add(k);
                    *nan |= f.is_nan();
                    let f = if f == 0.0 { 0.0 } else { f };
                    out.extend_from_slice(&f.to_bits().to_le_bytes());
                }
            }
            Iface | Eface => {
                let v = *(p as *const [u64; 2]);
                match type_index(types, type_word(v[0], info.equal == Iface)) {
                    None => out.extend_from_slice(&u32::MAX.to_le_bytes()),
                    Some(dt) => {
                        out.extend_from_slice(&dt.to_le_bytes());
                        let direct = prog.types[dt as usize].direct;
                        canon(prog, types, dt, v[1], direct, out, nan)?;
                    }
                }
            }
            Struct(fields) => {
                for &(off, ft) in fields {
                    canon(prog, types, ft, p + off as u64, false, out, nan)?;
                }
            }
            Array { elem, size, len } => {
                for k in 0..*len as u64 {
                    canon(prog, types, *elem, p + k * *size as u64, false, out, nan)?;
                }
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Panics

/// A panic in progress (gc's `_panic`).
pub(super) struct PanicRec {
    /// The panic value (an empty interface).
    pub value: [u64; 2],
    /// A line printed after the message (a nil dereference's signal).
    pub extra: Option<&'static str>,
    /// Where it was raised.
    pub pc: *const Code,
    pub fp: *mut u8,
    /// The frame of the deferred call this panic is running (recover
    /// works there only).
    pub defer_fp: *mut u8,
    /// The `Defer` instruction and frame of the deferred call at
    /// `defer_fp`: a recovery resumes that frame.
    pub deferring: (*const Code, *mut u8),
    pub recovered: bool,
    /// `runtime.Goexit`'s unwinding (Go's `_panic.goexit`): nothing
    /// recovers it, and it ends the goroutine when no deferred call is left.
    pub goexit: bool,
    /// The deferred calls running when it was raised (for its traceback).
    pub invokes: Vec<super::Invoke>,
}

pub(super) unsafe fn panic_op(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let v = rd!(fp, i.a, [u64; 2]);
    if v[0] == 0 {
        return raise(pc, fp, vm, "panic called with nil argument".into(), None);
    }
    push_panic(pc, fp, vm, v, None)
}

/// Starts panicking with `value`.
pub(super) fn push_panic(
    pc: *const Code,
    fp: *mut u8,
    vm: *mut Vm,
    value: [u64; 2],
    extra: Option<&'static str>,
) -> Stop {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    unsafe {
        (*vm).panics.push(PanicRec {
            value,
            extra,
            pc,
            fp,
            defer_fp: std::ptr::null_mut(),
            deferring: (std::ptr::null(), std::ptr::null_mut()),
            recovered: false,
            goexit: false,
            invokes: (*vm).invokes.clone(),
        })
    };
    Stop::Panic
}

/// Starts `runtime.Goexit`'s unwinding: the goroutine's deferred calls
/// run as for a panic, then it ends.
pub(super) fn push_goexit(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let stop = push_panic(pc, fp, vm, [0, 0], None);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    if let Some(p) = unsafe { (*vm).panics.last_mut() } {
        p.goexit = true;
    }
    stop
}

/// A run-time error value with message `msg` (None when the heap is
/// exhausted).
pub(super) fn error_value(vm: &mut Vm, msg: &str) -> Option<[u64; 2]> {
    // SAFETY: no shape (pointer-free bytes).
    let vmp: *mut Vm = vm;
    // SAFETY: `vmp` is the live machine; no shape (pointer-free bytes).
    let p = unsafe { super::slice::mallocgc(vmp, msg.len(), None, false) };
    // SAFETY: the string layout outlives the heap (see `Vm::string_shape`).
    let b = unsafe { super::slice::mallocgc(vmp, 16, Some(&*vm.string_shape), true) };
    if p.is_null() || b.is_null() {
        return None;
    }
    // SAFETY: `p` has room for the message, `b` for a string header.
    unsafe {
        std::ptr::copy_nonoverlapping(msg.as_ptr(), p, msg.len());
        *(b as *mut GoString) = GoString {
            ptr: p,
            len: msg.len() as i64,
        };
    }
    let t = vm.types.words[vm.types.error_type as usize];
    Some([t, b as u64])
}

pub(super) unsafe fn recover_op(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = match unsafe { (*vm).panics.last_mut() } {
        Some(p) if !p.recovered && !p.goexit && p.defer_fp == fp => {
            p.recovered = true;
            p.value
        }
        _ => [0, 0],
    };
    let i = inst!(pc);
    wr!(fp, i.a, [u64; 2], v);
    next!(pc, fp, vm)
}

/// Runs the code at `pc` on frame `fp` and handles the panics raised in
/// frames at or above `base` (None: the whole goroutine, wherever its stack
/// moves): their deferred calls run, and a recovery resumes the recovering
/// frame. Returns how the frame at `base` ended.
///
/// The panic loop is Go's `gopanic` cut into continuations: each deferred
/// call a panic runs is entered on a new frame returning to
/// [`PANIC_RETURN`], whose handler decides between resuming a recovering
/// frame and running the next deferred call, so no native frame outlives
/// an instruction and a goroutine can park inside a deferred call.
///
/// # Safety
/// `pc` is a linked instruction of the function whose frame is at `fp`,
/// `fp >= base`, and every frame from `base` up is live.
pub(super) unsafe fn dispatch(
    pc: *const Code,
    fp: *mut u8,
    vm: *mut Vm,
    base: Option<*mut u8>,
) -> Stop {
    let (mut pc, mut fp) = (pc, fp);
    loop {
        // SAFETY: as the caller guarantees, and for later rounds as
        // `gopanic_next` guarantees.
        let stop = unsafe { ((*pc).h)(pc, fp, vm) };
        if stop != Stop::Panic {
            return stop;
        }
        match gopanic_next(vm, base) {
            Ok((npc, nfp)) => (pc, fp) = (npc, nfp),
            // Goexit's deferred calls are done: the goroutine ends.
            // SAFETY: `vm` is live.
            Err(Stop::Panic) if unsafe { (*vm).panics.last().is_some_and(|p| p.goexit) } => {
                return Stop::Halt;
            }
            Err(stop) => return stop,
        }
    }
}

/// The next step of the newest panic: enters the newest deferred call of
/// a frame at or above `base` on a frame above the panicking one,
/// returning to [`PANIC_RETURN`]; `Err(Stop::Panic)` when none is left
/// (the panic is not recovered), or another stop (a fatal error).
fn gopanic_next(vm: *mut Vm, base: Option<*mut u8>) -> Result<(*const Code, *mut u8), Stop> {
    loop {
        // SAFETY: `vm` is live and not otherwise borrowed here.
        let v = unsafe { &mut *vm };
        let base = base.unwrap_or(v.stack.as_mut_ptr().cast());
        let Some(rec) = v.pop_defer(|r| r.fp >= base) else {
            return Err(Stop::Panic);
        };
        // The deferred call runs above the newest panic's frame.
        let Some(p) = v.panics.last() else {
            return Err(Stop::Panic);
        };
        let (ppc, pfp, value) = (p.pc, p.fp, p.value);
        let size = v.locate(ppc).map_or(0, |(fi, _)| v.funcs[fi].frame_size);
        // SAFETY: the panicking frame is the deepest live one.
        let nfp = unsafe { pfp.add(size as usize) };
        if let Some(p) = v.panics.last_mut() {
            p.defer_fp = nfp;
            p.deferring = (rec.pc, rec.fp);
        }
        v.invokes.push(super::Invoke {
            nfp,
            pc: ppc,
            fp: pfp,
            panic: Some(value),
        });
        // SAFETY: `nfp` is above every live frame.
        match unsafe { enter_deferred((ppc, pfp), nfp, vm, &rec, &PANIC_RETURN, nfp) } {
            Ok(go) => return Ok(go),
            Err(Stop::Panic) => {
                // A nil func value: a new panic, which goes on unwinding.
                // SAFETY: `vm` is live.
                unsafe { (*vm).invokes.retain(|i| i.nfp != nfp) };
            }
            Err(stop) => return Err(stop),
        }
    }
}

/// Where a deferred call run by a panic returns to (the rest of Go's
/// `gopanic` loop): its header's caller frame is its own, `fp`.
pub(super) static PANIC_RETURN: Code = Code {
    h: panic_return,
    a: 0,
    b: 0,
    c: 0,
    d: 0,
};

unsafe fn panic_return(_pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let (npc, nfp) = after_panic_defer(fp, vm);
    // SAFETY: `after_panic_defer` gives a linked instruction of the live
    // frame it resumes, or `STOPPED`.
    unsafe { ((*npc).h)(npc, nfp, vm) }
}

/// A deferred call run by the newest panic returned from the frame at
/// `fp`: if it recovered the panic, the panics raised at or above the
/// frame that deferred it end and that frame resumes at its
/// `recover_pc`, where it runs its remaining deferred calls and returns;
/// otherwise the panic goes on (`Stop::Panic` through `STOPPED`).
#[inline(never)]
fn after_panic_defer(fp: *mut u8, vm: *mut Vm) -> (*const Code, *mut u8) {
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    if let Some(k) = v.invokes.iter().rposition(|i| i.nfp == fp) {
        v.invokes.remove(k);
    }
    let (dpc, dfp) = match v.panics.last() {
        Some(p) if p.recovered && p.defer_fp == fp => p.deferring,
        _ => return super::stopped(vm, Stop::Panic, fp),
    };
    while v.panics.last().is_some_and(|p| p.fp >= dfp) {
        v.panics.pop();
    }
    // Deferred calls of the aborted panics above the resumed frame are
    // gone with their frames.
    v.invokes.retain(|i| i.nfp <= dfp);
    let resume = v.locate(dpc).and_then(|(fi, _)| {
        let rpc = v.prog.funcs[fi].recover_pc?;
        v.funcs[fi].code.get(rpc as usize).map(|c| c as *const Code)
    });
    match resume {
        Some(pc) => (pc, dfp),
        None => {
            let stop = raise(dpc, dfp, vm, "internal error: recover".into(), None);
            super::stopped(vm, stop, dfp)
        }
    }
}

/// The text `run` prints for the panics in progress (`printpanics`, after
/// `preprintpanics` turned error and Stringer values into strings).
pub(super) fn panics_text(vm: *mut Vm) -> String {
    // SAFETY: `vm` is live.
    let n = unsafe { (*vm).panics.len() };
    let mut texts = Vec::new();
    for k in 0..n {
        // SAFETY: `vm` is live.
        let (value, recovered, extra) = unsafe {
            let p = &(&(*vm).panics)[k];
            (p.value, p.recovered, p.extra)
        };
        texts.push((value, recovered, extra, value_text(vm, value)));
    }
    let mut out = String::new();
    let mut k = 0;
    while k < texts.len() {
        let (value, recovered, extra, text) = &texts[k];
        let repanicked = texts.get(k + 1).is_some_and(|next| next.0 == *value);
        if k > 0 {
            out.push('\t');
        }
        out.push_str("panic: ");
        out.push_str(text);
        if *recovered && repanicked {
            out.push_str(" [recovered, repanicked]");
        } else if *recovered {
            out.push_str(" [recovered]");
        }
        out.push('\n');
        if let Some(e) = extra {
            out.push_str(e);
            out.push('\n');
        }
        k += if repanicked { 2 } else { 1 };
    }
    out
}

/// A panic value as `printpanicval` prints it.
fn value_text(vm: *mut Vm, v: [u64; 2]) -> String {
    // SAFETY: `vm` is live.
    let types = unsafe { &(*vm).types };
    let Some(t) = type_index(types, v[0]) else {
        return "nil".into();
    };
    // SAFETY: `vm` is live.
    let prog: &Program = unsafe { &(*vm).prog };
    let info: TypeInfo = prog.types[t as usize].clone();
    for m in ["Error() string", "String() string"] {
        if let Ok(k) = info.methods.binary_search_by(|(n, _)| n.as_str().cmp(m))
            && let Some(s) = call_string_method(vm, info.methods[k].1, v[1])
        {
            return indented(&s);
        }
    }
    let p = v[1] as *const u8;
    // SAFETY: an indirect value's data word points to a value of its type;
    // a direct value is the word itself.
    let val = |n: usize| -> u64 {
        if info.direct {
            return v[1];
        }
        // SAFETY: as above.
        unsafe {
            match n {
                1 => *p as u64,
                2 => *(p as *const u16) as u64,
                4 => *(p as *const u32) as u64,
                _ => *(p as *const u64),
            }
        }
    };
    let mut out = Vec::new();
    let num = match info.kind {
        Kind::Bool => Some(if val(1) != 0 {
            "true".into()
        } else {
            "false".into()
        }),
        Kind::Int | Kind::Int64 => Some((val(8) as i64).to_string()),
        Kind::Int8 => Some((val(1) as i8).to_string()),
        Kind::Int16 => Some((val(2) as i16).to_string()),
        Kind::Int32 => Some((val(4) as i32).to_string()),
        Kind::Uint | Kind::Uint64 | Kind::Uintptr => Some(val(8).to_string()),
        Kind::Uint8 => Some((val(1) as u8).to_string()),
        Kind::Uint16 => Some((val(2) as u16).to_string()),
        Kind::Uint32 => Some((val(4) as u32).to_string()),
        Kind::Float64 => {
            crate::print::format_float(&mut out, f64::from_bits(val(8)), 64);
            Some(String::from_utf8_lossy(&out).into_owned())
        }
        Kind::Float32 => {
            crate::print::format_float(&mut out, f32::from_bits(val(4) as u32) as f64, 32);
            Some(String::from_utf8_lossy(&out).into_owned())
        }
        Kind::Complex128 | Kind::Complex64 => {
            // SAFETY: a complex value's data word points to its two parts.
            let (x, bits) = unsafe {
                if info.kind == Kind::Complex128 {
                    (*(p as *const [f64; 2]), 64)
                } else {
                    let c = *(p as *const [f32; 2]);
                    ([c[0] as f64, c[1] as f64], 32)
                }
            };
            super::format_complex(&mut out, x, bits);
            Some(String::from_utf8_lossy(&out).into_owned())
        }
        Kind::String => {
            // SAFETY: a string value's data word points to a string header.
            let s = unsafe { (*(p as *const GoString)).bytes() };
            let s = String::from_utf8_lossy(s).into_owned();
            if info.named {
                return format!("{}(\"{}\")", info.name, indented(&s));
            }
            return indented(&s);
        }
        _ => None,
    };
    match num {
        Some(n) if info.named => format!("{}({n})", info.name),
        Some(n) => n,
        None => format!("({}) {:#x}", info.name, v[1]),
    }
}

/// `printindented`: continuation lines of a multi-line value get a tab.
fn indented(s: &str) -> String {
    s.replace('\n', "\n\t")
}

/// Calls method function `id` (an `Error` or `String` method taking the
/// data word) and returns its string result.
fn call_string_method(vm: *mut Vm, id: u32, data: u64) -> Option<String> {
    // SAFETY: `vm` is live.
    let v = unsafe { &mut *vm };
    let info = v.prog.funcs.get(id as usize)?;
    if info.params_size != 8 || info.results_size != 16 {
        return None;
    }
    // Above the deepest frame: the newest panic's, with room for the
    // method's own calls, since the stack may not move under a nested
    // dispatch (`Vm::nomove`).
    const ROOM: usize = 256 << 10;
    let (npc, fsize) = (
        v.funcs[id as usize].code.as_ptr(),
        v.funcs[id as usize].frame_size as usize,
    );
    let top = {
        let p = v.panics.last()?;
        let size = v.locate(p.pc).map_or(0, |(fi, _)| v.funcs[fi].frame_size);
        p.fp as usize + size as usize
    };
    if top + 4096 + fsize + ROOM > v.stack_end as usize {
        v.morestack(top + 4096 + fsize + ROOM, top)?;
    }
    let p = v.panics.last()?;
    let size = v.locate(p.pc).map_or(0, |(fi, _)| v.funcs[fi].frame_size);
    // SAFETY: the panicking frame is the deepest live one; a generous gap
    // stays below the end of the stack (grown just above if needed).
    let nfp = unsafe { p.fp.add(size as usize + 4096) };
    if (nfp as usize).wrapping_add(fsize) > v.stack_end as usize {
        return None;
    }
    let depth = v.panics.len();
    let nomove = std::mem::replace(&mut v.nomove, true);
    // SAFETY: the frame fits the stack (checked) and is 8-aligned.
    let stop = unsafe {
        *nfp.cast::<*const Code>() = &NATIVE_RETURN;
        *nfp.add(8).cast::<*mut u8>() = nfp;
        *nfp.add(abi::FRAME_CONTEXT as usize).cast::<u64>() = 0;
        *nfp.add(FRAME_HEADER as usize).cast::<u64>() = data;
        dispatch(npc, nfp, vm, Some(nfp))
    };
    // SAFETY: `vm` is live.
    let v = unsafe { &mut *vm };
    v.nomove = nomove;
    if stop != Stop::Halt {
        v.panics.truncate(depth);
        return None;
    }
    // SAFETY: the result string was written by the method.
    let s = unsafe { *nfp.add(FRAME_HEADER as usize + 8).cast::<GoString>() };
    // SAFETY: string values satisfy invariant 4.
    Some(String::from_utf8_lossy(unsafe { s.bytes() }).into_owned())
}
