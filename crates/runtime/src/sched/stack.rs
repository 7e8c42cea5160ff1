//! Goroutine stacks (Go's `stack.go`): contiguous, 8-aligned runs of
//! words in mmap'd memory whose pages the OS commits on first touch.
//!
//! The main goroutine gets one 512 MiB reservation; every other goroutine a
//! `GSTACK_BYTES` slot carved from 16 MiB regions (one mapping per region,
//! so a hundred thousand goroutines need 1 600 mappings, not 100 000).
//! A goroutine's resident stack is what it touched: a goroutine blocked in
//! its first frame holds one 4 KiB page.
//!
//! Differs from Go: stacks do not grow by copying yet, so a goroutine
//! other than the main one overflows at `GSTACK_BYTES` (Go: 1 GB), with
//! Go's stack-overflow fatal error. Freed stacks go to a free list and
//! their pages back to the OS at the next collection.

/// Bytes of the main goroutine's stack.
pub(crate) const MAIN_STACK_BYTES: usize = 512 << 20;
/// Bytes of every other goroutine's stack.
pub(crate) const GSTACK_BYTES: usize = 256 << 10;
/// Bytes of a region of goroutine stacks.
const REGION_BYTES: usize = 16 << 20;

/// A goroutine stack: `words` words at `base`, readable and writable for
/// as long as the [`StackPool`] that made it lives (regions are never
/// unmapped). Empty: no memory (`words == 0`).
pub(crate) struct Stack {
    base: *mut u64,
    words: usize,
}

impl Stack {
    pub(crate) const EMPTY: Stack = Stack {
        base: std::ptr::NonNull::dangling().as_ptr(),
        words: 0,
    };
}

impl std::ops::Deref for Stack {
    type Target = [u64];
    fn deref(&self) -> &[u64] {
        // SAFETY: `base` addresses `words` mapped words for the pool's
        // lifetime (the type's invariant); an empty stack is a dangling,
        // aligned pointer with length 0.
        unsafe { std::slice::from_raw_parts(self.base, self.words) }
    }
}

impl std::ops::DerefMut for Stack {
    fn deref_mut(&mut self) -> &mut [u64] {
        // SAFETY: as in `deref`; a `Stack` is the only owner of its words.
        unsafe { std::slice::from_raw_parts_mut(self.base, self.words) }
    }
}

/// Where stacks come from and go back to.
#[derive(Default)]
pub(crate) struct StackPool {
    /// Free goroutine stacks (`GSTACK_BYTES` each).
    free: Vec<*mut u64>,
    /// Of `free`, how many may hold touched pages (the rest were returned
    /// to the OS by `release`): the first `dirty` entries from the end.
    dirty: usize,
    /// The unused rest of the newest region.
    next: usize,
    end: usize,
}

/// An anonymous mapping of `bytes`, committed on touch; None when refused.
fn map(bytes: usize) -> Option<*mut u64> {
    // SAFETY: a new private anonymous mapping touches no existing memory;
    // the result is checked.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            bytes,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    (p != libc::MAP_FAILED).then_some(p.cast())
}

impl StackPool {
    /// The main goroutine's stack.
    pub(crate) fn main_stack(&mut self) -> Option<Stack> {
        Some(Stack {
            base: map(MAIN_STACK_BYTES)?,
            words: MAIN_STACK_BYTES / 8,
        })
    }

    /// A goroutine stack (its words may hold an earlier goroutine's
    /// values: frames are written before they are read).
    pub(crate) fn alloc(&mut self) -> Option<Stack> {
        if let Some(base) = self.free.pop() {
            self.dirty = self.dirty.saturating_sub(1);
            return Some(Stack {
                base,
                words: GSTACK_BYTES / 8,
            });
        }
        if self.next == self.end {
            let p = map(REGION_BYTES)? as usize;
            (self.next, self.end) = (p, p + REGION_BYTES);
        }
        let base = self.next as *mut u64;
        self.next += GSTACK_BYTES;
        Some(Stack {
            base,
            words: GSTACK_BYTES / 8,
        })
    }

    /// Takes back a goroutine stack (not the main one).
    pub(crate) fn free(&mut self, s: Stack) {
        if s.words == GSTACK_BYTES / 8 {
            self.free.push(s.base);
            self.dirty += 1;
        }
    }

    /// Returns the pages of free stacks to the OS (at a collection, as Go
    /// frees stack spans).
    pub(crate) fn release(&mut self) {
        let n = self.free.len();
        for &base in &self.free[n - self.dirty.min(n)..] {
            // SAFETY: a free stack is a whole mapped slot of a region that
            // no goroutine uses; its contents need not survive.
            unsafe {
                libc::madvise(base.cast(), GSTACK_BYTES, libc::MADV_DONTNEED);
            }
        }
        self.dirty = 0;
    }
}
