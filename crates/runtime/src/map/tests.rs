//! Tests of the maps' out-of-memory paths: a failed insertion or `make`
//! reports [`OutOfMemory`] and leaves the map whole (see "Out of memory"
//! in `map/mod.rs`).

use super::table::{Table, ctrl, match_full};
use super::{Header, MapType, Maps, OutOfMemory, Scalar, get, len, make, put};
use crate::mem::Heap;
use std::cell::Cell;

thread_local! {
    /// How many more map allocations may succeed (None: all; the
    /// fault-injection sweep).
    static ALLOCS_LEFT: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Whether [`super::alloc`] should fail now (consumes one allowed
/// allocation).
pub(super) fn fail_this_alloc() -> bool {
    ALLOCS_LEFT.with(|c| match c.get() {
        None => false,
        Some(0) => true,
        Some(n) => {
            c.set(Some(n - 1));
            false
        }
    })
}

/// `map[int64]V` where `V` is an `int64`, or a pointer when `ptr_val`
/// (scan groups).
fn maps(ptr_val: bool) -> Maps {
    let info = abi::MapTypeInfo {
        key: abi::MapKey::Int,
        key_size: 8,
        key_align: 8,
        key_signed: true,
        key_type: 0,
        val_size: 8,
        val_align: 8,
        val_frame: 8,
        val_signed: true,
        key_ptrs: vec![],
        val_ptrs: if ptr_val { vec![1] } else { vec![] },
    };
    Maps {
        types: Box::new([MapType::new(&info)]),
        rand: std::sync::atomic::AtomicU64::new(0x1234_5678_9abc_def1),
    }
}

/// Inserts `k` with the value `3k + 1` (never a pointer into the heap:
/// no collection runs in these tests).
fn insert(heap: &mut Heap, t: &MapType, m: *mut Header, k: i64) -> Result<(), OutOfMemory> {
    // SAFETY: `m` is a map of type `t`; `k` a key in memory form.
    let v = unsafe { put(heap, &Scalar, t, m, (&raw const k).cast())? };
    // SAFETY: the value slot of an 8-byte value.
    unsafe { v.cast::<i64>().as_ptr().write_unaligned(3 * k + 1) };
    Ok(())
}

fn lookup(t: &MapType, m: *mut Header, k: i64) -> Option<i64> {
    // SAFETY: as in `insert`.
    let v = unsafe { get(&Scalar, t, m, (&raw const k).cast()) };
    // SAFETY: a value slot.
    (!v.is_null()).then(|| unsafe { v.cast::<i64>().read_unaligned() })
}

/// Checks invariants 2–4 of `map/mod.rs` on map `m`.
fn check(t: &MapType, m: *mut Header) {
    // SAFETY: `m` is a map of type `t`; the walk follows inv. 2 and 3,
    // which it checks before relying on them.
    unsafe {
        let h = &*m;
        let full_in = |g: *mut u8| u64::from(match_full(*ctrl(g)).count_ones());
        if h.dir_len == 0 {
            assert!(h.used <= 8);
            if h.dir_ptr.is_null() {
                assert_eq!(h.used, 0);
            } else {
                assert_eq!(full_in(h.dir_ptr), h.used);
            }
            return;
        }
        assert_eq!(h.dir_len, 1 << h.global_depth);
        assert_eq!(h.global_shift, 64 - h.global_depth);
        let dir = h.dir_ptr.cast::<*mut Table>();
        let (mut i, mut used) = (0usize, 0u64);
        while i < h.dir_len as usize {
            let tab = &**dir.add(i);
            assert!(tab.local_depth <= h.global_depth);
            assert_eq!(tab.index, i as i64, "table's first entry");
            let entries = 1usize << (h.global_depth - tab.local_depth);
            for j in i..i + entries {
                assert!(std::ptr::eq(*dir.add(j), tab), "entry {j}");
            }
            let groups = tab.length_mask + 1;
            assert_eq!(u64::from(tab.capacity), 8 * groups);
            let (mut full, mut deleted) = (0, 0);
            for gi in 0..groups {
                let g = tab.group(t, gi);
                full += full_in(g);
                deleted += (0..8).filter(|&b| *g.add(b) == 0xFE).count() as u64;
            }
            assert_eq!(full, u64::from(tab.used));
            let load = if groups == 1 { 7 } else { 7 * groups };
            assert!(u64::from(tab.growth_left) + full + deleted <= load);
            used += full;
            i += entries;
        }
        assert_eq!(used, h.used);
    }
}

/// Every key below `n` is in the map with its value, and no other.
fn check_contents(t: &MapType, m: *mut Header, n: i64) {
    check(t, m);
    // SAFETY: a map.
    assert_eq!(unsafe { len(m) }, n as u64);
    for k in 0..n {
        assert_eq!(lookup(t, m, k), Some(3 * k + 1), "key {k}");
    }
    assert_eq!(lookup(t, m, n), None);
}

/// Fails the map's `fail_at`-th allocation (from 0) while inserting
/// `keys` keys, then checks that the error came back, the map is as it
/// was before the failed insertion, and that it grows on once memory is
/// available again. Every growth step's allocations are reached: the
/// small map's group, its table and directory, each rehash and split and
/// directory doubling.
#[test]
fn put_fails_cleanly_at_every_allocation() {
    const KEYS: i64 = 20_000;
    for ptr_val in [false, true] {
        let mut maps = maps(ptr_val);
        let mut fail_at = 1; // allocation 0 is the header
        loop {
            let mut heap = Heap::default();
            let m = make(&mut heap, &mut maps, 0, 0).unwrap().as_ptr();
            let t = &maps.types[0];
            ALLOCS_LEFT.with(|c| c.set(Some(fail_at - 1)));
            let mut n = 0;
            let failed = loop {
                if n == KEYS {
                    break false;
                }
                match insert(&mut heap, t, m, n) {
                    Ok(()) => n += 1,
                    Err(OutOfMemory) => break true,
                }
            };
            // Still out of memory: the same insertion fails again, and
            // updates of present keys (no allocation) succeed.
            if failed {
                assert_eq!(insert(&mut heap, t, m, n), Err(OutOfMemory));
                if n > 0 {
                    insert(&mut heap, t, m, n - 1).unwrap();
                }
            }
            ALLOCS_LEFT.with(|c| c.set(None));
            check_contents(t, m, n);
            if !failed {
                break;
            }
            for k in n..KEYS {
                insert(&mut heap, t, m, k).unwrap();
            }
            check_contents(t, m, KEYS);
            fail_at += 1;
        }
        // The sweep went through the small map, its growth and splits.
        assert!(fail_at > 40, "only {fail_at} allocations");
    }
}

/// `make` with a hint that needs a directory of tables: any failed
/// allocation is reported.
#[test]
fn make_fails_cleanly() {
    let mut maps = maps(false);
    let mut fail_at = 0;
    let m = loop {
        let mut heap = Heap::default();
        ALLOCS_LEFT.with(|c| c.set(Some(fail_at)));
        let r = make(&mut heap, &mut maps, 0, 5000);
        ALLOCS_LEFT.with(|c| c.set(None));
        match r {
            Ok(m) => break (heap, m.as_ptr()),
            Err(OutOfMemory) => fail_at += 1,
        }
    };
    // Header, directory, 8 tables of 1024 slots (a table and its groups).
    assert_eq!(fail_at, 2 + 8 * 2);
    let (mut heap, m) = m;
    let t = &maps.types[0];
    for k in 0..5000 {
        insert(&mut heap, t, m, k).unwrap();
    }
    check_contents(t, m, 5000);
}

/// The real path: a heap capped by `Heap::set_hard_limit` refuses memory
/// (`mallocgc_typed` returns null), insertion reports it, the map stays
/// whole.
#[test]
fn put_reports_the_hard_limit() {
    for limit_mib in [4, 6, 9] {
        let mut maps = maps(true);
        let mut heap = Heap::default();
        heap.set_hard_limit(limit_mib << 20);
        let m = make(&mut heap, &mut maps, 0, 0).unwrap().as_ptr();
        let t = &maps.types[0];
        let mut n = 0;
        while insert(&mut heap, t, m, n).is_ok() {
            n += 1;
        }
        assert!(n > 10_000, "{limit_mib} MiB: only {n} keys");
        assert!(heap.stats().heap_sys <= (limit_mib as u64) << 20);
        assert_eq!(insert(&mut heap, t, m, n), Err(OutOfMemory));
        check_contents(t, m, n);
    }
}

/// A heap already full: `make` reports it.
#[test]
fn make_reports_a_full_heap() {
    let mut maps = maps(false);
    let mut heap = Heap::default();
    heap.set_hard_limit(4 << 20);
    // SAFETY: no shape.
    while !unsafe { heap.mallocgc_typed(1024, None, false) }.is_null() {}
    assert_eq!(make(&mut heap, &mut maps, 0, 0).err(), Some(OutOfMemory));
}
