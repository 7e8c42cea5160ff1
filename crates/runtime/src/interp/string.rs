//! Handlers that make strings and convert between strings and byte or
//! rune slices (Go's `string.go`: concatstrings, slicebytetostring,
//! stringtoslicebyte, intstring, slicerunetostring, stringtoslicerune),
//! and the environment's strings (`os.Args`, `os.Getenv`).
//!
//! String bytes and byte and rune slices hold no pointers: they are
//! allocated noscan, never scanned. `os.Args`' backing array holds
//! strings and takes the string layout ([`Vm::string_shape`] for the
//! runtime's own strings; the instruction's layout otherwise).

use super::*;

/// `n` pointer-free bytes (zeroed when `zero`).
///
/// # Safety
/// `vm` is live and not otherwise borrowed.
#[inline(always)]
unsafe fn malloc_noscan(vm: *mut Vm, n: usize, zero: bool) -> *mut u8 {
    // SAFETY: as the caller guarantees; no shape.
    unsafe { super::slice::mallocgc(vm, n, None, zero) }
}

/// A new Go string holding `bytes` (None when the heap is exhausted).
///
/// # Safety
/// As for [`malloc_noscan`].
unsafe fn new_string(vm: *mut Vm, bytes: &[u8]) -> Option<GoString> {
    // SAFETY: as the caller guarantees; the new memory holds the bytes.
    unsafe {
        let p = malloc_noscan(vm, bytes.len(), false);
        if p.is_null() {
            return None;
        }
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
        Some(GoString {
            ptr: p,
            len: bytes.len() as i64,
        })
    }
}

/// `s1 + s2 + …` (Go's `concatstrings`): the only non-empty part itself
/// when there is one, else new memory holding them all (None when the
/// heap is exhausted).
///
/// # Safety
/// As for [`malloc_noscan`]; the parts satisfy invariant 4.
unsafe fn concat(vm: *mut Vm, parts: &[GoString]) -> Option<GoString> {
    let n: i64 = parts.iter().map(|s| s.len).sum();
    let mut full = parts.iter().filter(|s| s.len > 0);
    match (full.next(), full.next()) {
        (None, _) => {
            return Some(GoString {
                ptr: std::ptr::null(),
                len: 0,
            });
        }
        (Some(&s), None) => return Some(s),
        _ => {}
    }
    // SAFETY: as the caller guarantees; the new memory has room for every
    // part.
    unsafe {
        let p = malloc_noscan(vm, n as usize, false);
        if p.is_null() {
            return None;
        }
        let mut at = 0;
        for s in parts {
            std::ptr::copy_nonoverlapping(s.ptr, p.add(at), s.len as usize);
            at += s.len as usize;
        }
        Some(GoString { ptr: p, len: n })
    }
}

pub(super) unsafe fn str_concat(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    gc_poll!(pc, fp, vm);
    if !str_concat_slow(fp, vm, inst!(pc)) {
        return gcroots::out_of_memory(pc, fp, vm);
    }
    next!(pc, fp, vm)
}

/// Out of line, as every slow path here: a handler holding the address
/// of a local (the parts, an `Option` returned through memory) loses its
/// tail call. False when the allocation failed.
#[inline(never)]
fn str_concat_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> bool {
    let parts = [rd!(fp, i.b, GoString), rd!(fp, i.c, GoString)];
    // SAFETY: `vm` is live; string slots satisfy invariant 4.
    let Some(s) = (unsafe { concat(vm, &parts) }) else {
        return false;
    };
    wr!(fp, i.a, GoString, s);
    true
}

pub(super) unsafe fn str_concat_n(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    gc_poll!(pc, fp, vm);
    if !str_concat_n_slow(fp, vm, inst!(pc)) {
        return gcroots::out_of_memory(pc, fp, vm);
    }
    next!(pc, fp, vm)
}

/// False when the allocation failed.
#[inline(never)]
fn str_concat_n_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> bool {
    // SAFETY: the area of `c` strings at `b` was verified inside the
    // frame; string slots are 8-aligned `GoString`s (invariant 4).
    let parts = unsafe { std::slice::from_raw_parts(slot::<GoString>(fp, i.b), i.c as usize) };
    // SAFETY: `vm` is live.
    let Some(s) = (unsafe { concat(vm, parts) }) else {
        return false;
    };
    wr!(fp, i.a, GoString, s);
    true
}

