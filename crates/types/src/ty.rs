//! Go types and the objects that name them, held in one arena per program.
//!
//! Design: the checker (like gc's types2) does not hash-cons types. Every
//! type node lives in `Program::types` and is named by a `TypeId`; objects
//! (constants, variables, fields, functions, type names, packages, labels,
//! builtins) live in `Program::objects` and are named by an `ObjId`. Type
//! identity is decided by `identical`, as the spec defines it, not by id
//! equality; the compile stage canonicalises types for the runtime.
//!
//! Invariants:
//! 1. Ids are never invalidated: arenas only grow while a program is checked.
//! 2. A `Named` type's `underlying` is `TypeId::INVALID` only while its
//!    declaration is being resolved; after checking it is never a `Named`.
//! 3. The predeclared basic types occupy the first ids, in `BasicKind`
//!    order, so `TypeId::basic(kind)` needs no lookup.
//! 4. Positions are the parser's (`syntax::Pos`); a file index says where.
//!
//! Type strings follow types2's `typestring.go`, the wording gc's
//! diagnostics use: `struct{a int; b string}`, `func(x int) (int, error)`,
//! `chan (<-chan int)`, `untyped float`, package names as qualifiers.

use std::fmt::Write as _;

/// A type in the program's arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// An object in the program's arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjId(pub u32);

/// A package of the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PkgId(pub u32);

impl TypeId {
    /// The invalid type: the type of erroneous expressions (inv. 3).
    pub const INVALID: TypeId = TypeId(0);

    pub const fn basic(kind: BasicKind) -> TypeId {
        TypeId(kind as u32)
    }
}

/// The predeclared basic types, in types2's order (inv. 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum BasicKind {
    Invalid,
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
    String,
    UnsafePointer,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedComplex,
    UntypedString,
    UntypedNil,
}

impl BasicKind {
    pub const ALL: [BasicKind; 26] = [
        BasicKind::Invalid,
        BasicKind::Bool,
        BasicKind::Int,
        BasicKind::Int8,
        BasicKind::Int16,
        BasicKind::Int32,
        BasicKind::Int64,
        BasicKind::Uint,
        BasicKind::Uint8,
        BasicKind::Uint16,
        BasicKind::Uint32,
        BasicKind::Uint64,
        BasicKind::Uintptr,
        BasicKind::Float32,
        BasicKind::Float64,
        BasicKind::Complex64,
        BasicKind::Complex128,
        BasicKind::String,
        BasicKind::UnsafePointer,
        BasicKind::UntypedBool,
        BasicKind::UntypedInt,
        BasicKind::UntypedRune,
        BasicKind::UntypedFloat,
        BasicKind::UntypedComplex,
        BasicKind::UntypedString,
        BasicKind::UntypedNil,
    ];

    /// The name types2 prints.
    pub fn name(self) -> &'static str {
        use BasicKind::*;
        match self {
            Invalid => "invalid type",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
            String => "string",
            UnsafePointer => "Pointer",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedComplex => "untyped complex",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }

    pub fn is_untyped(self) -> bool {
        self >= BasicKind::UntypedBool
    }

    pub fn is_integer(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }

    pub fn is_unsigned(self) -> bool {
        use BasicKind::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }

    pub fn is_float(self) -> bool {
        matches!(
            self,
            BasicKind::Float32 | BasicKind::Float64 | BasicKind::UntypedFloat
        )
    }

    pub fn is_complex(self) -> bool {
        matches!(
            self,
            BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex
        )
    }

    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float() || self.is_complex()
    }

    pub fn is_string(self) -> bool {
        matches!(self, BasicKind::String | BasicKind::UntypedString)
    }

    pub fn is_boolean(self) -> bool {
        matches!(self, BasicKind::Bool | BasicKind::UntypedBool)
    }

    pub fn is_ordered(self) -> bool {
        self.is_integer() || self.is_float() || self.is_string()
    }

    /// Whether values of this kind can be constants.
    pub fn is_const_type(self) -> bool {
        self.is_boolean() || self.is_numeric() || self.is_string()
    }

    /// Size in bytes on gc/amd64, `None` for untyped and invalid kinds.
    pub fn size(self) -> Option<i64> {
        use BasicKind::*;
        Some(match self {
            Bool | Int8 | Uint8 => 1,
            Int16 | Uint16 => 2,
            Int32 | Uint32 | Float32 => 4,
            Int | Int64 | Uint | Uint64 | Uintptr | Float64 | Complex64 | UnsafePointer => 8,
            Complex128 | String => 16,
            _ => return None,
        })
    }
}

/// Channel direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    SendRecv,
    SendOnly,
    RecvOnly,
}

/// One term of a union: `T` or `~T`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    pub tilde: bool,
    pub ty: TypeId,
}

