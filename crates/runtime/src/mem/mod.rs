//! Heap allocation: Go's memory allocator (`runtime/malloc.go`,
//! `mheap.go`, `mcentral.go`, `mcache.go`, `mbitmap.go`, `msize.go`) for one
//! program instance, with the hooks the collector (`gc/`) marks and sweeps
//! through.
//!
//! # What it is
//!
//! `Heap::mallocgc_typed(size, typ, needzero)` hands out Go memory. Small
//! objects (up to 32 KiB - 8) come from spans of one size class (68 classes,
//! `sizeclasses.rs`); each span is a run of 8 KiB pages carved into equal
//! slots. Large objects get a span of their own. Pages come from 64 MiB
//! arenas reserved with `mmap`. The layers, as in Go:
//!
//! * `MHeap` (`mheap.rs`): arenas, a page allocator over free page runs,
//!   the page→span map, the span structs, the scavenger;
//! * `MCentral` (`mcentral.rs`): per span class, the spans with and
//!   without free slots, swept and unswept;
//! * `MCache` (`mcache.rs`): one current span per span class and the tiny
//!   block, one per machine (each `Heap` handle has its own);
//! * `MSpan` (`mspan.rs`): slots, alloc and mark bits, `freeindex`,
//!   `alloc_cache`, `sweepgen`;
//! * pointer information (`mbitmap.rs`): heap bits in the span for scan
//!   objects up to 512 bytes, a malloc header for larger small ones, the
//!   type in the span for large ones;
//! * sweeping (`mgcsweep.rs`) and the collector's view (`malloc.rs`:
//!   `find_object`, `mark`, `scan_object`, …).
//!
//! # Invariants
//!
//! 1. Every arena reservation `[base, base + npages * PAGE_SIZE)` is mapped
//!    readable and writable from its `mmap` until the `Heap` is dropped;
//!    nothing is unmapped earlier. So any address inside an arena may be
//!    read or written without faulting.
//! 2. Each page below an arena's `used` mark is either in exactly one
//!    in-use span, whose id + 1 its `spans` entry holds, or in exactly one
//!    free run (entry 0). A span lies inside one arena. Free runs never
//!    touch each other within an arena (they are coalesced on free).
//! 3. In an in-use span, slot `i < nelems` is allocated iff
//!    `i < freeindex || alloc_bits[i]`; `alloc_count` is the number of
//!    allocated slots; slots at or past `nelems` never are. A large span
//!    has one slot.
//! 4. A page whose `scav` bit is set is free and reads as zero (fresh or
//!    `MADV_DONTNEED`ed private anonymous memory). A span with
//!    `needzero == false` has only zero bytes outside its allocated slots.
//! 5. A scan span with slots of at most 512 bytes keeps one bit per word
//!    of the span in its last `npages * PAGE_SIZE / 64` bytes, outside
//!    every slot; the bits of an allocated slot are exact for it (written
//!    whole at allocation).
//! 6. Every shape pointer the heap keeps (malloc headers, `large_type`)
//!    points to a `GcShape` that outlives the `Heap`, has pointers, and is
//!    well formed (`size % 8 == 0`, `ptrdata <= size`, mask long enough).
//! 7. The first word of every allocated slot of a scan span with slots
//!    over 512 bytes is its shape pointer; the program is given the
//!    address after it and never writes before it.
//! 8. An mcache holds only swept spans (`sweepgen == sg + 3`) and is
//!    flushed before `sweepgen` moves, so a span being swept holds only
//!    objects allocated before the mark ended — marked ones survive, and
//!    objects allocated during the mark are marked (allocate black).
//! 9. Scan objects are zeroed at allocation (but for their header), so
//!    the collector never reads a stale pointer from a fresh object.
//! 10. `MHeap::spans` never reallocates (its capacity is reserved when
//!     the heap is made; a heap out of span structs refuses to grow), so
//!     span structs never move: an mcache allocates through span pointers
//!     without the page heap (and without the runtime's lock).
//!
//! # Algorithm
//!
//! 1. `mallocgc_typed`: size 0 → `zerobase`. Pointer-free under 16 bytes →
//!    the tiny block (Go's alignment: 8, 4, 2 by size). Up to 32 KiB - 8:
//!    the class from `SIZE_TO_CLASS8/128` (adding the 8-byte header for
//!    scan objects over 512 bytes), a slot from the cached span
//!    (`next_free_fast`: ctz of `alloc_cache`), else `next_free`/`refill`.
//!    Larger: `MHeap::alloc_span` directly.
//! 2. `refill` gives the old span back to its mcentral and takes one from
//!    `cache_span`: a swept partial span, else an unswept one swept now
//!    (partial first, then full, up to 100), else a fresh span.
//! 3. `alloc_span` takes the best-fitting free run (fewest pages, lowest
//!    address); if none fits it first sweeps spans (which may free pages),
//!    then grows the heap by at least 4 MiB from the current arena, or
//!    reserves a new one.
//! 4. The collector calls `gc_begin_mark` (finishes sweeping, flushes the
//!    mcache), marks through `find_object`/`mark`/`scan_object`, then
//!    `gc_end_mark` (flushes the mcache, moves `sweepgen` by 2: every span
//!    is now unswept). Spans are swept lazily by refills, by page
//!    allocation, or by `sweep_one`/`finish_sweep`; sweeping makes the
//!    mark bits the alloc bits, counts frees, and gives empty spans back.
//! 5. `scavenge` releases free pages with `madvise(MADV_DONTNEED)`.
//!
//! # Rejected alternatives
//!
//! * Free lists threaded through free slots: Go's bitmaps make sweeping a
//!   bit copy and let `find_object` reject free slots without reading them.
//! * Go's radix-tree page allocator (`mpagealloc.go`): a B-tree of free
//!   runs is enough under one lock and far less code; lookups are
//!   O(log runs).
//!
//! # Differences from Go
//!
//! * No locks of its own: a `Heap` is one machine's handle (its mcache
//!   over the shared `MHeap`, `Heap::attach`); the interpreter calls
//!   everything but `mallocgc_fast` under its runtime lock, or with the
//!   other machines stopped. No background sweeper or scavenger goroutine
//!   (the collector calls `sweep_one`/`scavenge`).
//! * Mark bits are side vectors in the span struct, not Go 1.26's inline
//!   mark bits (Green Tea); heap bits are at the end of the span as in Go.
//! * Allocation counts are per object, not per span on refill (Go's
//!   `heapStats` counts a span's free slots when cached); the totals agree
//!   once the span is full or given back.
//! * Large objects record the requested size and scan only the elements
//!   requested.
//! * `mallocgc_typed` returns null when the OS refuses memory (Go throws
//!   inside mallocgc); the caller reports Go's fatal error, so that no
//!   Rust code exits the process.
//! * A malformed shape (not whole words, ptrdata beyond size) is scanned as
//!   all pointers instead of crashing the collector.
//! * `scavenge(false)` keeps max(10% of in-use, 1 MiB) idle pages resident
//!   instead of Go's 10% over the heap goal (the goal is the pacer's).
//! * No address types (`Addr`) yet: addresses are `usize`.

