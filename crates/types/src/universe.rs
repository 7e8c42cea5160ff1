//! Scopes and the universe: the predeclared types, constants, `nil` and
//! builtin functions, and package `unsafe` (types2 `universe.go`, `scope.go`).

use crate::constant::Value;
use crate::ty::{BasicKind, Builtin, ObjId, ObjKind, Object, PkgId, Program, Type, TypeId};
use std::collections::HashMap;

/// A scope: names declared in a block, file, package or the universe.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    pub names: HashMap<String, ObjId>,
    /// Child scopes in source order (for tools and unused-variable reports).
    pub children: Vec<ScopeId>,
}

/// A scope in the checker's scope arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeId(pub u32);

/// The scope arena; `ScopeId(0)` is the universe.
#[derive(Debug)]
pub struct Scopes {
    pub scopes: Vec<Scope>,
}

impl Scopes {
    pub const UNIVERSE: ScopeId = ScopeId(0);

    pub fn new_child(&mut self, parent: ScopeId) -> ScopeId {
        self.scopes.push(Scope {
            parent: Some(parent),
            ..Scope::default()
        });
        let id = ScopeId(self.scopes.len() as u32 - 1);
        self.scopes[parent.0 as usize].children.push(id);
        id
    }

    pub fn get(&self, s: ScopeId) -> &Scope {
        &self.scopes[s.0 as usize]
    }

    /// Declares `obj` under `name` in `s`; returns the previous object of
    /// that name in `s` if there is one (a redeclaration), leaving it in place.
    pub fn insert(&mut self, s: ScopeId, name: &str, obj: ObjId) -> Option<ObjId> {
        let names = &mut self.scopes[s.0 as usize].names;
        if let Some(&prev) = names.get(name) {
            return Some(prev);
        }
        names.insert(name.to_string(), obj);
        None
    }

    /// Looks `name` up in `s` and its parents; returns the scope it was found in.
    pub fn lookup_parent(&self, mut s: ScopeId, name: &str) -> Option<(ScopeId, ObjId)> {
        loop {
            let scope = self.get(s);
            if let Some(&o) = scope.names.get(name) {
                return Some((s, o));
            }
            s = scope.parent?;
        }
    }
}

/// The universe scope and package `unsafe`, built into `program`.
pub struct Universe {
    pub scopes: Scopes,
    /// Package `unsafe` and its scope.
    pub unsafe_pkg: PkgId,
    pub unsafe_scope: ScopeId,
}

const PREDECLARED_TYPES: &[BasicKind] = &[
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
];

const UNIVERSE_BUILTINS: &[Builtin] = &[
    Builtin::Append,
    Builtin::Cap,
    Builtin::Clear,
    Builtin::Close,
    Builtin::Complex,
    Builtin::Copy,
    Builtin::Delete,
    Builtin::Imag,
    Builtin::Len,
    Builtin::Make,
    Builtin::Max,
    Builtin::Min,
    Builtin::New,
    Builtin::Panic,
    Builtin::Print,
    Builtin::Println,
    Builtin::Real,
    Builtin::Recover,
];

const UNSAFE_BUILTINS: &[Builtin] = &[
    Builtin::Add,
    Builtin::Alignof,
    Builtin::Offsetof,
    Builtin::Sizeof,
    Builtin::Slice,
    Builtin::SliceData,
    Builtin::String,
    Builtin::StringData,
];

fn universe_obj(name: &str, kind: ObjKind, ty: TypeId, pkg: Option<PkgId>) -> Object {
    Object {
        name: name.to_string(),
        kind,
        ty,
        pkg,
        file: 0,
        pos: syntax::Pos::default(),
    }
}

