//! `MHeap`: arenas, the page allocator, the page→span map, the span
//! structs and the scavenger (Go's `mheap.go`, `mpagealloc.go`,
//! `mgcscavenge.go`). The design and invariants are in `mod.rs`.

use std::collections::{BTreeMap, BTreeSet};

use super::mcentral::MCentral;
use super::mem_linux::{sys_free, sys_reserve, sys_unused};
use super::mspan::{MSpan, NUM_SPAN_CLASSES, SpanClass, SpanId, SpanState};
use super::sizeclasses::{NUM_SIZE_CLASSES, PAGE_SHIFT, PAGE_SIZE};

/// log2 of the arena size (`logHeapArenaBytes` on 64-bit Linux; 4 MiB
/// under Miri, whose memory is dear).
#[cfg(not(miri))]
pub const ARENA_SHIFT: usize = 26;
#[cfg(miri)]
pub const ARENA_SHIFT: usize = 22;
/// Arena size: 64 MiB, reserved at once, used in `HEAP_GROW_PAGES` steps.
pub const ARENA_BYTES: usize = 1 << ARENA_SHIFT;
/// The heap grows (heap_sys rises) by at least this many pages: 4 MiB,
/// Go's palloc chunk.
pub const HEAP_GROW_PAGES: usize = 512;
/// Idle pages the background scavenge (`scavenge(false)`) keeps resident
/// no matter how small the heap: 1 MiB.
pub const SCAVENGE_RETAIN_MIN_PAGES: usize = 128;

/// One reservation (Go's `heapArena`): `ARENA_BYTES` or a multiple of it
/// for a huge object, aligned to `ARENA_BYTES`.
pub(super) struct HeapArena {
    pub base: usize,
    /// Pages reserved.
    pub npages: usize,
    /// Pages handed to the heap (counted in heap_sys); the rest is only
    /// reserved.
    pub used: usize,
    /// Per page: the id + 1 of the in-use span holding it, 0 for none
    /// (Go's `heapArena.spans`; inv. 2).
    pub spans: Box<[u32]>,
    /// Per page: released to the OS (reads as zero, holds no RSS; inv. 4).
    pub scav: Box<[u64]>,
}

impl HeapArena {
    #[inline]
    fn scav(&self, p: usize) -> bool {
        self.scav[p / 64] >> (p % 64) & 1 != 0
    }
    #[inline]
    fn set_scav(&mut self, p: usize, on: bool) {
        if on {
            self.scav[p / 64] |= 1 << (p % 64);
        } else {
            self.scav[p / 64] &= !(1 << (p % 64));
        }
    }
}

/// Allocation and free counters (Go's `heapStatsDelta`, summed).
pub(super) struct Counters {
    pub small_alloc: [u64; NUM_SIZE_CLASSES],
    pub small_free: [u64; NUM_SIZE_CLASSES],
    pub large_alloc: u64,
    pub large_alloc_bytes: u64,
    pub large_free: u64,
    pub large_free_bytes: u64,
    pub tiny_allocs: u64,
    /// Bytes marked by the last cycle.
    pub marked_bytes: u64,
    /// Bytes allocated since the last `gc_end_mark`.
    pub alloc_since_mark: u64,
}

impl Default for Counters {
    fn default() -> Self {
        Counters {
            small_alloc: [0; NUM_SIZE_CLASSES],
            small_free: [0; NUM_SIZE_CLASSES],
            large_alloc: 0,
            large_alloc_bytes: 0,
            large_free: 0,
            large_free_bytes: 0,
            tiny_allocs: 0,
            marked_bytes: 0,
            alloc_since_mark: 0,
        }
    }
}

/// The most span structs a heap has (their array is reserved once, so
/// that they never move: inv. 10); 2^21 spans of at least a page each
/// cover 16 GiB of heap. Its pages are touched only as spans are made.
#[cfg(not(miri))]
const MAX_SPANS: usize = 1 << 21;
#[cfg(miri)]
const MAX_SPANS: usize = 1 << 12;