mod malloc;
mod mbitmap;
mod mcache;
mod mcentral;
mod mem_linux;
mod mgcsweep;
mod mheap;
mod mspan;
pub mod sizeclasses;
#[cfg(test)]
mod tests;

pub use malloc::{BySize, Heap, HeapStats, Obj};
pub use mbitmap::GcShape;
pub use mem_linux::release_code_pages;
pub use mheap::{ARENA_BYTES, MHeap};
pub use mspan::{MSpan, SpanClass, SpanId};

use sizeclasses::{CLASS_TO_SIZE, MAX_SMALL_SIZE, PAGE_SIZE, size_to_class};

/// The size mallocgc really allocates for a request of `size` bytes of
/// pointer-free memory (`roundupsize` with `noscan`): the size class, or
/// whole 8 KiB pages for large objects.
pub fn roundupsize(size: u64) -> u64 {
    if size <= MAX_SMALL_SIZE as u64 {
        CLASS_TO_SIZE[size_to_class(size as usize)] as u64
    } else {
        size.div_ceil(PAGE_SIZE as u64) * PAGE_SIZE as u64
    }
}

/// The capacity `growslice` gives a slice of `old_cap` elements of `size`
/// bytes that must hold `new_len` (`nextslicecap`, then rounded up to the
/// allocation size); `None` when it would be too large.
pub fn grow_cap(new_len: u64, old_cap: u64, size: u64) -> Option<u64> {
    let mut newcap = old_cap;
    let doublecap = old_cap * 2;
    if new_len > doublecap {
        newcap = new_len;
    } else if old_cap < 256 {
        newcap = doublecap;
    } else {
        while newcap < new_len {
            newcap += (newcap + 3 * 256) >> 2;
        }
    }
    let mem = newcap.checked_mul(size)?;
    if mem > 1 << 48 {
        return None;
    }
    Some(roundupsize(mem) / size)
}

#[cfg(test)]
mod grow_tests {
    use super::grow_cap;

    #[test]
    fn append_growth_as_go() {
        // Capacities Go 1.26 reports appending one int at a time.
        let mut cap = 0;
        let mut seen = Vec::new();
        for len in 1..=2000u64 {
            if len > cap {
                cap = grow_cap(len, cap, 8).unwrap();
                seen.push(cap);
            }
        }
        assert_eq!(
            seen,
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560]
        );
        // Bytes round up to size classes.
        assert_eq!(grow_cap(5, 0, 1), Some(8));
    }
}
