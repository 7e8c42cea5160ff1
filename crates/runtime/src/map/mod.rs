//! Go maps: Swiss tables in the Go heap, after gc's `internal/runtime/maps`
//! (`map.go`, `table.go`, `group.go`); this file is the design essay and
//! the map-level operations, `table.rs` the tables and groups, `iter.rs`
//! iteration.
//!
//! # Layout
//!
//! A map value is a pointer to a [`Header`] allocated in the Go heap (nil
//! is 0). Every part of a map is Go-heap memory allocated by [`alloc`]:
//!
//! - **Header** (48 bytes, Go's `maps.Map`): `used` (the count), `seed`
//!   (this map's hash seed), `dir_ptr`, `dir_len`, `global_depth`,
//!   `global_shift`, `tombstone_possible`, `clear_seq`. Pointer words: 2.
//!   A *small* map (`dir_len` = 0) keeps up to 8 entries in the one group
//!   `dir_ptr` points to (allocated on the first insert; nil before). A
//!   full map has `dir_ptr` pointing to a *directory* of `dir_len` = 2^
//!   `global_depth` table pointers.
//! - **Directory**: `dir_len` words, each a table pointer (all pointers). A
//!   table of local depth `d` fills 2^(`global_depth` - d) consecutive
//!   entries starting at its `index` (extendible hashing).
//! - **Table** (32 bytes, Go's `table`): `used`, `capacity` (slots, a power
//!   of two from 8 to [`MAX_TABLE_CAPACITY`]), `growth_left`,
//!   `local_depth`, `index`, `groups` (pointer to the groups array),
//!   `length_mask` (groups - 1). Pointer words: 2.
//! - **Groups array**: `capacity / 8` groups, each [`MapType::group_size`]
//!   bytes.
//! - **Group**: a control word — one byte per slot: `EMPTY` (0x80),
//!   `DELETED` (0xFE) or, for a full slot, H2 = the low 7 bits of the
//!   key's hash — then 8 slots.
//! - **Slot**: the key in its Go memory layout at offset 0 (a string key is
//!   its 16-byte header pointing at the string's bytes; a struct key its
//!   fields with gc's padding), then the value in its memory layout at
//!   `val_off` (the key size rounded up to the value's alignment); the slot
//!   size is rounded up to the larger alignment, as gc's slot struct.
//!
//! The pointer layout of a group of each map type is computed at link time
//! ([`MapType::group_ptrs`]: word 0, the control word, is never a pointer;
//! then for each slot the key's and the value's pointer words at their
//! offsets), so that [`alloc`] can switch to typed allocation.
//!
//! # Invariants (what the `unsafe` relies on)
//!
//! 1. A non-nil map pointer points to a live `Header` made by [`make`]; its
//!    type is the map type the instruction names (Go's type safety: the
//!    compiler names the map's static type).
//! 2. `dir_len` = 0: `dir_ptr` is nil or one group of the map's type, and
//!    `used` ≤ 8. `dir_len` > 0: `dir_len` = 2^`global_depth`,
//!    `global_shift` = 64 - `global_depth`, and every directory entry is a
//!    live table of local depth ≤ `global_depth` whose `index` is the
//!    first entry it fills.
//! 3. A table's groups array holds `length_mask + 1` groups; `capacity` =
//!    8 × that; `growth_left` + (full slots) + (deleted slots) ≤
//!    `capacity` × 7/8 (all but one slot for a one-group table), so every
//!    probe sequence meets an empty slot and ends.
//! 4. A slot whose control byte is full (< 0x80) holds an initialised key
//!    and value; a table's `used` and the header's `used` count full slots
//!    (the header's over all tables).
//! 5. A table replaced by growth or a split has `index` = -1 and is never
//!    changed again (iterators that started on it read it).
//! 6. Keys and values in slots satisfy the interpreter's invariants for
//!    their types (strings point to live memory: invariant 4 of
//!    `interp`).
//!
//! # Algorithm
//!
//! 1. Hash the key with foldhash seeded by the map's seed. H1 = hash >> 7
//!    picks the probe start, H2 = hash & 0x7f is stored in the control byte;
//!    the top `global_depth` bits pick the directory entry.
//! 2. Lookup probes groups quadratically (offset, +1, +2, … mod groups),
//!    matching H2 against the 8 control bytes at once (SWAR), comparing the
//!    keys of the matches, and stops at a group with an empty slot.
//! 3. Insert probes the same way, remembers the first deleted slot and
//!    uses it or the first empty slot; when `growth_left` is 0 the table is
//!    rehashed first: into a table of twice the capacity up to
//!    `MAX_TABLE_CAPACITY` (or of the same capacity when at most half the
//!    load is live — the tombstones are dropped), beyond that split into
//!    two tables of one more local depth by the next hash bit, doubling the
//!    directory when the table's depth was the global depth.
//! 4. Delete clears the slot and marks it empty when its group has an empty
//!    slot (no probe sequence passes it), else deleted (a tombstone).
//! 5. Small maps skip the directory: one group, no probing; the ninth key
//!    moves the entries to a table of 16 slots.
//! 6. Iteration (`iter.rs`) starts at a random directory offset and slot
//!    offset, walks the tables it finds, and when a table has been
//!    replaced (inv. 5) looks each key up in the current map to skip
//!    deleted entries and return current values; `clear` (which bumps
//!    `clear_seq`) ends it.
//!
//! # Out of memory
//!
//! [`alloc`] fails when the heap may not grow (the OS refuses memory, or
//! the embedder's hard limit, `Heap::set_hard_limit`, is reached); every
//! allocating operation ([`make`], [`put`]) then returns [`OutOfMemory`]
//! and the interpreter ends the program with Go's `fatal error: runtime:
//! out of memory`. A failed [`put`] leaves the map as it was before the
//! call, every invariant holding: each growth step — a small map's first
//! group, its move to a table, a rehash, a split with its directory
//! doubling — allocates everything it needs before it changes the map,
//! and the objects allocated before the failure are garbage. A failed
//! [`make`] returns no map.
//!
//! # Keys
//!
//! Hashing and equality go by key kind ([`Keys`]): integers, pointers and
//! booleans by their bytes; strings by content; floats with +0 == -0 and
//! NaN unequal to everything (each NaN gets a fresh random hash, so NaN
//! keys spread over the table; none can be found or deleted; `clear`
//! removes them); other comparable types by their canonical bytes
//! (`interp::iface::canon_key`), computed from the key in the slot.
//!
//! # Differs from Go
//!
//! - Values are stored inline always (gc stores keys and values over 128
//!   bytes indirectly).
//! - Keys of other comparable types are hashed and compared through their
//!   canonical bytes (a Rust `Vec` per hash, freed at once) instead of
//!   generated hash and equal functions.
//! - Go prunes tombstones in place (`pruneTombstones`); here a full table
//!   with at most half its load live is rehashed at the same capacity.
//! - No `writing` flag (one goroutine: no concurrent map writes to detect).
//! - Small maps hash their keys (gc's fast variants compare keys directly).

