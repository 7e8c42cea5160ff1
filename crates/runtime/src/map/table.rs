//! Tables and groups of a map (gc's `table.go`, `group.go`); the design
//! and the invariants cited here ("inv. N") are in `map/mod.rs`.

use super::{
    GROUP_SLOTS, Header, Keys, Layout, MAX_AVG_GROUP_LOAD, MAX_TABLE_CAPACITY, MapType,
    OutOfMemory, alloc,
};
use crate::mem::Heap;
use std::ptr::NonNull;

/// Control byte of an empty slot.
const CTRL_EMPTY: u8 = 0x80;
/// Control byte of a deleted slot (a tombstone).
const CTRL_DELETED: u8 = 0xFE;
/// A control word of 8 empty slots.
const CTRL_ALL_EMPTY: u64 = 0x8080_8080_8080_8080;
const LSB: u64 = 0x0101_0101_0101_0101;
const MSB: u64 = 0x8080_8080_8080_8080;

/// The low 7 bits of a hash (stored in the control byte).
#[inline(always)]
fn h2(hash: u64) -> u8 {
    (hash & 0x7f) as u8
}

/// The rest of the hash (the probe start).
#[inline(always)]
fn h1(hash: u64) -> u64 {
    hash >> 7
}

/// The slots of a control word whose byte may be `h2` (one bit per match,
/// the byte's top bit; false positives are possible and harmless, as in
/// gc's portable `ctrlGroupMatchH2`: keys are compared).
#[inline(always)]
fn match_h2(ctrl: u64, h2: u8) -> u64 {
    let v = ctrl ^ (LSB * h2 as u64);
    v.wrapping_sub(LSB) & !v & MSB
}

#[inline(always)]
fn match_empty(ctrl: u64) -> u64 {
    (ctrl & !(ctrl << 6)) & MSB
}

#[inline(always)]
fn match_empty_or_deleted(ctrl: u64) -> u64 {
    ctrl & MSB
}

#[inline(always)]
pub(super) fn match_full(ctrl: u64) -> u64 {
    !ctrl & MSB
}

/// The slot index of the lowest match.
#[inline(always)]
fn first(m: u64) -> usize {
    (m.trailing_zeros() / 8) as usize
}

/// Accessors of a group at `g`.
#[inline(always)]
pub(super) fn ctrl(g: *mut u8) -> *mut u64 {
    g.cast()
}

#[inline(always)]
pub(super) fn key(t: &MapType, g: *mut u8, i: usize) -> *mut u8 {
    g.wrapping_add(8 + i * t.slot_size as usize)
}

#[inline(always)]
pub(super) fn elem(t: &MapType, g: *mut u8, i: usize) -> *mut u8 {
    key(t, g, i).wrapping_add(t.val_off as usize)
}

/// The value slot `i` of the live group `g`, as `put` returns it.
#[inline(always)]
fn elem_nn(t: &MapType, g: *mut u8, i: usize) -> NonNull<u8> {
    // SAFETY: a slot of a live group is inside a Go-heap object, never
    // at address 0.
    unsafe { NonNull::new_unchecked(elem(t, g, i)) }
}

/// Sets control byte `i` of group `g`.
///
/// # Safety
/// `g` is a live group.
#[inline(always)]
unsafe fn set_ctrl(g: *mut u8, i: usize, c: u8) {
    // SAFETY: the control word is the group's first 8 bytes.
    unsafe { *g.add(i) = c };
}

/// Copies a key into slot `dst`.
///
/// # Safety
/// `dst` is a key slot of type `t`; `k` a key of type `t`.
#[inline(always)]
unsafe fn write_key(t: &MapType, dst: *mut u8, k: *const u8) {
    // SAFETY: both hold `key_size` bytes and do not overlap (a probe key
    // never lives in the map it probes: the compiler passes frame
    // memory, iteration reinserts into new tables).
    unsafe {
        if t.key_size == 8 {
            dst.cast::<u64>()
                .write_unaligned(k.cast::<u64>().read_unaligned());
        } else {
            std::ptr::copy_nonoverlapping(k, dst, t.key_size as usize);
        }
    }
}

