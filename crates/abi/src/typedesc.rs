//! Type descriptors in `internal/abi`'s byte layout.
//!
//! [`layout`] turns the program's type table ([`crate::TypeInfo`]) into one
//! block of bytes holding, for every type, the reference release's
//! `abi.Type` followed by its kind's extension (`ArrayType`, `ChanType`,
//! `FuncType`, `InterfaceType`, `MapType`, `PtrType`, `SliceType`,
//! `StructType`), the `UncommonType` of defined types and types with
//! methods, and the arrays these point to (function parameters, struct
//! fields, interface and concrete methods), then the names (`abi.Name`
//! encoding) and pointer bitmaps (`GCData`) they refer to. The runtime
//! places the block at a stable address and relocates it; an interface's
//! type word is then the address of an `abi.Type`, as in gc, and the
//! standard library's `reflect` can read the same bytes.
//!
//! Layout (amd64, offsets in bytes):
//! - `abi.Type` (48): Size_ 0, PtrBytes 8, Hash 16, TFlag 20, Align_ 21,
//!   FieldAlign_ 22, Kind_ 23, Equal 24, GCData 32, Str 40, PtrToThis 44.
//! - extensions from 48: Array {Elem, Slice, Len} 72; Chan {Elem, Dir} 64;
//!   Func {InCount u16, OutCount u16 (top bit: variadic)} 56, its in and out
//!   `*Type`s after the uncommon type; Interface {PkgPath Name, Methods
//!   []Imethod} 80; Map {Key, Elem, Group, Hasher, GroupSize, SlotSize,
//!   ElemOff, Flags u32} 112; Pointer and Slice {Elem} 56; Struct {PkgPath
//!   Name, Fields []StructField} 80; other kinds none.
//! - `UncommonType` (16) right after: PkgPath NameOff, Mcount, Xcount,
//!   Moff (from the uncommon type to its `[Mcount]Method`).
//! - `NameOff` and `TypeOff` are offsets from the start of the block (gc:
//!   from `moduledata.types`); `TextOff` is a function id.
//!
//! Each descriptor is preceded by one word holding its index in the type
//! table, for the runtime's own lookups (the word is outside `abi.Type`).
//!
//! Differs from gc: `Hash` is FNV-1a of the type string, not of the
//! linker's symbol name (equal types share one descriptor here, so the hash
//! only speeds up lookups); `Equal` is nil and equality is described by
//! [`crate::Equal`]; `PtrToThis`, `ArrayType.Slice` and `MapType.Group` and
//! `Hasher` are zero; `TFlagExtraStar` is never set.

use crate::{Equal, Kind, Program, TypeIdx, TypeInfo};
use std::collections::HashMap;

/// Size of `abi.Type`.
pub const TYPE_SIZE: u32 = 48;
pub const OFF_SIZE: u32 = 0;
pub const OFF_PTRBYTES: u32 = 8;
pub const OFF_HASH: u32 = 16;
pub const OFF_TFLAG: u32 = 20;
pub const OFF_ALIGN: u32 = 21;
pub const OFF_FIELD_ALIGN: u32 = 22;
pub const OFF_KIND: u32 = 23;
pub const OFF_EQUAL: u32 = 24;
pub const OFF_GCDATA: u32 = 32;
pub const OFF_STR: u32 = 40;
pub const OFF_PTR_TO_THIS: u32 = 44;

pub const TFLAG_UNCOMMON: u8 = 1 << 0;
pub const TFLAG_NAMED: u8 = 1 << 2;
pub const TFLAG_REGULAR_MEMORY: u8 = 1 << 3;
pub const TFLAG_DIRECT_IFACE: u8 = 1 << 5;

/// `abi.MapType` flags.
pub const MAP_NEED_KEY_UPDATE: u32 = 1 << 0;
pub const MAP_HASH_MIGHT_PANIC: u32 = 1 << 1;
pub const MAP_INDIRECT_KEY: u32 = 1 << 2;
pub const MAP_INDIRECT_ELEM: u32 = 1 << 3;

/// The laid-out descriptors of a program.
#[derive(Clone, Debug, Default)]
pub struct TypeDescs {
    /// The block, a whole number of words, to be placed at an 8-aligned
    /// address.
    pub bytes: Vec<u8>,
    /// Where each type's `abi.Type` starts in `bytes`.
    pub offsets: Vec<u32>,
    /// Offsets of the words that hold an address in the block, written as
    /// an offset from its start: the runtime adds the block's address.
    pub relocs: Vec<u32>,
}