mod iter;
mod table;
#[cfg(test)]
mod tests;

pub use iter::{Iter, iter_init, iter_map, iter_next};

use crate::mem::{GcShape, Heap};
use std::hash::{BuildHasher, Hasher};
use std::ptr::NonNull;
use std::sync::LazyLock;
use table::Table;

/// Slots per group (`abi.MapGroupSlots`).
pub const GROUP_SLOTS: usize = 8;
/// Largest table capacity before a table splits (`maxTableCapacity`).
pub const MAX_TABLE_CAPACITY: u64 = 1024;
/// Average group load at which a table grows (`maxAvgGroupLoad`): 7/8.
const MAX_AVG_GROUP_LOAD: u64 = 7;

/// Key kinds, by how they are hashed and compared.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum KeyKind {
    /// An 8-byte integer or pointer.
    Int64,
    /// A narrower integer or a boolean (`key_size` bytes).
    IntN,
    Str,
    F64,
    F32,
    /// Canonical bytes.
    Gen,
}

/// A map type as the runtime uses it (built at link time from
/// `abi::MapTypeInfo`; no Go pointers).
#[derive(Clone, Debug)]
pub struct MapType {
    pub kind: KeyKind,
    pub key_size: u32,
    pub key_signed: bool,
    /// The key's type index (`Gen` keys).
    pub key_type: u32,
    /// Offset of the value in a slot, its memory size and its frame size.
    pub val_off: u32,
    pub val_size: u32,
    pub val_frame: u32,
    /// A narrow scalar value: 0 no, 1 zero-extended, 2 sign-extended in
    /// the frame.
    pub val_narrow: u8,
    pub slot_size: u32,
    /// 8 (control word) + 8 slots.
    pub group_size: u32,
    /// Pointer bitmap of one group, a bit per 8-byte word.
    pub group_ptrs: Vec<u64>,
    /// The layout of one group for the collector (None: no pointers).
    pub group_shape: Option<Box<GcShape>>,
}

