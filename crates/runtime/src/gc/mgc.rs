//! One collection cycle, its statistics and the gctrace line
//! (`runtime/mgc.go`: `gcStart`, `gcMarkTermination`). The algorithm and
//! its invariants are in the essay of `gc/mod.rs`.

use super::mfinal::Finalizers;
use super::mgcmark::{MarkBits, Roots, mark, mark_finalizable};
use super::mgcpacer::{MemState, Pacer};
use super::mgcwork::GcWork;
use crate::godebug::DebugVars;
use crate::mem::Heap;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// What `runtime.ReadMemStats` reports of past collections.
#[derive(Clone)]
pub struct GcStats {
    pub numgc: u32,
    pub numforcedgc: u32,
    pub pause_total_ns: u64,
    /// Circular buffers of the last 256 pauses and their end times (Unix ns).
    pub pause_ns: [u64; 256],
    pub pause_end: [u64; 256],
    /// End of the last collection (Unix ns; 0 before the first).
    pub last_gc_unix: u64,
    pub gc_cpu_fraction: f64,
    /// Longest pause so far (for benchmarks).
    pub max_pause_ns: u64,
}

impl Default for GcStats {
    fn default() -> Self {
        GcStats {
            numgc: 0,
            numforcedgc: 0,
            pause_total_ns: 0,
            pause_ns: [0; 256],
            pause_end: [0; 256],
            last_gc_unix: 0,
            gc_cpu_fraction: 0.0,
            max_pause_ns: 0,
        }
    }
}

/// The collector's state for one runtime instance (Go's `work`,
/// `gcController` and the GC half of `memstats`).
pub struct Gc {
    pub pacer: Pacer,
    pub debug: DebugVars,
    pub stats: GcStats,
    /// The heap size (`Heap::heap_live`) at which the next allocating
    /// instruction collects; 0 under `gcstress`, so that every allocating
    /// instruction enters the slow path, which counts.
    pub trigger: u64,
    /// The goal the trigger was set from (gctrace's "MB goal").
    last_goal: u64,
    /// `runtimeInitTime`.
    start: Instant,
    pub gomaxprocs: u32,
    /// Allocating instructions left before the next stress collection.
    stress_left: i32,
    /// Time spent collecting, for `GCCPUFraction`.
    gc_ns: u64,
    /// When the last cycle ended and how long it stopped the world, for
    /// the CPU limiter (`due`).
    last_end: Instant,
    last_pause: std::time::Duration,
    /// The memory limit set the goal (below GOGC's): the CPU limiter
    /// applies.
    limit_binds: bool,
    gcw: GcWork,
    /// Objects with finalizers and finalizers waiting to run (roots the
    /// collector scans itself: `gc/mfinal.rs`).
    pub fin: Finalizers,
}

/// How far the heap may grow past a trigger the CPU limiter deferred
/// before the limiter is asked again.
const LIMITER_STEP: u64 = 256 << 10;

/// A collection failed its own verification (`throw`).
#[derive(Debug)]
pub struct Throw(pub String);

impl Gc {
    pub fn new(debug: DebugVars, gogc: i32, memory_limit: i64, gomaxprocs: u32) -> Gc {
        let pacer = Pacer::new(gogc, memory_limit);
        let mut gc = Gc {
            pacer,
            stress_left: debug.gcstress,
            debug,
            stats: GcStats::default(),
            trigger: 0,
            last_goal: 0,
            start: Instant::now(),
            gomaxprocs: gomaxprocs.max(1),
            gc_ns: 0,
            last_end: Instant::now(),
            last_pause: std::time::Duration::ZERO,
            limit_binds: false,
            gcw: GcWork::default(),
            fin: Finalizers::default(),
        };
        gc.set_trigger(MemState::default());
        gc
    }

    fn set_trigger(&mut self, m: MemState) {
        self.last_goal = self.pacer.heap_goal(m);
        self.limit_binds = self.pacer.memory_limit_goal(m) < self.pacer.gc_percent_goal();
        self.trigger = if self.debug.gcstress > 0 {
            0
        } else {
            self.last_goal
        };
    }

    /// The slow path of an allocating instruction whose poll found the
    /// heap at the trigger: whether to collect now (under `gcstress`, at
    /// every N-th call).
    pub fn due(&mut self, heap_live: u64) -> bool {
        if self.debug.gcstress > 0 {
            // Stress collects wherever a collection could happen; with
            // collection off (GOGC=off and no memory limit) none can.
            if self.pacer.gc_percent < 0 && self.pacer.memory_limit == i64::MAX {
                return false;
            }
            self.stress_left -= 1;
            if self.stress_left > 0 {
                return false;
            }
            self.stress_left = self.debug.gcstress;
            return true;
        }
        if heap_live < self.trigger {
            return false;
        }
        // The GC CPU limiter (Go's `gcCPULimiter` caps the collector at
        // half the CPU, so that a memory limit below the live heap slows
        // the program instead of stopping it): while the limit sets the
        // goal, a cycle starts only once the program ran at least as long
        // as the last cycle stopped it. Until then the heap may grow past
        // the goal, a step at a time.
        if self.limit_binds && self.last_end.elapsed() < self.last_pause {
            self.trigger = heap_live + LIMITER_STEP;
            return false;
        }
        true
    }

