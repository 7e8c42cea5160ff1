//! The collector's API as Go programs call it: `runtime.GC`,
//! `runtime.ReadMemStats`, `runtime/debug.SetGCPercent`,
//! `SetMemoryLimit` and `FreeOSMemory` (compiled to one instruction each
//! until the standard library runs from GOROOT).
//!
//! `ReadMemStats` writes the reference release's `runtime.MemStats`
//! layout (offsets checked against gc by `testdata/run/gc/memstats_layout.go`).

use super::{Code, Stop, Vm, slot};

/// Offsets of `runtime.MemStats` fields (Go 1.26, amd64).
mod off {
    pub const ALLOC: usize = 0;
    pub const TOTAL_ALLOC: usize = 8;
    pub const SYS: usize = 16;
    pub const LOOKUPS: usize = 24;
    pub const MALLOCS: usize = 32;
    pub const FREES: usize = 40;
    pub const HEAP_ALLOC: usize = 48;
    pub const HEAP_SYS: usize = 56;
    pub const HEAP_IDLE: usize = 64;
    pub const HEAP_INUSE: usize = 72;
    pub const HEAP_RELEASED: usize = 80;
    pub const HEAP_OBJECTS: usize = 88;
    pub const STACK_INUSE: usize = 96;
    pub const STACK_SYS: usize = 104;
    pub const MSPAN_INUSE: usize = 112;
    pub const MSPAN_SYS: usize = 120;
    pub const MCACHE_INUSE: usize = 128;
    pub const MCACHE_SYS: usize = 136;
    pub const BUCK_HASH_SYS: usize = 144;
    pub const GC_SYS: usize = 152;
    pub const OTHER_SYS: usize = 160;
    pub const NEXT_GC: usize = 168;
    pub const LAST_GC: usize = 176;
    pub const PAUSE_TOTAL_NS: usize = 184;
    pub const PAUSE_NS: usize = 192;
    pub const PAUSE_END: usize = 2240;
    pub const NUM_GC: usize = 4288;
    pub const NUM_FORCED_GC: usize = 4292;
    pub const GC_CPU_FRACTION: usize = 4296;
    pub const ENABLE_GC: usize = 4304;
    pub const DEBUG_GC: usize = 4305;
    pub const BY_SIZE: usize = 4312;
    /// `unsafe.Sizeof(runtime.MemStats{})`.
    pub const SIZE: usize = 5776;
}

impl Vm {
    /// The `runtime.MemStats` bytes describing the heap now.
    fn mem_stats(&self, stack_inuse: u64) -> Vec<u8> {
        // `stats` counts this machine's cached counts; the others flushed
        // theirs when they parked for the stop of the world.
        let h = self.heap.stats();
        let g = &self.gc.stats;
        let mut b = vec![0u8; off::SIZE];
        let mut put = |at: usize, v: u64| b[at..at + 8].copy_from_slice(&v.to_le_bytes());
        let stack_sys = stack_inuse;
        let sys = h.heap_sys + stack_sys + h.mspan_sys;
        put(off::ALLOC, h.heap_alloc);
        put(off::TOTAL_ALLOC, h.total_alloc);
        put(off::SYS, sys);
        put(off::LOOKUPS, 0);
        put(off::MALLOCS, h.mallocs);
        put(off::FREES, h.frees);
        put(off::HEAP_ALLOC, h.heap_alloc);
        put(off::HEAP_SYS, h.heap_sys);
        put(off::HEAP_IDLE, h.heap_idle);
        put(off::HEAP_INUSE, h.heap_inuse);
        put(off::HEAP_RELEASED, h.heap_released);
        put(off::HEAP_OBJECTS, h.heap_objects);
        put(off::STACK_INUSE, stack_inuse);
        put(off::STACK_SYS, stack_sys);
        put(off::MSPAN_INUSE, h.mspan_inuse);
        put(off::MSPAN_SYS, h.mspan_sys);
        // Not accounted separately yet (inside HeapSys or Rust memory).
        put(off::BUCK_HASH_SYS, 0);
        put(off::MCACHE_INUSE, 0);
        put(off::MCACHE_SYS, 0);
        put(off::GC_SYS, 0);
        put(off::OTHER_SYS, 0);
        put(off::NEXT_GC, self.gc.next_gc());
        put(off::LAST_GC, g.last_gc_unix);
        put(off::PAUSE_TOTAL_NS, g.pause_total_ns);
        for k in 0..256 {
            put(off::PAUSE_NS + 8 * k, g.pause_ns[k]);
            put(off::PAUSE_END + 8 * k, g.pause_end[k]);
        }
        put(off::GC_CPU_FRACTION, g.gc_cpu_fraction.to_bits());
        for (k, c) in h.by_size.iter().enumerate().take(61) {
            let at = off::BY_SIZE + 24 * k;
            b[at..at + 4].copy_from_slice(&c.size.to_le_bytes());
            b[at + 8..at + 16].copy_from_slice(&c.mallocs.to_le_bytes());
            b[at + 16..at + 24].copy_from_slice(&c.frees.to_le_bytes());
        }
        b[off::NUM_GC..off::NUM_GC + 4].copy_from_slice(&g.numgc.to_le_bytes());
        b[off::NUM_FORCED_GC..off::NUM_FORCED_GC + 4].copy_from_slice(&g.numforcedgc.to_le_bytes());
        b[off::ENABLE_GC] = 1;
        b[off::DEBUG_GC] = 0;
        b
    }

