//! Handlers that allocate Go memory the program describes: `new`, `make`
//! of slices, `append` (Go's `malloc.go` newobject, `slice.go` makeslice
//! and growslice).
//!
//! Every allocation here passes the layout the compiler gave its
//! instruction (`abi::shape`): `link` stores `shape index + 1` in the
//! instruction's `d` operand (0: the compiler proved the memory
//! pointer-free), after `FuncInfo::verify_allocs` checked that every
//! allocating instruction has exactly one layout and that its element size
//! fits. [`shape`] turns `d` back into the shape, which lives in
//! [`Vm::shapes`] for as long as the heap (the contract of
//! `Heap::mallocgc_typed`).

use super::*;
use crate::mem::GcShape;

/// The layout of the allocation made by instruction `i` (None: noscan).
///
/// # Safety
/// `vm` is live and `i` one of its linked instructions.
#[inline(always)]
unsafe fn shape<'a>(vm: *mut Vm, i: &Code) -> Option<&'a GcShape> {
    // SAFETY: `link` set `d` to 0 or to one more than an index it verified
    // against the shape table, which lives as long as the machine.
    unsafe {
        let shapes: &'a [GcShape] = &(*vm).shapes;
        (i.d as usize)
            .checked_sub(1)
            .map(|k| shapes.get_unchecked(k))
    }
}

/// `n` bytes of instruction `i`'s layout, zeroed.
///
/// # Safety
/// As for [`shape`].
#[inline(always)]
pub(super) unsafe fn malloc(vm: *mut Vm, i: &Code, n: usize) -> *mut u8 {
    // SAFETY: as the caller guarantees; the shape outlives the heap
    // (`Vm::shapes` is declared after `Vm::heap`, so it is dropped later).
    unsafe {
        let t = shape(vm, i);
        mallocgc(vm, n, t, true)
    }
}

/// `mallocgc`: `n` bytes laid out as `t` (None: pointer-free), zeroed
/// when `zero` or when they hold pointers: from the machine's mcache when
/// it can, else from the page heap under the runtime lock.
///
/// # Safety
/// `vm` is live; `t` outlives the heap (a shape of the machine's).
#[inline(always)]
pub(super) unsafe fn mallocgc(vm: *mut Vm, n: usize, t: Option<&GcShape>, zero: bool) -> *mut u8 {
    // SAFETY: as the caller guarantees; the fast path touches only this
    // machine's mcache.
    unsafe {
        match (*vm).heap.mallocgc_fast(n, t, zero) {
            Some(p) => p,
            None => mallocgc_locked(vm, n, t, zero),
        }
    }
}

/// The slow path: the page heap, under the runtime lock.
#[inline(never)]
unsafe fn mallocgc_locked(vm: *mut Vm, n: usize, t: Option<&GcShape>, zero: bool) -> *mut u8 {
    let _l = Vm::heap_lock(vm);
    // SAFETY: as for `mallocgc`; the lock is held.
    unsafe { (*vm).heap.mallocgc_typed(n, t, zero) }
}

pub(super) unsafe fn new(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    gc_poll!(pc, fp, vm);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let p = unsafe { malloc(vm, i, i.c as usize) };
    oom_check!(p, pc, fp, vm);
    wr!(fp, i.a, *mut u8, p);
    next!(pc, fp, vm)
}

pub(super) unsafe fn make_slice(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    gc_poll!(pc, fp, vm);
    let (len, cap) = (rd!(fp, i.b, i64), rd!(fp, i.b + 8, i64));
    let size = i.c as u64;
    if len < 0 || (len as u64).saturating_mul(size) > MAX_ALLOC {
        return runtime_error(pc, fp, vm, "makeslice: len out of range");
    }
    if cap < len || (cap as u64).saturating_mul(size) > MAX_ALLOC {
        return runtime_error(pc, fp, vm, "makeslice: cap out of range");
    }
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let ptr = unsafe { malloc(vm, i, (cap as u64 * size) as usize) };
    oom_check!(ptr, pc, fp, vm);
    wr!(fp, i.a, GoSlice, GoSlice { ptr, len, cap });
    next!(pc, fp, vm)
}

