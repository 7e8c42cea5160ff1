//! Tests of the allocator and its collector hooks.

use super::sizeclasses::{CLASS_TO_NPAGES, PAGE_SIZE};
use super::*;

/// A struct shape of `words` words with pointers at `ptrs`.
fn shape(words: usize, ptrs: &[usize]) -> Box<GcShape> {
    let mut mask = vec![0u64; words.div_ceil(64)];
    for &p in ptrs {
        mask[p / 64] |= 1 << (p % 64);
    }
    let ptrdata = ptrs.iter().max().map_or(0, |&m| (m + 1) * 8);
    Box::new(GcShape {
        size: words * 8,
        ptrdata,
        mask: mask.into(),
    })
}

fn alloc(h: &mut Heap, size: usize, typ: Option<&GcShape>) -> usize {
    // SAFETY: every shape in these tests outlives its heap (declared
    // before it, or leaked).
    let p = unsafe { h.mallocgc_typed(size, typ, true) } as usize;
    assert_ne!(p, 0);
    p
}

/// One cycle marking the objects containing `roots` (no tracing).
fn collect(h: &mut Heap, roots: &[usize]) {
    h.gc_begin_mark();
    for &r in roots {
        let o = h.find_object(r).expect("root is an object");
        h.mark(o);
    }
    h.gc_end_mark();
}

fn write_words(p: usize, words: &[usize]) {
    for (i, &w) in words.iter().enumerate() {
        // SAFETY: the tests write inside objects they just allocated.
        unsafe { ((p + i * 8) as *mut usize).write(w) };
    }
}

fn read_word(p: usize) -> usize {
    // SAFETY: the tests read inside objects they allocated.
    unsafe { (p as *const usize).read() }
}

#[test]
fn roundupsize_as_before() {
    assert_eq!(roundupsize(0), 0);
    assert_eq!(roundupsize(1), 8);
    assert_eq!(roundupsize(33), 48);
    assert_eq!(roundupsize(32768), 32768);
    assert_eq!(roundupsize(32769), 40960);
}

#[test]
fn page_allocator_coalesces() {
    let mut h = MHeap::default();
    let spc = SpanClass::new(0, true);
    let a = h.alloc_span(3, spc).unwrap();
    let b = h.alloc_span(5, spc).unwrap();
    let c = h.alloc_span(2, spc).unwrap();
    let (sa, sb, sc) = (h.span(a).start, h.span(b).start, h.span(c).start);
    assert_eq!(sb, sa + 3 * PAGE_SIZE);
    assert_eq!(sc, sb + 5 * PAGE_SIZE);
    let total = h.pages_sys;
    assert_eq!(h.pages_inuse, 10);
    h.free_span(a);
    h.free_span(c);
    // a's pages, and c's merged with the rest of the arena's grown part.
    let runs = h.free_runs();
    assert_eq!(runs[0], (sa, 3));
    assert_eq!(runs[1], (sc, total - 8));
    h.free_span(b);
    assert_eq!(h.free_runs(), vec![(sa, total)]);
    assert_eq!(h.pages_inuse, 0);
    // Best fit: a 4-page hole is preferred to the big run.
    let x = h.alloc_span(4, spc).unwrap();
    let y = h.alloc_span(4, spc).unwrap();
    let z = h.alloc_span(4, spc).unwrap();
    let ys = h.span(y).start;
    h.free_span(y);
    let w = h.alloc_span(3, spc).unwrap();
    assert_eq!(h.span(w).start, ys);
    assert!(h.span_of(ys + PAGE_SIZE).is_some());
    assert!(h.span_of(ys + 3 * PAGE_SIZE).is_none());
    let _ = (x, z);
}