impl Universe {
    /// Declares the predeclared identifiers into a new universe scope.
    pub fn new(p: &mut Program) -> Universe {
        let mut scopes = Scopes {
            scopes: vec![Scope::default()],
        };
        let u = Scopes::UNIVERSE;
        let declare = |scopes: &mut Scopes, p: &mut Program, o: Object| {
            let name = o.name.clone();
            let id = p.add_object(o);
            scopes.insert(u, &name, id);
        };
        for &k in PREDECLARED_TYPES {
            let o = universe_obj(k.name(), ObjKind::TypeName, TypeId::basic(k), None);
            declare(&mut scopes, p, o);
        }
        // byte and rune are aliases of uint8 and int32.
        for (name, t) in [("byte", p.byte), ("rune", p.rune)] {
            declare(
                &mut scopes,
                p,
                universe_obj(name, ObjKind::TypeName, t, None),
            );
        }
        // any, comparable and error were made with the program (ty.rs).
        for t in [p.any_alias, p.comparable, p.error] {
            let obj = match p.ty(t) {
                Type::Alias { obj, .. } => *obj,
                Type::Named(n) => n.obj,
                _ => continue,
            };
            let name = p.obj(obj).name.clone();
            scopes.insert(u, &name, obj);
        }
        for (name, v) in [("true", Value::Bool(true)), ("false", Value::Bool(false))] {
            let o = universe_obj(
                name,
                ObjKind::Const { value: v },
                TypeId::basic(BasicKind::UntypedBool),
                None,
            );
            declare(&mut scopes, p, o);
        }
        let o = universe_obj(
            "iota",
            ObjKind::Const {
                value: Value::int(0),
            },
            TypeId::basic(BasicKind::UntypedInt),
            None,
        );
        declare(&mut scopes, p, o);
        declare(
            &mut scopes,
            p,
            universe_obj(
                "nil",
                ObjKind::Nil,
                TypeId::basic(BasicKind::UntypedNil),
                None,
            ),
        );
        for &b in UNIVERSE_BUILTINS {
            declare(
                &mut scopes,
                p,
                universe_obj(b.name(), ObjKind::Builtin(b), TypeId::INVALID, None),
            );
        }

        // Package unsafe: Pointer and its builtins.
        let unsafe_pkg = p.add_package("unsafe", "unsafe");
        let unsafe_scope = scopes.new_child(u);
        // The unsafe scope is not a child for lookups: detach its parent link
        // so names resolve only through `unsafe.X` selectors.
        scopes.scopes[unsafe_scope.0 as usize].parent = None;
        scopes.scopes[u.0 as usize].children.pop();
        let ptr = universe_obj(
            "Pointer",
            ObjKind::TypeName,
            TypeId::basic(BasicKind::UnsafePointer),
            Some(unsafe_pkg),
        );
        let id = p.add_object(ptr);
        scopes.insert(unsafe_scope, "Pointer", id);
        for &b in UNSAFE_BUILTINS {
            let id = p.add_object(universe_obj(
                b.name(),
                ObjKind::Builtin(b),
                TypeId::INVALID,
                Some(unsafe_pkg),
            ));
            scopes.insert(unsafe_scope, b.name(), id);
        }
        Universe {
            scopes,
            unsafe_pkg,
            unsafe_scope,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predeclared_names() {
        let mut p = Program::new();
        let u = Universe::new(&mut p);
        for name in [
            "int",
            "byte",
            "rune",
            "any",
            "error",
            "comparable",
            "true",
            "iota",
            "nil",
            "append",
            "min",
            "clear",
        ] {
            assert!(
                u.scopes.lookup_parent(Scopes::UNIVERSE, name).is_some(),
                "{name}"
            );
        }
        let (_, byte) = u.scopes.lookup_parent(Scopes::UNIVERSE, "byte").unwrap();
        assert!(p.identical(p.obj(byte).ty, TypeId::basic(BasicKind::Uint8)));
        assert!(u.scopes.get(u.unsafe_scope).names.contains_key("Sizeof"));
        assert!(u.scopes.lookup_parent(Scopes::UNIVERSE, "Sizeof").is_none());
    }
}
