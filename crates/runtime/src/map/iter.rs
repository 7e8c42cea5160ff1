//! Map iteration (gc's `maps.Iter`, `table.go`); the design is in
//! `map/mod.rs`. The state lives in the loop's frame
//! (`abi::maptype::MAP_ITER_SIZE` bytes), so it dies with the loop.

use super::table::{Table, ctrl, elem, key};
use super::{GROUP_SLOTS, Header, Keys, MapType, Maps, get_with_key};

/// An iteration in progress (gc's `hiter`), in frame memory.
#[repr(C)]
pub struct Iter {
    /// The map; null when the iteration is over (or the map was empty).
    m: *mut Header,
    /// The table at `dir_idx` when last seen.
    tab: *mut Table,
    /// The group at `entry_idx` (the small map's group for small maps).
    group: *mut u8,
    /// Random start offsets of the slots and of the directory.
    entry_offset: u64,
    dir_offset: u64,
    /// `clear_seq` at the start: a `clear` ends the iteration.
    clear_seq: u64,
    /// `global_depth` at the last step (the directory may grow).
    global_depth: u64,
    /// The directory index before `dir_offset`; -1 for a small map.
    dir_idx: i64,
    /// The entry index before `entry_offset`: group × 8 + slot.
    entry_idx: u64,
    _spare: u64,
}

const _: () = assert!(size_of::<Iter>() == abi::maptype::MAP_ITER_SIZE as usize);

/// The map an iteration walks (null once it is over).
///
/// # Safety
/// `it` points to an iteration state set up by `iter_init`.
pub unsafe fn iter_map(it: *const Iter) -> *mut Header {
    // SAFETY: as the caller guarantees.
    unsafe { (*it).m }
}

/// Starts an iteration over `m` (nil or empty: nothing).
///
/// # Safety
/// `it` points to `MAP_ITER_SIZE` writable, 8-aligned bytes; `m` is nil
/// or a map (inv. 1).
pub unsafe fn iter_init(maps: &Maps, it: *mut Iter, m: *mut Header) {
    // SAFETY: as the caller guarantees.
    let (it, h) = unsafe { (&mut *it, m.as_ref()) };
    it.m = std::ptr::null_mut();
    let Some(h) = h.filter(|h| h.used > 0) else {
        return;
    };
    it.m = m;
    it.tab = std::ptr::null_mut();
    it.entry_offset = maps.rand();
    it.dir_offset = maps.rand();
    it.clear_seq = h.clear_seq;
    it.global_depth = h.global_depth as u64;
    it.entry_idx = 0;
    if h.dir_len == 0 {
        it.dir_idx = -1;
        it.group = h.dir_ptr;
    } else {
        it.dir_idx = 0;
        it.group = std::ptr::null_mut();
    }
}