/// Size of a kind's extension of `abi.Type`, the uncommon type excluded.
fn kind_size(kind: Kind) -> u32 {
    match kind {
        Kind::Array => 72,
        Kind::Chan => 64,
        Kind::Func => 56,
        Kind::Interface | Kind::Struct => 80,
        Kind::Map => 112,
        Kind::Pointer | Kind::Slice => 56,
        _ => TYPE_SIZE,
    }
}

/// Whether a type has a name: defined types, and the predeclared types
/// (every type of a scalar kind, or string, that is not defined is one).
fn has_name(t: &TypeInfo) -> bool {
    t.named
        || matches!(
            t.kind,
            Kind::Bool
                | Kind::Int
                | Kind::Int8
                | Kind::Int16
                | Kind::Int32
                | Kind::Int64
                | Kind::Uint
                | Kind::Uint8
                | Kind::Uint16
                | Kind::Uint32
                | Kind::Uint64
                | Kind::Uintptr
                | Kind::Float32
                | Kind::Float64
                | Kind::Complex64
                | Kind::Complex128
                | Kind::String
                | Kind::UnsafePointer
        )
}

/// Whether a type gets an `UncommonType`: named types and types with
/// methods.
fn has_uncommon(t: &TypeInfo) -> bool {
    has_name(t) || !t.methods.is_empty()
}

/// Where a type's arrays (function parameters, struct fields, interface
/// methods) start, from its `abi.Type`: after the kind's extension and the
/// uncommon type.
fn arrays_at(t: &TypeInfo) -> u32 {
    kind_size(t.kind) + if has_uncommon(t) { 16 } else { 0 }
}

/// Bytes of a type's arrays; its `Method`s follow them.
fn arrays_size(t: &TypeInfo) -> u32 {
    match t.kind {
        Kind::Func => 8 * (t.params.len() + t.results.len()) as u32,
        Kind::Struct => 24 * t.fields.len() as u32,
        Kind::Interface => 8 * t.imethods.len() as u32,
        _ => 0,
    }
}

/// Bytes a type's descriptor takes, its index word included.
fn desc_size(t: &TypeInfo) -> u32 {
    (8 + arrays_at(t) + arrays_size(t) + 16 * t.methods.len() as u32).next_multiple_of(8)
}

/// A method key (`Name(sig)`) without its signature.
fn method_name(key: &str) -> &str {
    key.split_once('(').map_or(key, |(n, _)| n)
}

fn exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// FNV-1a, 32 bits.
fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