/// A function or method signature.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    /// The receiver variable, for methods.
    pub recv: Option<ObjId>,
    /// Type parameters (`TypeName` objects whose types are `TypeParam`s).
    pub tparams: Vec<ObjId>,
    /// Parameter variables.
    pub params: Vec<ObjId>,
    /// Result variables.
    pub results: Vec<ObjId>,
    /// The last parameter is `...T` (its type is `[]T`).
    pub variadic: bool,
}

/// An interface type as written: explicit methods and embedded elements.
#[derive(Clone, Debug, Default)]
pub struct Interface {
    /// Explicitly declared methods (`Func` objects), in source order.
    pub methods: Vec<ObjId>,
    /// Embedded types and unions, in source order.
    pub embeddeds: Vec<TypeId>,
    /// Written as a bare constraint (`[T ~int]`), not as `interface{…}`.
    pub implicit: bool,
}

/// A defined (named) type, possibly generic or an instance.
#[derive(Clone, Debug)]
pub struct Named {
    /// The `TypeName` object.
    pub obj: ObjId,
    /// The underlying type (inv. 2).
    pub underlying: TypeId,
    /// Declared methods (`Func` objects).
    pub methods: Vec<ObjId>,
    /// Type parameters of a generic type.
    pub tparams: Vec<ObjId>,
    /// For an instance: the generic type and the type arguments.
    pub origin: Option<TypeId>,
    pub targs: Vec<TypeId>,
}

/// A type node.
#[derive(Clone, Debug)]
pub enum Type {
    Basic(BasicKind),
    Pointer(TypeId),
    Slice(TypeId),
    /// `[len]elem`; `len` is negative when the length is invalid.
    Array {
        len: i64,
        elem: TypeId,
    },
    Map {
        key: TypeId,
        elem: TypeId,
    },
    Chan {
        dir: ChanDir,
        elem: TypeId,
    },
    /// Fields are `Var` objects with `is_field` set; tags parallel them.
    Struct {
        fields: Vec<ObjId>,
        tags: Vec<String>,
    },
    /// The types of a multi-value expression (a call's results).
    Tuple(Vec<ObjId>),
    Signature(Box<Signature>),
    Interface(Box<Interface>),
    Union(Vec<Term>),
    Named(Box<Named>),
    /// A type parameter: its `TypeName`, index in its list, and constraint.
    TypeParam {
        obj: ObjId,
        index: u32,
        constraint: TypeId,
    },
    /// An alias declared with `type A = T` (materialised as types2 does).
    Alias {
        obj: ObjId,
        target: TypeId,
        tparams: Vec<ObjId>,
        targs: Vec<TypeId>,
    },
}

/// What kind of object an `Object` is, with the data of that kind.
#[derive(Clone, Debug)]
pub enum ObjKind {
    /// An imported package's name in a file scope.
    PkgName {
        imported: PkgId,
        used: bool,
    },
    Const {
        value: crate::constant::Value,
    },
    TypeName,
    /// A variable, parameter, result, receiver or struct field.
    Var {
        is_field: bool,
        embedded: bool,
        used: bool,
    },
    /// A function or method (its type is its `Signature`).
    Func,
    Label {
        used: bool,
    },
    Builtin(Builtin),
    Nil,
}

/// The predeclared functions, and those of package unsafe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
    Add,
    Alignof,
    Offsetof,
    Sizeof,
    Slice,
    SliceData,
    String,
    StringData,
}

impl Builtin {
    pub fn name(self) -> &'static str {
        use Builtin::*;
        match self {
            Append => "append",
            Cap => "cap",
            Clear => "clear",
            Close => "close",
            Complex => "complex",
            Copy => "copy",
            Delete => "delete",
            Imag => "imag",
            Len => "len",
            Make => "make",
            Max => "max",
            Min => "min",
            New => "new",
            Panic => "panic",
            Print => "print",
            Println => "println",
            Real => "real",
            Recover => "recover",
            Add => "Add",
            Alignof => "Alignof",
            Offsetof => "Offsetof",
            Sizeof => "Sizeof",
            Slice => "Slice",
            SliceData => "SliceData",
            String => "String",
            StringData => "StringData",
        }
    }
}

/// A named language entity.
#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub kind: ObjKind,
    pub ty: TypeId,
    /// The declaring package (`None` for universe objects).
    pub pkg: Option<PkgId>,
    /// Where it is declared: file index in its package and position.
    pub file: u32,
    pub pos: syntax::Pos,
}

impl Object {
    pub fn exported(&self) -> bool {
        self.name.chars().next().is_some_and(char::is_uppercase)
    }
}

/// A package's identity; its scope and files belong to the checker.
#[derive(Clone, Debug)]
pub struct Package {
    pub path: String,
    pub name: String,
}

