//! Generics (types2 `subst.go`, `instantiate.go`, `infer.go`, `unify.go`,
//! `typeset.go`): substituting type arguments for type parameters,
//! instantiating generic types and functions, inferring type arguments from
//! call arguments (including core types of constraints and defaults of
//! untyped arguments), constraint satisfaction, and the type sets that
//! decide which operations a type parameter permits.
//!
//! Instances are cached by origin and (identical) type arguments, so that
//! recursive generic types (`type List[T any] struct{ next *List[T] }`)
//! instantiate finitely, and methods of instances are substituted on lookup.

use super::Checker;
use super::expr::untyped_rank;
use super::operand::Operand;
use crate::ty::{Interface, Named, ObjId, Object, Signature, Term, Type, TypeId};
use std::collections::HashMap;
use syntax::ast::Expr;

/// A substitution: type parameter type → type argument.
pub type Smap = HashMap<TypeId, TypeId>;

impl<'a> Checker<'_, 'a> {
    // ---- type sets ----

    /// The terms of a type parameter's type set (`None`: all types, i.e. a
    /// constraint without type terms).
    pub fn tparam_terms(&self, t: TypeId) -> Option<Vec<Term>> {
        let Type::TypeParam { constraint, .. } = self.ty(self.w.prog.unalias(t)) else {
            return None;
        };
        self.iface_terms(*constraint, &mut Vec::new())
    }

    /// The terms of an interface's type set (`None`: all types).
    pub fn iface_terms_of(&self, iface: TypeId) -> Option<Vec<Term>> {
        self.iface_terms(iface, &mut Vec::new())
    }

    fn iface_terms(&self, iface: TypeId, seen: &mut Vec<TypeId>) -> Option<Vec<Term>> {
        let u = self.under(iface);
        if seen.contains(&u) {
            return None;
        }
        seen.push(u);
        let Type::Interface(i) = self.ty(u) else {
            // An invalid (or not yet known) element restricts nothing.
            if u == TypeId::INVALID {
                return None;
            }
            return Some(vec![Term {
                tilde: false,
                ty: iface,
            }]);
        };
        let mut result: Option<Vec<Term>> = None;
        for &e in &i.embeddeds {
            let terms = match self.ty(self.w.prog.unalias(e)) {
                Type::Union(ts) => {
                    // A union with a term of all types is all types.
                    let mut out = Some(Vec::new());
                    for t in ts {
                        let more = if matches!(self.ty(self.under(t.ty)), Type::Interface(_)) {
                            self.iface_terms(t.ty, seen)
                        } else {
                            Some(vec![*t])
                        };
                        match (&mut out, more) {
                            (Some(o), Some(x)) => o.extend(x),
                            _ => out = None,
                        }
                    }
                    out
                }
                _ => self.iface_terms(e, seen),
            };
            // Intersect term lists.
            result = match (result, terms) {
                (None, t) => t,
                (r, None) => r,
                (Some(a), Some(b)) => Some(
                    a.into_iter()
                        .filter(|x| {
                            b.iter()
                                .any(|y| self.term_includes(y, x.ty) || self.term_includes(x, y.ty))
                        })
                        .collect(),
                ),
            };
        }
        result
    }

    /// Whether term `t` includes type `x`.
    pub fn term_includes(&self, t: &Term, x: TypeId) -> bool {
        if t.tilde {
            self.w.prog.identical(self.under(t.ty), self.under(x))
        } else {
            self.w.prog.identical(t.ty, x)
        }
    }

    /// Whether every type in `t`'s type set satisfies `pred` (false for a
    /// type parameter without specific types).
    pub fn all_terms(&self, t: TypeId, pred: impl Fn(&Self, TypeId) -> bool) -> bool {
        if !self.is_type_param(t) {
            return pred(self, t);
        }
        match self.tparam_terms(t) {
            Some(terms) if !terms.is_empty() => terms.iter().all(|term| pred(self, term.ty)),
            _ => false,
        }
    }

    /// The core type of `t`: its underlying type, or for a type parameter
    /// the single underlying type of all its terms (types2 `coreType`).
    pub fn core_type(&self, t: TypeId) -> Option<TypeId> {
        if !self.is_type_param(t) {
            return Some(self.under(t));
        }
        let terms = self.tparam_terms(t)?;
        let first = self.under(terms.first()?.ty);
        terms
            .iter()
            .all(|term| self.w.prog.identical(self.under(term.ty), first))
            .then_some(first)
    }

    /// Whether a type parameter's values are comparable.
    pub fn tparam_comparable(&self, t: TypeId) -> bool {
        let Type::TypeParam { constraint, .. } = self.ty(self.w.prog.unalias(t)) else {
            return false;
        };
        if self.iface_is_comparable(*constraint, &mut Vec::new()) {
            return true;
        }
        match self.tparam_terms(t) {
            Some(terms) if !terms.is_empty() => terms.iter().all(|term| self.comparable(term.ty)),
            _ => false,
        }
    }

    pub(super) fn iface_is_comparable(&self, iface: TypeId, seen: &mut Vec<TypeId>) -> bool {
        let u = self.under(iface);
        // `comparable` itself, or a type defined as it (`type C comparable`).
        if u == self.under(self.w.prog.comparable) {
            return true;
        }
        if seen.contains(&u) {
            return false;
        }
        seen.push(u);
        match self.ty(u) {
            Type::Interface(i) => i
                .embeddeds
                .iter()
                .any(|&e| self.iface_is_comparable(e, seen)),
            _ => false,
        }
    }

    // ---- substitution ----

    /// `t` with type parameters replaced as `smap` says (types2 `subst`).
    pub fn subst(&mut self, t: TypeId, smap: &Smap) -> TypeId {
        self.w.subst(t, smap)
    }

    // ---- instantiation ----

    /// The instance of generic named type `origin` with `targs` (cached).
    pub fn instance(&mut self, origin: TypeId, targs: &[TypeId]) -> TypeId {
        self.w.instance(origin, targs)
    }

    /// Completes instances made while their generic type was declared.
    pub(super) fn complete_instances(&mut self) {
        for inst in std::mem::take(&mut self.w.pending_instances) {
            let Type::Named(n) = self.ty(inst).clone() else {
                continue;
            };
            let Some(origin) = n.origin else { continue };
            let Type::Named(o) = self.ty(origin).clone() else {
                continue;
            };
            let smap: Smap = o
                .tparams
                .iter()
                .zip(&n.targs)
                .map(|(&tp, &a)| (self.w.prog.obj(tp).ty, a))
                .collect();
            let u = self.subst(o.underlying, &smap);
            let u = self.under(u);
            if let Type::Named(ni) = &mut self.w.prog.types[inst.0 as usize] {
                ni.underlying = u;
            }
        }
    }

    /// A method of an instance: the generic method's signature with the
    /// receiver's type parameters replaced by the instance's arguments.
    pub fn instance_method(&mut self, inst: TypeId, m: ObjId) -> ObjId {
        if let Some(&r) = self.inst_methods.get(&(inst, m)) {
            return r;
        }
        let targs = match self.ty(inst) {
            Type::Named(n) => n.targs.clone(),
            _ => return m,
        };
        let rparams = self.w.recv_tparams.get(&m).cloned().unwrap_or_default();
        if rparams.len() != targs.len() {
            return m;
        }
        let smap: Smap = rparams.iter().copied().zip(targs).collect();
        let o = self.w.prog.obj(m).clone();
        let nt = self.subst(o.ty, &smap);
        let r = self.w.prog.add_object(Object { ty: nt, ..o });
        self.inst_methods.insert((inst, m), r);
        r
    }

    /// `T[args]` for a generic type in a type context: checks the count and
    /// the constraints.
    pub fn instantiate_type_expr(
        &mut self,
        e: &'a Expr,
        generic: TypeId,
        args: &'a Expr,
    ) -> TypeId {
        let targs: Vec<TypeId> = args.list().iter().map(|a| self.var_type(a)).collect();
        if targs.contains(&TypeId::INVALID) {
            return TypeId::INVALID;
        }
        let Type::Named(n) = self.ty(self.w.prog.unalias(generic)).clone() else {
            return TypeId::INVALID;
        };
        let (got, want) = (targs.len(), n.tparams.len());
        if got != want {
            let name = self.w.prog.obj(n.obj).name.clone();
            let what = if got < want { "not enough" } else { "too many" };
            self.error(
                e,
                format!("{what} type arguments for type {name}: have {got}, want {want}"),
            );
            return TypeId::INVALID;
        }
        let inst = self.instance(self.w.prog.unalias(generic), &targs);
        // Constraints are verified once all declarations are complete.
        let list = args.list();
        for (i, (&tp, &a)) in n.tparams.iter().zip(&targs).enumerate() {
            self.delayed_verify.push((
                self.cur_file,
                &list[i.min(list.len() - 1)],
                tp,
                a,
                targs.clone(),
                n.tparams.clone(),
            ));
        }
        inst
    }

    /// Verifies delayed constraint checks of type instantiations.
    pub(super) fn verify_delayed(&mut self) {
        for (file, at, tp, a, targs, tparams) in std::mem::take(&mut self.delayed_verify) {
            self.cur_file = file;
            if let Err(cause) = self.satisfies(tp, a, &tparams, &targs) {
                self.error(at, cause);
            }
        }
    }

    /// Whether `targ` satisfies the constraint of type parameter `tp`
    /// (with all of the list's type arguments substituted), as
    /// `X does not satisfy C (…)`.
    pub fn satisfies(
        &mut self,
        tp: ObjId,
        targ: TypeId,
        tparams: &[ObjId],
        targs: &[TypeId],
    ) -> Result<(), String> {
        let tpt = self.w.prog.obj(tp).ty;
        let Type::TypeParam { constraint, .. } = self.ty(tpt).clone() else {
            return Ok(());
        };
        if constraint == TypeId::INVALID || targ == TypeId::INVALID {
            return Ok(());
        }
        let smap: Smap = tparams
            .iter()
            .zip(targs)
            .map(|(&p, &a)| (self.w.prog.obj(p).ty, a))
            .collect();
        let c = self.subst(constraint, &smap);
        let (vs, cs) = (self.typ_str(targ), self.typ_str(c));
        // comparable
        if self.iface_is_comparable(c, &mut Vec::new()) {
            let ok = if self.is_type_param(targ) {
                self.tparam_comparable(targ)
            } else {
                self.comparable(targ)
            };
            if !ok {
                return Err(format!("{vs} does not satisfy comparable"));
            }
        }
        // methods
        if !self.w.prog.interface_methods(self.under(c)).is_empty()
            && let Err(cause) = self.missing_method(targ, c, true)
        {
            return Err(format!("{vs} does not satisfy {cs} {cause}"));
        }
        // type terms
        let cterms = self.iface_terms(c, &mut Vec::new());
        if let Some(terms) = cterms {
            let ok = if self.is_type_param(targ) {
                match self.tparam_terms(targ) {
                    Some(ts) => ts
                        .iter()
                        .all(|t| terms.iter().any(|ct| self.term_includes(ct, t.ty))),
                    None => false,
                }
            } else {
                terms.iter().any(|ct| self.term_includes(ct, targ))
            };
            if !ok {
                let list: Vec<String> = terms
                    .iter()
                    .map(|t| format!("{}{}", if t.tilde { "~" } else { "" }, self.typ_str(t.ty)))
                    .collect();
                let detail = match terms
                    .iter()
                    .find(|t| !t.tilde && self.w.prog.identical(self.under(t.ty), self.under(targ)))
                {
                    Some(alt) if !self.w.prog.identical(alt.ty, targ) => {
                        format!("possibly missing ~ for {} in {cs}", self.typ_str(alt.ty))
                    }
                    _ => format!("{vs} missing in {}", list.join(" | ")),
                };
                return Err(format!("{vs} does not satisfy {cs} ({detail})"));
            }
        }
        Ok(())
    }

    /// Instantiates a generic function's signature with `targs`.
    pub fn instantiate_sig(&mut self, sig: TypeId, targs: &[TypeId]) -> TypeId {
        let Type::Signature(s) = self.ty(sig).clone() else {
            return sig;
        };
        let smap: Smap = s
            .tparams
            .iter()
            .zip(targs)
            .map(|(&tp, &a)| (self.w.prog.obj(tp).ty, a))
            .collect();
        let r = self.subst(sig, &smap);
        if let Type::Signature(rs) = &mut self.w.prog.types[r.0 as usize]
            && r != sig
        {
            rs.tparams.clear();
        }
        self.info.sig_targs.insert(r, targs.to_vec());
        r
    }

    // ---- inference ----

    /// Infers the type arguments of a call of a generic function (types2
    /// `infer`): from typed arguments by unification, then from core types
    /// of constraints, then from untyped arguments' default types.
    pub fn infer(
        &mut self,
        fun: &'a Expr,
        call_pos: syntax::Pos,
        tparams: &[ObjId],
        given: &[TypeId],
        params: &[TypeId],
        args: &[Operand<'a>],
    ) -> Option<Vec<TypeId>> {
        let own: Vec<TypeId> = tparams.iter().map(|&p| self.w.prog.obj(p).ty).collect();
        // Generic functions passed as arguments join the inference with
        // their own type parameters (types2 "reverse type inference").
        let mut tpts = own.clone();
        let mut arg_tparams: Vec<(usize, Vec<ObjId>)> = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if let Type::Signature(s) = self.ty(self.under(a.typ)).clone()
                && !s.tparams.is_empty()
                && !a.is_invalid()
            {
                tpts.extend(s.tparams.iter().map(|&p| self.w.prog.obj(p).ty));
                arg_tparams.push((i, s.tparams.clone()));
            }
        }
        self.generic_arg_targs.clear();
        let mut inferred: HashMap<TypeId, TypeId> = HashMap::new();
        for (i, &g) in given.iter().enumerate() {
            inferred.insert(tpts[i], g);
        }
        let fname = syntax::printer::expr_string(fun);
        // Typed arguments.
        for (i, a) in args.iter().enumerate() {
            let Some(&p) = params.get(i) else { break };
            if a.is_invalid() || self.is_untyped(a.typ) || !self.mentions(p, &tpts) {
                continue;
            }
            if !self.unify(p, a.typ, &tpts, &mut inferred, true) {
                let pst = self.subst(p, &inferred);
                let ps = self.typ_str(pst);
                let at = self.typ_str(a.typ);
                let es = a.expr.map(syntax::printer::expr_string).unwrap_or_default();
                let names: Vec<String> = tparams
                    .iter()
                    .map(|&t| self.w.prog.obj(t).name.clone())
                    .collect();
                let e = a.expr.unwrap_or(fun);
                self.error(e, format!("in call to {fname}, type {at} of {es} does not match {ps} (cannot infer {})", names.join(", ")));
                return None;
            }
        }
        // Core types of constraints.
        for _ in 0..tpts.len() + 1 {
            let mut progress = false;
            for &tp in &tpts {
                let Some(core) = self.single_term(tp) else {
                    continue;
                };
                match inferred.get(&tp).copied() {
                    Some(bound) => {
                        let u = self.under(bound);
                        let before = inferred.len();
                        // (A bound taken from this very core type adds nothing.)
                        let target = if core.tilde { u } else { bound };
                        if target != core.ty && self.mentions(core.ty, &tpts) {
                            self.unify(
                                core.ty,
                                if core.tilde { u } else { bound },
                                &tpts,
                                &mut inferred,
                                true,
                            );
                        }
                        progress |= inferred.len() != before;
                    }
                    None => {
                        // A single exact core type is the type argument, even
                        // if it still mentions unknown type parameters
                        // (resolved by the simplification below).
                        if !core.tilde {
                            let t = self.subst(core.ty, &inferred);
                            if !self.mentions(t, &[tp]) {
                                inferred.insert(tp, t);
                                progress = true;
                            }
                        }
                    }
                }
            }
            if !progress {
                break;
            }
        }
        // Untyped arguments: the default type of the "largest" kind.
        for &tp in &tpts {
            if inferred.contains_key(&tp) {
                continue;
            }
            let mut max: Option<Operand<'a>> = None;
            for (i, a) in args.iter().enumerate() {
                let Some(&p) = params.get(i) else { break };
                if p != tp || !self.is_untyped(a.typ) || a.is_nil() {
                    continue;
                }
                match &max {
                    None => max = Some(a.clone()),
                    Some(m) => {
                        let (mk, ak) = (self.untyped_kind(m.typ), self.untyped_kind(a.typ));
                        let numeric =
                            |k: Option<crate::ty::BasicKind>| k.is_some_and(|k| k.is_numeric());
                        if numeric(mk) && numeric(ak) {
                            if untyped_rank(ak) > untyped_rank(mk) {
                                max = Some(a.clone());
                            }
                        } else if mk != ak {
                            let (ms, as_) = (self.typ_str(m.typ), self.typ_str(a.typ));
                            let name = self
                                .w
                                .prog
                                .obj(tparams[tpts.iter().position(|&x| x == tp).unwrap_or(0)])
                                .name
                                .clone();
                            let e = a.expr.unwrap_or(fun);
                            self.error(e, format!("in call to {fname}, mismatched types {ms} and {as_} (cannot infer {name})"));
                            return None;
                        }
                    }
                }
            }
            if let Some(m) = max {
                let d = self.default_type(m.typ);
                inferred.insert(tp, d);
            }
        }
        // The generic function arguments own type arguments.
        for (i, tps) in &arg_tparams {
            let mut targs = Vec::new();
            for &p in tps {
                let pt = self.w.prog.obj(p).ty;
                let Some(&t) = inferred.get(&pt) else {
                    let e = args[*i].expr.unwrap_or(fun);
                    let es = syntax::printer::expr_string(e);
                    self.cannot_infer(e.start(), &es, p);
                    return None;
                };
                targs.push(self.simplify(t, &inferred));
            }
            self.generic_arg_targs.push((*i, targs));
        }
        // Simplify: substitute inferred types into each other.
        let mut result = Vec::new();
        for (i, &tp) in own.iter().enumerate() {
            let t = inferred.get(&tp).map(|&t| self.simplify(t, &inferred));
            // A type containing its own parameter is a cycle (types2
            // `killCycles`); the parameter itself is a recursive call's.
            let Some(t) = t.filter(|&t| t == tp || !self.mentions(t, &[tp])) else {
                self.cannot_infer(call_pos, &fname, tparams[i]);
                return None;
            };
            result.push(t);
        }
        Some(result)
    }

    /// `t` with inferred type arguments substituted into it (and into each
    /// other, a few rounds deep).
    fn simplify(&mut self, mut t: TypeId, inferred: &Smap) -> TypeId {
        for _ in 0..4 {
            let s = self.subst(t, inferred);
            if s == t {
                break;
            }
            t = s;
        }
        t
    }

    /// "in call to f, cannot infer T (declared at pos)".
    fn cannot_infer(&mut self, at: syntax::Pos, fname: &str, tp: ObjId) {
        let o = self.w.prog.obj(tp).clone();
        let decl = self.w.pos_string(o.file, o.pos);
        self.error_at(
            at,
            format!(
                "in call to {fname}, cannot infer {} (declared at {decl})",
                o.name
            ),
        );
    }

    /// The single term of a type parameter's constraint, if it has exactly one.
    fn single_term(&self, tp: TypeId) -> Option<Term> {
        let terms = self.tparam_terms(tp)?;
        (terms.len() == 1).then(|| terms[0])
    }

    /// Whether `t` mentions any of `tparams`.
    pub fn mentions(&self, t: TypeId, tparams: &[TypeId]) -> bool {
        self.mentions_in(t, tparams, &mut Vec::new())
    }

    fn mentions_in(&self, t: TypeId, tparams: &[TypeId], seen: &mut Vec<TypeId>) -> bool {
        if tparams.contains(&t) {
            return true;
        }
        if seen.contains(&t) {
            return false;
        }
        seen.push(t);
        let vars = |vs: &[ObjId], seen: &mut Vec<TypeId>| {
            vs.iter()
                .any(|&v| self.mentions_in(self.w.prog.obj(v).ty, tparams, seen))
        };
        match self.ty(t) {
            Type::Pointer(b) | Type::Slice(b) => self.mentions_in(*b, tparams, seen),
            Type::Array { elem, .. } | Type::Chan { elem, .. } => {
                self.mentions_in(*elem, tparams, seen)
            }
            Type::Map { key, elem } => {
                self.mentions_in(*key, tparams, seen) || self.mentions_in(*elem, tparams, seen)
            }
            Type::Struct { fields, .. } => vars(fields, seen),
            Type::Tuple(vs) => vars(vs, seen),
            Type::Signature(s) => vars(&s.params, seen) || vars(&s.results, seen),
            Type::Interface(i) => {
                i.methods
                    .iter()
                    .any(|&m| self.mentions_in(self.w.prog.obj(m).ty, tparams, seen))
                    || i.embeddeds
                        .iter()
                        .any(|&e| self.mentions_in(e, tparams, seen))
            }
            Type::Union(ts) => ts.iter().any(|x| self.mentions_in(x.ty, tparams, seen)),
            Type::Named(n) => n.targs.iter().any(|&a| self.mentions_in(a, tparams, seen)),
            Type::Alias { target, .. } => self.mentions_in(*target, tparams, seen),
            _ => false,
        }
    }

    /// Unifies parameter type `x` with argument type `y`, binding type
    /// parameters of `tparams` (types2 `unify`, inexact for assignments).
    fn unify(
        &mut self,
        x: TypeId,
        y: TypeId,
        tparams: &[TypeId],
        m: &mut HashMap<TypeId, TypeId>,
        inexact: bool,
    ) -> bool {
        let (x, y) = (self.w.prog.unalias(x), self.w.prog.unalias(y));
        // Follow bindings of inferred type parameters (both sides may hold
        // them: a generic function passed as an argument brings its own).
        let resolve = |m: &HashMap<TypeId, TypeId>, mut t: TypeId| {
            for _ in 0..16 {
                match m.get(&t) {
                    Some(&b) if b != t && tparams.contains(&t) => t = b,
                    _ => break,
                }
            }
            t
        };
        let (rx, ry) = (resolve(m, x), resolve(m, y));
        if rx == ry && (m.contains_key(&rx) || !self.mentions(rx, tparams)) {
            return true;
        }
        let unbound =
            |m: &HashMap<TypeId, TypeId>, t: TypeId| tparams.contains(&t) && !m.contains_key(&t);
        match (unbound(m, rx), unbound(m, ry)) {
            (true, true) => {
                // The same parameter written on both sides (a recursive
                // call inside the generic function) stands for itself; two
                // different ones are joined; already joined ones agree.
                if rx != ry || x == y {
                    m.insert(rx, ry);
                }
                return true;
            }
            (true, false) => {
                m.insert(rx, ry);
                return true;
            }
            (false, true) => {
                m.insert(ry, rx);
                return true;
            }
            (false, false) => {}
        }
        if rx != x || ry != y {
            // A bound parameter: its binding must match.
            if !self.mentions(rx, tparams) && !self.mentions(ry, tparams) {
                if self.w.prog.identical(rx, ry) {
                    return true;
                }
                if inexact && self.w.prog.identical(self.under(rx), self.under(ry)) {
                    // Prefer a defined type over a literal one.
                    if rx != x
                        && matches!(self.ty(ry), Type::Named(_))
                        && !matches!(self.ty(rx), Type::Named(_))
                    {
                        let key = resolve_key(m, x, tparams);
                        m.insert(key, ry);
                    }
                    return true;
                }
                return false;
            }
            return self.unify(rx, ry, tparams, m, inexact);
        }
        if !self.mentions(x, tparams) {
            return true; // assignability is checked afterwards
        }
        // A type parameter argument unifies through its core type.
        let y = if self.is_type_param(y) && inexact {
            match self.core_type(y) {
                Some(c) => c,
                None => return false,
            }
        } else {
            y
        };
        // A defined argument type against a type literal: use its underlying type.
        let (xt, yt) = (self.ty(x).clone(), self.ty(y).clone());
        let y_lit = if inexact && matches!(yt, Type::Named(_)) && !matches!(xt, Type::Named(_)) {
            self.ty(self.under(y)).clone()
        } else {
            yt
        };
        match (xt, y_lit) {
            (Type::Pointer(a), Type::Pointer(b)) | (Type::Slice(a), Type::Slice(b)) => {
                self.unify(a, b, tparams, m, false)
            }
            (Type::Array { elem: a, len: la }, Type::Array { elem: b, len: lb }) => {
                la == lb && self.unify(a, b, tparams, m, false)
            }
            (Type::Map { key: ka, elem: ea }, Type::Map { key: kb, elem: eb }) => {
                self.unify(ka, kb, tparams, m, false) && self.unify(ea, eb, tparams, m, false)
            }
            (Type::Chan { elem: a, .. }, Type::Chan { elem: b, .. }) => {
                self.unify(a, b, tparams, m, false)
            }
            (Type::Signature(a), Type::Signature(b)) => {
                a.params.len() == b.params.len()
                    && a.results.len() == b.results.len()
                    && a.params.iter().zip(&b.params).all(|(&p, &q)| {
                        let (pt, qt) = (self.w.prog.obj(p).ty, self.w.prog.obj(q).ty);
                        self.unify(pt, qt, tparams, m, false)
                    })
                    && a.results.iter().zip(&b.results).all(|(&p, &q)| {
                        let (pt, qt) = (self.w.prog.obj(p).ty, self.w.prog.obj(q).ty);
                        self.unify(pt, qt, tparams, m, false)
                    })
            }
            (Type::Struct { fields: fa, .. }, Type::Struct { fields: fb, .. }) => {
                fa.len() == fb.len()
                    && fa.iter().zip(&fb).all(|(&p, &q)| {
                        let (pt, qt) = (self.w.prog.obj(p).ty, self.w.prog.obj(q).ty);
                        self.unify(pt, qt, tparams, m, false)
                    })
            }
            (Type::Named(a), Type::Named(b)) => {
                a.origin.is_some()
                    && a.origin == b.origin
                    && a.targs.len() == b.targs.len()
                    && a.targs
                        .iter()
                        .zip(&b.targs)
                        .all(|(&p, &q)| self.unify(p, q, tparams, m, false))
            }
            (Type::Named(a), yl) if a.origin.is_some() => {
                // A generic type's instance against a type literal: unify
                // its underlying type (types2 inexact unification); a
                // generic interface against an implementing type infers
                // nothing.
                let xu = self.under(x);
                if inexact
                    && !matches!(yl, Type::Named(_))
                    && !matches!(self.ty(xu), Type::Interface(_))
                {
                    return self.unify(xu, y, tparams, m, false);
                }
                true
            }
            (Type::Interface(_), _) => true,
            _ => false,
        }
    }

    /// Resolves a use of a generic function: explicit type arguments in
    /// `f[A, B]` (partial allowed when followed by a call).
    pub fn explicit_targs(&mut self, index: &'a Expr) -> Option<Vec<TypeId>> {
        let mut out = Vec::new();
        for a in index.list() {
            let t = self.var_type(a);
            if t == TypeId::INVALID {
                return None;
            }
            out.push(t);
        }
        Some(out)
    }

    /// Receiver type parameters of method `m` (for instances' methods).
    pub fn set_recv_tparams(&mut self, m: ObjId, tps: Vec<TypeId>) {
        self.w.recv_tparams.insert(m, tps);
    }
}