pub(super) unsafe fn bytes_to_str(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    gc_poll!(pc, fp, vm);
    if !bytes_to_str_slow(fp, vm, inst!(pc)) {
        return gcroots::out_of_memory(pc, fp, vm);
    }
    next!(pc, fp, vm)
}

/// False when the allocation failed.
#[inline(never)]
fn bytes_to_str_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> bool {
    let b = rd!(fp, i.b, GoString);
    let s = if b.len == 0 {
        GoString {
            ptr: std::ptr::null(),
            len: 0,
        }
    } else {
        // SAFETY: `vm` is live; `b` holds `len` valid bytes (invariant 6).
        match unsafe { new_string(vm, b.bytes()) } {
            Some(s) => s,
            None => return false,
        }
    };
    wr!(fp, i.a, GoString, s);
    true
}

pub(super) unsafe fn str_to_bytes(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    gc_poll!(pc, fp, vm);
    let s = rd!(fp, i.b, GoString);
    // As gc: the capacity is the allocation's size class.
    let cap = if s.len == 0 {
        0
    } else {
        crate::mem::roundupsize(s.len as u64) as i64
    };
    // SAFETY: `vm` is live; `s` holds `len` valid bytes (invariant 4).
    let ptr = unsafe {
        let p = malloc_noscan(vm, cap as usize, true);
        oom_check!(p, pc, fp, vm);
        if s.len > 0 {
            std::ptr::copy_nonoverlapping(s.ptr, p, s.len as usize);
        }
        p
    };
    wr!(
        fp,
        i.a,
        GoSlice,
        GoSlice {
            ptr,
            len: s.len,
            cap
        }
    );
    next!(pc, fp, vm)
}

pub(super) unsafe fn rune_to_str(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    gc_poll!(pc, fp, vm);
    if !rune_to_str_slow(fp, vm, inst!(pc)) {
        return gcroots::out_of_memory(pc, fp, vm);
    }
    next!(pc, fp, vm)
}

/// False when the allocation failed.
#[inline(never)]
fn rune_to_str_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> bool {
    let r = rd!(fp, i.b, i64);
    let c = u32::try_from(r)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    let enc = c.encode_utf8(&mut buf);
    // SAFETY: `vm` is live.
    let Some(s) = (unsafe { new_string(vm, enc.as_bytes()) }) else {
        return false;
    };
    wr!(fp, i.a, GoString, s);
    true
}

pub(super) unsafe fn runes_to_str(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    gc_poll!(pc, fp, vm);
    if !runes_to_str_slow(fp, vm, inst!(pc)) {
        return gcroots::out_of_memory(pc, fp, vm);
    }
    next!(pc, fp, vm)
}

/// False when the allocation failed.
#[inline(never)]
fn runes_to_str_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> bool {
    let rs = rd!(fp, i.b, GoString);
    let mut out = String::new();
    for k in 0..rs.len.max(0) as usize {
        // SAFETY: a rune slice holds `len` 4-byte elements (invariant 6).
        let r = unsafe { *rs.ptr.cast::<i32>().add(k) };
        out.push(
            u32::try_from(r)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}'),
        );
    }
    // SAFETY: `vm` is live.
    let Some(s) = (unsafe { new_string(vm, out.as_bytes()) }) else {
        return false;
    };
    wr!(fp, i.a, GoString, s);
    true
}

pub(super) unsafe fn str_to_runes(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    gc_poll!(pc, fp, vm);
    if !str_to_runes_slow(fp, vm, inst!(pc)) {
        return gcroots::out_of_memory(pc, fp, vm);
    }
    next!(pc, fp, vm)
}

