//! The pacer: when the next collection starts (`runtime/mgcpacer.go`).
//!
//! The heap goal after a cycle that marked `heap_marked` bytes is
//! `heap_marked + (heap_marked + stacks + globals) * GOGC/100`, at least
//! the heap minimum (4 MiB × GOGC/100), or lower when the memory limit
//! asks: `GOMEMLIMIT` minus the memory that is not heap objects, less 3%
//! headroom (at least 1 MiB), never below the live heap. `GOGC=off`
//! disables the proportional goal; only the memory limit then triggers
//! collections. See the essay in `gc/mod.rs` for what differs from Go.

/// Go's `defaultHeapMinimum`.
const DEFAULT_HEAP_MINIMUM: u64 = 4 << 20;
/// Go's `memoryLimitHeapGoalHeadroomPercent` and `memoryLimitMinHeapGoalHeadroom`.
const LIMIT_HEADROOM_PERCENT: u64 = 3;
const LIMIT_MIN_HEADROOM: u64 = 1 << 20;

/// Go's `gcControllerState`, the parts a stop-the-world collector needs.
#[derive(Clone, Debug)]
pub struct Pacer {
    /// GOGC; negative is off.
    pub gc_percent: i32,
    /// GOMEMLIMIT in bytes (`i64::MAX`: none).
    pub memory_limit: i64,
    heap_minimum: u64,
    /// Bytes marked by the last cycle (the live heap).
    pub heap_marked: u64,
    /// Stack and globals bytes scanned by the last cycle.
    pub last_stack_scan: u64,
    pub globals_scan: u64,
    /// The goal proportional to GOGC (after the heap minimum).
    gc_percent_goal: u64,
}

/// What the memory-limit goal needs of the heap, as Go's
/// `memoryLimitHeapGoal` reads it.
#[derive(Clone, Copy, Debug, Default)]
pub struct MemState {
    /// Bytes of heap objects in use.
    pub heap_alloc: u64,
    /// Free, unscavenged heap memory.
    pub heap_free: u64,
    /// Mapped memory not released to the OS.
    pub mapped_ready: u64,
}

impl Pacer {
    pub fn new(gc_percent: i32, memory_limit: i64) -> Pacer {
        let mut p = Pacer {
            gc_percent,
            memory_limit,
            heap_minimum: 0,
            heap_marked: 0,
            last_stack_scan: 0,
            globals_scan: 0,
            gc_percent_goal: 0,
        };
        p.set_gc_percent(gc_percent);
        p
    }

    /// `debug.SetGCPercent`: returns the old value.
    pub fn set_gc_percent(&mut self, pct: i32) -> i32 {
        let old = self.gc_percent;
        self.gc_percent = pct.max(-1);
        self.heap_minimum = DEFAULT_HEAP_MINIMUM * self.gc_percent.max(0) as u64 / 100;
        self.commit();
        old
    }

    /// `debug.SetMemoryLimit`: a negative value only reads it.
    pub fn set_memory_limit(&mut self, limit: i64) -> i64 {
        let old = self.memory_limit;
        if limit >= 0 {
            self.memory_limit = limit;
        }
        old
    }

    /// Recomputes the proportional goal (Go's `commit`).
    pub fn commit(&mut self) {
        let mut goal = u64::MAX;
        if self.gc_percent >= 0 {
            let base = self.heap_marked + self.last_stack_scan + self.globals_scan;
            goal = self
                .heap_marked
                .saturating_add(base.saturating_mul(self.gc_percent as u64) / 100);
        }
        self.gc_percent_goal = goal.max(self.heap_minimum);
    }

    /// The goal the memory limit sets (`memoryLimitHeapGoal`).
    pub fn memory_limit_goal(&self, m: MemState) -> u64 {
        if self.memory_limit == i64::MAX {
            return u64::MAX;
        }
        let limit = self.memory_limit.max(0) as u64;
        let non_heap = m
            .mapped_ready
            .saturating_sub(m.heap_free)
            .saturating_sub(m.heap_alloc);
        let overage = m.mapped_ready.saturating_sub(limit);
        if non_heap + overage >= limit {
            return self.heap_marked;
        }
        let mut goal = limit - (non_heap + overage);
        let headroom = (goal / 100 * LIMIT_HEADROOM_PERCENT).max(LIMIT_MIN_HEADROOM);
        if goal < headroom || goal - headroom < headroom {
            goal = headroom;
        } else {
            goal -= headroom;
        }
        goal.max(self.heap_marked)
    }

    /// The goal GOGC sets (after the heap minimum; `u64::MAX` when off).
    pub fn gc_percent_goal(&self) -> u64 {
        self.gc_percent_goal
    }

    /// The heap goal: the smaller of the GOGC and memory-limit goals.
    pub fn heap_goal(&self, m: MemState) -> u64 {
        self.gc_percent_goal.min(self.memory_limit_goal(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals() {
        let mut p = Pacer::new(100, i64::MAX);
        // Below the heap minimum.
        assert_eq!(p.heap_goal(MemState::default()), 4 << 20);
        p.heap_marked = 10 << 20;
        p.globals_scan = 1 << 20;
        p.commit();
        assert_eq!(p.heap_goal(MemState::default()), 21 << 20);
        p.set_gc_percent(50);
        assert_eq!(
            p.heap_goal(MemState::default()),
            (10 << 20) + (11 << 20) / 2
        );
        p.set_gc_percent(-1);
        assert_eq!(p.heap_goal(MemState::default()), u64::MAX);
        // The memory limit caps the goal, not below the live heap.
        p.set_memory_limit(100 << 20);
        let m = MemState {
            heap_alloc: 20 << 20,
            heap_free: 0,
            mapped_ready: 30 << 20,
        };
        let g = p.heap_goal(m);
        assert_eq!(g, (90 << 20) - (90 << 20) / 100 * 3);
        p.set_memory_limit(1 << 20);
        assert_eq!(p.heap_goal(m), 10 << 20);
    }
}