/// The arenas of a whole program: every package's types and objects.
#[derive(Debug)]
pub struct Program {
    pub types: Vec<Type>,
    pub objects: Vec<Object>,
    pub packages: Vec<Package>,
    /// `any`'s alias type and `comparable`'s named type, printed specially.
    pub any_alias: TypeId,
    pub comparable: TypeId,
    /// `error`.
    pub error: TypeId,
    /// `byte` and `rune`: basic types identical to uint8 and int32 that
    /// print under their own names (types2's `universeByte`/`universeRune`).
    pub byte: TypeId,
    pub rune: TypeId,
}

impl Default for Program {
    fn default() -> Self {
        Self::new()
    }
}

impl Program {
    /// A program holding only the predeclared types (inv. 3); the universe
    /// scope's objects are made by the checker's universe module.
    pub fn new() -> Program {
        let mut p = Program {
            types: BasicKind::ALL.iter().map(|&k| Type::Basic(k)).collect(),
            objects: Vec::new(),
            packages: Vec::new(),
            any_alias: TypeId::INVALID,
            comparable: TypeId::INVALID,
            error: TypeId::INVALID,
            byte: TypeId::INVALID,
            rune: TypeId::INVALID,
        };
        p.byte = p.add_type(Type::Basic(BasicKind::Uint8));
        p.rune = p.add_type(Type::Basic(BasicKind::Int32));
        // any = interface{}
        let empty = p.add_type(Type::Interface(Box::default()));
        let any_obj = p.add_object(Object::universe("any", ObjKind::TypeName, TypeId::INVALID));
        p.any_alias = p.add_type(Type::Alias {
            obj: any_obj,
            target: empty,
            tparams: vec![],
            targs: vec![],
        });
        p.objects[any_obj.0 as usize].ty = p.any_alias;
        // comparable = interface{ /* comparable */ }
        let cmp_obj = p.add_object(Object::universe(
            "comparable",
            ObjKind::TypeName,
            TypeId::INVALID,
        ));
        let cmp_iface = p.add_type(Type::Interface(Box::default()));
        p.comparable = p.add_type(Type::Named(Box::new(Named {
            obj: cmp_obj,
            underlying: cmp_iface,
            methods: vec![],
            tparams: vec![],
            origin: None,
            targs: vec![],
        })));
        p.objects[cmp_obj.0 as usize].ty = p.comparable;
        // error = interface{ Error() string }
        let err_obj = p.add_object(Object::universe(
            "error",
            ObjKind::TypeName,
            TypeId::INVALID,
        ));
        let result = p.add_object(Object::universe(
            "",
            var(),
            TypeId::basic(BasicKind::String),
        ));
        let sig = p.add_type(Type::Signature(Box::new(Signature {
            results: vec![result],
            ..Signature::default()
        })));
        let method = p.add_object(Object::universe("Error", ObjKind::Func, sig));
        let iface = p.add_type(Type::Interface(Box::new(Interface {
            methods: vec![method],
            ..Interface::default()
        })));
        p.error = p.add_type(Type::Named(Box::new(Named {
            obj: err_obj,
            underlying: iface,
            methods: vec![],
            tparams: vec![],
            origin: None,
            targs: vec![],
        })));
        p.objects[err_obj.0 as usize].ty = p.error;
        p
    }

    pub fn add_type(&mut self, t: Type) -> TypeId {
        self.types.push(t);
        TypeId(self.types.len() as u32 - 1)
    }

    pub fn add_object(&mut self, o: Object) -> ObjId {
        self.objects.push(o);
        ObjId(self.objects.len() as u32 - 1)
    }

    pub fn add_package(&mut self, path: &str, name: &str) -> PkgId {
        self.packages.push(Package {
            path: path.to_string(),
            name: name.to_string(),
        });
        PkgId(self.packages.len() as u32 - 1)
    }

    pub fn ty(&self, t: TypeId) -> &Type {
        &self.types[t.0 as usize]
    }

    pub fn obj(&self, o: ObjId) -> &Object {
        &self.objects[o.0 as usize]
    }

    pub fn pkg(&self, p: PkgId) -> &Package {
        &self.packages[p.0 as usize]
    }

    /// Follows aliases to the aliased type (`types2.Unalias`).
    pub fn unalias(&self, mut t: TypeId) -> TypeId {
        while let Type::Alias { target, .. } = self.ty(t) {
            t = *target;
        }
        t
    }

    /// The underlying type (`Type.Underlying`): aliases followed, named
    /// types replaced by their underlying type; a type parameter is its own
    /// underlying type as in types2.
    pub fn underlying(&self, t: TypeId) -> TypeId {
        let mut t = self.unalias(t);
        // While declarations are checked, a defined type may briefly have
        // another defined type as its underlying type (inv. 2); follow it.
        for _ in 0..64 {
            match self.ty(t) {
                Type::Named(n) => t = self.unalias(n.underlying),
                _ => return t,
            }
        }
        TypeId::INVALID
    }

