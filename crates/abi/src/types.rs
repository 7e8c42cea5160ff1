//! Type descriptors: what the runtime knows about the dynamic type of an
//! interface value.
//!
//! The compiler lists every type that can be the dynamic type of an
//! interface (and every type an assertion or type switch names) in
//! [`crate::Program::types`]; the runtime builds one descriptor per entry
//! at a stable address, and the first word of an interface value points to
//! it (empty interfaces) or to an itab whose second word does (non-empty
//! interfaces), as in gc. Interface values of a type that is not
//! pointer-shaped ([`TypeInfo::direct`] false) hold a pointer to a heap
//! copy of the value in their second word; pointer-shaped types hold the
//! value itself.
//!
//! The runtime lays each descriptor out in `internal/abi.Type`'s bytes
//! ([`crate::typedesc`]), from the structure recorded here: element, key,
//! fields, parameters and methods, each another entry of the table.
//! Differs from Go: equality is described by [`Equal`] (the descriptor's
//! `Equal` word is not a callable function value).

use crate::FuncId;

/// Index of a type in [`crate::Program::types`].
pub type TypeIdx = u32;

/// Go's kinds (`internal/abi.Kind`), in its numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum Kind {
    #[default]
    Invalid = 0,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    Array,
    Chan,
    Func,
    Interface,
    Map,
    Pointer,
    Slice,
    String,
    Struct,
    UnsafePointer,
}

/// How two values of a type compare (gc's generated `eq` functions).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Equal {
    /// Bytewise, over the type's size.
    #[default]
    Mem,
    Str,
    F32,
    F64,
    C64,
    C128,
    /// An interface with methods (itab, data).
    Iface,
    /// An empty interface (type, data).
    Eface,
    /// Field by field: offset and field type.
    Struct(Vec<(u32, TypeIdx)>),
    /// Element by element: element type, its size and the length.
    Array {
        elem: TypeIdx,
        size: u32,
        len: u32,
    },
    /// Comparing panics ("comparing uncomparable type T").
    Uncomparable,
}

/// One type of the program.
#[derive(Clone, Debug, Default)]
pub struct TypeInfo {
    /// The type as the runtime prints it (`main.T`, `*main.T`, `[]int`,
    /// `interface {}`).
    pub name: String,
    pub kind: Kind,
    /// Whether it is a defined type (`main.T(5)` in panic messages).
    pub named: bool,
    pub size: u32,
    /// Pointer-shaped: an interface holds the value itself.
    pub direct: bool,
    pub equal: Equal,
    /// The method set callable through interfaces, sorted by name: each
    /// function takes the interface's data word as its receiver.
    pub methods: Vec<(String, FuncId)>,
    /// For interface types: the method names, sorted (itab order).
    pub imethods: Vec<String>,
    /// The type's pointer layout in [`crate::Program::shapes`] (`None`
    /// for pointer-free types): what boxing a value of the type into an
    /// interface at run time allocates, and what `reflect` will read.
    pub shape: Option<crate::ShapeIdx>,
    /// Bytes up to and including the last pointer word (gc's `PtrBytes`;
    /// 0 for pointer-free types).
    pub ptrdata: u32,
    /// Alignment of a variable, and of a struct field, of the type.
    pub align: u8,
    pub field_align: u8,
    /// The import path of the package defining a named type (empty for
    /// predeclared and unnamed types); for struct and interface types, the
    /// package of their unexported names (abi's `PkgPath`).
    pub pkg_path: String,
    /// Array, channel, pointer and slice types: the element; map types:
    /// the value. `None` when not recorded (unsupported element types).
    pub elem: Option<TypeIdx>,
    /// Map types: the key.
    pub key: Option<TypeIdx>,
    /// Array types: the length.
    pub len: u64,
    /// Channel types: `reflect.ChanDir` (1 receive, 2 send, 3 both).
    pub chan_dir: u8,
    /// Struct types: the fields, in order.
    pub fields: Vec<FieldInfo>,
    /// Function types: parameter and result types; whether the last
    /// parameter is `...T`.
    pub params: Vec<Option<TypeIdx>>,
    pub results: Vec<Option<TypeIdx>>,
    pub variadic: bool,
    /// Interface types: each method's signature, parallel to `imethods`.
    pub imethod_types: Vec<Option<TypeIdx>>,
    /// Each method's signature without its receiver, parallel to
    /// `methods`.
    pub method_types: Vec<Option<TypeIdx>>,
}

/// One field of a struct type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldInfo {
    pub name: String,
    pub typ: Option<TypeIdx>,
    pub offset: u64,
    pub embedded: bool,
    pub tag: String,
}

/// A static itab: an interface type and a concrete type implementing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ItabInfo {
    pub inter: TypeIdx,
    pub typ: TypeIdx,
}

/// Offset of the concrete type pointer in an itab (gc: `itab._type`).
pub const ITAB_TYPE: u32 = 8;
/// Offset of the first method's function id in an itab (gc: `itab.fun`).
pub const ITAB_FUN: u32 = 24;
