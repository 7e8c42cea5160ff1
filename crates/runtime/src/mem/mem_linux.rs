//! Resident code pages: giving back the front end's.
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

/// Drops the resident pages of every clean, read-only file mapping of the
/// process (see the module comment). Best effort: when `/proc` is missing
/// or unreadable nothing happens. Meant for a process that has finished
/// with most of its code, such as `rgo run` between compiling and running;
/// an embedding host decides for itself.
pub fn release_code_pages() {
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
