//! Heap allocation: the one entry point every heap value goes through.
//!
//! `mallocgc(size, needzero)` is the name and contract of Go's allocator
//! entry point (`runtime/malloc.go`): it returns `size` bytes, 8-aligned,
//! zeroed when asked, that stay valid for as long as the program may reach
//! them. This first version is an arena of 64 KiB chunks that is never
//! freed before the program exits; the size-class allocator and the
//! collector of the memory issue replace it behind the same function, so
//! the interpreter does not change.

use std::alloc::{Layout, alloc_zeroed};

/// The address of zero-size allocations (gc's `zerobase`); never written.
static ZEROBASE: u64 = 0;

/// Chunks larger objects do not share.
const CHUNK: usize = 64 << 10;

/// The heap of one program instance.
#[derive(Default)]
pub struct Heap {
    /// Every chunk allocated (freed with the heap).
    chunks: Vec<(*mut u8, Layout)>,
    /// Next free byte in the current chunk and its end.
    next: usize,
    end: usize,
    /// Bytes handed out (for `runtime.MemStats` later).
    pub allocated: u64,
}

impl Heap {
    /// Allocates `size` bytes, 8-aligned and zeroed (fresh chunks come
    /// zeroed from the system; memory is never reused yet, so `needzero`
    /// needs no work). Zero bytes give the one zero-size address. Aborts like Go's "out of memory" fatal error when
    /// the system has no memory left.
    pub fn mallocgc(&mut self, size: usize, _needzero: bool) -> *mut u8 {
        if size == 0 {
            // Every zero-size object has one address, as in Go.
            return (&raw const ZEROBASE).cast::<u8>().cast_mut();
        }
        let size = (size + 7) & !7;
        self.allocated += size as u64;
        if size > CHUNK / 4 {
            return self.new_chunk(size);
        }
        if self.next + size > self.end {
            let p = self.new_chunk(CHUNK) as usize;
            self.next = p;
            self.end = p + CHUNK;
        }
        let p = self.next;
        self.next += size;
        p as *mut u8
    }

    fn new_chunk(&mut self, size: usize) -> *mut u8 {
        let layout = Layout::from_size_align(size, 8).expect("heap chunk layout");
        // SAFETY: `layout` has a non-zero size (at least 8 bytes).
        let p = unsafe { alloc_zeroed(layout) };
        if p.is_null() {
            crate::panic::fatal("out of memory");
        }
        self.chunks.push((p, layout));
        p
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        for &(p, layout) in &self.chunks {
            // SAFETY: each chunk was allocated by `alloc_zeroed` with this
            // layout and is freed once, when the heap (the program) ends.
            unsafe { std::alloc::dealloc(p, layout) };
        }
    }
}

/// gc's size classes (`internal/runtime/gc/sizeclasses.go`).
const SIZE_CLASSES: [u32; 68] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

/// The size mallocgc really allocates for a request of `size` bytes of
/// pointer-free memory (`roundupsize` with `noscan`): the size class, or
/// whole 8 KiB pages for large objects.
pub fn roundupsize(size: u64) -> u64 {
    if size <= 32768 {
        SIZE_CLASSES
            .iter()
            .map(|&c| c as u64)
            .find(|&c| c >= size)
            .unwrap_or(size)
    } else {
        size.div_ceil(8192) * 8192
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
mod tests {
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

// Placeholder collector hooks (replaced by the size-class allocator).
#[derive(Clone, Copy)]
pub struct Obj {
    pub base: usize,
    pub size: usize,
}

#[derive(Default)]
pub struct HeapStats {
    pub heap_alloc: u64,
    pub heap_idle: u64,
    pub heap_released: u64,
    pub heap_sys: u64,
    pub total_alloc: u64,
    pub mallocs: u64,
    pub frees: u64,
    pub heap_inuse: u64,
    pub heap_objects: u64,
    pub mspan_inuse: u64,
    pub mspan_sys: u64,
    pub mcache_inuse: u64,
    pub mcache_sys: u64,
    pub gc_sys: u64,
    pub other_sys: u64,
    pub by_size: Vec<SizeClassStats>,
}

impl Heap {
    pub fn heap_live(&self) -> u64 {
        0
    }
    pub fn stats(&self) -> HeapStats {
        HeapStats::default()
    }
    pub fn finish_sweep(&mut self) {}
    pub fn scavenge(&mut self, _all: bool) -> usize {
        0
    }
    pub fn gc_begin_mark(&mut self) {}
    pub fn gc_end_mark(&mut self) -> u64 {
        0
    }
    pub fn find_object(&self, _a: usize) -> Option<Obj> {
        None
    }
    pub fn mark(&mut self, _o: Obj) -> bool {
        false
    }
    pub fn checkmark(&mut self, _o: Obj) -> bool {
        false
    }
    pub fn clear_checkmarks(&mut self) {}
    pub fn verify_checkmarks(&self) -> Option<Obj> {
        None
    }
    pub fn has_pointers(&self, _o: Obj) -> bool {
        false
    }
    pub fn scan_object(&self, _o: Obj, _f: impl FnMut(usize)) {}
}
pub struct SizeClassStats {
    pub size: u32,
    pub mallocs: u64,
    pub frees: u64,
}