/// Lays out every type of `prog` (see the module comment).
pub fn layout(prog: &Program) -> TypeDescs {
    let mut offsets = Vec::with_capacity(prog.types.len());
    let mut end = 0u32;
    for t in &prog.types {
        offsets.push(end + 8);
        end += desc_size(t);
    }
    let mut w = Writer {
        bytes: vec![0; end as usize],
        relocs: Vec::new(),
        names: HashMap::new(),
    };
    let toff = |i: Option<TypeIdx>| i.map_or(0, |i| offsets[i as usize]);
    for (idx, t) in prog.types.iter().enumerate() {
        let at = offsets[idx];
        w.u64(at - 8, idx as u64);
        w.u64(at + OFF_SIZE, t.size as u64);
        w.u64(at + OFF_PTRBYTES, t.ptrdata as u64);
        w.u32(at + OFF_HASH, fnv32(&t.name));
        let mut tflag = 0;
        if has_uncommon(t) {
            tflag |= TFLAG_UNCOMMON;
        }
        if has_name(t) {
            tflag |= TFLAG_NAMED;
        }
        if regular_memory(prog, t) {
            tflag |= TFLAG_REGULAR_MEMORY;
        }
        if t.direct {
            tflag |= TFLAG_DIRECT_IFACE;
        }
        w.bytes[(at + OFF_TFLAG) as usize] = tflag;
        w.bytes[(at + OFF_ALIGN) as usize] = t.align;
        w.bytes[(at + OFF_FIELD_ALIGN) as usize] = t.field_align;
        w.bytes[(at + OFF_KIND) as usize] = t.kind as u8;
        if let Some(s) = t.shape
            && t.ptrdata > 0
        {
            let mask = &prog.shapes[s as usize].mask;
            let nbytes = (t.ptrdata / 8).div_ceil(8) as usize;
            let bytes: Vec<u8> = mask
                .iter()
                .flat_map(|m| m.to_le_bytes())
                .take(nbytes)
                .collect();
            let off = w.blob(bytes);
            w.ptr(at + OFF_GCDATA, off);
        }
        let s = w.name(&t.name, false, false, "");
        w.u32(at + OFF_STR, s);
        let ext = at + TYPE_SIZE;
        let arr = at + arrays_at(t);
        match t.kind {
            Kind::Array => {
                w.ptr_to(ext, toff(t.elem));
                w.u64(ext + 16, t.len);
            }
            Kind::Chan => {
                w.ptr_to(ext, toff(t.elem));
                w.u64(ext + 8, t.chan_dir as u64);
            }
            Kind::Pointer | Kind::Slice => w.ptr_to(ext, toff(t.elem)),
            Kind::Map => {
                w.ptr_to(ext, toff(t.key));
                w.ptr_to(ext + 8, toff(t.elem));
                let key = t.key.map(|k| &prog.types[k as usize]);
                let val = t.elem.map(|e| &prog.types[e as usize]);
                // A slot is `struct { key K; elem V }`, keys and values over
                // 128 bytes held indirectly (gc's swiss map layout).
                let slot_part = |t: Option<&TypeInfo>| match t {
                    Some(t) if t.size > 128 => (8u32, 8u8),
                    Some(t) => (t.size, t.align.max(1)),
                    None => (0, 1),
                };
                let ((ks, ka), (vs, va)) = (slot_part(key), slot_part(val));
                let elem_off = (ks as u64).next_multiple_of(va as u64);
                let slot = (elem_off + vs as u64).next_multiple_of((ka.max(va)) as u64);
                w.u64(ext + 32, 8 + 8 * slot);
                w.u64(ext + 40, slot);
                w.u64(ext + 48, elem_off);
                let mut flags = 0;
                if key.is_some_and(|k| k.size > 128) {
                    flags |= MAP_INDIRECT_KEY;
                }
                if val.is_some_and(|v| v.size > 128) {
                    flags |= MAP_INDIRECT_ELEM;
                }
                if key.is_some_and(|k| needs_key_update(prog, k)) {
                    flags |= MAP_NEED_KEY_UPDATE;
                }
                if key.is_some_and(|k| hash_might_panic(prog, k)) {
                    flags |= MAP_HASH_MIGHT_PANIC;
                }
                w.u32(ext + 56, flags);
            }
            Kind::Func => {
                let out = t.results.len() as u16 | if t.variadic { 1 << 15 } else { 0 };
                w.u16(ext, t.params.len() as u16);
                w.u16(ext + 2, out);
                for (k, p) in t.params.iter().chain(&t.results).enumerate() {
                    w.ptr_to(arr + 8 * k as u32, toff(*p));
                }
            }
            Kind::Struct => {
                let pkg = w.name(&t.pkg_path, false, false, "");
                w.ptr(ext, pkg);
                w.slice(ext + 8, arr, t.fields.len());
                for (k, f) in t.fields.iter().enumerate() {
                    let fa = arr + 24 * k as u32;
                    let n = w.name(&f.name, exported(&f.name), f.embedded, &f.tag);
                    w.ptr(fa, n);
                    w.ptr_to(fa + 8, toff(f.typ));
                    w.u64(fa + 16, f.offset);
                }
            }
            Kind::Interface => {
                let pkg = w.name(&t.pkg_path, false, false, "");
                w.ptr(ext, pkg);
                w.slice(ext + 8, arr, t.imethods.len());
                for (k, m) in t.imethods.iter().enumerate() {
                    let name = method_name(m);
                    let n = w.name(name, exported(name), false, "");
                    w.u32(arr + 8 * k as u32, n);
                    let ty = t.imethod_types.get(k).copied().flatten();
                    w.u32(arr + 8 * k as u32 + 4, toff(ty));
                }
            }
            _ => {}
        }
        if has_uncommon(t) {
            let u = at + kind_size(t.kind);
            let pkg = if t.named && !t.pkg_path.is_empty() {
                w.name(&t.pkg_path, false, false, "")
            } else {
                0
            };
            w.u32(u, pkg);
            w.u16(u + 4, t.methods.len() as u16);
            let xcount = t.methods.iter().filter(|(k, _)| exported(k)).count();
            w.u16(u + 6, xcount as u16);
            // The methods follow the kind's arrays.
            let moff = 16 + arrays_size(t);
            w.u32(u + 8, moff);
            for (k, (key, id)) in t.methods.iter().enumerate() {
                let m = u + moff + 16 * k as u32;
                let name = method_name(key);
                let n = w.name(name, exported(name), false, "");
                w.u32(m, n);
                let ty = t.method_types.get(k).copied().flatten();
                w.u32(m + 4, toff(ty));
                w.u32(m + 8, *id);
                w.u32(m + 12, *id);
            }
        }
    }
    let pad = w.bytes.len().next_multiple_of(8);
    w.bytes.resize(pad, 0);
    TypeDescs {
        bytes: w.bytes,
        offsets,
        relocs: w.relocs,
    }
}