    /// Bytes of the goroutine stack in use at the frame `fp` of the
    /// instruction at `pc`.
    pub(super) fn stack_inuse(&self, pc: *const Code, fp: *mut u8) -> u64 {
        let frame = self
            .locate(pc)
            .map_or(0, |(fi, _)| self.funcs[fi].frame_size as u64);
        (fp as u64 - self.stack.as_ptr() as u64 + frame).next_multiple_of(8192)
    }
}

/// `runtime.GC()`: sweeps what is left of the last cycle, then a forced
/// collection, swept whole before it returns (as Go's `GC` does).
fn forced_gc(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Option<Stop> {
    // SAFETY: `vm` is the live machine, not otherwise borrowed.
    let v = unsafe { &mut *vm };
    if !v.stop_the_world() {
        // Another machine stops the world: collect after it.
        return Some(v.goyield(pc, fp));
    }
    let r = v.collect(pc, fp, true);
    if r.is_ok() {
        v.heap.finish_sweep();
    }
    v.start_the_world();
    if let Err(crate::gc::mgc::Throw(msg)) = r {
        return Some(v.fatal(pc, fp, msg));
    }
    None
}

/// `runtime.GC()` (the compiler follows it with a `Gosched`, so that a
/// finalizer goroutine it readied runs before the caller goes on).
pub(super) unsafe fn gc_collect(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    if let Some(stop) = forced_gc(pc, fp, vm) {
        return stop;
    }
    next!(pc, fp, vm)
}

/// `debug.FreeOSMemory()`: a forced collection, then the free pages go
/// back to the OS; the caller yields when finalizers were queued (as
/// `runtime.GC` does).
pub(super) unsafe fn free_os_memory(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    if let Some(stop) = forced_gc(pc, fp, vm) {
        return stop;
    }
    // SAFETY: `vm` is live.
    unsafe {
        let _l = Vm::rt_lock(vm);
        (*vm).heap.scavenge(true)
    };
    // SAFETY: as above.
    if unsafe { (*vm).fing_runnable() } {
        // SAFETY: as above; the goroutine continues after this instruction.
        return unsafe { (*vm).goyield(pc.add(1), fp) };
    }
    next!(pc, fp, vm)
}

/// The MemStats bytes, read with the world stopped (as Go's
/// `ReadMemStats`: every machine's mcache counts are in). Err: another
/// machine stops the world; the goroutine yields and reads after it.
#[inline(never)]
fn mem_stats_stw(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Result<Vec<u8>, Stop> {
    // SAFETY: `vm` is live, not otherwise borrowed.
    let v = unsafe { &mut *vm };
    if !v.stop_the_world() {
        return Err(v.goyield(pc, fp));
    }
    let b = v.mem_stats(v.stack_inuse(pc, fp));
    v.start_the_world();
    Ok(b)
}

pub(super) unsafe fn read_mem_stats(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let p = rd!(fp, i.a, *mut u8);
    if p.is_null() {
        return super::nil_deref(pc, fp, vm);
    }
    let b = match mem_stats_stw(pc, fp, vm) {
        Ok(b) => b,
        Err(stop) => return stop,
    };
    // SAFETY: a non-nil `*runtime.MemStats` points to a whole MemStats
    // value (invariant 5), `off::SIZE` bytes as gc lays it out.
    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), p, b.len()) };
    next!(pc, fp, vm)
}

pub(super) unsafe fn set_gc_percent(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let pct = rd!(fp, i.b, i64);
    // SAFETY: `vm` is live, not otherwise borrowed.
    let old = unsafe {
        let _l = Vm::rt_lock(vm);
        let v = &mut *vm;
        v.gc.set_gc_percent(&v.heap, pct.clamp(i32::MIN as i64, i32::MAX as i64) as i32)
    };
    wr!(fp, i.a, i64, old as i64);
    next!(pc, fp, vm)
}

pub(super) unsafe fn set_memory_limit(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let limit = rd!(fp, i.b, i64);
    // SAFETY: `vm` is live, not otherwise borrowed.
    let old = unsafe {
        let _l = Vm::rt_lock(vm);
        let v = &mut *vm;
        v.gc.set_memory_limit(&v.heap, limit)
    };
    wr!(fp, i.a, i64, old);
    next!(pc, fp, vm)
}