/// The key and value slots of the next entry; a null key at the end (as
/// gc's `it.key`; a pair returns in registers, an `Option` of it would
/// not, and the interpreter's handler must keep its tail call).
///
/// # Safety
/// `it` was initialised by [`iter_init`] for a map of type `t`, and the
/// map's memory is live (inv. 1).
pub unsafe fn iter_next<K: Keys>(keys: &K, t: &MapType, it: *mut Iter) -> (*mut u8, *mut u8) {
    // SAFETY: as the caller guarantees.
    let it = unsafe { &mut *it };
    if it.m.is_null() {
        return END;
    }
    // SAFETY: inv. 1.
    let h = unsafe { &*it.m };
    if it.clear_seq != h.clear_seq {
        // Cleared: nothing present at the start remains.
        it.m = std::ptr::null_mut();
        return END;
    }
    if it.dir_idx < 0 {
        // Small at the start: the keys come from the old group; if the map
        // has grown since, they are looked up in its tables (inv. 5: the
        // old group is no longer changed).
        while it.entry_idx < GROUP_SLOTS as u64 {
            let k = ((it.entry_idx + it.entry_offset) % GROUP_SLOTS as u64) as usize;
            it.entry_idx += 1;
            // SAFETY: the small map's group (inv. 2).
            let c = unsafe { *ctrl(it.group).cast::<u8>().add(k) };
            if c & 0x80 != 0 {
                continue;
            }
            let sk = key(t, it.group, k);
            if h.dir_len == 0 {
                return (sk, elem(t, it.group, k));
            }
            // SAFETY: a full slot (inv. 4) of a map of type `t`.
            if let Some(kv) = unsafe { grown(keys, t, it.m, sk, elem(t, it.group, k)) } {
                return kv;
            }
        }
        it.m = std::ptr::null_mut();
        return END;
    }
    if it.global_depth != h.global_depth as u64 {
        // The directory grew: scale the index (see gc's `Iter.Next`).
        let orders = h.global_depth as u64 - it.global_depth;
        it.dir_idx <<= orders;
        it.dir_offset <<= orders;
        it.global_depth = h.global_depth as u64;
    }
    while it.dir_idx < h.dir_len {
        if it.tab.is_null() {
            let mut di = (it.dir_idx as u64).wrapping_add(it.dir_offset) & (h.dir_len as u64 - 1);
            // SAFETY: `di` < `dir_len`.
            let nt = unsafe { h.dir_at(di as usize) };
            // SAFETY: directory entries are live tables (inv. 2).
            let idx = unsafe { (*nt).index } as u64;
            if idx != di {
                // A random start in the middle of a table's entries.
                it.dir_offset = it.dir_offset.wrapping_sub(di - idx);
                di = idx;
            }
            let _ = di;
            it.tab = nt;
        }
        // SAFETY: the table is live (inv. 5 keeps replaced ones intact).
        let tab = unsafe { &*it.tab };
        let mask = tab.capacity as u64 - 1;
        if it.entry_idx > mask {
            it.dir_idx += 1 << (h.global_depth - tab.local_depth);
            it.tab = std::ptr::null_mut();
            it.group = std::ptr::null_mut();
            it.entry_idx = 0;
            continue;
        }
        let ei = (it.entry_idx + it.entry_offset) & mask;
        let slot = (ei & (GROUP_SLOTS as u64 - 1)) as usize;
        if slot == 0 || it.group.is_null() {
            it.group = tab.group(t, ei >> 3);
        }
        it.entry_idx += 1;
        // SAFETY: a group of the table.
        let c = unsafe { *ctrl(it.group).cast::<u8>().add(slot) };
        if c & 0x80 != 0 {
            continue;
        }
        let (sk, sv) = (key(t, it.group, slot), elem(t, it.group, slot));
        if tab.index != -1 {
            return (sk, sv);
        }
        // SAFETY: a full slot of a replaced table (inv. 5).
        if let Some(kv) = unsafe { grown(keys, t, it.m, sk, sv) } {
            return kv;
        }
    }
    it.m = std::ptr::null_mut();
    END
}

const END: (*mut u8, *mut u8) = (std::ptr::null_mut(), std::ptr::null_mut());

/// The current entry for a key found in a group the map no longer uses:
/// looked up again (deleted keys are skipped); a key unequal to itself
/// (NaN) cannot be looked up, deleted or updated, so the old slot holds it.
///
/// # Safety
/// `sk`, `sv` are a full slot of a map of type `t`; `m` the live map.
unsafe fn grown<K: Keys>(
    keys: &K,
    t: &MapType,
    m: *mut Header,
    sk: *mut u8,
    sv: *mut u8,
) -> Option<(*mut u8, *mut u8)> {
    // SAFETY: as the caller guarantees.
    unsafe {
        let (nk, nv) = get_with_key(keys, t, m, sk);
        if !nv.is_null() {
            return Some((nk, nv));
        }
        if !keys.eq(t, sk, sk) {
            return Some((sk, sv));
        }
    }
    None
}