    /// The basic kind of `t`'s underlying type, if it is basic.
    pub fn basic_kind(&self, t: TypeId) -> Option<BasicKind> {
        match self.ty(self.underlying(t)) {
            Type::Basic(k) => Some(*k),
            _ => None,
        }
    }

    // -----------------------------------------------------------------------
    // Identity (spec "Type identity"; types2 predicates.go)

    /// Whether `x` and `y` are identical types.
    pub fn identical(&self, x: TypeId, y: TypeId) -> bool {
        self.identical_in(x, y, &mut Vec::new(), true)
    }

    /// Like `identical`, but struct tags are ignored (conversions).
    pub fn identical_ignore_tags(&self, x: TypeId, y: TypeId) -> bool {
        self.identical_in(x, y, &mut Vec::new(), false)
    }

    fn identical_in(
        &self,
        x: TypeId,
        y: TypeId,
        seen: &mut Vec<(TypeId, TypeId)>,
        tags: bool,
    ) -> bool {
        let (x, y) = (self.unalias(x), self.unalias(y));
        if x == y {
            return true;
        }
        match (self.ty(x), self.ty(y)) {
            (Type::Basic(a), Type::Basic(b)) => a == b,
            (Type::Pointer(a), Type::Pointer(b)) | (Type::Slice(a), Type::Slice(b)) => {
                self.identical_in(*a, *b, seen, tags)
            }
            (Type::Array { len: la, elem: a }, Type::Array { len: lb, elem: b }) => {
                (la == lb || *la < 0 || *lb < 0) && self.identical_in(*a, *b, seen, tags)
            }
            (Type::Map { key: ka, elem: ea }, Type::Map { key: kb, elem: eb }) => {
                self.identical_in(*ka, *kb, seen, tags) && self.identical_in(*ea, *eb, seen, tags)
            }
            (Type::Chan { dir: da, elem: a }, Type::Chan { dir: db, elem: b }) => {
                da == db && self.identical_in(*a, *b, seen, tags)
            }
            (
                Type::Struct {
                    fields: fa,
                    tags: ta,
                },
                Type::Struct {
                    fields: fb,
                    tags: tb,
                },
            ) => {
                fa.len() == fb.len()
                    && fa.iter().zip(fb).enumerate().all(|(i, (&a, &b))| {
                        let (oa, ob) = (self.obj(a), self.obj(b));
                        let embedded =
                            |o: &Object| matches!(o.kind, ObjKind::Var { embedded: true, .. });
                        embedded(oa) == embedded(ob)
                            && (!tags || ta.get(i) == tb.get(i))
                            && self.same_id(oa, ob)
                            && self.identical_in(oa.ty, ob.ty, seen, tags)
                    })
            }
            (Type::Tuple(a), Type::Tuple(b)) => self.identical_vars(a, b, seen, tags),
            (Type::Signature(a), Type::Signature(b)) => {
                // Generic signatures are identical only if their type
                // parameter lists match; checked structurally here.
                a.tparams.len() == b.tparams.len()
                    && a.variadic == b.variadic
                    && self.identical_vars(&a.params, &b.params, seen, tags)
                    && self.identical_vars(&a.results, &b.results, seen, tags)
            }
            (Type::Union(a), Type::Union(b)) => {
                a.len() == b.len()
                    && a.iter().all(|ta| {
                        b.iter().any(|tb| {
                            ta.tilde == tb.tilde && self.identical_in(ta.ty, tb.ty, seen, tags)
                        })
                    })
            }
            (Type::Interface(a), Type::Interface(b)) => {
                // Compare by method set (embedded interfaces flattened).
                if seen.contains(&(x, y)) {
                    return true;
                }
                seen.push((x, y));
                let (ma, mb) = (self.interface_methods(x), self.interface_methods(y));
                let ok = a
                    .embeddeds
                    .iter()
                    .all(|&e| !matches!(self.ty(self.underlying(e)), Type::Union(_)))
                    == b.embeddeds
                        .iter()
                        .all(|&e| !matches!(self.ty(self.underlying(e)), Type::Union(_)))
                    && ma.len() == mb.len()
                    && ma.iter().zip(&mb).all(|(&p, &q)| {
                        let (op, oq) = (self.obj(p), self.obj(q));
                        self.same_id(op, oq) && self.identical_in(op.ty, oq.ty, seen, tags)
                    });
                seen.pop();
                ok
            }
            (Type::Named(a), Type::Named(b)) => {
                // Instances of the same generic type with identical arguments.
                match (a.origin, b.origin) {
                    (Some(oa), Some(ob)) => {
                        self.unalias(oa) == self.unalias(ob)
                            && a.targs.len() == b.targs.len()
                            && a.targs
                                .iter()
                                .zip(&b.targs)
                                .all(|(&p, &q)| self.identical_in(p, q, seen, tags))
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn identical_vars(
        &self,
        a: &[ObjId],
        b: &[ObjId],
        seen: &mut Vec<(TypeId, TypeId)>,
        tags: bool,
    ) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(&p, &q)| self.identical_in(self.obj(p).ty, self.obj(q).ty, seen, tags))
    }

    /// Whether two field or method names denote the same identifier: equal
    /// names, and for unexported names the same package.
    fn same_id(&self, a: &Object, b: &Object) -> bool {
        a.name == b.name && (a.exported() || a.pkg == b.pkg)
    }

    /// The full method set of an interface type (explicit and embedded),
    /// sorted by name (types2 sorts by Id), duplicates removed.
    pub fn interface_methods(&self, t: TypeId) -> Vec<ObjId> {
        let mut out = Vec::new();
        self.collect_interface_methods(t, &mut out, &mut Vec::new());
        out.sort_by(|&a, &b| self.obj(a).name.cmp(&self.obj(b).name));
        out.dedup_by(|a, b| self.obj(*a).name == self.obj(*b).name);
        out
    }

    fn collect_interface_methods(&self, t: TypeId, out: &mut Vec<ObjId>, seen: &mut Vec<TypeId>) {
        let u = self.underlying(t);
        if seen.contains(&u) {
            return;
        }
        seen.push(u);
        if let Type::Interface(i) = self.ty(u) {
            out.extend(&i.methods);
            for &e in &i.embeddeds {
                self.collect_interface_methods(e, out, seen);
            }
        }
    }

    // -----------------------------------------------------------------------
    // Sizes (gc on amd64; types2 gcsizes.go)

    /// `unsafe.Alignof` of a variable of type `t`.
    pub fn align_of(&self, t: TypeId) -> i64 {
        let u = self.underlying(t);
        match self.ty(u) {
            Type::Array { elem, .. } => self.align_of(*elem),
            Type::Struct { fields, .. } => {
                if fields.is_empty() && self.is_sync_atomic_align64(t) {
                    return 8;
                }
                fields
                    .iter()
                    .map(|&f| self.align_of(self.obj(f).ty))
                    .max()
                    .unwrap_or(1)
                    .max(1)
            }
            Type::Slice(_) | Type::Interface(_) => 8,
            Type::Basic(BasicKind::String) => 8,
            Type::Basic(k) if k.is_complex() => k.size().map_or(1, |s| s / 2),
            _ => self.size_of(t).clamp(1, 8),
        }
    }

    /// `unsafe.Sizeof` of a variable of type `t`; -1 if too large.
    pub fn size_of(&self, t: TypeId) -> i64 {
        let u = self.underlying(t);
        match self.ty(u) {
            Type::Basic(k) => k.size().unwrap_or(0),
            Type::Array { len, elem } => {
                if *len <= 0 {
                    return 0;
                }
                let esize = self.size_of(*elem);
                if esize < 0 {
                    return -1;
                }
                esize.checked_mul(*len).unwrap_or(-1)
            }
            Type::Slice(_) => 24,
            Type::Struct { fields, .. } => {
                let Some(&last) = fields.last() else { return 0 };
                let offsets = self.offsets_of(fields);
                let offs = offsets[offsets.len() - 1];
                let mut size = self.size_of(self.obj(last).ty);
                if offs < 0 || size < 0 {
                    return -1;
                }
                // gc: a non-zero-sized struct's final zero-sized field gets a byte.
                if offs > 0 && size == 0 {
                    size = 1;
                }
                align_up(offs + size, self.align_of(u))
            }
            Type::Interface(_) => 16,
            Type::Pointer(_) | Type::Map { .. } | Type::Chan { .. } | Type::Signature(_) => 8,
            _ => 8,
        }
    }

    /// `unsafe.Offsetof` of each field; -1 once offsets overflow.
    pub fn offsets_of(&self, fields: &[ObjId]) -> Vec<i64> {
        let mut offs: i64 = 0;
        fields
            .iter()
            .map(|&f| {
                if offs < 0 {
                    return -1;
                }
                let ty = self.obj(f).ty;
                offs = align_up(offs, self.align_of(ty));
                let at = offs;
                let d = self.size_of(ty);
                offs = if d >= 0 && offs >= 0 {
                    offs.checked_add(d).unwrap_or(-1)
                } else {
                    -1
                };
                at
            })
            .collect()
    }

    /// `sync/atomic.align64`, the empty struct that forces 8-byte alignment.
    fn is_sync_atomic_align64(&self, t: TypeId) -> bool {
        match self.ty(self.unalias(t)) {
            Type::Named(n) => {
                let o = self.obj(n.obj);
                o.name == "align64"
                    && o.pkg.is_some_and(|p| {
                        matches!(
                            self.pkg(p).path.as_str(),
                            "sync/atomic" | "internal/runtime/atomic"
                        )
                    })
            }
            _ => false,
        }
    }

    // -----------------------------------------------------------------------
    // Type strings (types2 typestring.go)

    /// `t` as gc's diagnostics print it, qualifying names from packages
    /// other than `current` by their package name.
    pub fn type_string(&self, t: TypeId, current: Option<PkgId>) -> String {
        self.type_string_in(t, current, &[])
    }

    /// [`Self::type_string`] with the file names of the world, so that a
    /// type parameter named like a predeclared object can say where it is
    /// declared (`int /* with int declared at f.go:3:8 */`).
    pub fn type_string_in(&self, t: TypeId, current: Option<PkgId>, files: &[String]) -> String {
        let mut w = TypeWriter {
            p: self,
            current,
            out: String::new(),
            depth: 0,
            files,
        };
        w.typ(t);
        w.out
    }
}

fn var() -> ObjKind {
    ObjKind::Var {
        is_field: false,
        embedded: false,
        used: false,
    }
}

impl Object {
    fn universe(name: &str, kind: ObjKind, ty: TypeId) -> Object {
        Object {
            name: name.to_string(),
            kind,
            ty,
            pkg: None,
            file: 0,
            pos: syntax::Pos::default(),
        }
    }
}

fn align_up(x: i64, a: i64) -> i64 {
    if a <= 1 {
        return x;
    }
    match x.checked_add(a - 1) {
        Some(y) => y / a * a,
        None => -1,
    }
}

struct TypeWriter<'a> {
    p: &'a Program,
    current: Option<PkgId>,
    out: String,
    depth: u32,
    files: &'a [String],
}

/// The names of the universe scope (types2 `Universe.Lookup`).
const UNIVERSE_NAMES: &[&str] = &[
    "any",
    "bool",
    "byte",
    "comparable",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "true",
    "false",
    "iota",
    "nil",
    "append",
    "cap",
    "clear",
    "close",
    "complex",
    "copy",
    "delete",
    "imag",
    "len",
    "make",
    "max",
    "min",
    "new",
    "panic",
    "print",
    "println",
    "real",
    "recover",
];

impl TypeWriter<'_> {
    fn typ(&mut self, t: TypeId) {
        if t == self.p.byte || t == self.p.rune {
            self.out
                .push_str(if t == self.p.byte { "byte" } else { "rune" });
            return;
        }
        // Guard against cycles through invalid recursive types.
        if self.depth > 64 {
            self.out.push_str("...");
            return;
        }
        self.depth += 1;
        self.typ_inner(t);
        self.depth -= 1;
    }

    fn sep(&mut self, s: char) {
        self.out.push(s);
        self.out.push(' ');
    }

    fn typ_inner(&mut self, t: TypeId) {
        let p = self.p;
        match p.ty(t) {
            Type::Basic(k) => {
                if *k == BasicKind::UnsafePointer {
                    self.out.push_str("unsafe.Pointer");
                } else {
                    self.out.push_str(k.name());
                }
            }
            Type::Array { len, elem } => {
                let _ = write!(self.out, "[{len}]");
                self.typ(*elem);
            }
            Type::Slice(e) => {
                self.out.push_str("[]");
                self.typ(*e);
            }
            Type::Struct { fields, tags } => {
                self.out.push_str("struct{");
                for (i, &f) in fields.iter().enumerate() {
                    if i > 0 {
                        self.sep(';');
                    }
                    let o = p.obj(f);
                    if !matches!(o.kind, ObjKind::Var { embedded: true, .. }) {
                        self.out.push_str(&o.name);
                        self.out.push(' ');
                    }
                    self.typ(o.ty);
                    if let Some(tag) = tags.get(i).filter(|t| !t.is_empty()) {
                        self.out.push(' ');
                        self.out
                            .push_str(&crate::constant::go_quote(tag.as_bytes()));
                    }
                }
                self.out.push('}');
            }
            Type::Pointer(b) => {
                self.out.push('*');
                self.typ(*b);
            }
            Type::Tuple(vars) => self.tuple(vars, false),
            Type::Signature(sig) => {
                self.out.push_str("func");
                self.signature(sig);
            }
            Type::Union(terms) => {
                for (i, term) in terms.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(" | ");
                    }
                    if term.tilde {
                        self.out.push('~');
                    }
                    self.typ(term.ty);
                }
            }
            Type::Interface(iface) => {
                if p.ty(p.any_alias).is_alias_of(t) {
                    self.out.push_str("any");
                    return;
                }
                if let Type::Named(n) = p.ty(p.comparable)
                    && n.underlying == t
                {
                    self.out.push_str("interface{comparable}");
                    return;
                }
                if iface.implicit {
                    if iface.methods.is_empty() && iface.embeddeds.len() == 1 {
                        self.typ(iface.embeddeds[0]);
                        return;
                    }
                    self.out.push_str("/* implicit */ ");
                }
                self.out.push_str("interface{");
                let mut first = true;
                for &m in &iface.methods {
                    if !first {
                        self.sep(';');
                    }
                    first = false;
                    let o = p.obj(m);
                    self.out.push_str(&o.name);
                    if let Type::Signature(sig) = p.ty(o.ty) {
                        self.signature(sig);
                    }
                }
                for &e in &iface.embeddeds {
                    if !first {
                        self.sep(';');
                    }
                    first = false;
                    self.typ(e);
                }
                self.out.push('}');
            }
            Type::Map { key, elem } => {
                self.out.push_str("map[");
                self.typ(*key);
                self.out.push(']');
                self.typ(*elem);
            }
            Type::Chan { dir, elem } => {
                let parens = *dir == ChanDir::SendRecv
                    && matches!(
                        p.ty(*elem),
                        Type::Chan {
                            dir: ChanDir::RecvOnly,
                            ..
                        }
                    );
                self.out.push_str(match dir {
                    ChanDir::SendRecv => "chan ",
                    ChanDir::SendOnly => "chan<- ",
                    ChanDir::RecvOnly => "<-chan ",
                });
                if parens {
                    self.out.push('(');
                }
                self.typ(*elem);
                if parens {
                    self.out.push(')');
                }
            }
            Type::Named(n) => {
                self.type_name(n.obj);
                if !n.targs.is_empty() {
                    self.type_list(&n.targs);
                } else if !n.tparams.is_empty() {
                    self.tparam_list(&n.tparams);
                }
            }
            Type::TypeParam { obj, .. } => {
                let o = p.obj(*obj);
                self.out.push_str(&o.name);
                if let Some(file) = self.files.get(o.file as usize)
                    && UNIVERSE_NAMES.contains(&o.name.as_str())
                {
                    let _ = write!(
                        self.out,
                        " /* with {} declared at {file}:{}:{} */",
                        o.name, o.pos.line, o.pos.col
                    );
                }
            }
            Type::Alias {
                obj,
                targs,
                tparams,
                ..
            } => {
                self.type_name(*obj);
                if !targs.is_empty() {
                    self.type_list(targs);
                } else if !tparams.is_empty() {
                    self.tparam_list(tparams);
                }
            }
        }
    }

    fn type_name(&mut self, obj: ObjId) {
        let o = self.p.obj(obj);
        if let Some(pkg) = o.pkg
            && Some(pkg) != self.current
        {
            let name = &self.p.pkg(pkg).name;
            // Two imported packages with one name print by path (types2's qualifier).
            let ambiguous = self.p.packages.iter().filter(|q| &q.name == name).count() > 1;
            if ambiguous {
                self.out
                    .push_str(&crate::constant::go_quote(self.p.pkg(pkg).path.as_bytes()));
            } else {
                self.out.push_str(name);
            }
            self.out.push('.');
        }
        self.out.push_str(&o.name);
    }

    fn type_list(&mut self, list: &[TypeId]) {
        self.out.push('[');
        for (i, &t) in list.iter().enumerate() {
            if i > 0 {
                self.sep(',');
            }
            self.typ(t);
        }
        self.out.push(']');
    }

    fn tparam_list(&mut self, list: &[ObjId]) {
        self.out.push('[');
        let mut prev: Option<TypeId> = None;
        for (i, &tp) in list.iter().enumerate() {
            let bound = match self.p.ty(self.p.obj(tp).ty) {
                Type::TypeParam { constraint, .. } => *constraint,
                _ => TypeId::INVALID,
            };
            if i > 0 {
                if Some(bound) != prev
                    && let Some(pb) = prev
                {
                    self.out.push(' ');
                    self.typ(pb);
                }
                self.sep(',');
            }
            prev = Some(bound);
            self.out.push_str(&self.p.obj(tp).name);
        }
        if let Some(pb) = prev {
            self.out.push(' ');
            self.typ(pb);
        }
        self.out.push(']');
    }

    fn tuple(&mut self, vars: &[ObjId], variadic: bool) {
        self.out.push('(');
        for (i, &v) in vars.iter().enumerate() {
            if i > 0 {
                self.sep(',');
            }
            let o = self.p.obj(v);
            if !o.name.is_empty() {
                self.out.push_str(&o.name);
                self.out.push(' ');
            }
            if variadic && i == vars.len() - 1 {
                if let Type::Slice(elem) = self.p.ty(o.ty) {
                    self.out.push_str("...");
                    self.typ(*elem);
                } else {
                    self.typ(o.ty);
                    self.out.push_str("...");
                }
            } else {
                self.typ(o.ty);
            }
        }
        self.out.push(')');
    }

    fn signature(&mut self, sig: &Signature) {
        if !sig.tparams.is_empty() {
            self.tparam_list(&sig.tparams);
        }
        self.tuple(&sig.params, sig.variadic);
        match sig.results.as_slice() {
            [] => {}
            [r] if self.p.obj(*r).name.is_empty() => {
                self.out.push(' ');
                self.typ(self.p.obj(*r).ty);
            }
            results => {
                self.out.push(' ');
                self.tuple(results, false);
            }
        }
    }
}

