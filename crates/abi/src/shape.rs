//! Pointer layouts (GC shapes): which words of heap objects, package
//! variables and frames may hold pointers, for the precise collector.
//!
//! # The rule
//!
//! Every heap allocation names the layout of what it allocates, as Go's
//! `mallocgc(size, typ, needzero)` does with `typ`'s `abi.Type` (`Size_`,
//! `PtrBytes`, `GCData`):
//!
//! 1. An instruction whose opcode allocates memory the program describes
//!    ([`Op::alloc`] is [`Alloc::Typed`]) either has an entry in
//!    [`FuncInfo::alloc_shapes`] — `(pc, shape)`, `shape` indexing
//!    [`Program::shapes`] — or is listed in [`FuncInfo::alloc_noscan`]:
//!    the compiler proved the memory holds no pointers. Never both,
//!    never neither ([`FuncInfo::verify_allocs`] checks it).
//! 2. The allocation's size is the instruction's as before; it holds
//!    `size / shape.size` elements of the shape end to end (Go's
//!    `mallocgc(n*elem.size, elem, …)`): for `New` the shape's size
//!    divides `c`, for `MakeSlice`, `Grow` and `AppendSlice` it equals the
//!    element size `c`, for `OsArgs` it is a string's 16 bytes.
//! 3. Only pointerful shapes are interned ([`GcShapeInfo::ptrdata`] > 0):
//!    a pointer-free allocation has no shape and gets noscan memory.
//! 4. Opcodes whose allocations are pointer-free by definition
//!    ([`Alloc::NoScan`]: string and byte/rune conversions,
//!    concatenation, `Getenv`) carry no entry.
//!
//! # What holds a pointer
//!
//! As gc's `types.PtrDataSize` and `reflectdata`'s masks: pointers,
//! `unsafe.Pointer`, chans, funcs (a func value points to a closure
//! object), a string's or slice's first word, both words of an interface
//! (the type or itab word points outside the heap, which the collector
//! ignores, as gc's does); structs and arrays compose their parts.
//!
//! Differs from Go: a map value is today a handle (an index into the
//! runtime's table of maps), not a pointer, so map words are not marked;
//! they will be when maps move into the Go heap. The map contents live in
//! the runtime's tables, outside the Go heap, and are the runtime's to
//! scan.
//!
//! [`Op::alloc`]: crate::Op::alloc
//! [`FuncInfo::alloc_shapes`]: crate::FuncInfo::alloc_shapes
//! [`FuncInfo::alloc_noscan`]: crate::FuncInfo::alloc_noscan
//! [`FuncInfo::verify_allocs`]: crate::FuncInfo::verify_allocs
//! [`Program::shapes`]: crate::Program::shapes

/// The pointer layout of one element of an allocation (what Go's
/// `abi.Type` gives the collector: `Size_`, `PtrBytes`, `GCData`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct GcShapeInfo {
    /// Bytes of one element.
    pub size: u32,
    /// Bytes from the element's start up to and including its last
    /// pointer word (gc's `PtrBytes`): words beyond it are never scanned.
    pub ptrdata: u32,
    /// Bit `i % 64` of `mask[i / 64]` is set when 8-byte word `i` of an
    /// element may hold a pointer; `ptrdata / 8` bits are meaningful.
    pub mask: Vec<u64>,
}

impl GcShapeInfo {
    /// Whether word `i` of an element may hold a pointer.
    pub fn is_ptr(&self, i: u32) -> bool {
        mask_bit(&self.mask, i)
    }
}

/// Whether bit `i` of a pointer bitmap is set.
pub fn mask_bit(mask: &[u64], i: u32) -> bool {
    mask.get(i as usize / 64)
        .is_some_and(|w| w >> (i % 64) & 1 != 0)
}

/// Index of a shape in [`crate::Program::shapes`].
pub type ShapeIdx = u32;

/// What an opcode allocates in the Go heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alloc {
    /// Nothing (or only runtime tables outside the Go heap: maps).
    None,
    /// Memory whose layout the compiler gives per instruction (rule 1).
    Typed,
    /// Memory that never holds pointers (bytes, runes).
    NoScan,
}

/// Writes a pointer bitmap as `0b…` with word 0 rightmost, for listings.
pub fn fmt_mask(mask: &[u64], words: u32) -> String {
    if words == 0 {
        return "-".into();
    }
    let bits: String = (0..words)
        .rev()
        .map(|i| if mask_bit(mask, i) { '1' } else { '0' })
        .collect();
    format!("0b{bits}")
}

/// The number of words up to and including the last set bit.
pub fn mask_words(mask: &[u64]) -> u32 {
    mask.iter()
        .enumerate()
        .rev()
        .find(|(_, w)| **w != 0)
        .map_or(0, |(k, w)| k as u32 * 64 + 64 - w.leading_zeros())
}