/// The span structs: an array reserved once and never moved (inv. 10),
/// reached through its base pointer only, so that the pointers mcaches
/// keep to spans stay valid while the heap hands out references to other
/// spans (a `Vec` would re-borrow the whole array at each index).
pub(super) struct SpanTable {
    base: std::ptr::NonNull<MSpan>,
    len: usize,
    cap: usize,
}

impl SpanTable {
    fn with_capacity(cap: usize) -> SpanTable {
        let mut v = std::mem::ManuallyDrop::new(Vec::<MSpan>::with_capacity(cap));
        SpanTable {
            base: std::ptr::NonNull::new(v.as_mut_ptr()).unwrap_or(std::ptr::NonNull::dangling()),
            len: 0,
            cap: v.capacity(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn capacity(&self) -> usize {
        self.cap
    }

    /// Adds a span struct; the caller checked that there is room.
    fn push(&mut self, s: MSpan) {
        assert!(self.len < self.cap, "span table full");
        // SAFETY: slot `len` lies inside the reserved array (checked) and
        // holds no span yet.
        unsafe { self.base.as_ptr().add(self.len).write(s) };
        self.len += 1;
    }

    /// A pointer to span `i` (`i < len`), valid as long as the table.
    #[inline]
    pub(super) fn ptr(&self, i: usize) -> *mut MSpan {
        debug_assert!(i < self.len);
        // SAFETY: `i < len`: inside the array.
        unsafe { self.base.as_ptr().add(i) }
    }

    pub(super) fn get(&self, i: usize) -> Option<&MSpan> {
        // SAFETY: spans below `len` are initialized; shared access through
        // `&self`.
        (i < self.len).then(|| unsafe { &*self.ptr(i) })
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &MSpan> {
        // SAFETY: as in `get`.
        (0..self.len).map(|i| unsafe { &*self.ptr(i) })
    }

    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = &mut MSpan> {
        let base = self.base;
        // SAFETY: spans below `len` are initialized; each index is handed
        // out once, under `&mut self`.
        (0..self.len).map(move |i| unsafe { &mut *base.as_ptr().add(i) })
    }
}

impl std::ops::Index<usize> for SpanTable {
    type Output = MSpan;
    #[inline]
    fn index(&self, i: usize) -> &MSpan {
        assert!(i < self.len, "span index out of range");
        // SAFETY: initialized (below `len`, checked); shared via `&self`.
        unsafe { &*self.ptr(i) }
    }
}

impl std::ops::IndexMut<usize> for SpanTable {
    #[inline]
    fn index_mut(&mut self, i: usize) -> &mut MSpan {
        assert!(i < self.len, "span index out of range");
        // SAFETY: initialized (below `len`, checked); exclusive via `&mut
        // self` (an mcache's pointer to this span is not used meanwhile:
        // both are the one machine's, or the caller holds the lock).
        unsafe { &mut *self.ptr(i) }
    }
}

impl Drop for SpanTable {
    fn drop(&mut self) {
        // SAFETY: the array came from a `Vec` of capacity `cap` whose
        // first `len` elements are initialized.
        drop(unsafe { Vec::from_raw_parts(self.base.as_ptr(), self.len, self.cap) });
    }
}

/// The page heap. Owned by one `Heap`, shared by the handles `attach`
/// makes; changed under the interpreter's runtime lock once several
/// machines run.
pub struct MHeap {
    pub(super) arenas: Vec<HeapArena>,
    /// `addr >> ARENA_SHIFT` → index in `arenas` (Go's `arenas` L2 map).
    arena_index: foldhash::HashMap<usize, u32>,
    /// Free page runs by start address → pages (coalesced, inv. 2).
    free: BTreeMap<usize, usize>,
    /// The same runs by (pages, start), for best fit.
    free_by_size: BTreeSet<(usize, usize)>,
    /// The span structs; `SpanId` indexes it. Its capacity is reserved
    /// once and never grows (inv. 10: mcaches keep pointers to spans).
    pub(super) spans: SpanTable,
    free_span_ids: Vec<u32>,
    /// One central list per span class.
    pub(super) central: Vec<MCentral>,
    /// Sweep generation, +2 per cycle (see `MSpan::sweepgen`).
    pub(super) sweepgen: u32,
    /// Next span class `sweep_one` looks at.
    pub(super) sweep_cursor: usize,
    pub(super) pages_sys: usize,
    pub(super) pages_inuse: usize,
    pub(super) pages_released: usize,
    /// heap_sys may not pass this (`Heap::set_hard_limit`).
    pub(super) sys_limit_pages: usize,
    pub(super) stats: Counters,
    pub(super) clobberfree: bool,
}

impl Default for MHeap {
    fn default() -> Self {
        MHeap {
            arenas: Vec::new(),
            arena_index: Default::default(),
            free: BTreeMap::new(),
            free_by_size: BTreeSet::new(),
            spans: SpanTable::with_capacity(MAX_SPANS),
            free_span_ids: Vec::new(),
            central: (0..NUM_SPAN_CLASSES)
                .map(|i| MCentral::new(SpanClass(i as u8)))
                .collect(),
            sweepgen: 0,
            sweep_cursor: NUM_SPAN_CLASSES,
            pages_sys: 0,
            pages_inuse: 0,
            pages_released: 0,
            sys_limit_pages: usize::MAX,
            stats: Counters::default(),
            clobberfree: false,
        }
    }
}

impl MHeap {
    /// The arena holding `addr`, if any of ours does.
    #[inline]
    fn arena_of(&self, addr: usize) -> Option<usize> {
        // Most heaps have a few arenas: a scan beats hashing (the
        // collector looks up every pointer it shades).
        if self.arenas.len() <= 4 {
            return self
                .arenas
                .iter()
                .position(|a| addr.wrapping_sub(a.base) < a.npages << PAGE_SHIFT);
        }
        self.arena_index
            .get(&(addr >> ARENA_SHIFT))
            .map(|&i| i as usize)
    }

    /// The in-use span holding `addr`, for any `addr` (Go's `spanOf`).
    #[inline]
    pub fn span_of(&self, addr: usize) -> Option<SpanId> {
        let a = &self.arenas[self.arena_of(addr)?];
        let p = (addr - a.base) >> PAGE_SHIFT;
        if p >= a.used {
            return None;
        }
        match a.spans[p] {
            0 => None,
            s => Some(SpanId(s - 1)),
        }
    }

    /// The span struct of `id`.
    #[inline]
    pub fn span(&self, id: SpanId) -> &MSpan {
        &self.spans[id.0 as usize]
    }

    #[inline]
    pub(super) fn span_mut(&mut self, id: SpanId) -> &mut MSpan {
        &mut self.spans[id.0 as usize]
    }

    /// Whether sweeping of the current cycle is finished.
    pub(super) fn sweep_done(&self) -> bool {
        self.sweep_cursor >= NUM_SPAN_CLASSES
    }

    /// `mheap.alloc`: a span of `npages` pages for `spc`, swept for the
    /// current cycle; None when the OS refuses memory.
    pub fn alloc_span(&mut self, npages: usize, spc: SpanClass) -> Option<SpanId> {
        if self.free_span_ids.is_empty() && self.spans.len() == self.spans.capacity() {
            // Out of span structs (inv. 10): as when the OS refuses.
            return None;
        }
        let (start, needzero) = match self.alloc_pages(npages) {
            Some(x) => x,
            None => {
                // Go's reclaim: sweep spans (which may free pages) before
                // growing the heap.
                let mut got = None;
                while got.is_none() && self.sweep_one() {
                    got = self.alloc_pages(npages);
                }
                match got {
                    Some(x) => x,
                    None => {
                        if !self.grow(npages) {
                            return None;
                        }
                        self.alloc_pages(npages)?
                    }
                }
            }
        };
        let id = match self.free_span_ids.pop() {
            Some(i) => i,
            None => {
                self.spans.push(MSpan::dead());
                (self.spans.len() - 1) as u32
            }
        };
        let sg = self.sweepgen;
        self.spans[id as usize].init(start, npages, spc, needzero, sg);
        let ai = self.arena_of(start).expect("span in an arena");
        let a = &mut self.arenas[ai];
        let p0 = (start - a.base) >> PAGE_SHIFT;
        for e in &mut a.spans[p0..p0 + npages] {
            *e = id + 1;
        }
        self.pages_inuse += npages;
        Some(SpanId(id))
    }

    /// `mheap.freeSpan`: returns the span's pages to the page allocator.
    pub fn free_span(&mut self, id: SpanId) {
        let s = &mut self.spans[id.0 as usize];
        if s.state != SpanState::InUse {
            // Freeing twice would put the pages in two places (inv. 2).
            return;
        }
        s.state = SpanState::Dead;
        s.large_type = std::ptr::null();
        let (start, npages) = (s.start, s.npages);
        let ai = self.arena_of(start).expect("span in an arena");
        let a = &mut self.arenas[ai];
        let p0 = (start - a.base) >> PAGE_SHIFT;
        for e in &mut a.spans[p0..p0 + npages] {
            *e = 0;
        }
        self.pages_inuse -= npages;
        self.free_span_ids.push(id.0);
        self.insert_free(start, npages);
    }

    /// Takes the best-fitting free run (fewest pages, then lowest
    /// address); returns its start and whether it may hold non-zero bytes.
    fn alloc_pages(&mut self, npages: usize) -> Option<(usize, bool)> {
        let &(n, start) = self.free_by_size.range((npages, 0)..).next()?;
        self.free_by_size.remove(&(n, start));
        self.free.remove(&start);
        if n > npages {
            let rest = start + npages * PAGE_SIZE;
            self.free.insert(rest, n - npages);
            self.free_by_size.insert((n - npages, rest));
        }
        let ai = self.arena_of(start).expect("free run in an arena");
        let a = &mut self.arenas[ai];
        let p0 = (start - a.base) >> PAGE_SHIFT;
        let mut scav = 0;
        for p in p0..p0 + npages {
            if a.scav(p) {
                scav += 1;
                a.set_scav(p, false);
            }
        }
        self.pages_released -= scav;
        Some((start, scav != npages))
    }

    /// Adds a free run, coalescing with free neighbours in the same arena.
    fn insert_free(&mut self, start: usize, npages: usize) {
        let (mut s, mut n) = (start, npages);
        let arena = self.arena_of(start);
        if let Some((&ps, &pn)) = self.free.range(..start).next_back()
            && ps + pn * PAGE_SIZE == start
            && self.arena_of(ps) == arena
        {
            self.free.remove(&ps);
            self.free_by_size.remove(&(pn, ps));
            s = ps;
            n += pn;
        }
        let next = start + npages * PAGE_SIZE;
        if let Some(&nn) = self.free.get(&next)
            && self.arena_of(next) == arena
        {
            self.free.remove(&next);
            self.free_by_size.remove(&(nn, next));
            n += nn;
        }
        self.free.insert(s, n);
        self.free_by_size.insert((n, s));
    }

    /// `mheap.grow`: adds at least `npages` fresh (released, zero) pages to
    /// the free runs, from the current arena or a new reservation.
    fn grow(&mut self, npages: usize) -> bool {
        // Grow by whole steps, but not past the hard limit when `npages`
        // still fits below it.
        let ask = (npages.div_ceil(HEAP_GROW_PAGES) * HEAP_GROW_PAGES)
            .min(self.sys_limit_pages.saturating_sub(self.pages_sys))
            .max(npages);
        if let Some(ai) = self.arenas.len().checked_sub(1) {
            let a = &self.arenas[ai];
            let room = a.npages - a.used;
            if room >= npages {
                return self.add_pages(ai, ask.min(room));
            }
            // Go hands the current arena's tail to the heap before moving
            // on, so no reserved page is stranded.
            if room > 0 {
                self.add_pages(ai, room);
            }
        }
        let bytes = (npages * PAGE_SIZE).div_ceil(ARENA_BYTES) * ARENA_BYTES;
        if self.pages_sys + ask.max(npages) > self.sys_limit_pages {
            return false;
        }
        let Some(base) = sys_reserve(bytes) else {
            return false;
        };
        let n = bytes / PAGE_SIZE;
        let ai = self.arenas.len();
        self.arenas.push(HeapArena {
            base,
            npages: n,
            used: 0,
            spans: vec![0; n].into_boxed_slice(),
            scav: vec![0; n.div_ceil(64)].into_boxed_slice(),
        });
        for k in 0..bytes / ARENA_BYTES {
            self.arena_index
                .insert((base >> ARENA_SHIFT) + k, ai as u32);
        }
        self.add_pages(ai, ask.max(npages).min(n))
    }

    /// Moves `n` reserved pages of arena `ai` into the heap as free,
    /// released pages.
    fn add_pages(&mut self, ai: usize, n: usize) -> bool {
        if self.pages_sys + n > self.sys_limit_pages {
            return false;
        }
        let a = &mut self.arenas[ai];
        let p0 = a.used;
        for p in p0..p0 + n {
            a.set_scav(p, true);
        }
        a.used += n;
        let start = a.base + p0 * PAGE_SIZE;
        self.pages_sys += n;
        self.pages_released += n;
        self.insert_free(start, n);
        true
    }

    /// The scavenger (`mgcscavenge.go`): releases free pages to the OS with
    /// `madvise(MADV_DONTNEED)`, from the highest addresses down (the page
    /// allocator prefers low ones). With `all` every free page goes (Go's
    /// `debug.FreeOSMemory`); otherwise the heap keeps resident idle pages
    /// up to a tenth of the in-use pages or `SCAVENGE_RETAIN_MIN_PAGES`,
    /// whichever is more (Go retains 10% over the heap goal; the goal
    /// belongs to the pacer, which may call with `all` instead). Returns
    /// the bytes released.
    pub fn scavenge(&mut self, all: bool) -> usize {
        let idle_resident = self.pages_sys - self.pages_inuse - self.pages_released;
        let retain = if all {
            0
        } else {
            (self.pages_inuse / 10).max(SCAVENGE_RETAIN_MIN_PAGES)
        };
        if idle_resident <= retain {
            return 0;
        }
        let mut budget = idle_resident - retain;
        let mut released = 0;
        let runs: Vec<(usize, usize)> = self.free.iter().rev().map(|(&s, &n)| (s, n)).collect();
        for (start, n) in runs {
            if budget == 0 {
                break;
            }
            let ai = self.arena_of(start).expect("free run in an arena");
            let a = &mut self.arenas[ai];
            let first = (start - a.base) >> PAGE_SHIFT;
            let mut p = first + n;
            while p > first && budget > 0 {
                if a.scav(p - 1) {
                    p -= 1;
                    continue;
                }
                let hi = p;
                while p > first && !a.scav(p - 1) && hi - p < budget {
                    p -= 1;
                }
                let addr = a.base + p * PAGE_SIZE;
                // SAFETY: [addr, addr + (hi-p) pages) is a free run inside
                // our arena (inv. 1, 2): no object lives there, so dropping
                // its contents is allowed; the pages read as zero after.
                let ok = unsafe { sys_unused(addr, (hi - p) * PAGE_SIZE) };
                if !ok {
                    // Leave them resident; nothing is wrong but the RSS.
                    continue;
                }
                for q in p..hi {
                    a.set_scav(q, true);
                }
                released += hi - p;
                budget -= hi - p;
            }
        }
        self.pages_released += released;
        released * PAGE_SIZE
    }

    /// The free runs, for tests: (start, pages) in address order.
    #[cfg(test)]
    pub(super) fn free_runs(&self) -> Vec<(usize, usize)> {
        self.free.iter().map(|(&s, &n)| (s, n)).collect()
    }
}

impl Drop for MHeap {
    fn drop(&mut self) {
        for a in &self.arenas {
            // SAFETY: each arena is a mapping made by `sys_reserve` of
            // exactly this size, unmapped once, when the heap (the program)
            // ends; no object outlives the heap (inv. 1).
            unsafe { sys_free(a.base, a.npages * PAGE_SIZE) };
        }
    }
}