/// False when the allocation failed.
#[inline(never)]
fn str_to_runes_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> bool {
    let s = rd!(fp, i.b, GoString);
    // SAFETY: string slots satisfy invariant 4.
    let bytes = unsafe { s.bytes() };
    let mut runes = Vec::new();
    let mut k = 0;
    while k < bytes.len() {
        let (r, w) = crate::print::decode_rune(&bytes[k..]);
        runes.push(r as i32);
        k += w;
    }
    let cap = if runes.is_empty() {
        0
    } else {
        crate::mem::roundupsize(runes.len() as u64 * 4) / 4
    };
    // SAFETY: `vm` is live; the new memory holds `cap` runes.
    let ptr = unsafe {
        let p = malloc_noscan(vm, cap as usize * 4, true);
        if p.is_null() {
            return false;
        }
        std::ptr::copy_nonoverlapping(runes.as_ptr().cast::<u8>(), p, runes.len() * 4);
        p
    };
    wr!(
        fp,
        i.a,
        GoSlice,
        GoSlice {
            ptr,
            len: runes.len() as i64,
            cap: cap as i64,
        }
    );
    true
}

pub(super) unsafe fn os_args(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    gc_poll!(pc, fp, vm);
    let i = inst!(pc);
    let s = os_args_slow(vm, i);
    oom_check!(s.ptr, pc, fp, vm);
    wr!(fp, i.a, GoSlice, s);
    next!(pc, fp, vm)
}

#[inline(never)]
fn os_args_slow(vm: *mut Vm, i: &Code) -> GoSlice {
    let _l = Vm::rt_lock(vm);
    // SAFETY: `vm` is live and not otherwise borrowed here; the strings
    // and the slice get fresh memory (the slice in the instruction's layout) that lives as long as the
    // machine (invariants 4, 6).
    unsafe {
        if let Some(s) = *(*vm).os_args {
            return s;
        }
        let args = (*vm).args.clone();
        let n = args.len();
        let ptr = super::slice::malloc(vm, i, n * 16);
        if ptr.is_null() {
            return GoSlice {
                ptr,
                len: 0,
                cap: 0,
            };
        }
        for (k, a) in args.iter().enumerate() {
            let Some(str) = new_string(vm, a.as_bytes()) else {
                return GoSlice {
                    ptr: std::ptr::null_mut(),
                    len: 0,
                    cap: 0,
                };
            };
            *ptr.cast::<GoString>().add(k) = str;
        }
        let s = GoSlice {
            ptr,
            len: n as i64,
            cap: n as i64,
        };
        *(*vm).os_args = Some(s);
        s
    }
}

pub(super) unsafe fn getenv(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    gc_poll!(pc, fp, vm);
    if !getenv_slow(fp, vm, inst!(pc)) {
        return gcroots::out_of_memory(pc, fp, vm);
    }
    next!(pc, fp, vm)
}

/// False when the allocation failed.
#[inline(never)]
fn getenv_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> bool {
    let name = rd!(fp, i.b, GoString);
    // SAFETY: string slots satisfy invariant 4.
    let name = String::from_utf8_lossy(unsafe { name.bytes() }).into_owned();
    let value = std::env::var_os(&name)
        .map(|v| v.into_encoded_bytes())
        .unwrap_or_default();
    // SAFETY: `vm` is live.
    let Some(s) = (unsafe { new_string(vm, &value) }) else {
        return false;
    };
    wr!(fp, i.a, GoString, s);
    true
}

/// `a = runtime.Version()`: the reference release's version string.
pub(super) unsafe fn go_version(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    gc_poll!(pc, fp, vm);
    if !go_version_slow(fp, vm, inst!(pc)) {
        return gcroots::out_of_memory(pc, fp, vm);
    }
    next!(pc, fp, vm)
}

/// False when the allocation failed.
#[inline(never)]
fn go_version_slow(fp: *mut u8, vm: *mut Vm, i: &Code) -> bool {
    // SAFETY: `vm` is live.
    let prog: &Program = unsafe { &(*vm).prog };
    let v = prog.go_version.clone();
    let v = if v.is_empty() {
        "unknown".to_string()
    } else {
        v
    };
    // SAFETY: `vm` is live.
    let Some(s) = (unsafe { new_string(vm, v.as_bytes()) }) else {
        return false;
    };
    wr!(fp, i.a, GoString, s);
    true
}