impl MapType {
    pub fn new(t: &abi::MapTypeInfo) -> MapType {
        let kind = match t.key {
            abi::MapKey::Int if t.key_size == 8 => KeyKind::Int64,
            abi::MapKey::Int => KeyKind::IntN,
            abi::MapKey::Str => KeyKind::Str,
            abi::MapKey::F64 => KeyKind::F64,
            abi::MapKey::F32 => KeyKind::F32,
            abi::MapKey::Gen => KeyKind::Gen,
        };
        let (ka, va) = (t.key_align.clamp(1, 8), t.val_align.clamp(1, 8));
        let val_off = t.key_size.next_multiple_of(va);
        let slot_size = (val_off + t.val_size).next_multiple_of(ka.max(va));
        let group_size = 8 + GROUP_SLOTS as u32 * slot_size;
        let mut group_ptrs = vec![0u64; (group_size as usize / 8).div_ceil(64)];
        let mut mark = |off: u32, bits: &[u64]| {
            for (w, word) in bits.iter().enumerate() {
                for b in 0..64 {
                    if word >> b & 1 != 0 {
                        let g = (off / 8) as usize + w * 64 + b;
                        group_ptrs[g / 64] |= 1 << (g % 64);
                    }
                }
            }
        };
        for s in 0..GROUP_SLOTS as u32 {
            // Pointer words are 8-aligned in both key and value (a type
            // holding a pointer is 8-aligned), so offsets divide by 8.
            let base = 8 + s * slot_size;
            mark(base, &t.key_ptrs);
            mark(base + val_off, &t.val_ptrs);
        }
        MapType {
            kind,
            key_size: t.key_size,
            key_signed: t.key_signed,
            key_type: t.key_type,
            val_off,
            val_size: t.val_size,
            val_frame: t.val_frame,
            val_narrow: if t.val_size < 8 && t.val_frame == 8 {
                1 + t.val_signed as u8
            } else {
                0
            },
            slot_size,
            group_size,
            group_shape: group_ptrs.iter().any(|&w| w != 0).then(|| {
                let words = group_ptrs
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, w)| **w != 0)
                    .map_or(0, |(i, w)| 64 * i + 64 - w.leading_zeros() as usize);
                Box::new(GcShape {
                    size: group_size as usize,
                    ptrdata: 8 * words,
                    mask: group_ptrs.clone().into_boxed_slice(),
                })
            }),
            group_ptrs,
        }
    }
}

/// The runtime's map state: the map types of the program and the random
/// source for seeds and iteration starts. Holds no Go pointers.
pub struct Maps {
    pub types: Box<[MapType]>,
    /// xorshift state (atomic: machines on several threads draw from it
    /// without a lock; a lost update only repeats a number).
    rand: std::sync::atomic::AtomicU64,
}

impl Maps {
    pub fn new(prog: &abi::Program, seed: u64) -> Maps {
        Maps {
            types: prog.map_types.iter().map(MapType::new).collect(),
            rand: std::sync::atomic::AtomicU64::new(seed | 1),
        }
    }