/// gc's `IsRegularMemory`: values compare (and hash) as their bytes.
fn regular_memory(prog: &Program, t: &TypeInfo) -> bool {
    let sub = |i: Option<TypeIdx>| i.is_some_and(|i| regular_memory(prog, &prog.types[i as usize]));
    match t.kind {
        Kind::Array => sub(t.elem),
        Kind::Struct => {
            // No blank fields, no padding, every field regular.
            let mut end = 0;
            for f in &t.fields {
                let size = f.typ.map_or(0, |i| prog.types[i as usize].size as u64);
                if f.name == "_" || f.offset != end || !sub(f.typ) {
                    return false;
                }
                end = f.offset + size;
            }
            end == t.size as u64
        }
        _ => t.equal == Equal::Mem,
    }
}

/// Whether `leaf` holds for the kind of `t` or, through arrays and
/// structs, of one of its parts.
fn any_part(prog: &Program, t: &TypeInfo, leaf: fn(Kind) -> bool) -> bool {
    let part =
        |i: Option<TypeIdx>| i.is_some_and(|i| any_part(prog, &prog.types[i as usize], leaf));
    match t.kind {
        Kind::Array => part(t.elem),
        Kind::Struct => t.fields.iter().any(|f| part(f.typ)),
        k => leaf(k),
    }
}

/// gc's `needkeyupdate`: keys whose equal values may differ in bytes.
fn needs_key_update(prog: &Program, t: &TypeInfo) -> bool {
    any_part(prog, t, |k| {
        matches!(
            k,
            Kind::Float32
                | Kind::Float64
                | Kind::Complex64
                | Kind::Complex128
                | Kind::Interface
                | Kind::String
        )
    })
}

/// gc's `hashMightPanic`: keys holding interfaces.
fn hash_might_panic(prog: &Program, t: &TypeInfo) -> bool {
    any_part(prog, t, |k| k == Kind::Interface)
}

struct Writer {
    bytes: Vec<u8>,
    relocs: Vec<u32>,
    /// Encoded names already placed, by their encoding.
    names: HashMap<Vec<u8>, u32>,
}

impl Writer {
    fn u16(&mut self, at: u32, v: u16) {
        self.bytes[at as usize..at as usize + 2].copy_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, at: u32, v: u32) {
        self.bytes[at as usize..at as usize + 4].copy_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, at: u32, v: u64) {
        self.bytes[at as usize..at as usize + 8].copy_from_slice(&v.to_le_bytes());
    }
    /// A word holding the address of block offset `off`.
    fn ptr(&mut self, at: u32, off: u32) {
        self.u64(at, off as u64);
        self.relocs.push(at);
    }
    /// A `*Type` word: the descriptor at `off`, nil when `off` is 0.
    fn ptr_to(&mut self, at: u32, off: u32) {
        if off != 0 {
            self.ptr(at, off);
        }
    }
    /// A slice header of `len` elements at block offset `off`.
    fn slice(&mut self, at: u32, off: u32, len: usize) {
        if len > 0 {
            self.ptr(at, off);
        }
        self.u64(at + 8, len as u64);
        self.u64(at + 16, len as u64);
    }
    /// Appends bytes; returns their offset.
    fn blob(&mut self, data: Vec<u8>) -> u32 {
        if let Some(&off) = self.names.get(&data) {
            return off;
        }
        let off = self.bytes.len() as u32;
        self.bytes.extend_from_slice(&data);
        self.names.insert(data, off);
        off
    }
    /// An `abi.Name`; returns its offset (a `NameOff`).
    fn name(&mut self, name: &str, exported: bool, embedded: bool, tag: &str) -> u32 {
        let mut b = vec![
            u8::from(exported) | if tag.is_empty() { 0 } else { 2 } | if embedded { 8 } else { 0 },
        ];
        varint(&mut b, name.len());
        b.extend_from_slice(name.as_bytes());
        if !tag.is_empty() {
            varint(&mut b, tag.len());
            b.extend_from_slice(tag.as_bytes());
        }
        self.blob(b)
    }
}