#[test]
fn memory_is_reused_across_cycles() {
    let mut h = Heap::default();
    let ptr = GcShape::pointer();
    for _ in 0..1000 {
        for i in 0..200 {
            alloc(&mut h, 8 + (i % 64) * 16, None);
            alloc(&mut h, 24 + (i % 30) * 8, Some(&ptr));
            alloc(&mut h, 600 + i, Some(&ptr));
        }
        alloc(&mut h, 100_000, Some(&ptr));
        alloc(&mut h, 40_000, None);
        collect(&mut h, &[]);
    }
    h.finish_sweep();
    let st = h.stats();
    assert_eq!(st.heap_alloc, 0);
    assert_eq!(st.heap_objects, 0);
    assert_eq!(st.heap_inuse, 0);
    // The first cycle's footprint is enough for all of them.
    assert!(st.heap_sys <= 8 << 20, "heap grew to {}", st.heap_sys);
}

#[test]
fn marked_objects_survive_intact() {
    let mut h = Heap::default();
    let ptr = GcShape::pointer();
    let mut keep = Vec::new();
    for i in 0..5000usize {
        let size = [16, 24, 48, 200, 512, 700, 4000, 40000][i % 8];
        let p = alloc(&mut h, size, Some(&ptr));
        write_words(p, &[i, !i]);
        if i % 3 == 0 {
            keep.push((p, i, size));
        }
    }
    let roots: Vec<usize> = keep.iter().map(|k| k.0).collect();
    collect(&mut h, &roots);
    h.finish_sweep();
    // New allocations reuse the freed slots, never the kept ones.
    for _ in 0..5000 {
        let p = alloc(&mut h, 48, Some(&ptr));
        write_words(p, &[0xbad, 0xbad]);
    }
    for &(p, i, _) in &keep {
        assert_eq!(read_word(p), i);
        assert_eq!(read_word(p + 8), !i);
        assert!(h.find_object(p).is_some());
    }
    let live: u64 = keep
        .iter()
        .map(|&(p, _, _)| h.find_object(p).unwrap().size as u64)
        .sum();
    let st = h.stats();
    assert_eq!(st.heap_alloc, live + 5000 * 48);
    assert_eq!(st.heap_objects, keep.len() as u64 + 5000);
}

#[test]
fn find_object_cases() {
    let mut h = Heap::default();
    let ptr = GcShape::pointer();
    let small = alloc(&mut h, 40, Some(&ptr)); // class 48, heap bits
    let o = h.find_object(small + 47).unwrap();
    assert_eq!((o.base, o.size), (small, 48));
    assert!(h.has_pointers(o));
    let big = alloc(&mut h, 1000, Some(&ptr)); // headered
    let o = h.find_object(big - 8).unwrap();
    assert_eq!(o.base, big - 8);
    assert_eq!(h.find_object(big + 500).unwrap(), o);
    let large = alloc(&mut h, 100_000, None);
    let o = h.find_object(large + 99_999).unwrap();
    assert_eq!(o.base, large);
    assert!(!h.has_pointers(o));
    // Slots not yet allocated, the span's tail, free pages.
    let next = h.find_object(small).unwrap().base + 48;
    assert!(h.find_object(next).is_none());
    assert!(h.find_object(large + 13 * PAGE_SIZE).is_none());
    // Zerobase, other memory, wild values.
    let z = alloc_zero(&mut h);
    assert!(h.find_object(z).is_none());
    let local = 5u64;
    assert!(h.find_object(&local as *const u64 as usize).is_none());
    let boxed = Box::new(7u64);
    assert!(h.find_object(&*boxed as *const u64 as usize).is_none());
    for a in [0, 1, usize::MAX, usize::MAX / 2, 0x1000, ARENA_BYTES] {
        assert!(h.find_object(a).is_none());
    }
    let mut x = 0x9e37_79b9_7f4a_7c15usize;
    for _ in 0..100_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if let Some(o) = h.find_object(x) {
            assert!(o.base <= x && x < o.base + o.size);
        }
        let near = (small & !(ARENA_BYTES - 1)) + (x % (8 << 20));
        if let Some(o) = h.find_object(near) {
            assert!(o.base <= near && near < o.base + o.size);
        }
    }
    // Freed slots.
    collect(&mut h, &[big]);
    h.finish_sweep();
    assert!(h.find_object(small).is_none());
    assert!(h.find_object(large).is_none());
    assert!(h.find_object(big).is_some());
}

fn alloc_zero(h: &mut Heap) -> usize {
    // SAFETY: no shape.
    unsafe { h.mallocgc_typed(0, None, true) as usize }
}