    /// A random 64-bit number (Go's `rand()`).
    pub fn rand(&self) -> u64 {
        use std::sync::atomic::Ordering::Relaxed;
        let mut x = self.rand.load(Relaxed);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rand.store(x, Relaxed);
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// The layout of a map object, for the one allocation function.
#[derive(Clone, Copy)]
pub enum Layout<'a> {
    /// A [`Header`].
    Header,
    /// A [`Table`].
    Table,
    /// An array of pointers (a directory).
    Pointers,
    /// An array of groups of map type `t`.
    Groups(&'a MapType),
}

/// Word 2 of a [`Header`] (`dir_ptr`) and of a [`Table`] (`groups`) are
/// their only pointers.
static HEADER_SHAPE: LazyLock<GcShape> = LazyLock::new(|| GcShape {
    size: size_of::<Header>(),
    ptrdata: 24,
    mask: Box::new([1 << 2]),
});
static TABLE_SHAPE: LazyLock<GcShape> = LazyLock::new(|| GcShape {
    size: size_of::<Table>(),
    ptrdata: 24,
    mask: Box::new([1 << 2]),
});
static POINTER_SHAPE: LazyLock<GcShape> = LazyLock::new(GcShape::pointer);

/// A map allocation failed: the heap may not grow (see "Out of memory"
/// above).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct OutOfMemory;

/// The error of [`alloc`], out of line: growth paths stay short.
#[cold]
#[inline(never)]
fn out_of_memory() -> OutOfMemory {
    OutOfMemory
}

/// The one allocation function of maps: `size` zeroed bytes in the Go
/// heap, in the layout `layout` (groups without pointers are noscan), or
/// [`OutOfMemory`].
///
/// The shapes outlive the heap, as `Heap::mallocgc_typed` requires: the
/// fixed ones are statics, a map type's group shape is boxed in the
/// [`MapType`], which [`Maps`] keeps unchanged for the machine's life, and
/// the machine drops its heap before its maps.
pub fn alloc(heap: &mut Heap, size: usize, layout: Layout<'_>) -> Result<NonNull<u8>, OutOfMemory> {
    let shape: Option<&GcShape> = match layout {
        Layout::Header => Some(&HEADER_SHAPE),
        Layout::Table => Some(&TABLE_SHAPE),
        Layout::Pointers => Some(&POINTER_SHAPE),
        Layout::Groups(t) => t.group_shape.as_deref(),
    };
    #[cfg(test)]
    if tests::fail_this_alloc() {
        return Err(out_of_memory());
    }
    // SAFETY: every shape outlives the heap (see above).
    let p = unsafe { heap.mallocgc_typed(size, shape, true) };
    NonNull::new(p).ok_or_else(out_of_memory)
}

/// The map header (Go's `maps.Map`), in the Go heap.
#[repr(C)]
pub struct Header {
    pub used: u64,
    pub seed: u64,
    /// The small map's group, or the directory.
    pub dir_ptr: *mut u8,
    /// 0 for a small map.
    pub dir_len: i64,
    pub global_depth: u8,
    pub global_shift: u8,
    pub tombstone_possible: u8,
    /// Set while a machine writes the map with others running (Go's
    /// `writing`): writes are serialized by the runtime lock, but a read
    /// on another machine that sees it set is Go's `concurrent map read
    /// and map write` fatal error.
    pub writing: u8,
    _pad: [u8; 4],
    pub clear_seq: u64,
}

// ---------------------------------------------------------------------------
// Keys

/// How keys of one kind hash and compare. `k`, `a`, `b` point to keys in
/// memory form.
pub trait Keys {
    /// # Safety
    /// `k` points to a key of map type `t`.
    unsafe fn hash(&self, t: &MapType, seed: u64, k: *const u8) -> u64;
    /// # Safety
    /// `a` and `b` point to keys of map type `t`.
    unsafe fn eq(&self, t: &MapType, a: *const u8, b: *const u8) -> bool;
}

#[inline(always)]
fn hash_u64(seed: u64, v: u64) -> u64 {
    foldhash::fast::FixedState::with_seed(seed).hash_one(v)
}

fn hash_bytes(seed: u64, b: &[u8]) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(seed).build_hasher();
    h.write(b);
    h.write_u8(0xff);
    h.finish()
}

/// A fresh random hash for a NaN (Go's `randomizing` NaN hash): NaN keys
/// spread over the table instead of sharing one probe sequence.
fn nan_hash(seed: u64) -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NAN_SEQ: AtomicU64 = AtomicU64::new(0);
    hash_u64(
        seed ^ 0x9e37_79b9_7f4a_7c15,
        NAN_SEQ.fetch_add(1, Ordering::Relaxed),
    )
}