/// A zeroed array of `n` groups with every slot empty.
pub(super) fn new_groups(heap: &mut Heap, t: &MapType, n: u64) -> Result<NonNull<u8>, OutOfMemory> {
    let p = alloc(heap, n as usize * t.group_size as usize, Layout::Groups(t))?;
    for i in 0..n as usize {
        // SAFETY: `p` holds `n` groups.
        unsafe { *ctrl(p.as_ptr().add(i * t.group_size as usize)) = CTRL_ALL_EMPTY };
    }
    Ok(p)
}

/// Empties `n` groups at `p` (zeroing slots, so that the collector sees no
/// stale pointers).
///
/// # Safety
/// `p` holds `n` groups of type `t`.
pub(super) unsafe fn clear_groups(t: &MapType, p: *mut u8, n: u64) {
    // SAFETY: as the caller guarantees.
    unsafe {
        std::ptr::write_bytes(p, 0, n as usize * t.group_size as usize);
        for i in 0..n as usize {
            *ctrl(p.add(i * t.group_size as usize)) = CTRL_ALL_EMPTY;
        }
    }
}

/// Looks `k` up in the group `g` of a small map: its key and value slots.
///
/// # Safety
/// `g` is a live group of type `t` (inv. 2), `k` a key of type `t`.
#[inline(always)]
pub(super) unsafe fn group_get<K: Keys>(
    keys: &K,
    t: &MapType,
    g: *mut u8,
    hash: u64,
    k: *const u8,
) -> (*mut u8, *mut u8) {
    // SAFETY: as the caller guarantees.
    let mut m = match_h2(unsafe { *ctrl(g) }, h2(hash));
    while m != 0 {
        let i = first(m);
        let sk = key(t, g, i);
        // SAFETY: a matching control byte is full (inv. 4) or a false
        // positive on an empty/deleted slot, whose key bytes are zero
        // (cleared) and still readable.
        if unsafe { keys.eq(t, k, sk) } {
            return (sk, elem(t, g, i));
        }
        m &= m - 1;
    }
    (std::ptr::null_mut(), std::ptr::null_mut())
}

/// Inserts into a small map: the value slot of `k`, or `None` when the
/// group is full and `k` absent.
///
/// # Safety
/// `h` is a small map of type `t` with its group.
pub(super) unsafe fn small_put<K: Keys>(
    keys: &K,
    t: &MapType,
    h: &mut Header,
    hash: u64,
    k: *const u8,
) -> Option<NonNull<u8>> {
    let g = h.dir_ptr;
    // SAFETY: as the caller guarantees.
    unsafe {
        let (sk, v) = group_get(keys, t, g, hash, k);
        if let Some(v) = NonNull::new(v) {
            // Go updates the key (+0 replaced by -0, a new string header).
            write_key(t, sk, k);
            return Some(v);
        }
        let m = match_empty_or_deleted(*ctrl(g));
        if m == 0 {
            return None;
        }
        let i = first(m);
        write_key(t, key(t, g, i), k);
        set_ctrl(g, i, h2(hash));
        h.used += 1;
        Some(elem_nn(t, g, i))
    }
}

/// Deletes from a small map (no probing: the slot becomes empty).
///
/// # Safety
/// `h` is a small map of type `t`.
pub(super) unsafe fn small_delete<K: Keys>(
    keys: &K,
    t: &MapType,
    h: &mut Header,
    hash: u64,
    k: *const u8,
) {
    let g = h.dir_ptr;
    // SAFETY: as the caller guarantees.
    unsafe {
        let (sk, _) = group_get(keys, t, g, hash, k);
        if sk.is_null() {
            return;
        }
        let i = (sk as usize - g as usize - 8) / t.slot_size as usize;
        std::ptr::write_bytes(sk, 0, t.slot_size as usize);
        set_ctrl(g, i, CTRL_EMPTY);
        h.used -= 1;
    }
}