/// encoding/binary's unsigned varint.
fn varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldInfo;

    fn rd64(b: &[u8], at: u32) -> u64 {
        u64::from_le_bytes(b[at as usize..at as usize + 8].try_into().unwrap())
    }

    #[test]
    fn struct_pointer_and_names() {
        let int = TypeInfo {
            name: "int".into(),
            kind: Kind::Int,
            size: 8,
            align: 8,
            field_align: 8,
            ..TypeInfo::default()
        };
        let t = TypeInfo {
            name: "main.T".into(),
            kind: Kind::Struct,
            equal: Equal::Struct(vec![(0, 0), (8, 0)]),
            named: true,
            size: 16,
            align: 8,
            field_align: 8,
            pkg_path: "main".into(),
            fields: vec![
                FieldInfo {
                    name: "A".into(),
                    typ: Some(0),
                    offset: 0,
                    embedded: false,
                    tag: "json:\"a\"".into(),
                },
                FieldInfo {
                    name: "b".into(),
                    typ: Some(0),
                    offset: 8,
                    ..FieldInfo::default()
                },
            ],
            ..TypeInfo::default()
        };
        let p = TypeInfo {
            name: "*main.T".into(),
            kind: Kind::Pointer,
            size: 8,
            direct: true,
            elem: Some(1),
            ..TypeInfo::default()
        };
        let prog = Program {
            types: vec![int, t, p],
            ..Program::default()
        };
        let d = layout(&prog);
        let b = &d.bytes;
        assert_eq!(b.len() % 8, 0);
        let (ti, tt, tp) = (d.offsets[0], d.offsets[1], d.offsets[2]);
        assert_eq!(rd64(b, tt - 8), 1);
        assert_eq!(rd64(b, tt), 16);
        assert_eq!(b[(tt + OFF_KIND) as usize], Kind::Struct as u8);
        let regular = TFLAG_REGULAR_MEMORY;
        assert_eq!(
            b[(tt + OFF_TFLAG) as usize],
            TFLAG_UNCOMMON | TFLAG_NAMED | regular
        );
        assert_eq!(
            b[(tp + OFF_TFLAG) as usize],
            TFLAG_REGULAR_MEMORY | TFLAG_DIRECT_IFACE
        );
        // *T's Elem is T; relocated.
        assert_eq!(rd64(b, tp + 48), tt as u64);
        assert!(d.relocs.contains(&(tp + 48)));
        // T's fields: a slice of two at the end of its descriptor.
        let arr = rd64(b, tt + 56) as u32;
        assert_eq!((rd64(b, tt + 64), rd64(b, tt + 72)), (2, 2));
        assert_eq!(arr, tt + 80 + 16);
        let f0 = rd64(b, arr) as usize;
        assert_eq!(&b[f0..f0 + 3], &[1 | 2, 1, b'A']);
        assert_eq!(&b[f0 + 3..f0 + 4 + 8], b"\x08json:\"a\"");
        assert_eq!(rd64(b, arr + 8), ti as u64);
        assert_eq!(rd64(b, arr + 24 + 16), 8);
        let f1 = rd64(b, arr + 24) as usize;
        assert_eq!(&b[f1..f1 + 3], &[0, 1, b'b']);
        // Str is a NameOff of "main.T".
        let s = u32::from_le_bytes(b[(tt + OFF_STR) as usize..][..4].try_into().unwrap()) as usize;
        assert_eq!(&b[s..s + 8], b"\x00\x06main.T");
    }
}