/// Integer, pointer, boolean and float keys.
pub struct Scalar;

impl Scalar {
    /// # Safety
    /// `k` points to `t.key_size` readable bytes.
    #[inline(always)]
    unsafe fn word(t: &MapType, k: *const u8) -> u64 {
        // SAFETY: as the caller guarantees; slots and key areas are
        // readable at any alignment through `read_unaligned`.
        unsafe {
            match t.key_size {
                8 => k.cast::<u64>().read_unaligned(),
                4 => u64::from(k.cast::<u32>().read_unaligned()),
                2 => u64::from(k.cast::<u16>().read_unaligned()),
                _ => u64::from(*k),
            }
        }
    }
}

impl Keys for Scalar {
    #[inline(always)]
    unsafe fn hash(&self, t: &MapType, seed: u64, k: *const u8) -> u64 {
        // SAFETY: `k` points to a key of type `t`.
        let w = unsafe { Scalar::word(t, k) };
        match t.kind {
            KeyKind::F64 => {
                let f = f64::from_bits(w);
                if f.is_nan() {
                    return nan_hash(seed);
                }
                hash_u64(seed, if f == 0.0 { 0 } else { w })
            }
            KeyKind::F32 => {
                let f = f32::from_bits(w as u32);
                if f.is_nan() {
                    return nan_hash(seed);
                }
                hash_u64(seed, if f == 0.0 { 0 } else { w })
            }
            _ => hash_u64(seed, w),
        }
    }

    #[inline(always)]
    unsafe fn eq(&self, t: &MapType, a: *const u8, b: *const u8) -> bool {
        // SAFETY: both point to keys of type `t`.
        let (x, y) = unsafe { (Scalar::word(t, a), Scalar::word(t, b)) };
        match t.kind {
            KeyKind::F64 => f64::from_bits(x) == f64::from_bits(y),
            KeyKind::F32 => f32::from_bits(x as u32) == f32::from_bits(y as u32),
            _ => x == y,
        }
    }
}

/// String keys: a 16-byte header (pointer, length).
pub struct Str;

impl Str {
    /// # Safety
    /// `k` points to a string header satisfying inv. 6.
    #[inline(always)]
    unsafe fn bytes<'a>(k: *const u8) -> &'a [u8] {
        // SAFETY: a string header is two words; its pointer addresses
        // `len` live bytes (inv. 6).
        unsafe {
            let [p, n] = k.cast::<[u64; 2]>().read_unaligned();
            if n == 0 {
                return &[];
            }
            std::slice::from_raw_parts(p as *const u8, n as usize)
        }
    }
}

impl Keys for Str {
    #[inline(always)]
    unsafe fn hash(&self, _: &MapType, seed: u64, k: *const u8) -> u64 {
        // SAFETY: `k` points to a string key.
        hash_bytes(seed, unsafe { Str::bytes(k) })
    }

    #[inline(always)]
    unsafe fn eq(&self, _: &MapType, a: *const u8, b: *const u8) -> bool {
        // SAFETY: both point to string keys.
        unsafe {
            let (la, lb) = (*a.cast::<[u64; 2]>(), *b.cast::<[u64; 2]>());
            la[1] == lb[1] && (la[0] == lb[0] || Str::bytes(a) == Str::bytes(b))
        }
    }
}

/// Keys of other comparable types, through their canonical bytes (a
/// leading `N` marks a key holding a NaN, which equals nothing).
pub struct Canon<'a>(pub &'a dyn Fn(*const u8) -> Vec<u8>);

impl Keys for Canon<'_> {
    unsafe fn hash(&self, _: &MapType, seed: u64, k: *const u8) -> u64 {
        let c = (self.0)(k);
        if c.first() == Some(&b'N') {
            return nan_hash(seed);
        }
        hash_bytes(seed, &c)
    }

    unsafe fn eq(&self, _: &MapType, a: *const u8, b: *const u8) -> bool {
        let ca = (self.0)(a);
        ca.first() != Some(&b'N') && ca == (self.0)(b)
    }
}

// ---------------------------------------------------------------------------
// Map operations