/// Moves a full small map into a table of 16 slots (gc's `growToTable`).
/// The table and the directory are allocated first: on [`OutOfMemory`]
/// the small map is unchanged.
///
/// # Safety
/// `h` is a small map of type `t` with its group.
#[inline(never)]
pub(super) unsafe fn grow_to_table<K: Keys>(
    heap: &mut Heap,
    keys: &K,
    t: &MapType,
    h: &mut Header,
) -> Result<(), OutOfMemory> {
    let tab = Table::new(heap, t, 2 * GROUP_SLOTS as u64, 0, 0)?.as_ptr();
    let dir = alloc(heap, 8, Layout::Pointers)?
        .cast::<*mut Table>()
        .as_ptr();
    let g = h.dir_ptr;
    // SAFETY: `g` is the small map's group; `tab` a new table.
    unsafe {
        let mut full = match_full(*ctrl(g));
        while full != 0 {
            let i = first(full);
            let sk = key(t, g, i);
            let hash = keys.hash(t, h.seed, sk);
            (*tab).unchecked_put(t, hash, sk, elem(t, g, i));
            full &= full - 1;
        }
    }
    // SAFETY: a one-word directory.
    unsafe { *dir = tab };
    h.dir_ptr = dir.cast();
    h.dir_len = 1;
    h.global_depth = 0;
    h.global_shift = 64;
    Ok(())
}

/// A table of a map (gc's `table`), in the Go heap.
#[repr(C)]
pub struct Table {
    pub used: u16,
    pub capacity: u16,
    pub growth_left: u16,
    pub local_depth: u8,
    _pad: u8,
    /// The first directory entry this table fills; -1 once replaced
    /// (inv. 5).
    pub index: i64,
    pub groups: *mut u8,
    pub length_mask: u64,
}

/// A probe sequence over groups (gc's `probeSeq`): quadratic, visiting
/// every group of a power-of-two table once.
struct ProbeSeq {
    mask: u64,
    offset: u64,
    index: u64,
}

impl ProbeSeq {
    #[inline(always)]
    fn new(hash: u64, mask: u64) -> ProbeSeq {
        ProbeSeq {
            mask,
            offset: h1(hash) & mask,
            index: 0,
        }
    }

    #[inline(always)]
    fn next(&mut self) {
        self.index += 1;
        self.offset = (self.offset + self.index) & self.mask;
    }
}

impl Table {
    /// A new table for about `capacity` slots (rounded up to a power of
    /// two, at least 8).
    pub(super) fn new(
        heap: &mut Heap,
        t: &MapType,
        capacity: u64,
        index: i64,
        depth: u8,
    ) -> Result<NonNull<Table>, OutOfMemory> {
        let capacity = capacity
            .clamp(GROUP_SLOTS as u64, MAX_TABLE_CAPACITY)
            .next_power_of_two();
        let p = alloc(heap, size_of::<Table>(), Layout::Table)?.cast::<Table>();
        let groups = capacity / GROUP_SLOTS as u64;
        // SAFETY: `alloc` returned zeroed, 8-aligned memory for a table.
        let tab = unsafe { &mut *p.as_ptr() };
        tab.capacity = capacity as u16;
        tab.index = index;
        tab.local_depth = depth;
        tab.groups = new_groups(heap, t, groups)?.as_ptr();
        tab.length_mask = groups - 1;
        tab.reset_growth_left();
        Ok(p)
    }

    fn reset_growth_left(&mut self) {
        let c = self.capacity as u64;
        let g = if c <= GROUP_SLOTS as u64 {
            // One group: keep one slot empty so probes end (inv. 3).
            c - 1
        } else {
            c * MAX_AVG_GROUP_LOAD / GROUP_SLOTS as u64
        };
        self.growth_left = g as u16 - self.used;
    }

    /// Empties the table (`clear`).
    pub(super) fn reset(&mut self, t: &MapType) {
        // SAFETY: the table's groups (inv. 3).
        unsafe { clear_groups(t, self.groups, self.length_mask + 1) };
        self.used = 0;
        self.reset_growth_left();
    }