#[test]
fn scan_small_header_large_arrays_of_structs() {
    // struct { p *T; n int; q *T } — 3 words, pointers at 0 and 2.
    let st = shape(3, &[0, 2]);
    let mut h = Heap::default();
    // Heap bits (5, 21 elements), header (30, 500), large (2000).
    for (n, expect_header) in [
        (5usize, false),
        (21, false),
        (30, true),
        (500, true),
        (2000, false),
    ] {
        let size = n * 24;
        let p = alloc(&mut h, size, Some(&st));
        let mut words = vec![0usize; n * 3];
        for (i, w) in words.iter_mut().enumerate() {
            *w = 1000 + i;
        }
        write_words(p, &words);
        let o = h.find_object(p).unwrap();
        assert_eq!(o.base == p - 8, expect_header, "n={n}");
        let mut seen = Vec::new();
        h.scan_object(o, |v| seen.push(v));
        let want: Vec<usize> = (0..n).flat_map(|e| [1000 + e * 3, 1002 + e * 3]).collect();
        // Headered slots are scanned as whole elements to the slot's end;
        // the tail past the request is zero (inv. 9).
        assert_eq!(seen[..want.len()], want, "n={n}");
        assert!(seen[want.len()..].iter().all(|&v| v == 0));
    }
    // A noscan object is not scanned; pointer() scans every word.
    let p = alloc(&mut h, 64, None);
    let o = h.find_object(p).unwrap();
    let mut k = 0;
    h.scan_object(o, |_| k += 1);
    assert_eq!(k, 0);
    let ptr = GcShape::pointer();
    let p = alloc(&mut h, 64, Some(&ptr));
    let mut k = 0;
    h.scan_object(h.find_object(p).unwrap(), |_| k += 1);
    assert_eq!(k, 8);
    // Neighbouring slots keep their own bits.
    let a = alloc(&mut h, 24, Some(&st));
    let b = alloc(&mut h, 24, Some(&ptr));
    write_words(a, &[1, 2, 3]);
    write_words(b, &[4, 5, 6]);
    let mut sa = Vec::new();
    h.scan_object(h.find_object(a).unwrap(), |v| sa.push(v));
    let mut sb = Vec::new();
    h.scan_object(h.find_object(b).unwrap(), |v| sb.push(v));
    assert_eq!((sa, sb), (vec![1, 3], vec![4, 5, 6]));
}

#[test]
fn large_objects_return_pages() {
    let mut h = Heap::default();
    let before = h.stats();
    let p = alloc(&mut h, 1 << 20, None);
    let st = h.stats();
    assert_eq!(st.heap_inuse, 1 << 20);
    assert_eq!(st.heap_alloc, 1 << 20);
    // Huge: its own multi-arena reservation.
    let q = alloc(&mut h, 100 << 20, None);
    assert!(h.find_object(q + (100 << 20) - 1).is_some());
    collect(&mut h, &[]);
    h.finish_sweep();
    let st = h.stats();
    assert_eq!(st.heap_inuse, 0);
    assert_eq!(st.heap_alloc, before.heap_alloc);
    assert_eq!(st.frees, 2);
    // The freed pages serve the next large object.
    let r = alloc(&mut h, 1 << 20, None);
    assert_eq!(r, p);
}

#[test]
fn scavenge_releases_idle_pages() {
    let mut h = Heap::default();
    let mut objs = Vec::new();
    for _ in 0..64 {
        objs.push(alloc(&mut h, 64 << 10, None));
    }
    for &o in &objs {
        // SAFETY: touching the object's memory, so it is resident.
        unsafe { std::ptr::write_bytes(o as *mut u8, 0xaa, 64 << 10) };
    }
    let keep = objs[0];
    collect(&mut h, &[keep]);
    h.finish_sweep();
    let st = h.stats();
    assert!(st.heap_released < st.heap_idle);
    let got = h.scavenge(true);
    assert!(got >= 63 * (64 << 10));
    let st = h.stats();
    assert_eq!(st.heap_released, st.heap_idle);
    // Released pages come back zeroed.
    let p = alloc(&mut h, 64 << 10, None);
    assert_ne!(p, keep);
    for k in 0..(64 << 10) / 8 {
        assert_eq!(read_word(p + k * 8), 0);
    }
    assert_eq!(h.scavenge(true), 0);
}