    /// `debug.SetGCPercent`.
    pub fn set_gc_percent(&mut self, heap: &Heap, pct: i32) -> i32 {
        let old = self.pacer.set_gc_percent(pct);
        self.set_trigger(mem_state(heap, &self.pacer));
        old
    }

    /// `debug.SetMemoryLimit`.
    pub fn set_memory_limit(&mut self, heap: &Heap, limit: i64) -> i64 {
        let old = self.pacer.set_memory_limit(limit);
        self.set_trigger(mem_state(heap, &self.pacer));
        old
    }

    /// The next collection's heap goal (`MemStats.NextGC`).
    pub fn next_gc(&self) -> u64 {
        self.last_goal
    }

    /// One whole collection with the world stopped. `forced` for
    /// `runtime.GC` and `debug.FreeOSMemory`.
    pub fn collect(
        &mut self,
        heap: &mut Heap,
        roots: &dyn Roots,
        forced: bool,
    ) -> Result<(), Throw> {
        // 1. Sweep termination.
        let t_sweep_term = Instant::now();
        let heap0 = heap.heap_live();
        heap.finish_sweep();

        // 2. Mark.
        let t_mark = Instant::now();
        heap.gc_begin_mark();
        self.gcw.heap_scan = 0;
        mark(heap, roots, &self.fin, &mut self.gcw, MarkBits::Mark);
        // Finalizers of what the mark did not reach are queued, their
        // objects resurrected.
        mark_finalizable(heap, &mut self.fin, &mut self.gcw);

        // 3. Mark termination.
        let t_mark_term = Instant::now();
        let heap1 = heap.heap_live();
        if self.debug.gccheckmark > 0 {
            heap.clear_checkmarks();
            mark(heap, roots, &self.fin, &mut self.gcw, MarkBits::Check);
            if let Some(o) = heap.verify_checkmarks() {
                return Err(Throw(format!(
                    "runtime: checkmark found unmarked object {:#x} (size {})\nfatal error: checkmark found unmarked object",
                    o.base, o.size
                )));
            }
        }
        let heap2 = heap.gc_end_mark();
        self.gcw.dispose();

        // 4. Pacing for the next cycle.
        self.pacer.heap_marked = heap2;
        self.pacer.last_stack_scan = roots.stack_bytes();
        self.pacer.globals_scan = roots.globals_bytes();
        self.pacer.commit();
        let goal = self.last_goal;
        self.set_trigger(mem_state(heap, &self.pacer));

        // 5. Statistics.
        let t_end = Instant::now();
        let pause = (t_end - t_sweep_term).as_nanos() as u64;
        let unix_now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let s = &mut self.stats;
        s.pause_ns[s.numgc as usize % 256] = pause;
        s.pause_end[s.numgc as usize % 256] = unix_now;
        s.pause_total_ns += pause;
        s.max_pause_ns = s.max_pause_ns.max(pause);
        self.last_end = t_end;
        self.last_pause = t_end - t_sweep_term;
        s.last_gc_unix = unix_now;
        self.gc_ns += pause;
        let total = (t_end - self.start).as_nanos() as f64 * self.gomaxprocs as f64;
        s.gc_cpu_fraction = if total > 0.0 {
            self.gc_ns as f64 / total
        } else {
            0.0
        };
        if forced {
            s.numforcedgc += 1;
        }
        s.numgc += 1;

        if self.debug.gctrace > 0 {
            let ns = |a: Instant, b: Instant| (b - a).as_nanos() as u64;
            let line = trace_line(&TraceCycle {
                numgc: s.numgc,
                since_start_ns: ns(self.start, t_sweep_term),
                util: (s.gc_cpu_fraction * 100.0) as i64,
                clock: [
                    ns(t_sweep_term, t_mark),
                    ns(t_mark, t_mark_term),
                    ns(t_mark_term, t_end),
                ],
                procs: self.gomaxprocs,
                heap: [heap0, heap1, heap2],
                goal,
                stacks: roots.stack_bytes(),
                globals: roots.globals_bytes(),
                forced,
            });
            eprint!("{line}");
        }
        Ok(())
    }
}

