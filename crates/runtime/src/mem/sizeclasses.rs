//! Size classes: gc's 68 small-object classes, computed at compile time by
//! a port of `runtime/_mkmalloc/mksizeclasses.go` (Go's generator), so the
//! table is derived, never typed in (conventions: generated tables are
//! regenerated, not edited). The test at the bottom checks the result
//! against `GOROOT/src/internal/runtime/gc/sizeclasses.go`.
//!
//! The algorithm (mksizeclasses.go `makeClasses`):
//! 1. Walk sizes from 8 to 32768 in steps of `align`; the step grows at
//!    powers of two (16 from 32, size/8 from 128, 256 from 2048).
//! 2. For each size, the span is the fewest pages whose tail waste
//!    (`allocsize % size`) is at most 1/8 of the span.
//! 3. A size whose page count and object count equal the previous class's
//!    replaces that class (same span, bigger objects).
//! 4. Finally each class grows to the largest size that fits the same
//!    number of objects in the span, keeping 128-byte alignment.
//!
//! `SIZE_TO_CLASS8`/`SIZE_TO_CLASS128` map a request to its class in O(1);
//! `CLASS_TO_DIVMAGIC` turns `offset / size` into a multiply and a shift
//! (`(offset * magic) >> 32`, valid for every offset inside a span; the
//! test checks it exhaustively as mksizeclasses.go's `computeDivMagic`).

/// Smallest allocation alignment (`minHeapAlign`).
pub const MIN_HEAP_ALIGN: usize = 8;
/// Largest small object (`maxSmallSize`).
pub const MAX_SMALL_SIZE: usize = 32768;
/// Step of the first lookup table (`smallSizeDiv`).
pub const SMALL_SIZE_DIV: usize = 8;
/// Largest size of the first lookup table (`smallSizeMax`).
pub const SMALL_SIZE_MAX: usize = 1024;
/// Step of the second lookup table (`largeSizeDiv`).
pub const LARGE_SIZE_DIV: usize = 128;
/// Number of size classes, class 0 (large objects) included.
pub const NUM_SIZE_CLASSES: usize = 68;
/// log2 of the page size.
pub const PAGE_SHIFT: usize = 13;
/// The page size (8 KiB).
pub const PAGE_SIZE: usize = 1 << PAGE_SHIFT;
/// The tiny allocator's block size (`maxTinySize`).
pub const TINY_SIZE: usize = 16;
/// The class of the tiny blocks (`tinySizeClass`).
pub const TINY_SIZE_CLASS: usize = 2;

const fn is_pow2(x: usize) -> bool {
    x != 0 && x & (x - 1) == 0
}

/// `makeClasses`: (bytes per object, pages per span) of each class.
const fn make_classes() -> ([usize; NUM_SIZE_CLASSES], [usize; NUM_SIZE_CLASSES]) {
    let mut size_of = [0usize; NUM_SIZE_CLASSES];
    let mut npages_of = [0usize; NUM_SIZE_CLASSES];
    let mut n = 1; // class 0 is the dummy entry
    let mut align = MIN_HEAP_ALIGN;
    let mut size = align;
    while size <= MAX_SMALL_SIZE {
        if is_pow2(size) {
            if size >= 2048 {
                align = 256;
            } else if size >= 128 {
                align = size / 8;
            } else if size >= 32 {
                align = 16;
            }
        }
        assert!(is_pow2(align), "incorrect alignment");
        let mut allocsize = PAGE_SIZE;
        while allocsize % size > allocsize / 8 {
            allocsize += PAGE_SIZE;
        }
        let npages = allocsize / PAGE_SIZE;
        if n > 1 && npages == npages_of[n - 1] && allocsize / size == allocsize / size_of[n - 1] {
            size_of[n - 1] = size;
        } else {
            assert!(n < NUM_SIZE_CLASSES, "number of size classes has changed");
            size_of[n] = size;
            npages_of[n] = npages;
            n += 1;
        }
        size += align;
    }
    assert!(n == NUM_SIZE_CLASSES, "number of size classes has changed");
    let mut i = 1;
    while i < NUM_SIZE_CLASSES {
        let psize = npages_of[i] * PAGE_SIZE;
        let new_size = (psize / (psize / size_of[i])) & !(LARGE_SIZE_DIV - 1);
        if new_size > size_of[i] {
            size_of[i] = new_size;
        }
        i += 1;
    }
    (size_of, npages_of)
}