    #[inline(always)]
    pub(super) fn group(&self, t: &MapType, i: u64) -> *mut u8 {
        self.groups.wrapping_add(i as usize * t.group_size as usize)
    }

    /// The key and value slots of `k`, or nulls.
    ///
    /// # Safety
    /// A live table of type `t`; `k` a key of type `t`.
    #[inline(always)]
    pub(super) unsafe fn get<K: Keys>(
        &self,
        keys: &K,
        t: &MapType,
        hash: u64,
        k: *const u8,
    ) -> (*mut u8, *mut u8) {
        let mut seq = ProbeSeq::new(hash, self.length_mask);
        loop {
            let g = self.group(t, seq.offset);
            // SAFETY: `g` is one of the table's groups (inv. 3).
            let c = unsafe { *ctrl(g) };
            let mut m = match_h2(c, h2(hash));
            while m != 0 {
                let i = first(m);
                let sk = key(t, g, i);
                // SAFETY: a slot of a live group (see `group_get`).
                if unsafe { keys.eq(t, k, sk) } {
                    return (sk, elem(t, g, i));
                }
                m &= m - 1;
            }
            if match_empty(c) != 0 {
                return (std::ptr::null_mut(), std::ptr::null_mut());
            }
            seq.next();
        }
    }

    /// The value slot of `k`, inserting it when absent; `None` when the
    /// table must be rehashed first (gc's `PutSlot`).
    ///
    /// # Safety
    /// A live table of map `h` of type `t`; `k` a key of type `t`.
    pub(super) unsafe fn put_slot<K: Keys>(
        &mut self,
        keys: &K,
        t: &MapType,
        h: &mut Header,
        hash: u64,
        k: *const u8,
    ) -> Option<NonNull<u8>> {
        let mut seq = ProbeSeq::new(hash, self.length_mask);
        let mut deleted: Option<(*mut u8, usize)> = None;
        loop {
            let g = self.group(t, seq.offset);
            // SAFETY: `g` is one of the table's groups (inv. 3).
            let c = unsafe { *ctrl(g) };
            let mut m = match_h2(c, h2(hash));
            while m != 0 {
                let i = first(m);
                let sk = key(t, g, i);
                // SAFETY: a slot of a live group.
                if unsafe { keys.eq(t, k, sk) } {
                    // SAFETY: `sk` is the slot of an equal key.
                    unsafe { write_key(t, sk, k) };
                    return Some(elem_nn(t, g, i));
                }
                m &= m - 1;
            }
            if deleted.is_none() {
                let d = match_empty_or_deleted(c) & !match_empty(c);
                if d != 0 {
                    deleted = Some((g, first(d)));
                }
            }
            let e = match_empty(c);
            if e != 0 {
                // The end of the probe sequence: `k` is absent.
                let (g, i) = match deleted {
                    // A tombstone already counts against `growth_left`.
                    Some(d) => d,
                    None if self.growth_left > 0 => {
                        self.growth_left -= 1;
                        (g, first(e))
                    }
                    None => return None,
                };
                // SAFETY: an empty or deleted slot of a live group.
                unsafe {
                    write_key(t, key(t, g, i), k);
                    set_ctrl(g, i, h2(hash));
                }
                self.used += 1;
                h.used += 1;
                return Some(elem_nn(t, g, i));
            }
            seq.next();
        }
    }

    /// Inserts a key known to be absent into a table with room (growth
    /// and splits), copying its value.
    ///
    /// # Safety
    /// A live table with `growth_left` > 0; `k` and `v` a slot's key and
    /// value of type `t` in another table or group.
    pub(super) unsafe fn unchecked_put(
        &mut self,
        t: &MapType,
        hash: u64,
        k: *const u8,
        v: *const u8,
    ) {
        let mut seq = ProbeSeq::new(hash, self.length_mask);
        loop {
            let g = self.group(t, seq.offset);
            // SAFETY: `g` is one of the table's groups.
            let e = match_empty_or_deleted(unsafe { *ctrl(g) });
            if e != 0 {
                let i = first(e);
                // SAFETY: an empty slot; the source slot is elsewhere.
                unsafe {
                    write_key(t, key(t, g, i), k);
                    std::ptr::copy_nonoverlapping(v, elem(t, g, i), t.val_size as usize);
                    set_ctrl(g, i, h2(hash));
                }
                self.growth_left -= 1;
                self.used += 1;
                return;
            }
            seq.next();
        }
    }