impl Type {
    fn is_alias_of(&self, t: TypeId) -> bool {
        matches!(self, Type::Alias { target, .. } if *target == t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(p: &mut Program, name: &str, ty: TypeId) -> ObjId {
        p.add_object(Object {
            name: name.into(),
            kind: ObjKind::Var {
                is_field: true,
                embedded: false,
                used: false,
            },
            ty,
            pkg: None,
            file: 0,
            pos: syntax::Pos::default(),
        })
    }

    #[test]
    fn gc_amd64_layout() {
        let mut p = Program::new();
        let b = TypeId::basic(BasicKind::Bool);
        let i64t = TypeId::basic(BasicKind::Int64);
        let s = TypeId::basic(BasicKind::String);
        // struct{a bool; b int64; c bool} = 24 bytes, align 8 (as gc).
        let fs = vec![
            field(&mut p, "a", b),
            field(&mut p, "b", i64t),
            field(&mut p, "c", b),
        ];
        let st = p.add_type(Type::Struct {
            fields: fs.clone(),
            tags: vec![],
        });
        assert_eq!((p.size_of(st), p.align_of(st)), (24, 8));
        assert_eq!(p.offsets_of(&fs), vec![0, 8, 16]);
        // struct{x int64; y struct{}} = 16: the trailing zero-size field gets a byte.
        let empty = p.add_type(Type::Struct {
            fields: vec![],
            tags: vec![],
        });
        let fs2 = vec![field(&mut p, "x", i64t), field(&mut p, "y", empty)];
        let st2 = p.add_type(Type::Struct {
            fields: fs2,
            tags: vec![],
        });
        assert_eq!(p.size_of(st2), 16);
        let c64 = TypeId::basic(BasicKind::Complex64);
        assert_eq!((p.size_of(c64), p.align_of(c64)), (8, 4));
        assert_eq!((p.size_of(s), p.align_of(s)), (16, 8));
        let arr = p.add_type(Type::Array { len: 3, elem: st });
        assert_eq!(p.size_of(arr), 72);
        assert_eq!(p.type_string(st, None), "struct{a bool; b int64; c bool}");
    }

    #[test]
    fn type_strings() {
        let mut p = Program::new();
        let int = TypeId::basic(BasicKind::Int);
        let recv = p.add_type(Type::Chan {
            dir: ChanDir::RecvOnly,
            elem: int,
        });
        let ch = p.add_type(Type::Chan {
            dir: ChanDir::SendRecv,
            elem: recv,
        });
        assert_eq!(p.type_string(ch, None), "chan (<-chan int)");
        let any = p.any_alias;
        let m = p.add_type(Type::Map {
            key: TypeId::basic(BasicKind::String),
            elem: any,
        });
        assert_eq!(p.type_string(m, None), "map[string]any");
        assert_eq!(p.type_string(p.error, None), "error");
        let e = p.underlying(p.error);
        assert_eq!(p.type_string(e, None), "interface{Error() string}");
        assert_eq!(
            p.type_string(TypeId::basic(BasicKind::UntypedFloat), None),
            "untyped float"
        );
        let x = p.add_object(Object::universe("x", var(), int));
        let r = p.add_object(Object::universe("", var(), p.error));
        let sig = p.add_type(Type::Signature(Box::new(Signature {
            params: vec![x],
            results: vec![r],
            ..Signature::default()
        })));
        assert_eq!(p.type_string(sig, None), "func(x int) error");
    }

    #[test]
    fn identity() {
        let mut p = Program::new();
        let int = TypeId::basic(BasicKind::Int);
        let a = p.add_type(Type::Slice(int));
        let b = p.add_type(Type::Slice(int));
        assert!(p.identical(a, b));
        let c = p.add_type(Type::Slice(TypeId::basic(BasicKind::Int64)));
        assert!(!p.identical(a, c));
        assert!(p.identical(p.any_alias, p.underlying(p.any_alias)));
    }
}
