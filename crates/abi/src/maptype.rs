//! Map types: what the runtime needs to know about `map[K]V` (gc's
//! `internal/abi.MapType`, reduced to plain data).
//!
//! Every map instruction names its map type by index into
//! [`crate::Program::map_types`] (operand `c`). The runtime turns each entry
//! into the slot and group layout of `runtime::map` at link time.

use crate::TypeIdx;

/// How the runtime hashes and compares the keys of a map type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum MapKey {
    /// Integers, booleans, pointers, maps, channels: their bytes (the frame
    /// slot holds the value normalised to 8 bytes).
    #[default]
    Int = 0,
    /// Strings: by content (length, then bytes).
    Str = 1,
    /// `float64`: `+0 == -0`, NaN unequal to everything.
    F64 = 2,
    /// `float32`: as `F64`.
    F32 = 3,
    /// Any other comparable type (structs, arrays, interfaces, complex):
    /// the key slot in the frame holds a pointer to the key in memory form
    /// (and the key's type index); hashing and equality go through the
    /// type's canonical bytes.
    Gen = 4,
}

/// One map type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapTypeInfo {
    pub key: MapKey,
    /// Size and alignment of the key in memory (gc's layout).
    pub key_size: u32,
    pub key_align: u32,
    /// Narrow integer keys: whether they are sign-extended in the frame.
    pub key_signed: bool,
    /// The key's type descriptor (`Program::types`), used for `Gen` keys.
    pub key_type: TypeIdx,
    /// Size and alignment of the value in memory.
    pub val_size: u32,
    pub val_align: u32,
    /// Bytes of the value in a frame (at least `val_size`, a multiple of 8).
    pub val_frame: u32,
    /// A narrow scalar value (`val_size` < 8 in an 8-byte frame slot):
    /// whether it is sign-extended in the frame.
    pub val_signed: bool,
    /// Pointer words of the key and the value: bit `i % 64` of word
    /// `i / 64` is set when the key's (value's) 8-byte word `i` may hold a
    /// pointer (gc's `GCData` bitmap).
    pub key_ptrs: Vec<u64>,
    pub val_ptrs: Vec<u64>,
}

/// Bytes of a map iteration's state in the frame (Go's `hiter`, a stack
/// struct): `MapIter` initialises it, `MapNext` advances it.
pub const MAP_ITER_SIZE: u32 = 80;
/// The words of the iteration state that hold pointers (the map, the
/// table and the group being iterated: words 0, 1 and 2), for the stack
/// maps.
pub const MAP_ITER_PTR_WORDS: &[u32] = &[0, 1, 2];