const CLASSES: ([usize; NUM_SIZE_CLASSES], [usize; NUM_SIZE_CLASSES]) = make_classes();

/// Bytes per object of each class (`class_to_size`).
pub const CLASS_TO_SIZE: [usize; NUM_SIZE_CLASSES] = CLASSES.0;
/// Pages per span of each class (`class_to_allocnpages`).
pub const CLASS_TO_NPAGES: [usize; NUM_SIZE_CLASSES] = CLASSES.1;

const fn objects() -> [usize; NUM_SIZE_CLASSES] {
    let mut o = [0; NUM_SIZE_CLASSES];
    let mut i = 1;
    while i < NUM_SIZE_CLASSES {
        o[i] = CLASS_TO_NPAGES[i] * PAGE_SIZE / CLASS_TO_SIZE[i];
        i += 1;
    }
    o
}

/// Objects per span of each class, before any in-span heap bitmap is
/// reserved (the `objects` column of sizeclasses.go).
pub const CLASS_TO_NOBJ: [usize; NUM_SIZE_CLASSES] = objects();

const fn div_magics() -> [u32; NUM_SIZE_CLASSES] {
    let mut m = [0; NUM_SIZE_CLASSES];
    let mut i = 1;
    while i < NUM_SIZE_CLASSES {
        m[i] = (u32::MAX / CLASS_TO_SIZE[i] as u32).wrapping_add(1);
        i += 1;
    }
    m
}

/// `^uint32(0)/size + 1` of each class: `n / size == (n * magic) >> 32`
/// for every `n` up to the span's size.
pub const CLASS_TO_DIVMAGIC: [u32; NUM_SIZE_CLASSES] = div_magics();

const fn class_for(size: usize) -> u8 {
    let mut j = 0;
    while j < NUM_SIZE_CLASSES {
        if CLASS_TO_SIZE[j] >= size {
            return j as u8;
        }
        j += 1;
    }
    panic!("unreachable")
}

const fn table8() -> [u8; SMALL_SIZE_MAX / SMALL_SIZE_DIV + 1] {
    let mut t = [0; SMALL_SIZE_MAX / SMALL_SIZE_DIV + 1];
    let mut i = 0;
    while i < t.len() {
        t[i] = class_for(i * SMALL_SIZE_DIV);
        i += 1;
    }
    t
}

const fn table128() -> [u8; (MAX_SMALL_SIZE - SMALL_SIZE_MAX) / LARGE_SIZE_DIV + 1] {
    let mut t = [0; (MAX_SMALL_SIZE - SMALL_SIZE_MAX) / LARGE_SIZE_DIV + 1];
    let mut i = 0;
    while i < t.len() {
        t[i] = class_for(SMALL_SIZE_MAX + i * LARGE_SIZE_DIV);
        i += 1;
    }
    t
}

/// Class of sizes up to 1024 by `ceil(size / 8)` (`size_to_class8`).
pub const SIZE_TO_CLASS8: [u8; SMALL_SIZE_MAX / SMALL_SIZE_DIV + 1] = table8();
/// Class of sizes above 1024 by `ceil((size - 1024) / 128)`
/// (`size_to_class128`).
pub const SIZE_TO_CLASS128: [u8; (MAX_SMALL_SIZE - SMALL_SIZE_MAX) / LARGE_SIZE_DIV + 1] =
    table128();

