//! Selectors, field and method lookup, method sets and interface
//! satisfaction (types2 `lookup.go`, `selection.go`, the selector part of
//! `call.go`).

use super::Checker;
use super::operand::{Mode, Operand};
use crate::ty::{ObjId, ObjKind, Type, TypeId};
use std::collections::HashSet;
use syntax::ast::Expr;

/// The result of looking up a field or method by name.
pub enum Lookup {
    /// The field or method, the path of embedded fields to it (for the
    /// compiler's selections), and whether a pointer was followed on the way.
    #[allow(dead_code)]
    Found {
        obj: ObjId,
        path: Vec<usize>,
        indirect: bool,
    },
    /// Several at the same depth.
    Ambiguous,
    NotFound,
}

impl<'a> Checker<'_, 'a> {
    /// Looks up field or method `name` in type `t` (types2
    /// `lookupFieldOrMethod`, breadth-first through embedded fields).
    pub fn lookup_field_or_method(&mut self, t: TypeId, name: &str) -> Lookup {
        self.lookup_impl(t, name, false)
    }

    /// Like `lookup_field_or_method` with names compared case-insensitively
    /// (types2's foldCase lookup, for "but does have" hints).
    fn lookup_fold(&mut self, t: TypeId, name: &str) -> Option<ObjId> {
        match self.lookup_impl(t, name, true) {
            Lookup::Found { obj, .. } => Some(obj),
            _ => None,
        }
    }

    fn lookup_impl(&mut self, t: TypeId, name: &str, fold: bool) -> Lookup {
        let lname = name.to_lowercase();
        let matches = |n: &str| {
            if fold {
                n.to_lowercase() == lname
            } else {
                n == name
            }
        };
        if name == "_" {
            return Lookup::NotFound;
        }
        // A named pointer type: look in the pointer type, but methods found
        // there are not in its method set (types2 go.dev/issue/8590).
        if let Type::Named(n) = self.ty(self.w.prog.unalias(t)).clone()
            && let Type::Pointer(_) = self.ty(n.underlying)
        {
            let r = self.lookup_impl(n.underlying, name, fold);
            if let Lookup::Found { obj, .. } = &r
                && matches!(self.w.prog.obj(*obj).kind, ObjKind::Func)
            {
                return Lookup::NotFound;
            }
            return r;
        }
        let (mut start, mut indirect0) = (t, false);
        if let Type::Pointer(b) = self.ty(self.w.prog.unalias(t)).clone() {
            // *T where T is an interface has no methods.
            if matches!(self.ty(self.under(b)), Type::Interface(_)) {
                return Lookup::NotFound;
            }
            start = b;
            indirect0 = true;
        }
        let mut current: Vec<(TypeId, Vec<usize>, bool)> = vec![(start, Vec::new(), indirect0)];
        let mut seen: HashSet<TypeId> = HashSet::new();
        while !current.is_empty() {
            let mut found: Vec<(ObjId, Vec<usize>, bool)> = Vec::new();
            let mut next = Vec::new();
            for (typ, path, indirect) in current {
                let mut typ = self.w.prog.unalias(typ);
                if let Type::Named(n) = self.ty(typ).clone() {
                    if !seen.insert(typ) {
                        continue;
                    }
                    // An instance has its generic type's methods, substituted.
                    let methods = match n.origin {
                        Some(o) => match self.ty(o) {
                            Type::Named(on) => on.methods.clone(),
                            _ => Vec::new(),
                        },
                        None => n.methods.clone(),
                    };
                    if let Some(&m) = methods.iter().find(|&&m| matches(&self.w.prog.obj(m).name)) {
                        // The method's signature may not be checked yet.
                        if self.decls.contains_key(&m) {
                            self.obj_decl(m);
                        }
                        let m = if n.origin.is_some() {
                            self.instance_method(typ, m)
                        } else {
                            m
                        };
                        found.push((m, path.clone(), indirect));
                        continue;
                    }
                    typ = self.under(typ);
                }
                if let Type::TypeParam { constraint, .. } = self.ty(typ).clone() {
                    // A type parameter has the methods of its constraint.
                    let cu = self.under(constraint);
                    if let Some(m) = self
                        .w
                        .prog
                        .interface_methods(cu)
                        .into_iter()
                        .find(|&m| matches(&self.w.prog.obj(m).name))
                    {
                        found.push((m, path.clone(), indirect));
                    }
                    continue;
                }
                match self.ty(self.under(typ)).clone() {
                    Type::Struct { fields, .. } => {
                        for (i, &f) in fields.iter().enumerate() {
                            let fo = self.w.prog.obj(f);
                            let mut p = path.clone();
                            p.push(i);
                            if matches(&fo.name) && (fold || self.same_pkg_name(fo.pkg, name)) {
                                found.push((f, p.clone(), indirect));
                                continue;
                            }
                            if let ObjKind::Var { embedded: true, .. } = fo.kind {
                                let ft = fo.ty;
                                let (et, ind) = match self.ty(self.w.prog.unalias(ft)) {
                                    Type::Pointer(b) => (*b, true),
                                    _ => (ft, false),
                                };
                                next.push((et, p, indirect || ind));
                            }
                        }
                    }
                    Type::Interface(_) => {
                        let u = self.under(typ);
                        if let Some(m) = self
                            .w
                            .prog
                            .interface_methods(u)
                            .into_iter()
                            .find(|&m| matches(&self.w.prog.obj(m).name))
                        {
                            found.push((m, path.clone(), indirect));
                        }
                    }
                    _ => {}
                }
            }
            match found.len() {
                0 => {}
                1 => {
                    let (obj, path, indirect) = found.pop().expect("one");
                    return Lookup::Found {
                        obj,
                        path,
                        indirect,
                    };
                }
                _ => return Lookup::Ambiguous,
            }
            current = next;
        }
        Lookup::NotFound
    }

    /// Unexported names match only within their package.
    fn same_pkg_name(&self, pkg: Option<crate::ty::PkgId>, name: &str) -> bool {
        name.chars().next().is_some_and(char::is_uppercase)
            || pkg.is_none()
            || pkg == Some(self.pkg)
    }

    /// Whether method `m` has a pointer receiver.
    pub fn ptr_recv(&self, m: ObjId) -> bool {
        let t = self.w.prog.obj(m).ty;
        if let Type::Signature(s) = self.ty(t)
            && let Some(r) = s.recv
        {
            return matches!(
                self.ty(self.w.prog.unalias(self.w.prog.obj(r).ty)),
                Type::Pointer(_)
            );
        }
        false
    }

    /// `x.sel` (types2 `selector`).
    pub fn selector(&mut self, x: &mut Operand<'a>, e: &'a Expr, want_type: bool) {
        let Expr::Selector { x: base, sel, .. } = e else {
            return;
        };
        x.mode = Mode::Invalid;
        x.typ = TypeId::INVALID;
        x.expr = Some(e);
        // Qualified identifier pkg.Name?
        if let Expr::Name(n) = &**base
            && let Some((_, obj)) = self.lookup(&n.value)
            && let ObjKind::PkgName { imported, .. } = self.w.prog.obj(obj).kind
        {
            self.record_use(n, obj);
            self.mark_import_used(obj);
            let pkg_name = self.w.prog.obj(obj).name.clone();
            let scope = self.w.pkg_scopes[&imported];
            let found = self.w.scopes.get(scope).names.get(&sel.value).copied();
            let Some(o) = found else {
                if !self.fake_pkgs.contains(&imported) {
                    self.error_at(sel.pos, format!("undefined: {}.{}", pkg_name, sel.value));
                }
                return;
            };
            if !self.w.prog.obj(o).exported() && imported != self.w.unsafe_pkg {
                self.error_at(
                    sel.pos,
                    format!("name {} not exported by package {}", sel.value, pkg_name),
                );
                return;
            }
            self.record_use(sel, o);
            let ob = self.w.prog.obj(o).clone();
            match ob.kind {
                ObjKind::Const { value } => {
                    x.mode = Mode::Constant(value);
                }
                ObjKind::TypeName => x.mode = Mode::TypExpr,
                ObjKind::Var { .. } => x.mode = Mode::Variable,
                ObjKind::Func => x.mode = Mode::Value,
                ObjKind::Builtin(b) => x.mode = Mode::Builtin(b),
                _ => return,
            }
            x.typ = ob.ty;
            let _ = want_type;
            return;
        }

        *x = self.expr_or_type(base);
        x.expr = Some(e);
        if x.is_invalid() {
            return;
        }
        let name = sel.value.clone();
        match self.lookup_field_or_method(x.typ, &name) {
            Lookup::Found {
                obj,
                path: _,
                indirect,
            } => {
                self.record_use(sel, obj);
                let o = self.w.prog.obj(obj).clone();
                match o.kind {
                    ObjKind::Var { .. } => {
                        if x.mode == Mode::TypExpr {
                            let s = syntax::printer::expr_string(base);
                            self.error_at(
                                sel.pos,
                                format!(
                                    "{s}.{name} undefined (type {} has no method {name})",
                                    self.typ_str(x.typ)
                                ),
                            );
                            x.mode = Mode::Invalid;
                            return;
                        }
                        if x.mode == Mode::Variable || indirect {
                            x.mode = Mode::Variable;
                        } else {
                            x.mode = Mode::Value;
                        }
                        x.typ = o.ty;
                    }
                    ObjKind::Func => {
                        // Methods count as dependencies (initialization order).
                        self.add_dep(obj);
                        let is_iface = matches!(self.ty(self.under(x.typ)), Type::Interface(_));
                        if x.mode == Mode::TypExpr {
                            // Method expression T.m: the receiver becomes the first parameter.
                            if self.ptr_recv(obj)
                                && !indirect
                                && !matches!(self.ty(self.w.prog.unalias(x.typ)), Type::Pointer(_))
                            {
                                let s = syntax::printer::expr_string(base);
                                let ts = self.typ_str(x.typ);
                                self.error_at(
                                    sel.pos,
                                    format!("invalid method expression {s}.{name} (needs pointer receiver (*{ts}).{name})"),
                                );
                                x.mode = Mode::Invalid;
                                return;
                            }
                            x.mode = Mode::Value;
                            x.typ = self.method_expr_type(x.typ, o.ty);
                            return;
                        }
                        if !is_iface && self.ptr_recv(obj) && !indirect && x.mode != Mode::Variable
                        {
                            let ts = self.typ_str(x.typ);
                            self.error_at(
                                sel.pos,
                                format!("cannot call pointer method {name} on {ts}"),
                            );
                            x.mode = Mode::Invalid;
                            return;
                        }
                        x.mode = Mode::Value;
                        x.typ = self.method_value_type(o.ty);
                    }
                    _ => {}
                }
            }
            Lookup::Ambiguous => {
                let s = syntax::printer::expr_string(base);
                self.error_at(sel.pos, format!("ambiguous selector {s}.{name}"));
                x.mode = Mode::Invalid;
            }
            Lookup::NotFound => {
                let s = syntax::printer::expr_string(base);
                let why = self.lookup_error(x.typ, &name, x.mode == Mode::TypExpr);
                self.error_at(sel.pos, format!("{s}.{name} undefined ({why})"));
                x.mode = Mode::Invalid;
            }
        }
    }

    /// Why `sel` is not found in `t` (types2 `lookupError`).
    fn lookup_error(&mut self, t: TypeId, sel: &str, _is_type: bool) -> String {
        let ts = self.typ_str(t);
        if let Type::Pointer(b) = self.ty(self.under(t)).clone()
            && matches!(self.ty(self.under(b)), Type::Interface(_))
        {
            return format!("type {ts} is pointer to interface, not interface");
        }
        let Some(alt) = self.lookup_fold(t, sel) else {
            return format!("type {ts} has no field or method {sel}");
        };
        let ao = self.w.prog.obj(alt).clone();
        let exported = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        let tail = |s: &str| s.chars().skip(1).collect::<String>();
        #[derive(PartialEq)]
        enum E {
            Missing,
            Misspelled,
            Unexported,
            Inaccessible,
        }
        let e = if ao.pkg == Some(self.pkg) {
            if ao.name == sel {
                E::Missing
            } else {
                E::Misspelled
            }
        } else if exported(sel) {
            if exported(&ao.name) {
                E::Misspelled
            } else if tail(sel) == tail(&ao.name) {
                E::Unexported
            } else {
                E::Missing
            }
        } else if exported(&ao.name) {
            if tail(sel) == tail(&ao.name) {
                E::Misspelled
            } else {
                E::Missing
            }
        } else if sel == ao.name {
            E::Inaccessible
        } else {
            E::Missing
        };
        let what = match ao.kind {
            ObjKind::Var { .. } => "field",
            ObjKind::Func => "method",
            _ => "object",
        };
        match e {
            E::Missing => format!("type {ts} has no field or method {sel}"),
            E::Misspelled => format!(
                "type {ts} has no field or method {sel}, but does have {what} {}",
                ao.name
            ),
            E::Unexported => format!(
                "type {ts} has no field or method {sel}, but does have unexported {what} {}",
                ao.name
            ),
            E::Inaccessible => format!("cannot refer to unexported {what} {}", ao.name),
        }
    }

    fn all_member_names(&mut self, t: TypeId) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut t = self.w.prog.unalias(t);
        if let Type::Pointer(b) = self.ty(t) {
            t = self.w.prog.unalias(*b);
        }
        if let Type::Named(n) = self.ty(t) {
            for &m in &n.methods {
                out.push((self.w.prog.obj(m).name.clone(), false));
            }
        }
        if let Type::Struct { fields, .. } = self.ty(self.under(t)) {
            for &f in fields {
                out.push((self.w.prog.obj(f).name.clone(), true));
            }
        }
        out
    }

    /// The type of method value `x.m`: the signature without receiver.
    fn method_value_type(&mut self, sig: TypeId) -> TypeId {
        match self.ty(sig).clone() {
            Type::Signature(mut s) => {
                if s.recv.is_none() {
                    return sig;
                }
                s.recv = None;
                self.new_type(Type::Signature(s))
            }
            _ => sig,
        }
    }

    /// The type of method expression `T.m`: the receiver as first parameter.
    fn method_expr_type(&mut self, recv: TypeId, sig: TypeId) -> TypeId {
        match self.ty(sig).clone() {
            Type::Signature(mut s) => {
                let r = self.new_var("", recv, syntax::Pos::default());
                s.recv = None;
                s.params.insert(0, r);
                self.new_type(Type::Signature(s))
            }
            _ => sig,
        }
    }

    /// Whether `v` implements interface `t`; on failure the parenthesized
    /// cause types2 prints, e.g. `(missing method M)`.
    pub fn missing_method(&mut self, v: TypeId, t: TypeId, _static: bool) -> Result<(), String> {
        let iface = self.under(t);
        let methods = self.w.prog.interface_methods(iface);
        let v_is_iface =
            matches!(self.ty(self.under(v)), Type::Interface(_)) && !self.is_type_param(v);
        for m in methods {
            let mo = self.w.prog.obj(m).clone();
            let found = if v_is_iface {
                let vu = self.under(v);
                self.w
                    .prog
                    .interface_methods(vu)
                    .into_iter()
                    .find(|&f| self.w.prog.obj(f).name == mo.name)
            } else {
                match self.lookup_field_or_method(v, &mo.name) {
                    Lookup::Found { obj, indirect, .. } => {
                        if !matches!(self.w.prog.obj(obj).kind, ObjKind::Func) {
                            return Err(format!("(missing method {})", mo.name));
                        }
                        let v_is_ptr = matches!(self.ty(self.w.prog.unalias(v)), Type::Pointer(_));
                        if self.ptr_recv(obj) && !indirect && !v_is_ptr {
                            return Err(format!("(method {} has pointer receiver)", mo.name));
                        }
                        Some(obj)
                    }
                    Lookup::Ambiguous => {
                        let vs = self.typ_str(v);
                        return Err(format!("(ambiguous selector {vs}.{})", mo.name));
                    }
                    Lookup::NotFound => None,
                }
            };
            let Some(f) = found else {
                if let Some(why) = self.interface_ptr_error(v) {
                    return Err(format!("({why})"));
                }
                // A method with different case?
                let lower = mo.name.to_lowercase();
                let alt = self
                    .all_member_names(v)
                    .into_iter()
                    .find(|(n, is_field)| !is_field && n.to_lowercase() == lower);
                let have_sig = match &alt {
                    Some((n, _)) => self.member_sig(v, n),
                    None => TypeId::INVALID,
                };
                return Err(match alt {
                    Some((n, _)) => format!(
                        "(missing method {})\n\t\thave {n}{}\n\t\twant {}{}",
                        mo.name,
                        self.sig_string(have_sig),
                        mo.name,
                        self.sig_string(mo.ty)
                    ),
                    None => format!("(missing method {})", mo.name),
                });
            };
            let ft = self.w.prog.obj(f).ty;
            let (fs, ms) = (self.strip_recv(ft), self.strip_recv(mo.ty));
            if !self.w.prog.identical(fs, ms) {
                return Err(format!(
                    "(wrong type for method {})\n\t\thave {}{}\n\t\twant {}{}",
                    mo.name,
                    mo.name,
                    self.sig_string(ft),
                    mo.name,
                    self.sig_string(mo.ty)
                ));
            }
        }
        Ok(())
    }

    /// For a pointer to an interface or type parameter, why it has no
    /// methods (types2 `interfacePtrError`).
    pub fn interface_ptr_error(&self, t: TypeId) -> Option<String> {
        let Type::Pointer(base) = self.ty(self.under(t)) else {
            return None;
        };
        let ts = self.typ_str(t);
        if self.is_type_param(*base) {
            Some(format!(
                "type {ts} is pointer to type parameter, not type parameter"
            ))
        } else if matches!(self.ty(self.under(*base)), Type::Interface(_)) {
            Some(format!("type {ts} is pointer to interface, not interface"))
        } else {
            None
        }
    }

    fn member_sig(&mut self, v: TypeId, name: &str) -> TypeId {
        match self.lookup_field_or_method(v, name) {
            Lookup::Found { obj, .. } => self.w.prog.obj(obj).ty,
            _ => TypeId::INVALID,
        }
    }

    fn strip_recv(&mut self, sig: TypeId) -> TypeId {
        self.method_value_type(sig)
    }

    /// A signature as types2 prints it after a method name: `(x int) string`.
    pub fn sig_string(&self, sig: TypeId) -> String {
        let s = self.typ_str(sig);
        s.strip_prefix("func").unwrap_or(&s).to_string()
    }
}
