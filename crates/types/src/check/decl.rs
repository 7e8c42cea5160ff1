//! Package-level declarations (types2 `decl.go`, `cycles.go`,
//! `initorder.go`): checking each object on demand with cycle detection,
//! constants (with `iota`), variables, defined types and aliases, functions
//! and methods, and the package's variable initialization order.

use super::operand::{Mode, Operand};
use super::{Checker, Color, DeclKind, Initializer, key};
use crate::constant::Value;
use crate::ty::{Named, ObjId, ObjKind, Type, TypeId};
use std::collections::{HashMap, HashSet};
use syntax::ast::{self, Expr};

impl<'a> Checker<'_, 'a> {
    /// Checks all package-level objects: type declarations first (so that
    /// methods and embedded fields resolve), then the rest in source order.
    pub(super) fn package_objects(&mut self) {
        let mut objs: Vec<ObjId> = self.decls.keys().copied().collect();
        objs.sort_by_key(|o| {
            let ob = self.w.prog.obj(*o);
            (ob.file, ob.pos)
        });
        let (types, others): (Vec<ObjId>, Vec<ObjId>) = objs
            .into_iter()
            .partition(|o| matches!(self.w.prog.obj(*o).kind, ObjKind::TypeName));
        self.direct_cycles(&types);
        // Non-alias types first, then aliases (types2 does the same to
        // avoid cycles through alias declarations).
        let (aliases, defined): (Vec<ObjId>, Vec<ObjId>) = types
            .into_iter()
            .partition(|o| matches!(self.decls[o].kind, DeclKind::Type(d) if d.alias));
        let types: Vec<ObjId> = defined.iter().chain(&aliases).copied().collect();
        for &o in &types {
            self.obj_decl(o);
        }
        // Types that contain themselves are invalid (before any size is
        // computed from them).
        for &o in &types {
            self.valid_type_obj(o);
        }
        for o in others {
            self.obj_decl(o);
        }
    }

    /// Reports cycles of type declarations whose right-hand sides are
    /// plain names of this package (`type A B; type B = A`), before any
    /// type is checked (types2 `directCycles`); the type starting each
    /// cycle becomes invalid.
    fn direct_cycles(&mut self, types: &[ObjId]) {
        // Absent: white; Some(i): grey at path index i; None: black.
        let mut path_idx: HashMap<ObjId, Option<usize>> = HashMap::new();
        for &start in types {
            let mut path: Vec<ObjId> = Vec::new();
            let mut tn = start;
            loop {
                match path_idx.get(&tn) {
                    Some(None) => break,
                    Some(Some(i)) => {
                        let cycle = path[*i..].to_vec();
                        self.w.prog.objects[tn.0 as usize].ty = TypeId::INVALID;
                        self.colors.insert(tn, Color::Black);
                        self.cycle_error(&cycle);
                        break;
                    }
                    None => {}
                }
                path_idx.insert(tn, Some(path.len()));
                path.push(tn);
                let Some(DeclKind::Type(d)) = self.decls.get(&tn).map(|d| &d.kind) else {
                    break;
                };
                let Expr::Name(rhs) = &d.typ else { break };
                match self.w.scopes.get(self.pkg_scope).names.get(&rhs.value) {
                    Some(&next) if matches!(self.w.prog.obj(next).kind, ObjKind::TypeName) => {
                        tn = next
                    }
                    _ => break,
                }
            }
            for o in path {
                path_idx.insert(o, None);
            }
        }
    }

    /// Reports `o`'s type if it contains itself without indirection
    /// (types2 `validType`), and makes it invalid.
    pub(super) fn valid_type_obj(&mut self, o: ObjId) {
        let t = self.w.prog.obj(o).ty;
        if !matches!(self.ty(t), Type::Named(n) if n.targs.is_empty()) {
            return;
        }
        let mut path = Vec::new();
        self.valid_type(t, &mut path);
    }

    /// Walks `t`'s structure; `path` holds the defined types being expanded.
    /// Returns false if a cycle was found (and reported).
    fn valid_type(&mut self, t: TypeId, path: &mut Vec<TypeId>) -> bool {
        let t = self.w.prog.unalias(t);
        match self.ty(t).clone() {
            Type::Array { elem, .. } => self.valid_type(elem, path),
            Type::Struct { fields, .. } => {
                for f in fields {
                    let ft = self.w.prog.obj(f).ty;
                    if !self.valid_type(ft, path) {
                        return false;
                    }
                }
                true
            }
            Type::Interface(i) => {
                for e in i.embeddeds {
                    if !self.valid_type(e, path) {
                        return false;
                    }
                }
                true
            }
            Type::Union(terms) => {
                for term in terms {
                    if !self.valid_type(term.ty, path) {
                        return false;
                    }
                }
                true
            }
            Type::Named(n) => {
                // Walk the declared right-hand side (types2 `fromRHS`), which
                // may be another defined type; only types of this package can
                // be in a cycle being declared.
                let rhs = self.named_rhs.get(&t).copied().unwrap_or(n.underlying);
                if rhs == TypeId::INVALID
                    || self.valid_types.contains(&t)
                    || self.w.prog.obj(n.obj).pkg != Some(self.pkg)
                {
                    return true;
                }
                if let Some(i) = path.iter().position(|&p| p == t) {
                    let cycle: Vec<ObjId> = path[i..]
                        .iter()
                        .filter_map(|&p| match self.ty(p) {
                            Type::Named(pn) => Some(pn.obj),
                            _ => None,
                        })
                        .collect();
                    self.cycle_error(&cycle);
                    for &p in &path[i..] {
                        if let Type::Named(pn) = &mut self.w.prog.types[p.0 as usize] {
                            pn.underlying = TypeId::INVALID;
                        }
                        self.named_rhs.insert(p, TypeId::INVALID);
                        self.valid_types.insert(p);
                    }
                    return false;
                }
                path.push(t);
                let ok = self.valid_type(rhs, path);
                path.pop();
                if ok {
                    self.valid_types.insert(t);
                }
                ok
            }
            _ => true,
        }
    }

    /// Whether `t` has a finite size; reports a cycle when a defined type
    /// on the declaration path contains itself (types2 `finiteSize`).
    pub(super) fn finite_size(&mut self, t: TypeId) -> bool {
        let t = self.w.prog.unalias(t);
        match self.ty(t).clone() {
            Type::Named(n) => {
                if let Some(&ok) = self.finite.get(&t) {
                    return ok;
                }
                if let Some(i) = self.obj_path.iter().position(|&o| o == n.obj) {
                    let cycle = self.obj_path[i..].to_vec();
                    self.cycle_error(&cycle);
                    return false;
                }
                let rhs = self.named_rhs.get(&t).copied().unwrap_or(n.underlying);
                if rhs == TypeId::INVALID {
                    return true;
                }
                self.obj_path.push(n.obj);
                let ok = self.finite_size(rhs);
                self.obj_path.pop();
                self.finite.insert(t, ok);
                ok
            }
            Type::Array { elem, .. } => self.finite_size(elem),
            Type::Struct { fields, .. } => fields.iter().all(|&f| {
                let ft = self.w.prog.obj(f).ty;
                self.finite_size(ft)
            }),
            _ => true,
        }
    }

    /// Type-checks the declaration of `obj` if not done yet (types2 `objDecl`).
    pub(crate) fn obj_decl(&mut self, obj: ObjId) {
        match self.colors.get(&obj) {
            Some(Color::Black) => return,
            Some(Color::Grey(i)) => {
                let start = *i;
                let cycle: Vec<ObjId> = self.obj_path[start..].to_vec();
                self.cycle_found(obj, &cycle);
                return;
            }
            None => {}
        }
        let Some(d) = self.decls.get(&obj).cloned() else {
            return; // not a package-level object of this package
        };
        self.colors.insert(obj, Color::Grey(self.obj_path.len()));
        self.obj_path.push(obj);
        let saved_env = std::mem::take(&mut self.env);
        let saved_file = self.cur_file;
        let saved_iota = self.iota.take();
        let saved_err_pos = self.err_pos.take();
        let saved_deps = self.deps.replace(Vec::new());
        self.cur_file = d.file;

        match d.kind {
            DeclKind::Const {
                typ,
                init,
                iota,
                inherited,
            } => {
                self.iota = Some(iota);
                self.const_decl(obj, typ, init, inherited);
            }
            DeclKind::Var { typ, init, lhs } => self.var_decl(obj, &lhs, typ, init),
            DeclKind::Type(td) => self.type_decl(obj, td),
            DeclKind::Func(fd) => self.func_decl(obj, fd),
        }

        let deps = std::mem::replace(&mut self.deps, saved_deps).unwrap_or_default();
        self.obj_deps.insert(obj, deps);
        self.iota = saved_iota;
        self.err_pos = saved_err_pos;
        self.cur_file = saved_file;
        self.env = saved_env;
        self.obj_path.pop();
        self.colors.insert(obj, Color::Black);
    }

    /// A reference to `obj` while it is being declared: valid for cycles
    /// through type definitions (and the init-order check reports cycles
    /// of constants and variables), an error otherwise (types2 `validCycle`).
    fn cycle_found(&mut self, obj: ObjId, cycle: &[ObjId]) {
        let mut nval = 0;
        let mut ndef = 0;
        for &o in cycle {
            match &self.w.prog.obj(o).kind {
                ObjKind::Const { .. } | ObjKind::Var { .. } => nval += 1,
                ObjKind::TypeName => {
                    if let Some(DeclKind::Type(d)) = self.decls.get(&o).map(|d| &d.kind)
                        && !d.alias
                    {
                        ndef += 1;
                    }
                }
                _ => {}
            }
        }
        // Cycles of only constants and variables are reported by the
        // initialization order check; cycles of types need a definition.
        let valid = nval == cycle.len() || nval == 0 && ndef > 0;
        if !valid {
            self.cycle_error(cycle);
        }
        let o = &mut self.w.prog.objects[obj.0 as usize];
        match o.kind {
            ObjKind::Const { .. } | ObjKind::Var { .. }
                // Without a type yet (or invalid), the object is invalid.
                if (!valid || o.ty == TypeId::INVALID) => {
                    o.ty = TypeId::INVALID;
                }
            ObjKind::TypeName if !valid => o.ty = TypeId::INVALID,
            _ => {}
        }
    }

    /// Reports a declaration cycle (types2 `cycleError`).
    fn cycle_error(&mut self, cycle: &[ObjId]) {
        // Start at the object declared first in the source.
        let start = (0..cycle.len())
            .min_by_key(|&i| {
                let o = self.w.prog.obj(cycle[i]);
                (o.file, o.pos)
            })
            .unwrap_or(0);
        let name = |c: &Self, o: ObjId| c.w.prog.obj(o).name.clone();
        let obj = cycle[start];
        let is_type = matches!(self.w.prog.obj(obj).kind, ObjKind::TypeName);
        let (file, pos) = {
            let o = self.w.prog.obj(obj);
            (o.file, o.pos)
        };
        let msg = if cycle.len() == 1 {
            if is_type {
                format!(
                    "invalid recursive type: {} refers to itself",
                    name(self, obj)
                )
            } else {
                format!(
                    "invalid cycle in declaration: {} refers to itself",
                    name(self, obj)
                )
            }
        } else {
            let mut m = if is_type {
                format!("invalid recursive type {}", name(self, obj))
            } else {
                format!("invalid cycle in declaration of {}", name(self, obj))
            };
            let order = (0..cycle.len()).map(|i| cycle[(start + i + 1) % cycle.len()]);
            m.push_str(&self.refers_to_lines(obj, order));
            m
        };
        self.errors.push(super::Error {
            file,
            pos,
            msg,
            soft: false,
        });
    }

    /// The continuation lines `pos: a refers to b` along a cycle that
    /// starts at `first` and visits `order`.
    fn refers_to_lines(&self, first: ObjId, order: impl Iterator<Item = ObjId>) -> String {
        let mut out = String::new();
        let mut cur = first;
        for next in order {
            let (a, b) = (&self.w.prog.obj(cur).name, &self.w.prog.obj(next).name);
            out.push_str(&format!(
                "\n\t{}: {a} refers to {b}",
                self.obj_pos_string(cur)
            ));
            cur = next;
        }
        out
    }

    fn const_decl(
        &mut self,
        obj: ObjId,
        typ: Option<&'a Expr>,
        init: Option<&'a Expr>,
        inherited: bool,
    ) {
        let mut declared = None;
        if let Some(t) = typ {
            let t = self.typ(t);
            if t != TypeId::INVALID {
                let ok = self.basic(t).is_some_and(|k| k.is_const_type());
                if !ok {
                    let s = self.typ_str(t);
                    self.error(typ.expect("type"), format!("invalid constant type {s}"));
                    self.w.prog.objects[obj.0 as usize].ty = TypeId::INVALID;
                    return;
                }
            }
            declared = Some(t);
        }
        let Some(init) = init else {
            self.w.prog.objects[obj.0 as usize].ty = declared.unwrap_or(TypeId::INVALID);
            return;
        };
        // Errors in inherited expressions are reported at the constant.
        let saved = self.err_pos.take();
        if inherited {
            self.err_pos = Some(self.w.prog.obj(obj).pos);
        }
        let mut x = self.expr(None, init);
        self.init_const(obj, declared, &mut x);
        self.err_pos = saved;
    }

    fn init_const(&mut self, obj: ObjId, declared: Option<TypeId>, x: &mut Operand<'a>) {
        let set = |c: &mut Self, t: TypeId, v: Value| {
            let o = &mut c.w.prog.objects[obj.0 as usize];
            o.ty = t;
            o.kind = ObjKind::Const { value: v };
        };
        if x.is_invalid() || declared == Some(TypeId::INVALID) {
            set(self, TypeId::INVALID, Value::Unknown);
            return;
        }
        if !matches!(x.mode, Mode::Constant(_)) {
            let s = self.op_str(x);
            self.error_at_operand(x, format!("{s} is not constant"));
            set(self, TypeId::INVALID, Value::Unknown);
            return;
        }
        let target = declared.unwrap_or(x.typ);
        self.assignment(x, Some(target), "constant declaration");
        if x.is_invalid() {
            set(self, TypeId::INVALID, Value::Unknown);
            return;
        }
        let v = x.val().cloned().unwrap_or(Value::Unknown);
        set(self, declared.unwrap_or(x.typ), v);
    }

    /// A package-level variable: checked once per declaration; `a, b = f()`
    /// is checked with its first variable.
    fn var_decl(
        &mut self,
        obj: ObjId,
        lhs: &[ObjId],
        typ: Option<&'a Expr>,
        init: Option<&'a Expr>,
    ) {
        if lhs.len() > 1 && lhs[0] != obj {
            self.obj_decl(lhs[0]);
            return;
        }
        self.var_decl_common(obj, lhs, typ, init);
        if let Some(init) = init {
            let vars = if lhs.len() > 1 {
                lhs.to_vec()
            } else {
                vec![obj]
            };
            self.var_inits.push((vars, key(init)));
        }
        for &o in lhs.iter().skip(1) {
            self.colors.insert(o, Color::Black);
        }
    }

    /// types2 `varDecl`: the declared type, then the initialization.
    pub(super) fn var_decl_common(
        &mut self,
        obj: ObjId,
        lhs: &[ObjId],
        typ: Option<&'a Expr>,
        init: Option<&'a Expr>,
    ) {
        if let Some(t) = typ {
            let t = self.var_type(t);
            self.w.prog.objects[obj.0 as usize].ty = t;
        }
        let Some(init) = init else {
            if typ.is_none() {
                self.w.prog.objects[obj.0 as usize].ty = TypeId::INVALID;
            }
            return;
        };
        if lhs.len() <= 1 {
            let declared = typ.map(|_| self.w.prog.obj(obj).ty);
            let mut x = self.expr(declared, init);
            self.init_var(obj, &mut x, "variable declaration");
            return;
        }
        if typ.is_some() {
            let t = self.w.prog.obj(obj).ty;
            for &o in lhs {
                self.w.prog.objects[o.0 as usize].ty = t;
            }
        }
        self.init_vars(lhs, std::slice::from_ref(init), None);
    }

    pub(super) fn type_decl(&mut self, obj: ObjId, d: &'a ast::TypeDecl) {
        // The highest version requirement first (types2 `typeDecl`).
        let ok = match (d.tparams.first(), d.alias) {
            (Some(tp0), true) => self.version_at(tp0.pos, 23, "generic type alias"),
            (Some(tp0), false) => self.version_at(tp0.pos, 18, "type parameter"),
            (None, _) => true,
        };
        if ok && d.alias {
            self.version_at(d.pos, 9, "type alias");
        }
        if !d.tparams.is_empty() {
            self.generic_type_decl(obj, d);
            return;
        }
        if d.alias {
            // The alias refers to its target type directly.
            self.w.prog.objects[obj.0 as usize].ty = TypeId::INVALID;
            let target = self.typ(&d.typ);
            let t = self.new_type(Type::Alias {
                obj,
                target,
                tparams: Vec::new(),
                targs: Vec::new(),
            });
            self.w.prog.objects[obj.0 as usize].ty = if target == TypeId::INVALID {
                TypeId::INVALID
            } else {
                t
            };
            return;
        }
        let named = self.new_named(obj);
        let rhs = self.defined_type(&d.typ, Some(named));
        self.named_rhs.insert(named, rhs);
        if let Type::TypeParam { .. } = self.ty(self.w.prog.unalias(rhs)) {
            self.error(
                &d.typ,
                "cannot use a type parameter as RHS in type declaration",
            );
        }
        let mut under = self.resolve_underlying(rhs);
        if under == TypeId::INVALID
            && rhs != named
            && matches!(self.ty(self.w.prog.unalias(rhs)), Type::Named(_))
        {
            // Defined from a type still being declared (type T2 T1 inside
            // T1's declaration): resolved once T1 is complete.
            under = self.w.prog.unalias(rhs);
            self.unresolved_named.push(named);
        }
        if let Type::Named(n) = &mut self.w.prog.types[named.0 as usize] {
            n.underlying = under;
        }
        self.collect_methods(obj, named);
    }

    /// A new defined type named by `obj`, its underlying type still unknown.
    pub(super) fn new_named(&mut self, obj: ObjId) -> TypeId {
        let named = self.new_type(Type::Named(Box::new(Named {
            obj,
            underlying: TypeId::INVALID,
            methods: Vec::new(),
            tparams: Vec::new(),
            origin: None,
            targs: Vec::new(),
        })));
        self.w.prog.objects[obj.0 as usize].ty = named;
        named
    }

    /// The underlying type of a type declaration's right-hand side, looking
    /// through named types declared in terms of each other.
    fn resolve_underlying(&mut self, rhs: TypeId) -> TypeId {
        let mut t = self.w.prog.unalias(rhs);
        let mut seen = HashSet::new();
        loop {
            match self.ty(t) {
                Type::Named(n) => {
                    if !seen.insert(t) || n.underlying == TypeId::INVALID {
                        return TypeId::INVALID;
                    }
                    t = self.w.prog.unalias(n.underlying);
                }
                _ => return t,
            }
        }
    }

    /// Attaches the methods declared for type name `obj` (types2 `collectMethods`).
    fn collect_methods(&mut self, obj: ObjId, named: TypeId) {
        let Some(methods) = self.methods.remove(&obj) else {
            return;
        };
        let mut seen: HashMap<String, ObjId> = HashMap::new();
        for m in methods {
            let name = self.w.prog.obj(m).name.clone();
            if name == "_" {
                continue;
            }
            if let Some(&alt) = seen.get(&name) {
                let tname = self.w.prog.obj(obj).name.clone();
                let at = self.obj_pos_string(alt);
                let (file, pos) = {
                    let o = self.w.prog.obj(m);
                    (o.file, o.pos)
                };
                self.errors.push(super::Error {
                    file,
                    pos,
                    msg: format!("method {tname}.{name} already declared at {at}"),
                    soft: false,
                });
                continue;
            }
            seen.insert(name, m);
            if let Type::Named(n) = &mut self.w.prog.types[named.0 as usize] {
                n.methods.push(m);
            }
        }
        self.field_method_clashes.push(named);
    }

    /// Reports struct fields and methods of the same name (checked after
    /// all types are complete).
    pub(super) fn check_field_method_clashes(&mut self) {
        for named in std::mem::take(&mut self.field_method_clashes) {
            let Type::Named(n) = self.ty(named).clone() else {
                continue;
            };
            let Type::Struct { fields, .. } = self.ty(n.underlying).clone() else {
                continue;
            };
            for m in n.methods {
                let mname = self.w.prog.obj(m).name.clone();
                if let Some(&f) = fields.iter().find(|&&f| self.w.prog.obj(f).name == mname) {
                    let at = self.obj_pos_string(f);
                    let (file, pos) = {
                        let o = self.w.prog.obj(m);
                        (o.file, o.pos)
                    };
                    self.errors.push(super::Error {
                        file,
                        pos,
                        msg: format!(
                            "field and method with the same name {mname}\n\t{at}: other declaration of {mname}"
                        ),
                        soft: false,
                    });
                }
            }
        }
    }

    fn func_decl(&mut self, obj: ObjId, d: &'a ast::FuncDecl) {
        let sig = self.empty_sig();
        self.w.prog.objects[obj.0 as usize].ty = sig; // guard against cycles
        let (sig, scope) = self.func_type(d.recv.as_ref(), &d.tparams, &d.typ);
        self.w.prog.objects[obj.0 as usize].ty = sig;
        if !self.last_recv_tparams.is_empty() {
            let tps = std::mem::take(&mut self.last_recv_tparams);
            self.set_recv_tparams(obj, tps);
        }
        if !d.tparams.is_empty() && d.body.is_none() {
            self.soft_error_at(d.pos, "generic function is missing function body");
        }
        match &d.body {
            Some(body) => {
                self.later_body(obj, sig, scope, body);
            }
            None => {
                if self.conf.complete && d.tparams.is_empty() {
                    self.error_at(d.name.pos, "missing function body");
                }
            }
        }
    }

    /// Computes the order of package-level variable initialization
    /// (types2 `initOrder`): variables in declaration order, each after the
    /// variables (and functions' variables) it depends on.
    pub(super) fn init_order(&mut self) {
        // Flatten underlying types that pointed at other defined types.
        for named in std::mem::take(&mut self.unresolved_named) {
            let u = self.w.prog.underlying(named);
            if let Type::Named(n) = &mut self.w.prog.types[named.0 as usize] {
                n.underlying = u;
            }
        }
        self.check_field_method_clashes();
        self.report_init_cycles();
        // types2 `initOrder`: the dependency graph of package-level
        // constants and variables (functions removed, their edges joined),
        // emptied node by node, fewest dependencies first, then in
        // declaration order; variables with initializers are emitted as
        // their nodes leave.
        let inits = std::mem::take(&mut self.var_inits);
        let order_of = |c: &Self, o: ObjId| {
            let ob = c.w.prog.obj(o);
            (ob.file, ob.pos)
        };
        let mut nodes: Vec<ObjId> = self
            .decls
            .keys()
            .copied()
            .filter(|&o| {
                matches!(
                    self.w.prog.obj(o).kind,
                    ObjKind::Var { .. } | ObjKind::Const { .. }
                )
            })
            .collect();
        for (lhs, _) in &inits {
            for &v in lhs {
                if !nodes.contains(&v) {
                    nodes.push(v);
                }
            }
        }
        nodes.sort_by_key(|&o| order_of(self, o));
        let index: HashMap<ObjId, usize> = nodes.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        let mut ndeps: Vec<usize> = vec![0; nodes.len()];
        for (i, &n) in nodes.iter().enumerate() {
            let mut succ = Vec::new();
            self.collect_init_deps(n, &mut succ, &mut HashSet::new(), true);
            let mut succ: Vec<usize> = succ.iter().filter_map(|d| index.get(d).copied()).collect();
            succ.sort_unstable();
            succ.dedup();
            ndeps[i] = succ.len();
            for s in succ {
                preds[s].push(i);
            }
        }
        let init_of: HashMap<ObjId, usize> = inits
            .iter()
            .enumerate()
            .flat_map(|(k, (lhs, _))| lhs.iter().map(move |&v| (v, k)))
            .collect();
        let mut emitted = vec![false; inits.len()];
        let mut order = Vec::new();
        for (i, _) in self.removal_order(&nodes, ndeps, &preds) {
            if let Some(&k) = init_of.get(&nodes[i])
                && !emitted[k]
            {
                emitted[k] = true;
                order.push(Initializer {
                    lhs: inits[k].0.clone(),
                    rhs: inits[k].1,
                });
            }
        }
        self.info.init_order = order;
    }

    /// Reports initialization cycles among package-level variables and
    /// constants, through the functions they call (types2 `initOrder`,
    /// `findPath`, `reportCycle`).
    fn report_init_cycles(&mut self) {
        let order = |c: &Self, o: ObjId| {
            let ob = c.w.prog.obj(o);
            (ob.file, ob.pos)
        };
        // The graph of constants and variables, with edges through
        // functions collapsed (types2 `dependencyGraph`): a node's
        // successors are the constants and variables reachable from it
        // through functions only.
        let mut nodes: Vec<ObjId> = self
            .decls
            .keys()
            .copied()
            .filter(|&o| {
                matches!(
                    self.w.prog.obj(o).kind,
                    ObjKind::Var { .. } | ObjKind::Const { .. }
                )
            })
            .collect();
        nodes.sort_by_key(|&o| order(self, o));
        let index: HashMap<ObjId, usize> = nodes.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        let mut succ: Vec<HashSet<usize>> = vec![HashSet::new(); nodes.len()];
        for (i, &n) in nodes.iter().enumerate() {
            let mut stack: Vec<ObjId> = self.obj_deps.get(&n).cloned().unwrap_or_default();
            let mut seen_funcs = HashSet::new();
            while let Some(d) = stack.pop() {
                if let Some(&j) = index.get(&d) {
                    succ[i].insert(j);
                } else if matches!(self.w.prog.obj(d).kind, ObjKind::Func)
                    && self.decls.contains_key(&d)
                    && seen_funcs.insert(d)
                {
                    stack.extend(self.obj_deps.get(&d).cloned().unwrap_or_default());
                }
            }
        }
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        for (i, s) in succ.iter().enumerate() {
            for &j in s {
                pred[j].push(i);
            }
        }
        // Remove nodes in priority order (constants first, then fewest
        // outstanding dependencies, then source order); a node removed
        // with dependencies left is on or behind a cycle (types2
        // `initOrder`).
        let ndeps: Vec<usize> = succ.iter().map(HashSet::len).collect();
        for (n, left) in self.removal_order(&nodes, ndeps, &pred) {
            if left > 0
                && let Some(cycle) = self.find_path(nodes[n], nodes[n], &mut HashSet::new())
            {
                self.report_init_cycle(&cycle);
            }
        }
    }

    /// types2 `initOrder`'s removal of the dependency graph's nodes
    /// (`nodes`, in source order, with `ndeps` dependencies each and
    /// predecessors `preds`): constants first (go.dev/issue/66575), then
    /// the fewest outstanding dependencies, then source order. Yields each
    /// node with the dependencies it still had when removed (more than
    /// zero: it is on or behind a cycle).
    fn removal_order(
        &self,
        nodes: &[ObjId],
        mut ndeps: Vec<usize>,
        preds: &[Vec<usize>],
    ) -> Vec<(usize, usize)> {
        let is_const: Vec<bool> = nodes
            .iter()
            .map(|&o| matches!(self.w.prog.obj(o).kind, ObjKind::Const { .. }))
            .collect();
        let mut done = vec![false; nodes.len()];
        let mut out = Vec::with_capacity(nodes.len());
        for _ in 0..nodes.len() {
            let Some(n) = (0..nodes.len())
                .filter(|&i| !done[i])
                .min_by_key(|&i| (!is_const[i], ndeps[i], i))
            else {
                break;
            };
            done[n] = true;
            out.push((n, ndeps[n]));
            for &p in &preds[n] {
                ndeps[p] = ndeps[p].saturating_sub(1);
            }
        }
        out
    }

    /// types2 `reportCycle`; `cycle` is a reversed dependency path, its
    /// first element the object reported.
    fn report_init_cycle(&mut self, cycle: &[ObjId]) {
        let name = |c: &Self, x: ObjId| c.w.prog.obj(x).name.clone();
        let first = cycle[0];
        let (file, pos) = {
            let ob = self.w.prog.obj(first);
            (ob.file, ob.pos)
        };
        let msg = if cycle.len() == 1 {
            format!(
                "initialization cycle: {} refers to itself",
                name(self, first)
            )
        } else {
            let mut m = format!("initialization cycle for {}", name(self, first));
            m.push_str(&self.refers_to_lines(first, cycle.iter().rev().copied()));
            m
        };
        self.errors.push(super::Error {
            file,
            pos,
            msg,
            soft: false,
        });
    }

    /// A dependency path from `from` back to `to`, reversed (types2 `findPath`).
    fn find_path(&self, from: ObjId, to: ObjId, seen: &mut HashSet<ObjId>) -> Option<Vec<ObjId>> {
        if !seen.insert(from) {
            return None;
        }
        let mut deps = self.obj_deps.get(&from).cloned().unwrap_or_default();
        deps.sort_by_key(|&d| {
            let ob = self.w.prog.obj(d);
            (ob.file, ob.pos)
        });
        for d in deps {
            if d == to {
                return Some(vec![d]);
            }
            if let Some(mut p) = self.find_path(d, to, seen) {
                p.push(d);
                return Some(p);
            }
        }
        None
    }

    /// The constants and variables `o` depends on directly or through
    /// functions only (the successors of `o` in types2's dependency graph
    /// once function nodes are removed).
    fn collect_init_deps(
        &self,
        o: ObjId,
        out: &mut Vec<ObjId>,
        seen: &mut HashSet<ObjId>,
        root: bool,
    ) {
        if !seen.insert(o) {
            return;
        }
        if !root
            && matches!(
                self.w.prog.obj(o).kind,
                ObjKind::Var { .. } | ObjKind::Const { .. }
            )
        {
            out.push(o);
            return;
        }
        if let Some(deps) = self.obj_deps.get(&o) {
            for &d in deps {
                self.collect_init_deps(d, out, seen, false);
            }
        }
    }
}