    /// Deletes `k` (gc's `table.Delete`).
    ///
    /// # Safety
    /// A live table of map `h` of type `t`.
    pub(super) unsafe fn delete<K: Keys>(
        &mut self,
        keys: &K,
        t: &MapType,
        h: &mut Header,
        hash: u64,
        k: *const u8,
    ) {
        let mut seq = ProbeSeq::new(hash, self.length_mask);
        loop {
            let g = self.group(t, seq.offset);
            // SAFETY: `g` is one of the table's groups.
            let c = unsafe { *ctrl(g) };
            let mut m = match_h2(c, h2(hash));
            while m != 0 {
                let i = first(m);
                let sk = key(t, g, i);
                // SAFETY: a slot of a live group.
                if unsafe { keys.eq(t, k, sk) } {
                    self.used -= 1;
                    h.used -= 1;
                    // SAFETY: the slot of the key (zeroed: no stale
                    // pointers for the collector).
                    unsafe {
                        std::ptr::write_bytes(sk, 0, t.slot_size as usize);
                        if match_empty(c) != 0 {
                            // No probe sequence passes a group with an
                            // empty slot: the slot can be empty again.
                            set_ctrl(g, i, CTRL_EMPTY);
                            self.growth_left += 1;
                        } else {
                            set_ctrl(g, i, CTRL_DELETED);
                            h.tombstone_possible = 1;
                        }
                    }
                    return;
                }
                m &= m - 1;
            }
            if match_empty(c) != 0 {
                return;
            }
            seq.next();
        }
    }

    /// Calls `f(key, value)` for every full slot.
    ///
    /// # Safety
    /// A live table of type `t`.
    unsafe fn for_each(&self, t: &MapType, mut f: impl FnMut(*mut u8, *mut u8)) {
        for gi in 0..=self.length_mask {
            let g = self.group(t, gi);
            // SAFETY: one of the table's groups.
            let mut full = match_full(unsafe { *ctrl(g) });
            while full != 0 {
                let i = first(full);
                f(key(t, g, i), elem(t, g, i));
                full &= full - 1;
            }
        }
    }
}

/// Makes room in table `tab` of map `h`: grows it, or splits it at the
/// maximum capacity (gc's `rehash`). Every new table, and the doubled
/// directory of a split, is allocated before the map changes: on
/// [`OutOfMemory`] the map is unchanged.
///
/// # Safety
/// `tab` is a live table of map `h` of type `t`.
#[inline(never)]
pub(super) unsafe fn rehash<K: Keys>(
    heap: &mut Heap,
    keys: &K,
    t: &MapType,
    h: &mut Header,
    tab: *mut Table,
) -> Result<(), OutOfMemory> {
    // SAFETY: as the caller guarantees; `old` is the only reference to
    // the table until the entries are copied.
    let old = unsafe { &*tab };
    let (cap, used, index, depth) = (
        old.capacity as u64,
        old.used as u64,
        old.index,
        old.local_depth,
    );
    // Mostly tombstones: rehash at the same size (gc prunes them).
    let live_limit = cap * MAX_AVG_GROUP_LOAD / GROUP_SLOTS as u64 / 2;
    let new_cap = if used <= live_limit { cap } else { 2 * cap };
    let seed = h.seed;
    if new_cap <= MAX_TABLE_CAPACITY {
        let nt = Table::new(heap, t, new_cap, index, depth)?.as_ptr();
        // SAFETY: `old` is live; `nt` new with room for every entry.
        unsafe {
            copy_entries(keys, t, seed, old, nt, nt, 0);
            (*tab).index = -1;
        }
        replace_table(h, nt);
        return Ok(());
    }
    // Split by the hash bit below the table's depth.
    let left = Table::new(heap, t, MAX_TABLE_CAPACITY, -1, depth + 1)?.as_ptr();
    let right = Table::new(heap, t, MAX_TABLE_CAPACITY, -1, depth + 1)?.as_ptr();
    // The doubled directory, when the table had the global depth.
    let new_dir = if depth == h.global_depth {
        let n = h.dir_len as usize;
        Some(alloc(heap, 2 * n * 8, Layout::Pointers)?.cast::<*mut Table>())
    } else {
        None
    };
    let bit = 1u64 << (63 - depth as u32);
    // SAFETY: as above; each half has room for every entry.
    unsafe {
        copy_entries(keys, t, seed, old, left, right, bit);
        install_table_split(h, tab, left, right, new_dir);
        (*tab).index = -1;
    }
    Ok(())
}