/// The last type parameter of a binding chain starting at `t`.
fn resolve_key(m: &HashMap<TypeId, TypeId>, mut t: TypeId, tparams: &[TypeId]) -> TypeId {
    for _ in 0..16 {
        match m.get(&t) {
            Some(&b) if b != t && tparams.contains(&b) => t = b,
            _ => break,
        }
    }
    t
}

/// Substitution and instantiation work on the world alone, so that the
/// compiler can instantiate generic code after checking (stenciling).
impl super::World {
    // ---- substitution ----

    /// `t` with type parameters replaced as `smap` says (types2 `subst`).
    pub fn subst(&mut self, t: TypeId, smap: &Smap) -> TypeId {
        if smap.is_empty() {
            return t;
        }
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.subst_inner(t, smap))
    }

    fn subst_vars(&mut self, vars: &[ObjId], smap: &Smap) -> (Vec<ObjId>, bool) {
        let mut changed = false;
        let mut out = Vec::with_capacity(vars.len());
        for &v in vars {
            let o = self.prog.obj(v).clone();
            let nt = self.subst(o.ty, smap);
            if nt != o.ty {
                changed = true;
                out.push(self.prog.add_object(Object { ty: nt, ..o }));
            } else {
                out.push(v);
            }
        }
        (out, changed)
    }

    fn subst_inner(&mut self, t: TypeId, smap: &Smap) -> TypeId {
        if let Some(&r) = smap.get(&t) {
            return r;
        }
        match self.prog.ty(t).clone() {
            Type::Basic(_) | Type::TypeParam { .. } => t,
            Type::Pointer(b) => {
                let nb = self.subst(b, smap);
                if nb == b {
                    t
                } else {
                    self.prog.add_type(Type::Pointer(nb))
                }
            }
            Type::Slice(e) => {
                let ne = self.subst(e, smap);
                if ne == e {
                    t
                } else {
                    self.prog.add_type(Type::Slice(ne))
                }
            }
            Type::Array { len, elem } => {
                let ne = self.subst(elem, smap);
                if ne == elem {
                    t
                } else {
                    self.prog.add_type(Type::Array { len, elem: ne })
                }
            }
            Type::Map { key, elem } => {
                let (nk, ne) = (self.subst(key, smap), self.subst(elem, smap));
                if nk == key && ne == elem {
                    t
                } else {
                    self.prog.add_type(Type::Map { key: nk, elem: ne })
                }
            }
            Type::Chan { dir, elem } => {
                let ne = self.subst(elem, smap);
                if ne == elem {
                    t
                } else {
                    self.prog.add_type(Type::Chan { dir, elem: ne })
                }
            }
            Type::Struct { fields, tags } => {
                let (nf, changed) = self.subst_vars(&fields, smap);
                if changed {
                    self.prog.add_type(Type::Struct { fields: nf, tags })
                } else {
                    t
                }
            }
            Type::Tuple(vars) => {
                let (nv, changed) = self.subst_vars(&vars, smap);
                if changed {
                    self.prog.add_type(Type::Tuple(nv))
                } else {
                    t
                }
            }
            Type::Signature(s) => {
                let (np, c1) = self.subst_vars(&s.params, smap);
                let (nr, c2) = self.subst_vars(&s.results, smap);
                // Substituting a signature's own type parameters instantiates it.
                let own = s
                    .tparams
                    .iter()
                    .any(|&tp| smap.contains_key(&self.prog.obj(tp).ty));
                if !c1 && !c2 && !own {
                    return t;
                }
                let tparams = if own { Vec::new() } else { s.tparams.clone() };
                self.prog.add_type(Type::Signature(Box::new(Signature {
                    recv: s.recv,
                    tparams,
                    params: np,
                    results: nr,
                    variadic: s.variadic,
                })))
            }
            Type::Interface(i) => {
                let mut changed = false;
                let mut methods = Vec::new();
                for &m in &i.methods {
                    let o = self.prog.obj(m).clone();
                    let nt = self.subst(o.ty, smap);
                    if nt != o.ty {
                        changed = true;
                        methods.push(self.prog.add_object(Object { ty: nt, ..o }));
                    } else {
                        methods.push(m);
                    }
                }
                let mut embeddeds = Vec::new();
                for &e in &i.embeddeds {
                    let ne = self.subst(e, smap);
                    changed |= ne != e;
                    embeddeds.push(ne);
                }
                if !changed {
                    return t;
                }
                self.prog.add_type(Type::Interface(Box::new(Interface {
                    methods,
                    embeddeds,
                    implicit: i.implicit,
                })))
            }
            Type::Union(terms) => {
                let mut changed = false;
                let nt: Vec<Term> = terms
                    .iter()
                    .map(|term| {
                        let n = self.subst(term.ty, smap);
                        changed |= n != term.ty;
                        Term {
                            tilde: term.tilde,
                            ty: n,
                        }
                    })
                    .collect();
                if changed {
                    self.prog.add_type(Type::Union(nt))
                } else {
                    t
                }
            }
            Type::Named(n) => {
                if n.targs.is_empty() {
                    return t;
                }
                let mut changed = false;
                let targs: Vec<TypeId> = n
                    .targs
                    .iter()
                    .map(|&a| {
                        let s = self.subst(a, smap);
                        changed |= s != a;
                        s
                    })
                    .collect();
                if !changed {
                    return t;
                }
                let origin = n.origin.expect("instance has an origin");
                self.instance(origin, &targs)
            }
            Type::Alias { target, .. } => self.subst(target, smap),
        }
    }

    // ---- instantiation ----

    /// The instance of generic named type `origin` with `targs` (cached).
    pub fn instance(&mut self, origin: TypeId, targs: &[TypeId]) -> TypeId {
        for (o, a, inst) in &self.instances {
            if *o == origin
                && a.len() == targs.len()
                && a.iter()
                    .zip(targs)
                    .all(|(&x, &y)| self.prog.identical(x, y))
            {
                return *inst;
            }
        }
        let Type::Named(n) = self.prog.ty(origin).clone() else {
            return TypeId::INVALID;
        };
        let inst = self.prog.add_type(Type::Named(Box::new(Named {
            obj: n.obj,
            underlying: TypeId::INVALID,
            methods: Vec::new(),
            tparams: Vec::new(),
            origin: Some(origin),
            targs: targs.to_vec(),
        })));
        self.instances.push((origin, targs.to_vec(), inst));
        let smap: Smap = n
            .tparams
            .iter()
            .zip(targs)
            .map(|(&tp, &a)| (self.prog.obj(tp).ty, a))
            .collect();
        let under = if n.underlying == TypeId::INVALID {
            // The generic type is still being declared: resolve later.
            self.pending_instances.push(inst);
            TypeId::INVALID
        } else {
            let u = self.subst(n.underlying, &smap);
            self.prog.underlying(u)
        };
        if let Type::Named(ni) = &mut self.prog.types[inst.0 as usize] {
            ni.underlying = under;
        }
        inst
    }
}
