//! The operating system's side of memory (Go's `mem_linux.go`): reserving
//! the heap's arenas, freeing them, returning idle pages, and giving back
//! the front end's resident code pages.
//!
//! Under Miri, which runs no system calls but anonymous private mmap, the
//! arenas come from the Rust allocator (zeroed, arena-aligned) and
//! returning pages zeroes them, so the allocator's tests run under it with
//! the same contract: fresh and returned pages read as zero.
//!
//! # Code pages
//!
//! `rgo run` parses, checks and compiles the program before it runs it, and
//! those stages touch most of rgo's machine code; the kernel maps a file's
//! pages around each fault (64 KiB at a time), so after compiling nearly the
//! whole binary is resident, and it stays resident while the program runs
//! although the interpreter uses a fraction of it. A native Go binary holds
//! only its own code. [`release_code_pages`] drops the mappings of code and
//! read-only data that are clean copies of their file, so the running
//! program's resident set is its heap, its stack and the code it executes,
//! which the kernel faults back in from the page cache on first use.
//!
//! Invariant: a dropped page must read the same when faulted back in. For a
//! private file mapping `MADV_DONTNEED` discards the process's own copies of
//! written pages (the file's bytes come back), so a mapping qualifies only if
//! it is not writable and smaps reports no anonymous (copied) pages in it:
//! code, `.rodata` and the relocated read-only data after RELRO (which *does*
//! have copied pages and is therefore kept). Nothing here touches Go memory.

use super::mheap::ARENA_BYTES;

/// Reserves `bytes` (a multiple of `ARENA_BYTES`) aligned to `ARENA_BYTES`,
/// readable, writable and zero (Go's `sysReserve` + `sysMap`); None when the
/// OS refuses.
#[cfg(not(miri))]
pub(super) fn sys_reserve(bytes: usize) -> Option<usize> {
    let len = bytes.checked_add(ARENA_BYTES)?;
    // SAFETY: an anonymous private mapping at an address of the kernel's
    // choosing touches no existing memory; the result is checked.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return None;
    }
    let p = p as usize;
    let base = (p + ARENA_BYTES - 1) & !(ARENA_BYTES - 1);
    let (head, tail) = (base - p, p + len - (base + bytes));
    // SAFETY: [p, base) and [base+bytes, p+len) are the alignment slack of
    // the mapping just made, which nothing else refers to.
    unsafe {
        if head > 0 {
            libc::munmap(p as *mut libc::c_void, head);
        }
        if tail > 0 {
            libc::munmap((base + bytes) as *mut libc::c_void, tail);
        }
    }
    Some(base)
}

#[cfg(miri)]
pub(super) fn sys_reserve(bytes: usize) -> Option<usize> {
    let layout = std::alloc::Layout::from_size_align(bytes, ARENA_BYTES).ok()?;
    // SAFETY: the layout has a non-zero size (callers reserve whole arenas).
    let p = unsafe { std::alloc::alloc_zeroed(layout) };
    (!p.is_null()).then_some(p as usize)
}

/// Returns a reservation made by [`sys_reserve`] (Go's `sysFree`).
///
/// # Safety
/// `[base, base + bytes)` is exactly one reservation, not used after.
#[cfg(not(miri))]
pub(super) unsafe fn sys_free(base: usize, bytes: usize) {
    // SAFETY: as the caller guarantees, a whole mapping nothing uses.
    unsafe { libc::munmap(base as *mut libc::c_void, bytes) };
}

#[cfg(miri)]
pub(super) unsafe fn sys_free(base: usize, bytes: usize) {
    let layout = std::alloc::Layout::from_size_align(bytes, ARENA_BYTES).expect("arena layout");
    // SAFETY: as the caller guarantees, the allocation `sys_reserve` made.
    unsafe { std::alloc::dealloc(base as *mut u8, layout) };
}