/// `make(map[K]V, hint)` (gc's `makemap`): a small map when the hint is at
/// most 8, else a directory of tables sized to hold `hint` entries without
/// growing. A negative or impossible hint gives an empty small map, as gc.
/// The map is only returned whole: on [`OutOfMemory`] what was allocated
/// is garbage.
pub fn make(
    heap: &mut Heap,
    maps: &Maps,
    ti: usize,
    hint: i64,
) -> Result<NonNull<Header>, OutOfMemory> {
    let seed = maps.rand();
    let m = alloc(heap, size_of::<Header>(), Layout::Header)?.cast::<Header>();
    // SAFETY: `alloc` returned zeroed, 8-aligned memory for a header.
    let h = unsafe { &mut *m.as_ptr() };
    h.seed = seed;
    let hint = hint.max(0) as u64;
    if hint <= GROUP_SLOTS as u64 {
        return Ok(m);
    }
    let t = &maps.types[ti];
    let Some(target) = hint.checked_mul(GROUP_SLOTS as u64) else {
        return Ok(m);
    };
    let target = target / MAX_AVG_GROUP_LOAD;
    let dir_size = target.div_ceil(MAX_TABLE_CAPACITY).next_power_of_two();
    // Reject hints that cannot be allocated (gc compares with maxAlloc).
    if dir_size
        .checked_mul(MAX_TABLE_CAPACITY / GROUP_SLOTS as u64)
        .and_then(|g| g.checked_mul(t.group_size as u64))
        .is_none_or(|b| b > 1 << 40)
    {
        return Ok(m);
    }
    h.global_depth = dir_size.trailing_zeros() as u8;
    h.global_shift = 64 - h.global_depth;
    let dir = alloc(heap, dir_size as usize * 8, Layout::Pointers)?.cast::<*mut Table>();
    for i in 0..dir_size as usize {
        let tab = Table::new(heap, t, target / dir_size, i as i64, h.global_depth)?;
        // SAFETY: `dir` holds `dir_size` words.
        unsafe { *dir.as_ptr().add(i) = tab.as_ptr() };
    }
    h.dir_ptr = dir.as_ptr().cast();
    h.dir_len = dir_size as i64;
    Ok(m)
}

impl Header {
    /// The directory entry for `hash` (inv. 2).
    ///
    /// # Safety
    /// The map is not small.
    #[inline(always)]
    unsafe fn table_for(&self, hash: u64) -> *mut Table {
        let i = if self.dir_len == 1 {
            0
        } else {
            (hash >> (self.global_shift & 63)) as usize
        };
        // SAFETY: `i` < `dir_len` = 2^global_depth (inv. 2).
        unsafe { *self.dir_ptr.cast::<*mut Table>().add(i) }
    }

    /// # Safety
    /// `i` < `dir_len`.
    #[inline(always)]
    unsafe fn dir_at(&self, i: usize) -> *mut Table {
        // SAFETY: as the caller guarantees (inv. 2).
        unsafe { *self.dir_ptr.cast::<*mut Table>().add(i) }
    }
}

/// The value slot of key `k` in map `m`, or null (gc's `mapaccess`).
///
/// # Safety
/// `m` is nil or a map of type `t` (inv. 1); `k` points to a key of type
/// `t` in memory form.
#[inline(always)]
pub unsafe fn get<K: Keys>(keys: &K, t: &MapType, m: *mut Header, k: *const u8) -> *mut u8 {
    if m.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: inv. 1.
    let h = unsafe { &*m };
    if h.used == 0 {
        return std::ptr::null_mut();
    }
    // SAFETY: `k` is a key of type `t`.
    let hash = unsafe { keys.hash(t, h.seed, k) };
    // SAFETY: inv. 2: a small map with entries has its group.
    unsafe {
        if h.dir_len == 0 {
            return table::group_get(keys, t, h.dir_ptr, hash, k).1;
        }
        (*h.table_for(hash)).get(keys, t, hash, k).1
    }
}

