//! Assignability and assignments (types2 `assignments.go`, the
//! assignability part of `operand.go`): values assigned to variables,
//! parameters, results and fields; `=`, `:=` and `op=`; count mismatches.

use super::operand::{Mode, Operand};
use super::{Checker, key};
use crate::ty::{BasicKind, ChanDir, ObjId, ObjKind, Type, TypeId};
use syntax::ast::{self, Expr};
use syntax::token::Operator;

impl<'a> Checker<'_, 'a> {
    /// Whether `x` is assignable to type `t`; on failure, the cause types2
    /// appends after a colon (may be empty) (types2 `assignableTo`).
    pub fn assignable_to(&mut self, x: &Operand<'a>, t: TypeId) -> Result<(), String> {
        if x.is_invalid() || t == TypeId::INVALID {
            return Ok(());
        }
        let v = x.typ;
        if self.w.prog.identical(v, t) {
            return Ok(());
        }
        let (vu, tu) = (self.under(v), self.under(t));
        if self.is_untyped(v) && self.is_type_param(t) {
            // Representable by each type of T's type set.
            let terms = self.tparam_terms(t).unwrap_or_default();
            if terms.is_empty() {
                return Err(String::new());
            }
            for term in terms {
                if self.implicit_type_and_value(x, term.ty).is_err() {
                    return Err(String::new());
                }
            }
            return Ok(());
        }
        if self.is_untyped(v) {
            if let Type::Basic(k) = self.ty(tu).clone() {
                if x.is_nil() {
                    return if k == BasicKind::UnsafePointer {
                        Ok(())
                    } else {
                        Err(String::new())
                    };
                }
                if let Some(val) = x.val() {
                    return self
                        .representation(val, v, k)
                        .map(|_| ())
                        .map_err(|_| String::new());
                }
                // Non-constant untyped values: bool from comparisons.
                if self.basic(v) == Some(BasicKind::UntypedBool) {
                    return if k.is_boolean() {
                        Ok(())
                    } else {
                        Err(String::new())
                    };
                }
                if self.basic(v).is_some_and(|k| k.is_numeric()) && k.is_numeric() {
                    return Ok(());
                }
                return Err(String::new());
            }
            if x.is_nil() {
                return if self.has_nil(t) {
                    Ok(())
                } else {
                    Err(String::new())
                };
            }
            if let Type::Interface(_) = self.ty(tu) {
                let d = self.default_type(v);
                let dx = Operand {
                    mode: Mode::Value,
                    expr: x.expr,
                    typ: d,
                };
                return self.assignable_to(&dx, t);
            }
            return Err(String::new());
        }
        // Identical underlying types and at least one is not a named type.
        let named = |c: &Self, t: TypeId| {
            matches!(
                c.ty(c.w.prog.unalias(t)),
                Type::Named(_) | Type::Basic(_) | Type::TypeParam { .. }
            )
        };
        if self.w.prog.identical(vu, tu) && (!named(self, v) || !named(self, t)) {
            return Ok(());
        }
        // A type parameter against a type literal: every type of its type set.
        let (vp, tp) = (self.is_type_param(v), self.is_type_param(t));
        if vp && !named(self, t) {
            let terms = self.tparam_terms(v).unwrap_or_default();
            if !terms.is_empty()
                && terms.iter().all(|term| {
                    let xo = Operand {
                        mode: Mode::Value,
                        expr: x.expr,
                        typ: term.ty,
                    };
                    self.assignable_to(&xo, t).is_ok()
                })
            {
                return Ok(());
            }
        }
        if tp && !named(self, v) {
            let terms = self.tparam_terms(t).unwrap_or_default();
            if !terms.is_empty()
                && terms
                    .iter()
                    .all(|term| self.assignable_to(x, term.ty).is_ok())
            {
                return Ok(());
            }
        }
        // T is an interface and x implements it.
        if let Type::Interface(_) = self.ty(tu).clone()
            && !self.is_type_param(t)
        {
            return match self.missing_method(v, t, false) {
                Ok(()) => Ok(()),
                Err(cause) => {
                    let (vs, ts) = (self.typ_str(v), self.typ_str(t));
                    Err(format!("{vs} does not implement {ts} {cause}"))
                }
            };
        }
        // T is a pointer to an interface: say so (types2 `implements`).
        if let Some(why) = self.interface_ptr_error(t) {
            let (vs, ts) = (self.typ_str(v), self.typ_str(t));
            return Err(format!("{vs} does not implement {ts} ({why})"));
        }
        // V is an interface but T is not: if T implements V, a type
        // assertion is missing.
        if let Type::Interface(_) = self.ty(vu)
            && !self.is_type_param(v)
        {
            if self.missing_method(t, v, false).is_ok() {
                return Err("need type assertion".to_string());
            }
            return Err(String::new());
        }
        // A bidirectional channel to a channel type with identical elements.
        if let (
            Type::Chan {
                dir: ChanDir::SendRecv,
                elem: ve,
            },
            Type::Chan { elem: te, .. },
        ) = (self.ty(vu).clone(), self.ty(tu).clone())
            && self.w.prog.identical(ve, te)
            && (!named(self, v) || !named(self, t))
        {
            return Ok(());
        }
        Err(String::new())
    }

    /// Checks that `x` can be assigned to a variable of type `t` (`None`
    /// for the blank identifier), converting an untyped `x` (types2
    /// `assignment`).
    pub fn assignment(&mut self, x: &mut Operand<'a>, t: Option<TypeId>, context: &str) {
        self.single_value(x);
        match x.mode {
            Mode::Invalid => return,
            Mode::Constant(_)
            | Mode::Variable
            | Mode::MapIndex
            | Mode::Value
            | Mode::Nil
            | Mode::CommaOk => {}
            _ => {
                let s = self.op_str(x);
                self.error_at_operand(x, format!("cannot assign {s} to {context}"));
                x.mode = Mode::Invalid;
                return;
            }
        }
        if self.is_untyped(x.typ) {
            let mut target = t;
            if x.is_nil() {
                if t.is_none() {
                    self.error_at_operand(x, format!("use of untyped nil in {context}"));
                    x.mode = Mode::Invalid;
                    return;
                }
            } else if t.is_none_or(|t| {
                matches!(self.ty(self.under(t)), Type::Interface(_)) && !self.is_type_param(t)
            }) {
                target = Some(self.default_type(x.typ));
            }
            let target = target.expect("target");
            match self.implicit_type_and_value(x, target) {
                Ok((nt, val)) => {
                    if let Some(v) = val {
                        x.mode = Mode::Constant(v);
                    }
                    if nt != x.typ {
                        x.typ = nt;
                        if let Some(e) = x.expr {
                            self.update_expr_type(e, nt, true);
                        }
                    }
                }
                Err(code) => {
                    let s = self.op_str(x);
                    let ts = self.typ_str(target);
                    let mut msg = format!("cannot use {s} as {ts} value in {context}");
                    match code {
                        super::expr::ConvError::Truncated => msg.push_str(" (truncated)"),
                        super::expr::ConvError::Overflow => msg.push_str(" (overflows)"),
                        super::expr::ConvError::Invalid => {}
                    }
                    self.error_at_operand(x, msg);
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        }
        if let Type::Signature(s) = self.ty(self.under(x.typ)).clone()
            && !s.tparams.is_empty()
            && let Some(target) = t
            && matches!(self.ty(self.under(target)), Type::Signature(ts) if ts.tparams.is_empty())
        {
            // A generic function assigned to a function type: its type
            // arguments come from that type (types2 reverse inference).
            let e = x.expr.expect("generic function operand");
            let arg = Operand {
                mode: Mode::Value,
                expr: x.expr,
                typ: target,
            };
            let Some(targs) = self.infer(e, e.pos(), &s.tparams, &[], &[x.typ], &[arg]) else {
                x.mode = Mode::Invalid;
                return;
            };
            for (i, &tp) in s.tparams.iter().enumerate() {
                if let Err(cause) = self.satisfies(tp, targs[i], &s.tparams, &targs) {
                    self.error(e, cause);
                    x.mode = Mode::Invalid;
                    return;
                }
            }
            x.typ = self.instantiate_sig(x.typ, &targs);
            self.record_type_and_value(e, x.mode.clone(), x.typ);
        }
        if let Type::Signature(s) = self.ty(self.under(x.typ))
            && !s.tparams.is_empty()
        {
            let es = x.expr.map(syntax::printer::expr_string).unwrap_or_default();
            self.error_at_operand(
                x,
                format!("cannot use generic function {es} without instantiation"),
            );
            x.mode = Mode::Invalid;
            return;
        }
        let Some(t) = t else { return };
        if let Err(cause) = self.assignable_to(x, t) {
            let s = self.op_str(x);
            let ts = self.typ_str(t);
            let msg = if cause.is_empty() {
                format!("cannot use {s} as {ts} value in {context}")
            } else {
                format!("cannot use {s} as {ts} value in {context}: {cause}")
            };
            self.error_at_operand(x, msg);
            x.mode = Mode::Invalid;
        }
    }

    /// Initializes variable `lhs` (whose type is inferred unless `declared`)
    /// with `x` (types2 `initVar`).
    pub fn init_var(&mut self, lhs: ObjId, x: &mut Operand<'a>, context: &str) {
        let declared = self.w.prog.obj(lhs).ty;
        if x.is_invalid() {
            if declared == TypeId::INVALID {
                self.w.prog.objects[lhs.0 as usize].ty = TypeId::INVALID;
            }
            return;
        }
        let mut target = declared;
        // A generic function value is reported (and its use made invalid)
        // before it could give the variable a type (types2 `nonGeneric`).
        if declared == TypeId::INVALID
            && matches!(self.ty(self.under(x.typ)), Type::Signature(s) if !s.tparams.is_empty())
        {
            self.assignment(x, None, context);
            return;
        }
        if declared == TypeId::INVALID {
            // Infer the variable's type from x.
            let mut t = x.typ;
            if self.is_untyped(t) {
                if x.is_nil() {
                    self.error_at_operand(x, format!("use of untyped nil in {context}"));
                    self.w.prog.objects[lhs.0 as usize].ty = TypeId::INVALID;
                    x.mode = Mode::Invalid;
                    return;
                }
                t = self.default_type(t);
            }
            self.w.prog.objects[lhs.0 as usize].ty = t;
            target = t;
        }
        self.assignment(x, Some(target), context);
    }

    /// `lhs... = rhs...` in declarations (types2 `initVars`).
    pub fn init_vars(&mut self, lhs: &[ObjId], rhs: &'a [Expr], return_pos: Option<syntax::Pos>) {
        let context = if return_pos.is_some() {
            "return statement"
        } else {
            "assignment"
        };
        let (l, r) = (lhs.len(), rhs.len());
        let is_call = r == 1 && matches!(rhs[0].unparen(), Expr::Call { .. });
        let invalidate = |c: &mut Self| {
            for &v in lhs {
                if c.w.prog.obj(v).ty == TypeId::INVALID {
                    c.w.prog.objects[v.0 as usize].ty = TypeId::INVALID;
                }
            }
        };
        if l == r && !is_call {
            for (i, &v) in lhs.iter().enumerate() {
                let declared = self.w.prog.obj(v).ty;
                let hint = (declared != TypeId::INVALID).then_some(declared);
                let mut x = self.expr(hint, &rhs[i]);
                let ctx = context;
                self.init_var(v, &mut x, ctx);
            }
            return;
        }
        if r != 1 {
            // Count mismatch with several expressions.
            for e in rhs {
                self.use_expr(e);
            }
            invalidate(self);
            self.assign_error(rhs, l, r);
            return;
        }
        let values = self.multi_expr(&rhs[0]);
        if values.len() == 1 && values[0].is_invalid() {
            invalidate(self);
            return;
        }
        if values.len() == l {
            for (i, &v) in lhs.iter().enumerate() {
                let mut x = values[i].clone();
                self.init_var(v, &mut x, context);
            }
            return;
        }
        // a, ok = m[k] / x.(T) / <-ch
        if l == 2 && values.len() == 1 && matches!(values[0].mode, Mode::CommaOk | Mode::MapIndex) {
            let mut x = values[0].clone();
            x.mode = Mode::Value;
            self.init_var(lhs[0], &mut x, context);
            let mut ok = Operand {
                mode: Mode::Value,
                expr: x.expr,
                typ: TypeId::basic(BasicKind::UntypedBool),
            };
            self.init_var(lhs[1], &mut ok, context);
            self.record_comma_ok(&rhs[0], x.typ);
            return;
        }
        invalidate(self);
        self.assign_error(rhs, l, values.len());
    }

    /// Records the tuple type of a comma-ok expression.
    fn record_comma_ok(&mut self, e: &'a Expr, t: TypeId) {
        let a = self.new_var("", t, syntax::Pos::default());
        let b = self.new_var("", TypeId::basic(BasicKind::Bool), syntax::Pos::default());
        let tuple = self.new_type(Type::Tuple(vec![a, b]));
        self.record_type_and_value(e, Mode::CommaOk, tuple);
    }

    /// "assignment mismatch: 2 variables but f() returns 1 value".
    pub fn assign_error(&mut self, rhs: &'a [Expr], l: usize, r: usize) {
        let vars = measure(l, "variable");
        let vals = measure(r, "value");
        let rhs0 = &rhs[0];
        if rhs.len() == 1
            && let Expr::Call { fun, .. } = rhs0.unparen()
        {
            let f = syntax::printer::expr_string(fun);
            self.error(
                rhs0,
                format!("assignment mismatch: {vars} but {f} returns {vals}"),
            );
            return;
        }
        self.error(rhs0, format!("assignment mismatch: {vars} but {vals}"));
    }

    /// Checks `lhs = x` for one left-hand side expression (types2
    /// `assignVar` / `lhsVar`).
    pub fn assign_var(
        &mut self,
        lhs: &'a Expr,
        rhs: Option<&'a Expr>,
        x: &mut Operand<'a>,
        context: &str,
    ) {
        let _ = rhs;
        let blank = matches!(lhs.unparen(), Expr::Name(n) if n.value == "_");
        let context = if blank && context == "assignment" {
            "assignment to _ identifier"
        } else {
            context
        };
        let t = self.lhs_var(lhs);
        if t == Some(TypeId::INVALID) {
            return;
        }
        if x.is_invalid() {
            return;
        }
        self.assignment(x, t, context);
    }

    /// The type of an assignment's left-hand side, `None` for `_`,
    /// `Some(INVALID)` after an error.
    fn lhs_var(&mut self, lhs: &'a Expr) -> Option<TypeId> {
        let lhs = lhs.unparen();
        if let Expr::Name(n) = lhs {
            if n.value == "_" {
                self.record_def(n, crate::ty::ObjId(u32::MAX));
                return None;
            }
            // Assigning to a local variable does not use it.
            if let Some((_, o)) = self.lookup(&n.value)
                && let ObjKind::Var { used, .. } = self.w.prog.obj(o).kind
                && self.w.prog.obj(o).pkg == Some(self.pkg)
            {
                let mut x = self.expr(None, lhs);
                if let ObjKind::Var { used: u, .. } = &mut self.w.prog.objects[o.0 as usize].kind {
                    *u = used;
                }
                if x.is_invalid() {
                    return Some(TypeId::INVALID);
                }
                x.mode = Mode::Variable;
                return Some(x.typ);
            }
        }
        let x = self.expr(None, lhs);
        if x.is_invalid() {
            return Some(TypeId::INVALID);
        }
        match x.mode {
            Mode::Variable | Mode::MapIndex => Some(x.typ),
            _ => {
                if let Expr::Selector { x: base, .. } = lhs
                    && let Some(ti) = self.info.types.get(&key(&**base))
                    && ti.mode == Mode::MapIndex
                {
                    let s = syntax::printer::expr_string(lhs);
                    self.error(lhs, format!("cannot assign to struct field {s} in map"));
                    return Some(TypeId::INVALID);
                }
                let s = syntax::printer::expr_string(lhs);
                self.error(
                    lhs,
                    format!(
                        "cannot assign to {s} (neither addressable nor a map index expression)"
                    ),
                );
                Some(TypeId::INVALID)
            }
        }
    }

    /// `lhs... = rhs...` (types2 `assignVars`).
    pub fn assign_vars(&mut self, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let (l, r) = (lhs.len(), rhs.len());
        let is_call = r == 1 && matches!(rhs[0].unparen(), Expr::Call { .. });
        if l == r && !is_call {
            for (le, re) in lhs.iter().zip(rhs) {
                let mut x = self.expr(None, re);
                self.assign_var(le, Some(re), &mut x, "assignment");
            }
            return;
        }
        if r != 1 {
            for e in lhs {
                self.lhs_var(e);
            }
            for e in rhs {
                self.use_expr(e);
            }
            self.assign_error(rhs, l, r);
            return;
        }
        let values = self.multi_expr(&rhs[0]);
        if values.len() == 1 && values[0].is_invalid() {
            for e in lhs {
                self.lhs_var(e);
            }
            return;
        }
        if values.len() == l {
            for (le, v) in lhs.iter().zip(values) {
                let mut x = v;
                self.assign_var(le, None, &mut x, "assignment");
            }
            return;
        }
        if l == 2 && values.len() == 1 && matches!(values[0].mode, Mode::CommaOk | Mode::MapIndex) {
            let mut x = values[0].clone();
            x.mode = Mode::Value;
            self.assign_var(&lhs[0], None, &mut x, "assignment");
            let mut ok = Operand {
                mode: Mode::Value,
                expr: x.expr,
                typ: TypeId::basic(BasicKind::UntypedBool),
            };
            self.assign_var(&lhs[1], None, &mut ok, "assignment");
            self.record_comma_ok(&rhs[0], x.typ);
            return;
        }
        for e in lhs {
            self.lhs_var(e);
        }
        self.assign_error(rhs, l, values.len());
    }

    /// `lhs... := rhs...` (types2 `shortVarDecl`).
    pub fn short_var_decl(&mut self, pos: syntax::Pos, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let scope = self.scope();
        let mut new_vars = Vec::new();
        let mut lhs_vars = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut bad = false;
        for e in lhs {
            let Expr::Name(n) = e else {
                self.use_expr(e);
                let s = syntax::printer::expr_string(e);
                self.error(e, format!("non-name {s} on left side of :="));
                bad = true;
                continue;
            };
            if n.value != "_" {
                if seen.contains(&n.value) {
                    self.error(e, format!("{} repeated on left side of :=", n.value));
                    bad = true;
                    continue;
                }
                seen.push(n.value.clone());
            }
            // Redeclared in the same scope?
            if let Some(&alt) = self.w.scopes.get(scope).names.get(&n.value) {
                self.record_use(n, alt);
                if matches!(self.w.prog.obj(alt).kind, ObjKind::Var { .. }) {
                    lhs_vars.push(alt);
                } else {
                    self.error(e, format!("cannot assign to {}", n.value));
                    bad = true;
                }
                continue;
            }
            let v = self.new_var(&n.value, TypeId::INVALID, n.pos);
            if n.value != "_" {
                new_vars.push((v, n));
            } else {
                self.record_def(n, v);
            }
            lhs_vars.push(v);
        }
        // Initialize: types of new variables come from the values.
        let is_new = |v: ObjId, nv: &[(ObjId, &ast::Name)]| nv.iter().any(|(o, _)| *o == v);
        let existing_types: Vec<(ObjId, TypeId)> = lhs_vars
            .iter()
            .filter(|v| !is_new(**v, &new_vars))
            .map(|&v| (v, self.w.prog.obj(v).ty))
            .collect();
        if !bad {
            // Existing variables keep their types: init_var checks against them.
            let saved_used: Vec<(ObjId, bool)> = existing_types
                .iter()
                .map(|(v, _)| {
                    let u = matches!(self.w.prog.obj(*v).kind, ObjKind::Var { used: true, .. });
                    (*v, u)
                })
                .collect();
            self.init_vars(&lhs_vars, rhs, None);
            for (v, u) in saved_used {
                if let ObjKind::Var { used, .. } = &mut self.w.prog.objects[v.0 as usize].kind {
                    *used = u;
                }
            }
        } else {
            for e in rhs {
                self.use_expr(e);
            }
        }
        if new_vars.is_empty() && !bad {
            self.soft_error_at(pos, "no new variables on left side of :=");
        }
        // Declare the new variables after the right-hand side was checked.
        for (v, n) in new_vars {
            self.declare(scope, Some(n), v);
        }
    }

    /// `x op= y` and `x++`/`x--`.
    pub fn assign_op(
        &mut self,
        pos: syntax::Pos,
        op: Operator,
        lhs: &'a Expr,
        rhs: Option<&'a Expr>,
    ) {
        let _ = pos;
        let mut x = self.expr(None, lhs);
        if x.is_invalid() {
            if let Some(r) = rhs {
                self.use_expr(r);
            }
            return;
        }
        match rhs {
            None => {
                // x++: x must be numeric.
                if !self.all_terms(x.typ, |c, t| c.basic(t).is_some_and(|k| k.is_numeric())) {
                    let s = syntax::printer::expr_string(lhs);
                    let opn = if op == Operator::Add { "++" } else { "--" };
                    let xs = self.op_str(&x);
                    self.error(
                        lhs,
                        format!("invalid operation: {s}{opn} (non-numeric type {})", {
                            let _ = xs;
                            self.typ_str(x.typ)
                        }),
                    );
                    return;
                }
            }
            Some(r) => {
                let mut y = self.expr(None, r);
                let pseudo = Expr::Bad(syntax::Pos::default());
                let _ = pseudo;
                if y.is_invalid() {
                    return;
                }
                // Check the binary operation x op y.
                if !self.assign_op_types(&mut x, &mut y, op, lhs, r) {
                    return;
                }
            }
        }
        let mut v = Operand {
            mode: Mode::Value,
            expr: Some(lhs),
            typ: x.typ,
        };
        self.assign_var(lhs, None, &mut v, "assignment");
    }

    fn assign_op_types(
        &mut self,
        x: &mut Operand<'a>,
        y: &mut Operand<'a>,
        op: Operator,
        lhs: &'a Expr,
        rhs: &'a Expr,
    ) -> bool {
        if matches!(op, Operator::Shl | Operator::Shr) {
            if !self.basic(x.typ).is_some_and(|k| k.is_integer()) {
                let s = self.op_str(x);
                self.error(
                    lhs,
                    format!("invalid operation: shifted operand {s} must be integer"),
                );
                return false;
            }
            if self.is_untyped(y.typ) {
                self.convert_untyped(y, TypeId::basic(BasicKind::Uint));
            }
            if y.is_invalid() {
                return false;
            }
            if !self.basic(y.typ).is_some_and(|k| k.is_integer()) {
                let s = self.op_str(y);
                self.error(
                    rhs,
                    format!("invalid operation: shift count {s} must be integer"),
                );
                return false;
            }
            return true;
        }
        // An untyped operand converts only to a type of its kind (types2
        // `mayConvert`): a number never becomes a string.
        let numeric =
            |c: &Self, t: TypeId| c.all_terms(t, |c, t| c.basic(t).is_some_and(|k| k.is_numeric()));
        let string =
            |c: &Self, t: TypeId| c.all_terms(t, |c, t| c.basic(t).is_some_and(|k| k.is_string()));
        if self.is_untyped(y.typ)
            && numeric(self, x.typ) == numeric(self, y.typ)
            && string(self, x.typ) == string(self, y.typ)
        {
            let t = x.typ;
            self.convert_untyped(y, t);
            if y.is_invalid() {
                return false;
            }
        }
        if !self.w.prog.identical(x.typ, y.typ) {
            let (ls, rs) = (self.typ_str(x.typ), self.typ_str(y.typ));
            let (a, b) = (
                syntax::printer::expr_string(lhs),
                syntax::printer::expr_string(rhs),
            );
            self.error(
                lhs,
                format!("invalid operation: {a} {op}= {b} (mismatched types {ls} and {rs})"),
            );
            return false;
        }
        let ok = self.all_terms(x.typ, |c, t| {
            let k = c.basic(t);
            match op {
                Operator::Add => k.is_some_and(|k| k.is_numeric() || k.is_string()),
                Operator::Sub | Operator::Mul | Operator::Div => k.is_some_and(|k| k.is_numeric()),
                _ => k.is_some_and(|k| k.is_integer()),
            }
        });
        let k = self.basic(x.typ);
        if !ok {
            let s = self.op_str(x);
            self.error(
                lhs,
                format!("invalid operation: operator {op} not defined on {s}"),
            );
            return false;
        }
        if matches!(op, Operator::Div | Operator::Rem)
            && k.is_some_and(|k| k.is_integer())
            && y.val().is_some_and(|v| v.sign() == 0)
        {
            self.error(rhs, "invalid operation: division by zero");
            return false;
        }
        true
    }
}

/// "1 variable", "2 values".
fn measure(n: usize, unit: &str) -> String {
    if n == 1 {
        format!("{n} {unit}")
    } else {
        format!("{n} {unit}s")
    }
}