/// The size class of a small request (`size <= MAX_SMALL_SIZE`), as
/// mallocgc looks it up.
#[inline]
pub fn size_to_class(size: usize) -> usize {
    debug_assert!(size <= MAX_SMALL_SIZE);
    if size <= SMALL_SIZE_MAX {
        SIZE_TO_CLASS8[size.div_ceil(SMALL_SIZE_DIV)] as usize
    } else {
        SIZE_TO_CLASS128[(size - SMALL_SIZE_MAX).div_ceil(LARGE_SIZE_DIV)] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goroot() -> Option<std::path::PathBuf> {
        if let Ok(r) = std::env::var("GOROOT")
            && !r.is_empty()
        {
            return Some(r.into());
        }
        let out = std::process::Command::new("go")
            .args(["env", "GOROOT"])
            .output()
            .ok()?;
        let s = String::from_utf8(out.stdout).ok()?;
        let s = s.trim();
        (!s.is_empty()).then(|| s.into())
    }

    #[test]
    #[cfg_attr(miri, ignore = "reads GOROOT")]
    fn size_classes_match_goroot() {
        let Some(root) = goroot() else {
            eprintln!("skipping size_classes_match_goroot: no Go installation found");
            return;
        };
        let path = root.join("src/internal/runtime/gc/sizeclasses.go");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: cannot read {}", path.display());
            return;
        };
        // The comment table: "//     1          8        8192     1024 ...".
        let mut rows = 0;
        for line in text.lines() {
            let f: Vec<&str> = line.trim_start_matches("//").split_whitespace().collect();
            if f.len() != 7 || !f[5].ends_with('%') {
                continue;
            }
            let Ok(class) = f[0].parse::<usize>() else {
                continue;
            };
            let num = |s: &str| s.parse::<usize>().unwrap();
            assert_eq!(CLASS_TO_SIZE[class], num(f[1]), "class {class} size");
            assert_eq!(
                CLASS_TO_NPAGES[class] * PAGE_SIZE,
                num(f[2]),
                "class {class} span"
            );
            assert_eq!(CLASS_TO_NOBJ[class], num(f[3]), "class {class} objects");
            rows += 1;
        }
        assert_eq!(rows, NUM_SIZE_CLASSES - 1);
        // And the generated arrays.
        let arr = |name: &str| -> Vec<usize> {
            let l = text
                .lines()
                .find(|l| l.starts_with(&format!("var {name} ")))
                .unwrap();
            let body = &l[l.find('{').unwrap() + 1..l.rfind('}').unwrap()];
            body.split(',').map(|s| s.trim().parse().unwrap()).collect()
        };
        assert_eq!(arr("SizeClassToSize"), CLASS_TO_SIZE);
        assert_eq!(arr("SizeClassToNPages"), CLASS_TO_NPAGES);
        let t8: Vec<usize> = SIZE_TO_CLASS8.iter().map(|&c| c as usize).collect();
        assert_eq!(arr("SizeToSizeClass8"), t8);
        let t128: Vec<usize> = SIZE_TO_CLASS128.iter().map(|&c| c as usize).collect();
        assert_eq!(arr("SizeToSizeClass128"), t128);
    }

    #[test]
    fn div_magic_exact() {
        for c in 1..NUM_SIZE_CLASSES {
            let m = CLASS_TO_DIVMAGIC[c] as u64;
            for n in 0..=CLASS_TO_NPAGES[c] * PAGE_SIZE {
                assert_eq!(((n as u64 * m) >> 32) as usize, n / CLASS_TO_SIZE[c]);
            }
        }
    }

    #[test]
    fn lookup_is_smallest_fit() {
        for size in 1..=MAX_SMALL_SIZE {
            let c = size_to_class(size);
            assert!(CLASS_TO_SIZE[c] >= size && CLASS_TO_SIZE[c - 1] < size);
        }
    }
}