/// The key and value slots of key `k` (for iteration over a grown map).
///
/// # Safety
/// As [`get`], `m` non-nil.
unsafe fn get_with_key<K: Keys>(
    keys: &K,
    t: &MapType,
    m: *mut Header,
    k: *const u8,
) -> (*mut u8, *mut u8) {
    // SAFETY: as the caller guarantees.
    unsafe {
        let h = &*m;
        if h.used == 0 {
            return (std::ptr::null_mut(), std::ptr::null_mut());
        }
        let hash = keys.hash(t, h.seed, k);
        if h.dir_len == 0 {
            return table::group_get(keys, t, h.dir_ptr, hash, k);
        }
        (*h.table_for(hash)).get(keys, t, hash, k)
    }
}

/// The value slot for key `k` in map `m`, inserting the key (with a zero
/// value) when absent (gc's `mapassign`). On [`OutOfMemory`] the map is
/// unchanged (see "Out of memory" above).
///
/// # Safety
/// `m` is a non-nil map of type `t` (inv. 1); `k` points to a key of type
/// `t` in memory form that does not alias the map.
pub unsafe fn put<K: Keys>(
    heap: &mut Heap,
    keys: &K,
    t: &MapType,
    m: *mut Header,
    k: *const u8,
) -> Result<NonNull<u8>, OutOfMemory> {
    // SAFETY: inv. 1; `m` is not aliased by a live reference.
    let h = unsafe { &mut *m };
    // SAFETY: `k` is a key of type `t`.
    let hash = unsafe { keys.hash(t, h.seed, k) };
    if h.dir_len == 0 {
        if h.dir_ptr.is_null() {
            h.dir_ptr = table::new_groups(heap, t, 1)?.as_ptr();
        }
        // SAFETY: a small map's group (inv. 2).
        if let Some(v) = unsafe { table::small_put(keys, t, h, hash, k) } {
            return Ok(v);
        }
        // SAFETY: the small map is full (inv. 2).
        unsafe { table::grow_to_table(heap, keys, t, h)? };
    }
    loop {
        // SAFETY: a full map (inv. 2).
        let tab = unsafe { h.table_for(hash) };
        // SAFETY: a live table of this map.
        if let Some(v) = unsafe { (*tab).put_slot(keys, t, h, hash, k) } {
            return Ok(v);
        }
        // SAFETY: as above; the table is full, rehash it and retry.
        unsafe { table::rehash(heap, keys, t, h, tab)? };
    }
}

/// `delete(m, k)`.
///
/// # Safety
/// As [`get`].
pub unsafe fn delete<K: Keys>(keys: &K, t: &MapType, m: *mut Header, k: *const u8) {
    if m.is_null() {
        return;
    }
    // SAFETY: inv. 1.
    let h = unsafe { &mut *m };
    if h.used == 0 {
        return;
    }
    // SAFETY: `k` is a key of type `t`; inv. 2.
    unsafe {
        let hash = keys.hash(t, h.seed, k);
        if h.dir_len == 0 {
            table::small_delete(keys, t, h, hash, k);
        } else {
            let tab = h.table_for(hash);
            (*tab).delete(keys, t, h, hash, k);
        }
    }
}

/// `clear(m)`: every entry goes, NaN keys included; iterations in
/// progress end (`clear_seq`).
///
/// # Safety
/// `m` is nil or a map of type `t`.
pub unsafe fn clear(maps: &Maps, t: &MapType, m: *mut Header) {
    if m.is_null() {
        return;
    }
    // SAFETY: inv. 1.
    let h = unsafe { &mut *m };
    if h.used == 0 && h.tombstone_possible == 0 {
        // Nothing to clear (as gc).
        return;
    }
    if h.dir_len == 0 {
        if !h.dir_ptr.is_null() {
            // SAFETY: the small map's group (inv. 2).
            unsafe { table::clear_groups(t, h.dir_ptr, 1) };
        }
    } else {
        let mut i = 0;
        while i < h.dir_len as usize {
            // SAFETY: `i` < `dir_len`.
            let tab = unsafe { &mut *h.dir_at(i) };
            tab.reset(t);
            i += 1 << (h.global_depth - tab.local_depth);
        }
    }
    h.used = 0;
    h.tombstone_possible = 0;
    h.clear_seq = h.clear_seq.wrapping_add(1);
    // A new seed, as gc (a cleared map need not keep its hash).
    h.seed = maps.rand();
}