#[test]
fn scavenge_retains_some() {
    let mut h = Heap::default();
    for _ in 0..256 {
        alloc(&mut h, 64 << 10, None);
    }
    collect(&mut h, &[]);
    h.finish_sweep();
    let got = h.scavenge(false);
    let st = h.stats();
    assert!(got > 0);
    assert_eq!(
        st.heap_idle - st.heap_released,
        super::mheap::SCAVENGE_RETAIN_MIN_PAGES as u64 * PAGE_SIZE as u64
    );
}

#[test]
fn clobberfree_overwrites() {
    let mut h = Heap::default();
    h.set_clobberfree(true);
    let a = alloc(&mut h, 32, None);
    let b = alloc(&mut h, 32, None);
    write_words(a, &[1, 2, 3, 4]);
    write_words(b, &[1, 2, 3, 4]);
    collect(&mut h, &[b]);
    h.finish_sweep();
    for k in 0..4 {
        assert_eq!(read_word(a + k * 8), 0xdead_beef_dead_beef);
        assert_eq!(read_word(b + k * 8), k + 1);
    }
    // Reused with needzero: zero again.
    let c = alloc(&mut h, 32, None);
    assert_eq!(c, a);
    assert_eq!(read_word(c), 0);
}

#[test]
fn stats_consistency() {
    let mut h = Heap::default();
    let ptr = GcShape::pointer();
    let mut all = Vec::new();
    for i in 0..3000usize {
        let size = 1 + (i * 37) % 3000;
        let typ = if i % 2 == 0 { Some(&ptr) } else { None };
        all.push(alloc(&mut h, size, typ));
    }
    let st = h.stats();
    assert_eq!(st.mallocs, 3000);
    assert_eq!(st.heap_live, st.heap_alloc);
    let keep: Vec<usize> = all.iter().copied().step_by(5).collect();
    h.gc_begin_mark();
    let mut want = 0u64;
    let mut seen = std::collections::HashSet::new();
    for &p in &keep {
        let o = h.find_object(p).unwrap();
        if h.mark(o) {
            want += o.size as u64;
            seen.insert(o.base);
        }
        assert!(h.is_marked(o));
        assert!(!h.mark(o));
    }
    let marked = h.gc_end_mark();
    assert_eq!(marked, want);
    assert_eq!(h.stats().heap_live, want);
    h.finish_sweep();
    let st = h.stats();
    assert_eq!(st.heap_alloc, want);
    assert_eq!(st.mallocs - st.frees, seen.len() as u64);
    assert_eq!(st.heap_objects, seen.len() as u64);
    assert_eq!(st.heap_sys, st.heap_idle + st.heap_inuse);
    assert!(st.total_alloc >= st.heap_alloc);
    let by: u64 = st.by_size.iter().map(|b| b.mallocs).sum();
    assert!(by <= st.mallocs);
    assert_eq!(st.by_size[5].size, 48);
}

#[test]
fn tiny_allocs_share_blocks() {
    let mut h = Heap::default();
    let a = alloc(&mut h, 4, None);
    let b = alloc(&mut h, 4, None);
    let c = alloc(&mut h, 8, None);
    let d = alloc(&mut h, 1, None);
    assert_eq!(b, a + 4);
    assert_eq!(c, a + 8);
    assert_eq!(c % 8, 0);
    assert_ne!(d / 16, a / 16);
    let o = h.find_object(b).unwrap();
    assert_eq!((o.base, o.size), (a, 16));
    let st = h.stats();
    // Two 16-byte blocks, two combined allocations.
    assert_eq!(st.mallocs, 4);
    assert_eq!(st.heap_alloc, 32);
    collect(&mut h, &[b]);
    h.finish_sweep();
    let st = h.stats();
    assert_eq!(st.heap_alloc, 16);
    assert_eq!(st.heap_objects, 1);
}

