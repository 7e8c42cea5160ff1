//! Goroutine stacks (Go's `stack.go`): contiguous runs of 8-aligned words
//! that start small and grow by copying.
//!
//! # Design
//!
//! A goroutine starts on a `MIN_STACK` (2 KiB, Go's `_StackMin`) stack, or
//! the next power of two that holds its first frame. A call whose frame
//! does not fit (`Call`, `CallInd`, interface calls, deferred calls) moves
//! the goroutine to a stack twice as large (or more, until the frame fits)
//! and goes on there: `morestack` in `interp.rs` copies the old stack and
//! adjusts every pointer into it (`copystack` there). A stack may not
//! pass `MAX_STACK` (Go's 1 GB limit: the 512 MiB stack is the largest);
//! a goroutine that needs more gets Go's stack-overflow fatal error. At a
//! collection, a goroutine using less than a quarter of its stack moves to
//! one half the size (Go's `shrinkstack`).
//!
//! Stacks up to `POOLED_MAX` (512 KiB) are carved from 8 MiB regions (one
//! mapping per region, so a million goroutines need 250 mappings, not a
//! million) and kept in per-size free lists; larger ones are mappings of
//! their own, unmapped when freed. Pages are committed on first touch, so a
//! goroutine blocked in its first frame holds at most one page.
//!
//! Invariant: a `Stack`'s words are mapped, readable and writable, and
//! owned by the `Stack` until it is given back with `free`.

/// The smallest stack (Go's `_StackMin`).
pub(crate) const MIN_STACK: usize = 2 << 10;
/// The largest stack: growing past it is a stack overflow (Go's
/// `maxstacksize`, 1 GB, admits stacks up to 512 MiB).
pub(crate) const MAX_STACK: usize = 512 << 20;
/// The main goroutine's first stack.
pub(crate) const MAIN_STACK: usize = 64 << 10;
/// The largest pooled stack.
const POOLED_MAX: usize = 512 << 10;
/// Bytes of a region of pooled stacks.
const REGION_BYTES: usize = 8 << 20;
/// Pooled sizes: 2 KiB to 512 KiB.
const CLASSES: usize = 9;

/// A goroutine stack: `words` words at `base` (see the invariant).
/// Empty: no memory (`words == 0`).
pub(crate) struct Stack {
    base: *mut u64,
    words: usize,
}

impl Stack {
    pub(crate) const EMPTY: Stack = Stack {
        base: std::ptr::NonNull::dangling().as_ptr(),
        words: 0,
    };

    /// Its size in bytes.
    pub(crate) fn bytes(&self) -> usize {
        self.words * 8
    }
}

impl std::ops::Deref for Stack {
    type Target = [u64];
    fn deref(&self) -> &[u64] {
        // SAFETY: `base` addresses `words` mapped words owned by this
        // stack (the module's invariant); an empty stack is a dangling,
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
    /// Free pooled stacks by class (2 KiB << class) whose pages may be
    /// resident, and those whose pages went back to the OS (`release`).
    free: [Vec<*mut u64>; CLASSES],
    /// Free since before the last `release` (returned at the next).
    aging: [Vec<*mut u64>; CLASSES],
    clean: [Vec<*mut u64>; CLASSES],
    /// The unused rest of the newest region.
    next: usize,
    end: usize,
    /// Bytes of stacks in use (for the collector's pacing and MemStats).
    pub in_use: usize,
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

/// The stack size (a power of two, at least `MIN_STACK`) holding `bytes`.
pub(crate) fn round_size(bytes: usize) -> usize {
    bytes.max(MIN_STACK).next_power_of_two()
}

impl StackPool {
    /// A stack of `bytes` (a power of two from `MIN_STACK` to `MAX_STACK`);
    /// its words may hold an earlier goroutine's values (frames are written
    /// before they are read). None when the OS refuses memory.
    pub(crate) fn alloc(&mut self, bytes: usize) -> Option<Stack> {
        debug_assert!(bytes.is_power_of_two() && (MIN_STACK..=MAX_STACK).contains(&bytes));
        let base = if bytes <= POOLED_MAX {
            let class = (bytes / MIN_STACK).trailing_zeros() as usize;
            let reuse = self.free[class].pop();
            match reuse
                .or_else(|| self.aging[class].pop())
                .or_else(|| self.clean[class].pop())
            {
                Some(b) => b,
                None => {
                    // Page-aligned when a page or more, so that `release`
                    // can return its pages.
                    let align = bytes.min(4096);
                    let mut b = (self.next + align - 1) & !(align - 1);
                    if b + bytes > self.end {
                        let p = map(REGION_BYTES)? as usize;
                        (self.next, self.end) = (p, p + REGION_BYTES);
                        b = p;
                    }
                    self.next = b + bytes;
                    b as *mut u64
                }
            }
        } else {
            map(bytes)?
        };
        self.in_use += bytes;
        Some(Stack {
            base,
            words: bytes / 8,
        })
    }

    /// Takes back a stack.
    pub(crate) fn free(&mut self, s: Stack) {
        let bytes = s.bytes();
        if bytes == 0 {
            return;
        }
        self.in_use -= bytes;
        if bytes <= POOLED_MAX {
            let class = (bytes / MIN_STACK).trailing_zeros() as usize;
            self.free[class].push(s.base);
        } else {
            // SAFETY: a large stack is a mapping of its own, of `bytes`,
            // that no goroutine uses any more.
            unsafe { libc::munmap(s.base.cast(), bytes) };
        }
    }

    /// Returns to the OS the pages of the pooled stacks of a page or more
    /// that stayed free since the last call (at each collection, as Go
    /// frees stack spans; a stack freed and taken again between two
    /// collections keeps its pages).
    pub(crate) fn release(&mut self) {
        for class in 0..CLASSES {
            let bytes = MIN_STACK << class;
            let fresh = std::mem::take(&mut self.free[class]);
            let old = std::mem::replace(&mut self.aging[class], fresh);
            if bytes < 4096 {
                self.clean[class].extend(old);
                continue;
            }
            for base in old {
                // SAFETY: a free stack is a whole, page-aligned slot of a
                // region that no goroutine uses; its contents need not
                // survive.
                unsafe { libc::madvise(base.cast(), bytes, libc::MADV_DONTNEED) };
                self.clean[class].push(base);
            }
        }
    }
}
