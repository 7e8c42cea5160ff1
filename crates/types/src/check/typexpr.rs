//! Type expressions and identifiers (types2 `typexpr.go`, `struct.go`,
//! `interface.go`, `signature.go`): resolving names to objects, and
//! building the types written in source — arrays, slices, structs,
//! pointers, functions, interfaces, maps, channels.

use super::Checker;
use super::operand::{Mode, Operand};
use crate::ty::{BasicKind, ChanDir, Interface, ObjId, ObjKind, Signature, Type, TypeId};
use crate::universe::ScopeId;
use syntax::ast::{self, Expr};
use syntax::token::Operator;

impl<'a> Checker<'_, 'a> {
    /// The innermost scope of the code being checked.
    pub fn scope(&self) -> ScopeId {
        self.env
            .scope
            .unwrap_or_else(|| self.file_scopes[self.cur_file])
    }

    /// Looks a name up from the current scope outward.
    pub fn lookup(&self, name: &str) -> Option<(ScopeId, ObjId)> {
        self.w.scopes.lookup_parent(self.scope(), name)
    }

    /// Resolves identifier `e` into operand `x` (types2 `ident`).
    pub fn ident(&mut self, x: &mut Operand<'a>, e: &'a Expr, n: &'a ast::Name, want_type: bool) {
        x.mode = Mode::Invalid;
        x.expr = Some(e);
        x.typ = TypeId::INVALID;
        let Some((scope, obj)) = self.lookup(&n.value) else {
            if n.value == "_" {
                self.error_at(n.pos, "cannot use _ as value or type");
            } else {
                self.error_at(n.pos, format!("undefined: {}", n.value));
            }
            return;
        };
        self.record_use(n, obj);
        // Objects found through a dot import mark it used.
        if let Some(&marker) = self.dot_imports.get(&(scope, obj)) {
            self.mark_import_used(marker);
        }
        let is_pkg_level = self.decls.contains_key(&obj);
        // Declare it first if its type is not known yet, or if a type name
        // is wanted (which detects invalid type cycles), as types2 does.
        let is_type = matches!(self.w.prog.obj(obj).kind, ObjKind::TypeName);
        if is_pkg_level && (self.w.prog.obj(obj).ty == TypeId::INVALID || want_type && is_type) {
            self.obj_decl(obj);
        }
        let o = self.w.prog.obj(obj).clone();
        let typ = o.ty;
        match &o.kind {
            ObjKind::PkgName { .. } => {
                self.error_at(n.pos, format!("use of package {} not in selector", o.name));
                self.mark_import_used(obj);
                return;
            }
            ObjKind::Const { value } => {
                self.add_dep(obj);
                if typ == TypeId::INVALID {
                    return;
                }
                if n.value == "iota" && o.pkg.is_none() {
                    match self.iota {
                        Some(i) => x.mode = Mode::Constant(crate::constant::Value::int(i)),
                        None => {
                            self.error_at(n.pos, "cannot use iota outside constant declaration");
                            return;
                        }
                    }
                } else {
                    x.mode = Mode::Constant(value.clone());
                }
            }
            ObjKind::TypeName => {
                if typ == TypeId::INVALID {
                    return;
                }
                x.mode = Mode::TypExpr;
            }
            ObjKind::Var { .. } => {
                if o.pkg == Some(self.pkg) {
                    self.use_var(obj);
                }
                self.add_dep(obj);
                if typ == TypeId::INVALID {
                    return;
                }
                x.mode = Mode::Variable;
            }
            ObjKind::Func => {
                self.add_dep(obj);
                x.mode = Mode::Value;
            }
            ObjKind::Builtin(b) => x.mode = Mode::Builtin(*b),
            ObjKind::Nil => x.mode = Mode::Nil,
            ObjKind::Label { .. } => return,
        }
        x.typ = typ;
    }

    /// Records that the package-level declaration being checked uses `obj`.
    pub fn add_dep(&mut self, obj: ObjId) {
        if self.decls.contains_key(&obj)
            && let Some(deps) = &mut self.deps
            && !deps.contains(&obj)
        {
            deps.push(obj);
        }
    }

    /// The type denoted by `e` (types2 `typ`).
    pub fn typ(&mut self, e: &'a Expr) -> TypeId {
        self.defined_type(e, None)
    }

    /// Like `typ`, for the type of a variable: constraint interfaces are
    /// not permitted (types2 `varType`).
    pub fn var_type(&mut self, e: &'a Expr) -> TypeId {
        let t = self.typ(e);
        if self.is_constraint_interface(t) {
            let s = self.typ_str(t);
            self.error(
                e,
                format!("cannot use type {s} outside a type constraint: interface contains type constraints"),
            );
            return TypeId::INVALID;
        }
        t
    }

    /// Whether `t` is an interface whose type set is not just a method set
    /// (it restricts the types or requires comparability), so that it is
    /// only usable as a constraint (types2 `!IsMethodSet`).
    pub fn is_constraint_interface(&self, t: TypeId) -> bool {
        let u = self.under(t);
        matches!(self.ty(u), Type::Interface(_))
            && (self.iface_is_comparable(u, &mut Vec::new()) || self.iface_terms_of(u).is_some())
    }

    /// The type denoted by `e`; `def` is the named type being defined by it.
    pub fn defined_type(&mut self, e: &'a Expr, def: Option<TypeId>) -> TypeId {
        let t = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.typ_internal(e, def));
        self.record_type_and_value(e, Mode::TypExpr, t);
        t
    }

    fn typ_internal(&mut self, e: &'a Expr, def: Option<TypeId>) -> TypeId {
        match e {
            Expr::Bad(_) => TypeId::INVALID,
            Expr::Name(n) => {
                let mut x = Operand::invalid(e);
                self.ident(&mut x, e, n, true);
                match x.mode {
                    Mode::TypExpr => self.instantiated_or_error(e, x.typ),
                    Mode::Invalid => TypeId::INVALID,
                    Mode::NoValue => {
                        self.error(e, format!("{} used as type", n.value));
                        TypeId::INVALID
                    }
                    _ => {
                        let kind = self
                            .lookup(&n.value)
                            .map(|(_, o)| self.object_kind(o))
                            .unwrap_or("object");
                        self.error(e, format!("{} ({kind}) is not a type", n.value));
                        TypeId::INVALID
                    }
                }
            }
            Expr::Selector { .. } => {
                let mut x = Operand::invalid(e);
                self.selector(&mut x, e, true);
                match x.mode {
                    Mode::TypExpr => self.instantiated_or_error(e, x.typ),
                    Mode::Invalid => TypeId::INVALID,
                    _ => {
                        let s = syntax::printer::expr_string(e);
                        self.error(e, format!("{s} is not a type"));
                        TypeId::INVALID
                    }
                }
            }
            Expr::Index { x, index, .. } => self.instantiated_type(e, x, index, def),
            Expr::Paren { x, .. } => self.defined_type(x, def),
            Expr::ArrayType { len, elem, .. } => match len {
                Some(l) => {
                    let n = self.array_length(l);
                    let elem = self.var_type(elem);
                    if n < 0 {
                        return TypeId::INVALID;
                    }
                    self.new_type(Type::Array { len: n, elem })
                }
                None => {
                    self.error(
                        e,
                        "invalid use of [...] array (outside a composite literal)",
                    );
                    self.var_type(elem);
                    TypeId::INVALID
                }
            },
            Expr::SliceType { elem, .. } => {
                let elem = self.var_type(elem);
                self.new_type(Type::Slice(elem))
            }
            Expr::DotsType { .. } => {
                self.error(e, "invalid use of ...");
                TypeId::INVALID
            }
            Expr::StructType { fields, tags, .. } => self.struct_type(fields, tags),
            Expr::Operation {
                op: Operator::Mul,
                x,
                y: None,
                ..
            } => {
                let base = self.var_type(x);
                if base == TypeId::INVALID {
                    return TypeId::INVALID;
                }
                self.new_type(Type::Pointer(base))
            }
            Expr::FuncType(f) => self.func_type(None, &[], f).0,
            Expr::InterfaceType { methods, .. } => self.interface_type(methods, def),
            Expr::MapType { key: k, value, .. } => {
                let kt = self.var_type(k);
                let vt = self.var_type(value);
                // Checked once all types are complete (types2 delays it too).
                if kt != TypeId::INVALID {
                    self.delayed_map_key.push((self.cur_file, k, kt));
                }
                self.new_type(Type::Map { key: kt, elem: vt })
            }
            Expr::ChanType { dir, elem, .. } => {
                let elem = self.var_type(elem);
                let dir = match dir {
                    ast::ChanDir::Both => ChanDir::SendRecv,
                    ast::ChanDir::SendOnly => ChanDir::SendOnly,
                    ast::ChanDir::RecvOnly => ChanDir::RecvOnly,
                };
                self.new_type(Type::Chan { dir, elem })
            }
            _ => {
                let s = syntax::printer::expr_string(e);
                self.error(e, format!("{s} is not a type"));
                TypeId::INVALID
            }
        }
    }

    /// A type used as such: a generic type must be instantiated.
    fn instantiated_or_error(&mut self, e: &'a Expr, t: TypeId) -> TypeId {
        if self.is_generic(t) {
            let s = self.typ_str(t);
            self.error(
                e,
                format!("cannot use generic type {s} without instantiation"),
            );
            return TypeId::INVALID;
        }
        t
    }

    /// Reports methods an interface gets twice through embedding, with
    /// different signatures (or at all before go1.14), once all types are
    /// complete (types2 `computeInterfaceTypeSet`'s delayed check).
    pub(super) fn check_interface_duplicates(&mut self) {
        for (file, explicit, embedded) in std::mem::take(&mut self.delayed_ifaces) {
            self.cur_file = file;
            let mut seen: std::collections::HashMap<String, (ObjId, Option<syntax::Pos>)> =
                std::collections::HashMap::new();
            for m in explicit {
                seen.insert(self.w.prog.obj(m).name.clone(), (m, None));
            }
            for (pos, t) in embedded {
                for m in self.w.prog.interface_methods(t) {
                    let name = self.w.prog.obj(m).name.clone();
                    let Some(&(other, other_pos)) = seen.get(&name) else {
                        seen.insert(name, (m, Some(pos)));
                        continue;
                    };
                    let (mt, ot) = (self.w.prog.obj(m).ty, self.w.prog.obj(other).ty);
                    if !self.allow_version(14) || !self.w.prog.identical(mt, ot) {
                        let at = match other_pos {
                            Some(p) => self.w.pos_string(self.file_ids[file], p),
                            None => self.obj_pos_string(other),
                        };
                        self.error_at(
                            pos,
                            format!("duplicate method {name}\n\t{at}: other declaration of method {name}"),
                        );
                    }
                }
            }
        }
    }

    /// Reports invalid map key types once all types are complete.
    pub(super) fn check_map_keys(&mut self) {
        for (file, k, kt) in std::mem::take(&mut self.delayed_map_key) {
            if !self.comparable(kt) {
                let why = if self.is_type_param(kt) {
                    " (missing comparable constraint)"
                } else {
                    ""
                };
                let s = self.typ_str(kt);
                self.cur_file = file;
                self.error(k, format!("invalid map key type {s}{why}"));
            }
        }
    }

    /// The length of an array type: a non-negative constant integer, or -1
    /// after an error (types2 `arrayLength`).
    fn array_length(&mut self, e: &'a Expr) -> i64 {
        // A name may be a parameterized type declaration missing its
        // constraint: say so when it is undefined (types2 `arrayLength`).
        if let Expr::Name(n) = e {
            match self.lookup(&n.value) {
                None => {
                    self.error(
                        e,
                        format!(
                            "undefined array length {} or missing type constraint",
                            n.value
                        ),
                    );
                    return -1;
                }
                Some((_, o)) if !matches!(self.w.prog.obj(o).kind, ObjKind::Const { .. }) => {
                    self.error(e, format!("invalid array length {}", n.value));
                    return -1;
                }
                _ => {}
            }
        }
        let x = self.expr(None, e);
        if x.is_invalid() {
            return -1;
        }
        let Mode::Constant(v) = x.mode.clone() else {
            let d = self.op_str(&x);
            self.error(e, format!("array length {d} must be constant"));
            return -1;
        };
        let integer = self.basic(x.typ).is_some_and(|k| k.is_integer());
        if self.is_untyped(x.typ) || integer {
            let vi = v.to_int();
            if matches!(vi, crate::constant::Value::Int(_))
                && super::expr::representable_const(&vi, BasicKind::Int).is_some()
                && let Some(n) = vi.to_i64()
                && n >= 0
            {
                return n;
            }
        }
        let d = self.op_str(&x);
        let msg = if integer {
            format!("invalid array length {d}")
        } else {
            format!("array length {d} must be integer")
        };
        self.error(e, msg);
        -1
    }

    fn struct_type(
        &mut self,
        fields: &'a [ast::Field],
        tags: &'a [Option<ast::BasicLit>],
    ) -> TypeId {
        let mut objs = Vec::new();
        let mut tag_strs = Vec::new();
        let mut seen: std::collections::HashMap<String, ObjId> = std::collections::HashMap::new();
        let mut prev_typ: Option<(&ast::Field, TypeId)> = None;
        for (i, f) in fields.iter().enumerate() {
            let t = match prev_typ {
                Some((pf, t)) if pf.same_type(f) => t,
                _ => self.var_type(&f.typ),
            };
            prev_typ = Some((f, t));
            let tag = tags
                .get(i)
                .and_then(|t| t.as_ref())
                .map_or(
                    String::new(),
                    |t| match crate::constant::Value::from_literal(
                        &t.value,
                        crate::constant::LitKind::String,
                    ) {
                        crate::constant::Value::String(s) => {
                            String::from_utf8_lossy(&s).into_owned()
                        }
                        _ => String::new(),
                    },
                );
            let (name, pos, embedded) = match &f.name {
                Some(n) => (n.value.clone(), n.pos, false),
                None => {
                    // Embedded field: named after the type name.
                    let (name, pos) = embedded_field_name(&f.typ);
                    self.check_embedded(&f.typ, t);
                    (name, pos, true)
                }
            };
            let obj = self.new_object(
                &name,
                ObjKind::Var {
                    is_field: true,
                    embedded,
                    used: false,
                },
                t,
                pos,
            );
            if let Some(n) = &f.name {
                self.record_def(n, obj);
            }
            if name != "_" {
                if let Some(&alt) = seen.get(&name) {
                    let other = self.obj_pos_string(alt);
                    self.error_at(
                        pos,
                        format!("{name} redeclared\n\t{other}: other declaration of {name}"),
                    );
                } else {
                    seen.insert(name.clone(), obj);
                }
            }
            objs.push(obj);
            tag_strs.push(tag);
        }
        while tag_strs.last().is_some_and(String::is_empty) {
            tag_strs.pop();
        }
        self.new_type(Type::Struct {
            fields: objs,
            tags: tag_strs,
        })
    }

    /// Restrictions on embedded field types (types2 `embeddedFieldType` checks).
    fn check_embedded(&mut self, e: &'a Expr, t: TypeId) {
        if t == TypeId::INVALID {
            return;
        }
        let (is_ptr, base) = match self.ty(self.w.prog.unalias(t)) {
            Type::Pointer(b) => (true, *b),
            _ => (false, t),
        };
        if self.is_type_param(base) {
            self.error(
                e,
                "embedded field type cannot be a (pointer to a) type parameter",
            );
            return;
        }
        match self.ty(self.under(base)) {
            Type::Basic(BasicKind::UnsafePointer) => {
                self.error(e, "embedded field type cannot be unsafe.Pointer");
            }
            Type::Pointer(_) => self.error(e, "embedded field type cannot be a pointer"),
            Type::Interface(_) if is_ptr => {
                self.error(e, "embedded field type cannot be a pointer to an interface");
            }
            _ => {}
        }
    }

    fn interface_type(&mut self, elems: &'a [ast::Field], _def: Option<TypeId>) -> TypeId {
        let mut methods = Vec::new();
        let mut embeddeds = Vec::new();
        let mut embedded_at = Vec::new();
        for f in elems {
            match &f.name {
                Some(n) => {
                    let Expr::FuncType(ft) = &*f.typ else {
                        continue;
                    };
                    let (sig, _) = self.func_type(None, &[], ft);
                    let m = self.new_object(&n.value, ObjKind::Func, sig, n.pos);
                    self.record_def(n, m);
                    if n.value == "_" {
                        self.error_at(n.pos, "methods must have a unique non-blank name");
                        continue;
                    }
                    if let Some(&other) = methods
                        .iter()
                        .find(|&&o: &&ObjId| self.w.prog.obj(o).name == n.value)
                    {
                        let at = self.obj_pos_string(other);
                        self.error_at(
                            n.pos,
                            format!(
                                "duplicate method {0}\n\t{at}: other declaration of method {0}",
                                n.value
                            ),
                        );
                        continue;
                    }
                    methods.push(m);
                }
                None => {
                    let t = self.embedded_elem(&f.typ);
                    if t != TypeId::INVALID {
                        embeddeds.push(t);
                        embedded_at.push((f.typ.start(), t));
                    }
                }
            }
        }
        if !embedded_at.is_empty() {
            let explicit = methods.clone();
            self.delayed_ifaces
                .push((self.cur_file, explicit, embedded_at));
        }
        self.new_type(Type::Interface(Box::new(Interface {
            methods,
            embeddeds,
            implicit: false,
        })))
    }

    /// An embedded interface element: a type, `~T`, or a union of terms.
    fn embedded_elem(&mut self, e: &'a Expr) -> TypeId {
        match e {
            Expr::Operation {
                op: Operator::Or, ..
            }
            | Expr::Operation {
                op: Operator::Tilde,
                y: None,
                ..
            } => {
                let mut terms = Vec::new();
                self.union_terms(e, &mut terms);
                let u = self.new_type(Type::Union(terms));
                if !self.allow_version(18) {
                    let s = self.typ_str(u);
                    self.verify_version(e, 18, &format!("embedding interface element {s}"));
                    return TypeId::INVALID;
                }
                u
            }
            _ => {
                let t = self.typ(e);
                if t == TypeId::INVALID {
                    return t;
                }
                // A named type still being declared (an interface embedding
                // one that refers back to it) is taken as an interface.
                let pending = matches!(self.ty(self.w.prog.unalias(t)), Type::Named(n) if n.underlying == TypeId::INVALID);
                if !pending && !matches!(self.ty(self.under(t)), Type::Interface(_)) {
                    if !self.allow_version(18) {
                        let s = self.typ_str(t);
                        self.verify_version(e, 18, &format!("embedding non-interface type {s}"));
                        return TypeId::INVALID;
                    }
                    // A single non-interface type is a one-term union.
                    return self.new_type(Type::Union(vec![crate::ty::Term {
                        tilde: false,
                        ty: t,
                    }]));
                }
                t
            }
        }
    }

    fn union_terms(&mut self, e: &'a Expr, out: &mut Vec<crate::ty::Term>) {
        match e {
            Expr::Operation {
                op: Operator::Or,
                x,
                y: Some(y),
                ..
            } => {
                self.union_terms(x, out);
                self.union_terms(y, out);
            }
            Expr::Operation {
                op: Operator::Tilde,
                x,
                y: None,
                ..
            } => {
                let t = self.typ(x);
                if t != TypeId::INVALID {
                    if !self.w.prog.identical(t, self.under(t)) {
                        let s = self.typ_str(t);
                        self.error(
                            e,
                            format!("invalid use of ~ ({s} is not the underlying type of {s})"),
                        );
                    }
                    out.push(crate::ty::Term { tilde: true, ty: t });
                }
            }
            _ => {
                let t = self.typ(e);
                if t != TypeId::INVALID {
                    out.push(crate::ty::Term {
                        tilde: false,
                        ty: t,
                    });
                }
            }
        }
    }

    /// Builds a signature and declares its parameters in a new function
    /// scope (types2 `funcType`). Returns the signature type and the scope.
    pub fn func_type(
        &mut self,
        recv: Option<&'a ast::Field>,
        tparams: &'a [ast::Field],
        ft: &'a ast::FuncType,
    ) -> (TypeId, ScopeId) {
        let parent = self.scope();
        let scope = self.w.scopes.new_child(parent);
        self.func_scopes.insert(scope);
        let saved = self.env.scope.replace(scope);
        let mut sig = Signature::default();
        if !tparams.is_empty() {
            sig.tparams = self.declare_type_params(tparams, scope);
        }
        let saved_pending = std::mem::take(&mut self.pending_params);
        let mut recv_tparams = Vec::new();
        if let Some(r) = recv {
            self.declare_recv_tparams(&r.typ, scope);
            recv_tparams = std::mem::take(&mut self.last_recv_tparams);
            self.recv_override = self.recv_type_from_tparams(&r.typ, &recv_tparams);
            let (objs, _) = self.collect_params(std::slice::from_ref(r), false, scope);
            if let Some(&rv) = objs.first() {
                self.valid_recv(r, rv);
                sig.recv = Some(rv);
            }
        }
        let (params, variadic) = self.collect_params(&ft.params, true, scope);
        let (results, _) = self.collect_params(&ft.results, false, scope);
        for (sc, n, v) in std::mem::replace(&mut self.pending_params, saved_pending) {
            self.declare(sc, Some(n), v);
        }
        sig.params = params;
        sig.results = results;
        sig.variadic = variadic;
        self.env.scope = saved;
        // Nested function types (in parameters) must not clobber these.
        self.last_recv_tparams = recv_tparams;
        (self.new_type(Type::Signature(Box::new(sig))), scope)
    }

    /// Declares parameters (or results) in `scope`; returns their objects and
    /// whether the last one is variadic.
    fn collect_params(
        &mut self,
        list: &'a [ast::Field],
        variadic_ok: bool,
        scope: ScopeId,
    ) -> (Vec<ObjId>, bool) {
        let mut objs = Vec::new();
        let mut variadic = false;
        let mut prev: Option<(&ast::Field, TypeId)> = None;
        for (i, f) in list.iter().enumerate() {
            let t = match prev {
                _ if self.recv_override.is_some() => {
                    self.recv_override.take().expect("receiver type")
                }
                Some((pf, t)) if pf.same_type(f) => t,
                _ => match &*f.typ {
                    Expr::DotsType { elem, .. } if variadic_ok && i + 1 == list.len() => {
                        variadic = true;
                        let e = self.var_type(elem);
                        self.new_type(Type::Slice(e))
                    }
                    t => self.var_type(t),
                },
            };
            prev = Some((f, t));
            let (name, pos) = match &f.name {
                Some(n) => (n.value.clone(), n.pos),
                None => (String::new(), f.typ.start()),
            };
            let v = self.new_var(&name, t, pos);
            self.params.insert(v);
            if let Some(n) = &f.name {
                // Declared once the whole signature is resolved: parameter
                // names are not in scope in parameter types.
                self.pending_params.push((scope, n, v));
            }
            objs.push(v);
        }
        (objs, variadic)
    }

    /// Receiver restrictions (types2 `validRecv`).
    fn valid_recv(&mut self, r: &'a ast::Field, rv: ObjId) {
        let t = self.w.prog.obj(rv).ty;
        if t == TypeId::INVALID {
            return;
        }
        let base = match self.ty(self.w.prog.unalias(t)) {
            Type::Pointer(b) => *b,
            _ => t,
        };
        let base = self.w.prog.unalias(base);
        let bad = |c: &mut Self, why: &str| {
            let s = c.typ_str(t);
            c.error(&r.typ, format!("invalid receiver type {s}{why}"));
        };
        match self.ty(base) {
            Type::Named(n) => {
                let obj = n.obj;
                if self.w.prog.obj(obj).pkg != Some(self.pkg) {
                    let s = self.typ_str(base);
                    self.error(
                        &r.typ,
                        format!("cannot define new methods on non-local type {s}"),
                    );
                    return;
                }
                match self.ty(n.underlying) {
                    Type::Pointer(_) | Type::Interface(_) => {
                        bad(self, " (pointer or interface type)")
                    }
                    _ => {}
                }
            }
            Type::Basic(_) => {
                let s = self.typ_str(base);
                self.error(
                    &r.typ,
                    format!("cannot define new methods on non-local type {s}"),
                );
            }
            _ => bad(self, ""),
        }
    }

    /// For a receiver `T[P, Q]` of a generic type: declares P and Q as the
    /// method's own type parameters, constrained as T's (types2 `collectRecv`).
    fn declare_recv_tparams(&mut self, t: &'a Expr, scope: ScopeId) {
        let mut t = t.unparen();
        if let Expr::Operation {
            op: Operator::Mul,
            x,
            y: None,
            ..
        } = t
        {
            t = x.unparen();
        }
        let Expr::Index { x: base, index, .. } = t else {
            return;
        };
        let Expr::Name(bn) = base.unparen() else {
            return;
        };
        let Some((_, bo)) = self.lookup(&bn.value) else {
            return;
        };
        if self.decls.contains_key(&bo) {
            self.obj_decl(bo);
        }
        let Type::Named(n) = self.ty(self.w.prog.unalias(self.w.prog.obj(bo).ty)).clone() else {
            return;
        };
        if n.tparams.is_empty() {
            return;
        }
        let names = index.list();
        let mut new_tps = Vec::new();
        for (i, ne) in names.iter().enumerate() {
            let Expr::Name(nn) = ne else { continue };
            let tn = self.new_object(&nn.value, ObjKind::TypeName, TypeId::INVALID, nn.pos);
            let tp = self.new_type(Type::TypeParam {
                obj: tn,
                index: i as u32,
                constraint: TypeId::INVALID,
            });
            self.w.prog.objects[tn.0 as usize].ty = tp;
            if nn.value != "_" {
                self.declare(scope, Some(nn), tn);
            } else {
                self.record_def(nn, tn);
            }
            new_tps.push(tp);
        }
        if new_tps.len() == n.tparams.len() {
            let smap: super::generic::Smap = n
                .tparams
                .iter()
                .zip(&new_tps)
                .map(|(&p, &q)| (self.w.prog.obj(p).ty, q))
                .collect();
            for (&orig, &tp) in n.tparams.iter().zip(&new_tps) {
                let Type::TypeParam { constraint, .. } = self.ty(self.w.prog.obj(orig).ty).clone()
                else {
                    continue;
                };
                let c = self.subst(constraint, &smap);
                if let Type::TypeParam { constraint, .. } = &mut self.w.prog.types[tp.0 as usize] {
                    *constraint = c;
                }
            }
        }
        self.last_recv_tparams = new_tps;
    }

    /// The receiver type `T[P, Q]` or `*T[P, Q]` built directly from the
    /// method's receiver type parameters (`_` allowed).
    fn recv_type_from_tparams(&mut self, t: &'a Expr, tps: &[TypeId]) -> Option<TypeId> {
        if tps.is_empty() {
            return None;
        }
        let mut t = t.unparen();
        let mut ptr = false;
        if let Expr::Operation {
            op: Operator::Mul,
            x,
            y: None,
            ..
        } = t
        {
            t = x.unparen();
            ptr = true;
        }
        let Expr::Index { x: base, .. } = t else {
            return None;
        };
        let Expr::Name(bn) = base.unparen() else {
            return None;
        };
        let (_, bo) = self.lookup(&bn.value)?;
        self.record_use(bn, bo);
        let origin = self.w.prog.unalias(self.w.prog.obj(bo).ty);
        let inst = self.instance(origin, tps);
        self.record_type_and_value(t, Mode::TypExpr, inst);
        Some(if ptr {
            self.new_type(Type::Pointer(inst))
        } else {
            inst
        })
    }

    /// The kind of an object as messages name it (types2 `objectKind`).
    pub fn object_kind(&self, o: ObjId) -> &'static str {
        let ob = self.w.prog.obj(o);
        match &ob.kind {
            ObjKind::PkgName { .. } => "package name",
            ObjKind::Const { .. } => "constant",
            ObjKind::TypeName => match self.ty(ob.ty) {
                Type::TypeParam { .. } => "type parameter",
                Type::Alias { .. } => "type alias",
                _ => "defined type",
            },
            ObjKind::Var { is_field: true, .. } => "struct field",
            ObjKind::Var { .. } => {
                if self.decls.contains_key(&o) {
                    "package-level variable"
                } else if self.params.contains(&o) {
                    "parameter"
                } else {
                    "local variable"
                }
            }
            ObjKind::Func => match self.ty(ob.ty) {
                Type::Signature(s) if s.recv.is_some() => "method",
                _ => "function",
            },
            ObjKind::Label { .. } => "label",
            ObjKind::Builtin(_) => "built-in function",
            ObjKind::Nil => "untyped nil",
        }
    }

    pub fn is_type_param(&self, t: TypeId) -> bool {
        matches!(self.ty(self.w.prog.unalias(t)), Type::TypeParam { .. })
    }

    /// Whether `t` is a generic type not yet instantiated.
    pub fn is_generic(&self, t: TypeId) -> bool {
        match self.ty(self.w.prog.unalias(t)) {
            Type::Named(n) => !n.tparams.is_empty() && n.targs.is_empty(),
            _ => false,
        }
    }

    /// Declares a type parameter list in `scope` (generic code is checked
    /// for declarations only until instantiation lands).
    pub fn declare_type_params(&mut self, list: &'a [ast::Field], scope: ScopeId) -> Vec<ObjId> {
        self.declare_type_params_for(list, scope, None)
    }

    /// Like `declare_type_params`; `named` (a generic type being declared)
    /// gets its type parameters before their constraints are resolved, so
    /// that constraints may refer to the type itself.
    pub fn declare_type_params_for(
        &mut self,
        list: &'a [ast::Field],
        scope: ScopeId,
        named: Option<TypeId>,
    ) -> Vec<ObjId> {
        let mut objs = Vec::new();
        for (i, f) in list.iter().enumerate() {
            let Some(n) = &f.name else { continue };
            let tn = self.new_object(&n.value, ObjKind::TypeName, TypeId::INVALID, n.pos);
            let tp = self.new_type(Type::TypeParam {
                obj: tn,
                index: i as u32,
                constraint: TypeId::INVALID,
            });
            self.w.prog.objects[tn.0 as usize].ty = tp;
            self.declare(scope, Some(n), tn);
            objs.push(tn);
        }
        if let Some(named) = named
            && let Type::Named(n) = &mut self.w.prog.types[named.0 as usize]
        {
            n.tparams = objs.clone();
        }
        let saved = self.env.scope.replace(scope);
        let mut prev: Option<(&ast::Field, TypeId)> = None;
        for (f, &tn) in list.iter().zip(&objs) {
            let c = match prev {
                Some((pf, t)) if pf.same_type(f) => t,
                _ => self.bound(&f.typ),
            };
            prev = Some((f, c));
            let tp = self.w.prog.obj(tn).ty;
            if let Type::TypeParam { constraint, .. } = &mut self.w.prog.types[tp.0 as usize] {
                *constraint = c;
            }
        }
        self.env.scope = saved;
        objs
    }

    /// A type parameter's constraint: an interface, or a type-set element
    /// wrapped in an implicit interface.
    fn bound(&mut self, e: &'a Expr) -> TypeId {
        let t = self.embedded_elem(e);
        if t == TypeId::INVALID {
            return t;
        }
        if matches!(self.ty(self.under(t)), Type::Interface(_)) {
            return t;
        }
        self.new_type(Type::Interface(Box::new(Interface {
            methods: Vec::new(),
            embeddeds: vec![t],
            implicit: true,
        })))
    }

    /// A generic type declaration: its type parameters and the type.
    pub fn generic_type_decl(&mut self, obj: ObjId, d: &'a ast::TypeDecl) {
        let named = self.new_named(obj);
        let scope = self.w.scopes.new_child(self.scope());
        self.declare_type_params_for(&d.tparams, scope, Some(named));
        let saved = self.env.scope.replace(scope);
        let rhs = self.defined_type(&d.typ, Some(named));
        self.env.scope = saved;
        let under = self.under(rhs);
        if let Type::Named(n) = &mut self.w.prog.types[named.0 as usize] {
            n.underlying = under;
        }
        if let Some(methods) = self.methods.remove(&obj)
            && let Type::Named(n) = &mut self.w.prog.types[named.0 as usize]
        {
            n.methods.extend(methods);
        }
    }

    /// `T[args]` in a type context.
    fn instantiated_type(
        &mut self,
        e: &'a Expr,
        x: &'a Expr,
        _index: &'a Expr,
        _def: Option<TypeId>,
    ) -> TypeId {
        let mut op = Operand::invalid(x);
        match x {
            Expr::Name(n) => self.ident(&mut op, x, n, true),
            _ => self.selector(&mut op, x, true),
        }
        if op.is_invalid() {
            return TypeId::INVALID;
        }
        if op.mode != Mode::TypExpr || !self.is_generic(op.typ) {
            let s = syntax::printer::expr_string(x);
            self.error(e, format!("{s} is not a generic type"));
            return TypeId::INVALID;
        }
        self.instantiate_type_expr(e, op.typ, _index)
    }
}

/// The name of an embedded field: the type name of `T`, `*T`, `p.T`, `T[A]`.
fn embedded_field_name(t: &Expr) -> (String, syntax::Pos) {
    match t {
        Expr::Name(n) => (n.value.clone(), n.pos),
        Expr::Operation {
            op: Operator::Mul,
            x,
            y: None,
            ..
        } => embedded_field_name(x),
        Expr::Selector { sel, .. } => (sel.value.clone(), sel.pos),
        Expr::Index { x, .. } => embedded_field_name(x),
        Expr::Paren { x, .. } => embedded_field_name(x),
        _ => ("_".into(), t.pos()),
    }
}