pub(super) unsafe fn grow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    gc_poll!(pc, fp, vm);
    let mut s = rd!(fp, i.a, GoSlice);
    let n = rd!(fp, i.b, i64);
    let size = i.c as u64;
    let new_len = s.len.wrapping_add(n);
    if new_len < s.len {
        return runtime_error(pc, fp, vm, "growslice: len out of range");
    }
    if size == 0 {
        // Zero-size elements need no memory; Go points them at `zerobase`.
        s.cap = s.cap.max(new_len);
        if s.ptr.is_null() {
            s.ptr = std::ptr::addr_of!(ZEROBASE).cast::<u8>().cast_mut();
        }
    } else if new_len > s.cap {
        let Some(cap) = crate::mem::grow_cap(new_len as u64, s.cap as u64, size) else {
            return runtime_error(pc, fp, vm, "growslice: len out of range");
        };
        // SAFETY: `vm` is live; `s` holds `len` valid elements of `size`
        // bytes (invariant 6).
        let p = unsafe { reallocate(vm, i, s, cap, size) };
        oom_check!(p, pc, fp, vm);
        (s.ptr, s.cap) = (p, cap as i64);
    }
    s.len = new_len;
    wr!(fp, i.a, GoSlice, s);
    next!(pc, fp, vm)
}

/// A new backing array of `cap` elements (of `size` bytes, in
/// instruction `i`'s layout) holding a copy of `s`'s `len` elements
/// (growslice's copy); null when the heap is exhausted. `s` is taken by
/// value: a handler that lent out the address of a local would lose its
/// tail call.
///
/// # Safety
/// As for [`shape`]; `s` holds `len` valid elements and `cap >= len`.
unsafe fn reallocate(vm: *mut Vm, i: &Code, s: GoSlice, cap: u64, size: u64) -> *mut u8 {
    // SAFETY: as the caller guarantees; the new memory holds `cap`
    // elements, the first `len` copied from the old array.
    unsafe {
        let p = malloc(vm, i, (cap * size) as usize);
        if !p.is_null() && s.len > 0 {
            std::ptr::copy_nonoverlapping(s.ptr, p, s.len as usize * size as usize);
        }
        p
    }
}

pub(super) unsafe fn append_slice(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    gc_poll!(pc, fp, vm);
    let mut s = rd!(fp, i.a, GoSlice);
    let t = rd!(fp, i.b, GoString);
    let size = i.c as u64;
    if t.len == 0 {
        return next!(pc, fp, vm);
    }
    let new_len = s.len.wrapping_add(t.len);
    if new_len < s.len {
        return runtime_error(pc, fp, vm, "growslice: len out of range");
    }
    if new_len > s.cap {
        let Some(cap) = (if size == 0 {
            Some(new_len as u64)
        } else {
            crate::mem::grow_cap(new_len as u64, s.cap as u64, size)
        }) else {
            return runtime_error(pc, fp, vm, "growslice: len out of range");
        };
        // SAFETY: `vm` is live; `s` holds `len` valid elements of `size`
        // bytes (invariant 6).
        let p = unsafe { reallocate(vm, i, s, cap, size) };
        oom_check!(p, pc, fp, vm);
        (s.ptr, s.cap) = (p, cap as i64);
    }
    // SAFETY: room for `t.len` more elements after `len` (just ensured);
    // `t` holds that many valid elements (invariants 4, 6); they may
    // overlap (`append(s[:1], s...)`).
    unsafe {
        std::ptr::copy(
            t.ptr,
            s.ptr.add(s.len as usize * size as usize),
            t.len as usize * size as usize,
        )
    };
    s.len = new_len;
    wr!(fp, i.a, GoSlice, s);
    next!(pc, fp, vm)
}
