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
    /// needs no work). Aborts like Go's "out of memory" fatal error when
    /// the system has no memory left.
    pub fn mallocgc(&mut self, size: usize, _needzero: bool) -> *mut u8 {
        let size = (size.max(1) + 7) & !7;
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