/// `len(m)`.
///
/// # Safety
/// `m` is nil or a map (inv. 1).
#[inline(always)]
pub unsafe fn len(m: *const Header) -> u64 {
    if m.is_null() {
        0
    } else {
        // SAFETY: inv. 1.
        unsafe { (*m).used }
    }
}

// ---------------------------------------------------------------------------
// Frame forms

/// Writes the key in slot `k` in its frame form at `dst` (16 bytes): an
/// 8-byte scalar normalised (narrow integers sign- or zero-extended), a
/// string header, or for `Gen` keys a pointer to the slot's key.
///
/// # Safety
/// `k` is a full key slot of type `t`; `dst` 16 writable bytes.
#[inline(always)]
pub unsafe fn key_to_frame(t: &MapType, k: *const u8, dst: *mut [u64; 2]) {
    // SAFETY: as the caller guarantees.
    unsafe {
        *dst = match t.kind {
            KeyKind::Str => k.cast::<[u64; 2]>().read_unaligned(),
            KeyKind::Gen => [k as u64, 0],
            _ => {
                let w = Scalar::word(t, k);
                let bits = 8 * t.key_size;
                let w = if t.key_signed && bits < 64 {
                    (((w << (64 - bits)) as i64) >> (64 - bits)) as u64
                } else {
                    w
                };
                [w, 0]
            }
        };
    }
}

/// The key at frame offset `k` (16 bytes) as memory form: the frame form
/// of every kind but `Gen` is its memory form (little-endian: a narrow
/// integer's low bytes come first); a `Gen` key slot holds a pointer.
///
/// # Safety
/// `k` points to a key area of a map instruction of type `t`.
#[inline(always)]
pub unsafe fn key_ptr(t: &MapType, k: *const u8) -> *const u8 {
    if t.kind == KeyKind::Gen {
        // SAFETY: the key area's first word is the key's address.
        unsafe { *k.cast::<*const u8>() }
    } else {
        k
    }
}

/// Copies the value in slot `v` to its frame form at `dst`
/// (`val_frame` bytes).
///
/// # Safety
/// `v` a value slot of type `t`; `dst` `val_frame` writable bytes.
#[inline(always)]
pub unsafe fn val_to_frame(t: &MapType, v: *const u8, dst: *mut u8) {
    // SAFETY: as the caller guarantees.
    unsafe {
        if t.val_size == 8 {
            dst.cast::<u64>().write(v.cast::<u64>().read_unaligned());
            return;
        }
        if t.val_narrow != 0 {
            // (No local's address is taken: handlers must keep their tail
            // calls.)
            let mut w = match t.val_size {
                4 => u64::from(v.cast::<u32>().read_unaligned()),
                2 => u64::from(v.cast::<u16>().read_unaligned()),
                1 => u64::from(*v),
                _ => 0,
            };
            let bits = 8 * t.val_size;
            if t.val_narrow == 2 {
                w = (((w << (64 - bits)) as i64) >> (64 - bits)) as u64;
            }
            dst.cast::<u64>().write(w);
            return;
        }
        std::ptr::copy_nonoverlapping(v, dst, t.val_size as usize);
        std::ptr::write_bytes(
            dst.add(t.val_size as usize),
            0,
            (t.val_frame - t.val_size) as usize,
        );
    }
}

/// Stores the frame-form value at `src` into value slot `v`.
///
/// # Safety
/// `v` a value slot of type `t`; `src` `val_frame` readable bytes.
#[inline(always)]
pub unsafe fn val_from_frame(t: &MapType, src: *const u8, v: *mut u8) {
    // SAFETY: as the caller guarantees (the frame form's first
    // `val_size` bytes are the memory form, little-endian).
    unsafe {
        if t.val_size == 8 {
            v.cast::<u64>().write_unaligned(src.cast::<u64>().read());
        } else {
            std::ptr::copy_nonoverlapping(src, v, t.val_size as usize);
        }
    }
}

/// Zeroes the frame form of a value at `dst` (a missing key's value).
///
/// # Safety
/// `dst` `val_frame` writable bytes.
#[inline(always)]
pub unsafe fn zero_frame(t: &MapType, dst: *mut u8) {
    // SAFETY: as the caller guarantees.
    unsafe { std::ptr::write_bytes(dst, 0, t.val_frame as usize) };
}