/// Gives idle pages back to the OS (Go's `sysUnused`): their contents are
/// dropped and they read as zero after. False when the OS declines (the
/// pages stay as they were).
///
/// # Safety
/// `[addr, addr + bytes)` lies in a reservation and holds nothing live.
#[cfg(not(miri))]
pub(super) unsafe fn sys_unused(addr: usize, bytes: usize) -> bool {
    // SAFETY: as the caller guarantees: dropping the contents loses nothing.
    unsafe { libc::madvise(addr as *mut libc::c_void, bytes, libc::MADV_DONTNEED) == 0 }
}

#[cfg(miri)]
pub(super) unsafe fn sys_unused(addr: usize, bytes: usize) -> bool {
    // SAFETY: as the caller guarantees: the range is ours and unused.
    unsafe { std::ptr::write_bytes(addr as *mut u8, 0, bytes) };
    true
}

/// Drops the resident pages of every clean, read-only file mapping of the
/// process (see the module comment). Best effort: when `/proc` is missing
/// or unreadable nothing happens. Meant for a process that has finished
/// with most of its code, such as `rgo run` between compiling and running;
/// an embedding host decides for itself.
pub fn release_code_pages() {
    if cfg!(miri) {
        return;
    }
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return;
    };
    for (start, end) in clean_file_mappings(&smaps) {
        // [start, end) is a whole mapping that smaps lists as a non-writable
        // private file mapping with no anonymous pages (checked by
        // `clean_file_mappings`); not being writable, no page can become a
        // private copy meanwhile.
        // SAFETY: discarding the pages loses nothing: each faults back in
        // with the file's contents, which are what it held.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
        }
    }
}

/// The `[start, end)` ranges of `smaps` entries that are file-backed, not
/// writable, private, and hold no anonymous pages.
fn clean_file_mappings(smaps: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // The header of the entry being read: its range, if it qualifies so far.
    let mut candidate: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(first) = fields.next() else { continue };
        if let Some((a, b)) = first.split_once('-')
            && let (Ok(a), Ok(b)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
        {
            // "start-end perms offset dev inode path"
            let perms = fields.next().unwrap_or("");
            let path = fields.nth(3).unwrap_or("");
            let private_read_only = perms.len() == 4
                && perms.as_bytes()[0] == b'r'
                && perms.as_bytes()[1] == b'-'
                && perms.as_bytes()[3] == b'p';
            candidate = (private_read_only && path.starts_with('/') && a < b).then_some((a, b));
        } else if first == "Anonymous:"
            && let Some(range) = candidate.take()
            && fields.next() == Some("0")
        {
            out.push(range);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMAPS: &str = "\
55d0-55e0 r--p 00000000 08:01 12 /usr/bin/rgo
Rss:                  64 kB
Anonymous:             0 kB
55e0-5600 r-xp 00010000 08:01 12 /usr/bin/rgo
Anonymous:             0 kB
5600-5610 r--p 00030000 08:01 12 /usr/bin/rgo
Anonymous:             8 kB
5610-5620 rw-p 00040000 08:01 12 /usr/bin/rgo
Anonymous:             0 kB
7f00-7f10 r--p 00000000 00:00 0 
Anonymous:             0 kB
7f10-7f20 r--s 00000000 08:01 13 /dev/shm/x
Anonymous:             0 kB
7ff0-7ff1 r-xp 00000000 00:00 0 [vdso]
Anonymous:             0 kB
";

    #[test]
    fn only_clean_read_only_private_file_mappings() {
        assert_eq!(
            clean_file_mappings(SMAPS),
            vec![(0x55d0, 0x55e0), (0x55e0, 0x5600)]
        );
    }

    #[test]
    fn releasing_keeps_code_and_data_intact() {
        static TABLE: [u64; 4] = [1, 2, 3, 5];
        let before: u64 = TABLE.iter().sum();
        release_code_pages();
        // Code and read-only data fault back in from the file.
        assert_eq!(TABLE.iter().sum::<u64>(), before);
        assert_eq!(format!("{}", 7 * 6), "42");
    }
}