#[test]
fn allocate_black_and_after_mark() {
    let mut h = Heap::default();
    let ptr = GcShape::pointer();
    let old = alloc(&mut h, 32, Some(&ptr));
    h.gc_begin_mark();
    let during = alloc(&mut h, 32, Some(&ptr));
    let during_large = alloc(&mut h, 50_000, Some(&ptr));
    h.gc_end_mark();
    // Allocated after the mark, before sweeping: live.
    let after = alloc(&mut h, 32, Some(&ptr));
    let after_large = alloc(&mut h, 50_000, None);
    h.finish_sweep();
    // `old` was freed (its slot may hold `after` now); the rest live.
    assert_eq!(h.stats().heap_objects, 4);
    for p in [during, during_large, after, after_large] {
        assert!(h.find_object(p).is_some());
    }
    let _ = old;
    // Next cycle with nothing marked frees them all.
    collect(&mut h, &[]);
    h.finish_sweep();
    assert_eq!(h.stats().heap_objects, 0);
}

#[test]
fn checkmarks() {
    let mut h = Heap::default();
    let a = alloc(&mut h, 64, None);
    let b = alloc(&mut h, 64, None);
    h.gc_begin_mark();
    let (oa, ob) = (h.find_object(a).unwrap(), h.find_object(b).unwrap());
    h.mark(oa);
    h.clear_checkmarks();
    assert!(h.checkmark(oa));
    assert!(!h.checkmark(oa));
    assert_eq!(h.verify_checkmarks(), None);
    assert!(h.checkmark(ob));
    assert_eq!(h.verify_checkmarks(), Some(ob));
    h.clear_checkmarks();
    assert_eq!(h.verify_checkmarks(), None);
    h.gc_end_mark();
}

#[test]
fn out_of_memory_returns_null() {
    let mut h = Heap::default();
    h.set_hard_limit(8 << 20);
    // SAFETY: no shape.
    let p = unsafe { h.mallocgc_typed(16 << 20, None, true) };
    assert!(p.is_null());
    // SAFETY: no shape.
    let p = unsafe { h.mallocgc_typed(usize::MAX / 2, None, true) };
    assert!(p.is_null());
    let mut n = 0;
    loop {
        // SAFETY: no shape.
        let p = unsafe { h.mallocgc_typed(1024, None, false) };
        if p.is_null() {
            break;
        }
        n += 1;
    }
    assert!(n >= (7 << 20) / 1024);
    assert!(h.stats().heap_sys <= 8 << 20);
}

#[test]
fn malformed_shape_is_scanned_as_pointers() {
    // A shape whose size is not whole words is scanned as all pointers.
    let bad = GcShape {
        size: 20,
        ptrdata: 8,
        mask: Box::new([1]),
    };
    let mut h = Heap::default();
    // SAFETY: `bad` outlives `h` (declared before it).
    let p = unsafe { h.mallocgc_typed(24, Some(&bad), true) } as usize;
    assert_eq!(p % 8, 0);
    write_words(p, &[11, 22, 33]);
    let mut seen = Vec::new();
    h.scan_object(h.find_object(p).unwrap(), |v| seen.push(v));
    assert_eq!(&seen[..3], &[11, 22, 33]);
    // SAFETY: no shape.
    let z = unsafe { h.mallocgc_typed(0, None, true) } as usize;
    assert!(h.find_object(z).is_none());
}

#[test]
fn size_class_spans_fit() {
    // Every class's span holds its objects, and scan spans of small
    // objects leave room for the bitmap.
    let mut h = MHeap::default();
    for (c, &npages) in CLASS_TO_NPAGES.iter().enumerate().skip(1) {
        for noscan in [false, true] {
            let id = h.alloc_span(npages, SpanClass::new(c, noscan)).unwrap();
            let s = h.span(id);
            assert!(s.nelems * s.elemsize <= s.npages * PAGE_SIZE);
            if !noscan && s.elemsize <= 512 {
                assert!(s.nelems * s.elemsize <= s.npages * PAGE_SIZE - s.npages * PAGE_SIZE / 64);
            }
        }
    }
}