/// Copies every entry of `old` into `lo`, or into `hi` when its hash has
/// `bit` set (growth passes one table twice and `bit` = 0). Out of line:
/// the copy loop gets the registers to itself, whatever `rehash` keeps
/// live across it.
///
/// # Safety
/// `old` is a live table of type `t`; `lo` and `hi` are new tables of
/// type `t`, each with room for every entry of `old`.
#[inline(never)]
unsafe fn copy_entries<K: Keys>(
    keys: &K,
    t: &MapType,
    seed: u64,
    old: &Table,
    lo: *mut Table,
    hi: *mut Table,
    bit: u64,
) {
    // SAFETY: as the caller guarantees.
    unsafe {
        old.for_each(t, |k, v| {
            let hash = keys.hash(t, seed, k);
            let dst = if hash & bit == 0 { lo } else { hi };
            (*dst).unchecked_put(t, hash, k, v);
        });
    }
}

/// Points the directory entries of `nt` at it.
fn replace_table(h: &mut Header, nt: *mut Table) {
    // SAFETY: `nt` is live; its entries lie inside the directory (inv. 2).
    unsafe {
        let entries = 1usize << (h.global_depth - (*nt).local_depth);
        let dir = h.dir_ptr.cast::<*mut Table>();
        for i in 0..entries {
            *dir.add((*nt).index as usize + i) = nt;
        }
    }
}

/// Installs the halves of a split table (gc's `installTableSplit`),
/// doubling the directory into `new_dir` when the table had the global
/// depth.
///
/// # Safety
/// `old` is a live table of `h` being split into the new `left`, `right`;
/// `new_dir` is a new array of `2 * dir_len` words when `old` has the
/// global depth, else None.
unsafe fn install_table_split(
    h: &mut Header,
    old: *mut Table,
    left: *mut Table,
    right: *mut Table,
    new_dir: Option<NonNull<*mut Table>>,
) {
    debug_assert_eq!(
        // SAFETY: `old` is live (as the caller guarantees).
        unsafe { (*old).local_depth } == h.global_depth,
        new_dir.is_some()
    );
    if let Some(nd) = new_dir {
        let n = h.dir_len as usize;
        let nd = nd.as_ptr();
        for i in 0..n {
            // SAFETY: `i` < `dir_len`; `nd` holds `2n` entries; every
            // entry is a live table (inv. 2).
            unsafe {
                let tab = *h.dir_ptr.cast::<*mut Table>().add(i);
                *nd.add(2 * i) = tab;
                *nd.add(2 * i + 1) = tab;
                // A table fills consecutive entries: the first time it is
                // met its index is `i`.
                if (*tab).index == i as i64 {
                    (*tab).index = 2 * i as i64;
                }
            }
        }
        h.global_depth += 1;
        h.global_shift -= 1;
        h.dir_ptr = nd.cast();
        h.dir_len = 2 * n as i64;
    }
    // SAFETY: `left` and `right` are new live tables; `old` is live.
    unsafe {
        (*left).index = (*old).index;
        replace_table(h, left);
        let entries = 1i64 << (h.global_depth - (*left).local_depth);
        (*right).index = (*left).index + entries;
    }
    replace_table(h, right);
}