/// The runtime's memory as the memory-limit goal reads it: the heap's,
/// plus what else the runtime keeps for the program (Go's `mappedReady`
/// counts its stacks and metadata too): span structures, the stack in
/// use and the package variables, as the last cycle scanned them.
fn mem_state(heap: &Heap, pacer: &super::mgcpacer::Pacer) -> MemState {
    let st = heap.stats();
    let other = st.mspan_sys + pacer.last_stack_scan + pacer.globals_scan;
    MemState {
        heap_alloc: st.heap_alloc,
        heap_free: st.heap_idle.saturating_sub(st.heap_released),
        mapped_ready: st.heap_sys.saturating_sub(st.heap_released) + other,
    }
}

/// What one gctrace line reports.
pub struct TraceCycle {
    pub numgc: u32,
    pub since_start_ns: u64,
    pub util: i64,
    /// Sweep termination, mark, mark termination (wall ns).
    pub clock: [u64; 3],
    pub procs: u32,
    /// Heap at the start, at mark termination, and marked.
    pub heap: [u64; 3],
    pub goal: u64,
    pub stacks: u64,
    pub globals: u64,
    pub forced: bool,
}

/// The gctrace line of `gcMarkTermination`, byte for byte:
/// `gc N @S.SSSs U%: A+B+C ms clock, D+E/F/G+H ms cpu, X->Y->Z MB, G MB
/// goal, S MB stacks, G MB globals, P P[ (forced)]`. The world is stopped
/// for the whole mark, so the stop-the-world phases count `procs` CPUs
/// and the mark counts one dedicated worker (no assists, no idle marking).
pub fn trace_line(c: &TraceCycle) -> String {
    let [st, mk, mt] = c.clock;
    let mb = |b: u64| b >> 20;
    let procs = c.procs as u64;
    format!(
        "gc {} @{}s {}%: {}+{}+{} ms clock, {}+{}/{}/{}+{} ms cpu, {}->{}->{} MB, {} MB goal, {} MB stacks, {} MB globals, {} P{}\n",
        c.numgc,
        itoa_div(c.since_start_ns / 1_000_000, 3),
        c.util,
        fmt_ns_as_ms(st),
        fmt_ns_as_ms(mk),
        fmt_ns_as_ms(mt),
        fmt_ns_as_ms(procs * st),
        fmt_ns_as_ms(0),
        fmt_ns_as_ms(mk),
        fmt_ns_as_ms(0),
        fmt_ns_as_ms(procs * mt),
        mb(c.heap[0]),
        mb(c.heap[1]),
        mb(c.heap[2]),
        mb(c.goal),
        mb(c.stacks),
        mb(c.globals),
        c.procs,
        if c.forced { " (forced)" } else { "" },
    )
}

/// Go's `itoaDiv`: `val` with a decimal point `dec` digits from the right.
fn itoa_div(mut val: u64, dec: usize) -> String {
    let mut buf = [0u8; 24];
    let mut i = buf.len() - 1;
    let idec = i - dec;
    while val >= 10 || i >= idec {
        buf[i] = b'0' + (val % 10) as u8;
        i -= 1;
        if i == idec {
            buf[i] = b'.';
            i -= 1;
        }
        val /= 10;
    }
    buf[i] = b'0' + val as u8;
    String::from_utf8_lossy(&buf[i..]).into_owned()
}

/// Go's `fmtNSAsMS`: whole milliseconds from 10 ms on, else two
/// significant digits with at most three decimals.
fn fmt_ns_as_ms(ns: u64) -> String {
    if ns >= 10_000_000 {
        return itoa_div(ns / 1_000_000, 0);
    }
    let mut x = ns / 1000;
    if x == 0 {
        return "0".into();
    }
    let mut dec = 3;
    while x >= 100 {
        x /= 10;
        dec -= 1;
    }
    itoa_div(x, dec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_number_formats() {
        assert_eq!(itoa_div(12, 3), "0.012");
        assert_eq!(itoa_div(1234, 3), "1.234");
        assert_eq!(itoa_div(0, 3), "0.000");
        assert_eq!(fmt_ns_as_ms(0), "0");
        assert_eq!(fmt_ns_as_ms(999), "0");
        assert_eq!(fmt_ns_as_ms(5_000), "0.005");
        assert_eq!(fmt_ns_as_ms(123_456), "0.12");
        assert_eq!(fmt_ns_as_ms(1_234_567), "1.2");
        assert_eq!(fmt_ns_as_ms(12_345_678), "12");
    }

    #[test]
    fn trace_line_shape() {
        let l = trace_line(&TraceCycle {
            numgc: 3,
            since_start_ns: 12_000_000,
            util: 1,
            clock: [10_000, 1_500_000, 20_000],
            procs: 2,
            heap: [4 << 20, 4 << 20, 1 << 20],
            goal: 4 << 20,
            stacks: 0,
            globals: 0,
            forced: true,
        });
        assert_eq!(
            l,
            "gc 3 @0.012s 1%: 0.010+1.5+0.020 ms clock, 0.020+0/1.5/0+0.040 ms cpu, 4->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)\n"
        );
    }
}
