//! Statements and function bodies (types2 `stmt.go`, `range.go`,
//! `return.go`): every statement form, scopes of blocks and clauses,
//! "declared and not used", and the terminating-statement analysis behind
//! "missing return".

use super::Checker;
use super::operand::{Mode, Operand};
use crate::ty::{BasicKind, ChanDir, ObjId, ObjKind, Type, TypeId};
use crate::universe::ScopeId;
use syntax::ast::{self, Decl, Expr, Stmt};
use syntax::token::{Operator, Token};

impl<'a> Checker<'_, 'a> {
    /// Checks a function body (types2 `funcBody`).
    pub(super) fn func_body(
        &mut self,
        sig: TypeId,
        scope: ScopeId,
        body: &'a ast::Block,
        iota: Option<i64>,
    ) {
        let saved = std::mem::take(&mut self.env);
        // A function literal in a constant declaration sees its iota.
        let saved_iota = std::mem::replace(&mut self.iota, iota);
        self.env.sig = Some(sig);
        self.env.scope = Some(scope);
        self.stmt_list(&body.stmts);
        let has_results = match self.ty(sig) {
            Type::Signature(s) => !s.results.is_empty(),
            _ => false,
        };
        if has_results && !self.is_terminating_list(&body.stmts, "") {
            self.error_at(body.rbrace, "missing return");
        }
        self.usage(scope);
        self.env = saved;
        self.iota = saved_iota;
        self.record_untyped_if_outermost();
    }

    fn record_untyped_if_outermost(&mut self) {
        if self.env.sig.is_none() {
            self.record_untyped();
        }
    }

    /// Reports unused variables of `scope` and its children (types2 `usage`).
    fn usage(&mut self, scope: ScopeId) {
        let mut unused: Vec<ObjId> = Vec::new();
        self.collect_unused(scope, &mut unused);
        unused.sort_by_key(|&o| self.w.prog.obj(o).pos);
        for v in unused {
            let o = self.w.prog.obj(v);
            let (file, pos, name) = (o.file, o.pos, o.name.clone());
            self.errors.push(super::Error {
                file,
                pos,
                msg: format!("declared and not used: {name}"),
                soft: true,
            });
        }
    }

    fn collect_unused(&self, scope: ScopeId, out: &mut Vec<ObjId>) {
        let s = self.w.scopes.get(scope);
        for &o in s.names.values() {
            if let ObjKind::Var {
                used: false,
                is_field: false,
                ..
            } = self.w.prog.obj(o).kind
                && !self.params.contains(&o)
                && self.w.prog.obj(o).name != "_"
            {
                out.push(o);
            }
        }
        for &c in &s.children {
            // Function literal scopes are reported by their own body check.
            if !self.func_scopes.contains(&c) {
                self.collect_unused(c, out);
            }
        }
    }

    fn open_scope(&mut self) -> Option<ScopeId> {
        let s = self.w.scopes.new_child(self.scope());
        self.env.scope.replace(s)
    }

    fn close_scope(&mut self, saved: Option<ScopeId>) {
        self.env.scope = saved;
    }

    pub(super) fn stmt_list(&mut self, list: &'a [Stmt]) {
        // A trailing empty statement does not count for fallthrough checks.
        for s in list {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.stmt_inner(s));
    }

    fn stmt_inner(&mut self, s: &'a Stmt) {
        match s {
            Stmt::Empty(_) | Stmt::Branch { .. } => {}
            Stmt::Labeled { stmt, .. } => self.stmt(stmt),
            Stmt::Block(b) => {
                let saved = self.open_scope();
                self.stmt_list(&b.stmts);
                self.close_scope(saved);
            }
            Stmt::Decl { decls, .. } => self.decl_stmt(decls),
            Stmt::Expr { x, .. } => self.expr_stmt(x),
            Stmt::Send { chan, value, .. } => {
                let ch = self.expr(None, chan);
                let mut v = self.expr(None, value);
                if ch.is_invalid() || v.is_invalid() {
                    return;
                }
                let Some(elem) = self.chan_elem(&ch, false) else {
                    return;
                };
                self.assignment(&mut v, Some(elem), "send");
            }
            Stmt::Assign { pos, op, lhs, rhs } => match (op, rhs) {
                (Some(Operator::Def), Some(r)) => self.short_var_decl(*pos, lhs.list(), r.list()),
                (None, Some(r)) => self.assign_vars(lhs.list(), r.list()),
                (Some(o), r) => self.assign_op(*pos, *o, lhs, r.as_ref()),
                (None, None) => {}
            },
            Stmt::Call { tok, call, .. } => {
                let what = if *tok == Token::Go { "go" } else { "defer" };
                let x = self.raw_expr(call, None);
                match call.unparen() {
                    Expr::Call { .. } => {
                        if let Mode::Builtin(_) = x.mode {
                        } else if x.mode == Mode::TypExpr || self.is_conversion(call) {
                            let s = self.op_str(&x);
                            self.error(
                                call,
                                format!("{what} requires function call, not conversion {s}"),
                            );
                        } else if let Some(b) = self.called_builtin(call)
                            && !is_statement_builtin(b)
                        {
                            let s = self.op_str(&x);
                            self.error(call, format!("{what} discards result of {s}"));
                        }
                    }
                    _ => {
                        self.error(call, format!("expression in {what} must be function call"));
                    }
                }
            }
            Stmt::Return { pos, results } => self.return_stmt(*pos, results.as_ref()),
            Stmt::If {
                init,
                cond,
                then,
                els,
                ..
            } => {
                let saved = self.open_scope();
                if let Some(i) = init {
                    self.simple_stmt(i);
                }
                if let Some(c) = cond {
                    let x = self.expr(None, c);
                    if !x.is_invalid() && !self.basic(x.typ).is_some_and(|k| k.is_boolean()) {
                        self.error(c, "non-boolean condition in if statement");
                    }
                }
                let s2 = self.open_scope();
                self.stmt_list(&then.stmts);
                self.close_scope(s2);
                if let Some(e) = els {
                    self.stmt(e);
                }
                self.close_scope(saved);
            }
            Stmt::For {
                init,
                cond,
                post,
                body,
                ..
            } => {
                let saved = self.open_scope();
                if let Some(i) = init
                    && let Stmt::Range { lhs, def, x, pos } = &**i
                {
                    self.range_stmt(*pos, lhs.as_ref(), *def, x, body);
                    self.close_scope(saved);
                    return;
                }
                if let Some(i) = init {
                    self.simple_stmt(i);
                }
                if let Some(c) = cond {
                    let x = self.expr(None, c);
                    if !x.is_invalid() && !self.basic(x.typ).is_some_and(|k| k.is_boolean()) {
                        self.error(c, "non-boolean condition in for statement");
                    }
                }
                if let Some(p) = post {
                    self.simple_stmt(p);
                }
                let s2 = self.open_scope();
                self.stmt_list(&body.stmts);
                self.close_scope(s2);
                self.close_scope(saved);
            }
            Stmt::Switch {
                init, tag, body, ..
            } => {
                let saved = self.open_scope();
                if let Some(i) = init {
                    self.simple_stmt(i);
                }
                match tag {
                    Some(Expr::TypeSwitchGuard { lhs, x, .. }) => {
                        self.type_switch(lhs.as_ref(), x, body)
                    }
                    _ => self.expr_switch(tag.as_ref(), body),
                }
                self.close_scope(saved);
            }
            Stmt::Select { body, .. } => {
                self.multiple_defaults(body.iter().map(|cc| (cc.pos, cc.comm.is_none())));
                for cc in body {
                    let saved = self.open_scope();
                    if let Some(c) = &cc.comm {
                        let valid = match &**c {
                            Stmt::Send { .. } => true,
                            Stmt::Expr { x, .. } => is_recv(x),
                            Stmt::Assign { rhs: Some(r), .. } => {
                                let l = r.list();
                                l.len() == 1 && is_recv(&l[0])
                            }
                            _ => false,
                        };
                        if !valid {
                            self.error_at(
                                c.pos(),
                                "select case must be receive, send or assign recv",
                            );
                        } else {
                            self.simple_stmt(c);
                        }
                    }
                    self.stmt_list(&cc.body);
                    self.close_scope(saved);
                }
            }
            Stmt::Range { .. } => {}
        }
    }

    fn simple_stmt(&mut self, s: &'a Stmt) {
        self.stmt(s);
    }

    fn is_conversion(&mut self, call: &'a Expr) -> bool {
        if let Expr::Call { fun, .. } = call.unparen()
            && let Some(t) = self.info.types.get(&super::key(&**fun))
        {
            return t.mode == Mode::TypExpr;
        }
        false
    }

    /// The built-in `call` calls, universe or `unsafe.X`.
    fn called_builtin(&self, call: &'a Expr) -> Option<crate::ty::Builtin> {
        let Expr::Call { fun, .. } = call.unparen() else {
            return None;
        };
        let o = match fun.unparen() {
            Expr::Name(n) => self.lookup(&n.value)?.1,
            Expr::Selector { x, sel, .. } => {
                let Expr::Name(n) = x.unparen() else {
                    return None;
                };
                let (_, pkg) = self.lookup(&n.value)?;
                let ObjKind::PkgName { imported, .. } = self.w.prog.obj(pkg).kind else {
                    return None;
                };
                if imported != self.w.unsafe_pkg {
                    return None;
                }
                let scope = self.w.pkg_scopes[&imported];
                *self.w.scopes.get(scope).names.get(&sel.value)?
            }
            _ => return None,
        };
        match self.w.prog.obj(o).kind {
            ObjKind::Builtin(b) => Some(b),
            _ => None,
        }
    }

    /// An expression statement: calls and receives only (types2 ExprStmt).
    fn expr_stmt(&mut self, e: &'a Expr) {
        let x = self.raw_expr(e, None);
        let inner = e.unparen();
        let is_stmt = match inner {
            Expr::Call { .. } => {
                // Calls of built-ins other than those with side effects are not statements.
                match self.called_builtin(e) {
                    Some(b) => is_statement_builtin(b),
                    None => !self.is_conversion(e),
                }
            }
            Expr::Operation {
                op: Operator::Recv,
                y: None,
                ..
            } => true,
            _ => false,
        };
        let msg = match x.mode {
            Mode::Invalid => return,
            Mode::Builtin(_) => "must be called",
            Mode::TypExpr => "is not an expression",
            _ => {
                if is_stmt {
                    return;
                }
                "is not used"
            }
        };
        let s = self.op_str(&x);
        self.error(e, format!("{s} {msg}"));
    }

    fn decl_stmt(&mut self, decls: &'a [Box<Decl>]) {
        let mut last_const: Option<&'a ast::ConstDecl> = None;
        let mut iota: i64 = 0;
        let mut group: Option<u32> = None;
        for d in decls {
            match &**d {
                Decl::Const(c) => {
                    if c.group.is_none() || c.group != group {
                        iota = 0;
                        last_const = None;
                    } else {
                        iota += 1;
                    }
                    group = c.group;
                    let inherited = c.values.is_none() && c.typ.is_none();
                    if !inherited {
                        last_const = Some(c);
                    }
                    let values: &'a [Expr] = last_const
                        .and_then(|l| l.values.as_ref())
                        .map_or(&[], |v| v.list());
                    let typ = last_const.and_then(|l| l.typ.as_ref());
                    let mut objs = Vec::new();
                    for (i, n) in c.names.iter().enumerate() {
                        let obj = self.new_object(
                            &n.value,
                            ObjKind::Const {
                                value: crate::constant::Value::Unknown,
                            },
                            TypeId::INVALID,
                            n.pos,
                        );
                        let outer_iota = self.iota.replace(iota);
                        let saved_err = self.err_pos.take();
                        if inherited {
                            self.err_pos = Some(n.pos);
                        }
                        self.local_const(obj, typ, values.get(i));
                        self.err_pos = saved_err;
                        self.iota = outer_iota;
                        objs.push((obj, n));
                    }
                    self.arity(c.pos, &c.names, values, true, inherited);
                    let scope = self.scope();
                    for (obj, n) in objs {
                        self.declare(scope, Some(n), obj);
                    }
                }
                Decl::Var(v) => {
                    group = None;
                    let objs: Vec<ObjId> = v
                        .names
                        .iter()
                        .map(|n| self.new_var(&n.value, TypeId::INVALID, n.pos))
                        .collect();
                    let values: &'a [Expr] = v.values.as_ref().map_or(&[], |x| x.list());
                    for (i, &o) in objs.iter().enumerate() {
                        let (lhs, init): (Vec<ObjId>, Option<&'a Expr>) =
                            if values.len() == objs.len() {
                                (Vec::new(), values.get(i))
                            } else if values.len() == 1 {
                                (objs.clone(), values.first())
                            } else {
                                (Vec::new(), values.get(i))
                            };
                        self.var_decl_common(o, &lhs, v.typ.as_ref(), init);
                        if values.len() == 1 {
                            break;
                        }
                    }
                    if v.typ.is_none() || v.values.is_some() {
                        self.arity(v.pos, &v.names, values, false, false);
                    }
                    let scope = self.scope();
                    for (o, n) in objs.into_iter().zip(&v.names) {
                        self.declare(scope, Some(n), o);
                    }
                }
                Decl::Type(t) => {
                    group = None;
                    let obj = self.new_object(
                        &t.name.value,
                        ObjKind::TypeName,
                        TypeId::INVALID,
                        t.name.pos,
                    );
                    let scope = self.scope();
                    self.declare(scope, Some(&t.name), obj);
                    self.local_type_decl(obj, t);
                }
                _ => {}
            }
        }
    }

    fn local_const(&mut self, obj: ObjId, typ: Option<&'a Expr>, init: Option<&'a Expr>) {
        let mut declared = None;
        if let Some(t) = typ {
            let t = self.typ(t);
            if t != TypeId::INVALID && !self.basic(t).is_some_and(|k| k.is_const_type()) {
                let s = self.typ_str(t);
                self.error(typ.expect("type"), format!("invalid constant type {s}"));
                return;
            }
            declared = Some(t);
        }
        let Some(init) = init else { return };
        let mut x = self.expr(None, init);
        if x.is_invalid() {
            return;
        }
        if !matches!(x.mode, Mode::Constant(_)) {
            let s = self.op_str(&x);
            self.error_at_operand(&x, format!("{s} is not constant"));
            return;
        }
        let target = declared.unwrap_or(x.typ);
        self.assignment(&mut x, Some(target), "constant declaration");
        if x.is_invalid() {
            return;
        }
        let o = &mut self.w.prog.objects[obj.0 as usize];
        o.ty = declared.unwrap_or(x.typ);
        o.kind = ObjKind::Const {
            value: x.val().cloned().unwrap_or(crate::constant::Value::Unknown),
        };
    }

    fn local_type_decl(&mut self, obj: ObjId, t: &'a ast::TypeDecl) {
        // As at package level (a local type has no methods to collect).
        self.type_decl(obj, t);
        self.valid_type_obj(obj);
    }

    fn return_stmt(&mut self, pos: syntax::Pos, results: Option<&'a Expr>) {
        let Some(sig) = self.env.sig else { return };
        let res: Vec<ObjId> = match self.ty(sig) {
            Type::Signature(s) => s.results.clone(),
            _ => Vec::new(),
        };
        match results {
            None => {
                if !res.is_empty() && self.w.prog.obj(res[0]).name.is_empty() {
                    self.error_at(
                        pos,
                        "not enough return values\n\thave ()\n\twant ".to_string()
                            + &self.tuple_summary(&res),
                    );
                }
                // Named results: a naked return is fine.
            }
            Some(r) => {
                let list = r.list();
                if res.is_empty() {
                    for e in list {
                        self.use_expr(e);
                    }
                    let have = self.exprs_types_summary(list);
                    self.error(
                        &list[0],
                        format!("too many return values\n\thave ({have})\n\twant ()"),
                    );
                    return;
                }
                if list.len() == res.len() {
                    for (e, &v) in list.iter().zip(&res) {
                        let t = self.w.prog.obj(v).ty;
                        let mut x = self.expr(Some(t), e);
                        self.assignment(&mut x, Some(t), "return statement");
                    }
                    return;
                }
                if list.len() == 1 {
                    let values = self.multi_expr(&list[0]);
                    if values.len() == 1 && values[0].is_invalid() {
                        return;
                    }
                    if values.len() == res.len() {
                        for (x, &v) in values.into_iter().zip(&res) {
                            let mut x = x;
                            let t = self.w.prog.obj(v).ty;
                            self.assignment(&mut x, Some(t), "return statement");
                        }
                        return;
                    }
                    self.return_count_error(pos, &res, &values);
                    return;
                }
                let values: Vec<Operand<'a>> = list.iter().map(|e| self.expr(None, e)).collect();
                self.return_count_error(pos, &res, &values);
            }
        }
    }

    fn return_count_error(&mut self, pos: syntax::Pos, res: &[ObjId], values: &[Operand<'a>]) {
        let (l, r) = (res.len(), values.len());
        let (qualifier, at) = if r > l {
            ("too many", values[l].expr.map_or(pos, |e| e.start()))
        } else if r > 0 {
            ("not enough", values[r - 1].expr.map_or(pos, |e| e.start()))
        } else {
            ("not enough", pos)
        };
        let have = {
            let ts: Vec<String> = values
                .iter()
                .map(|v| match self.untyped_kind(v.typ) {
                    Some(k) if k.is_numeric() => "number".to_string(),
                    Some(k) => k.name().replace("untyped ", ""),
                    None => self.typ_str(v.typ),
                })
                .collect();
            format!("({})", ts.join(", "))
        };
        let want = self.tuple_summary(res);
        self.error_at(
            at,
            format!("{qualifier} return values\n\thave {have}\n\twant {want}"),
        );
    }

    fn tuple_summary(&self, vars: &[ObjId]) -> String {
        let ts: Vec<String> = vars
            .iter()
            .map(|&v| self.typ_str(self.w.prog.obj(v).ty))
            .collect();
        format!("({})", ts.join(", "))
    }

    fn exprs_types_summary(&mut self, list: &'a [Expr]) -> String {
        let ts: Vec<String> = list
            .iter()
            .map(|e| match self.info.types.get(&super::key(e)) {
                Some(t) => match self.untyped_kind(t.ty) {
                    Some(k) if k.is_numeric() => "number".into(),
                    _ => self.typ_str(t.ty),
                },
                None => match self.untyped.get(&super::key(e)) {
                    Some((_, t, _)) => match self.untyped_kind(*t) {
                        Some(k) if k.is_numeric() => "number".into(),
                        Some(k) => k.name().replace("untyped ", ""),
                        None => self.typ_str(*t),
                    },
                    None => "unknown type".into(),
                },
            })
            .collect();
        ts.join(", ")
    }

    fn expr_switch(&mut self, tag: Option<&'a Expr>, body: &'a [ast::CaseClause]) {
        let mut tx = match tag {
            Some(t) => {
                let mut x = self.expr(None, t);
                if !x.is_invalid() && self.is_untyped(x.typ) {
                    let d = self.default_type(x.typ);
                    self.convert_untyped(&mut x, d);
                }
                x
            }
            None => Operand {
                mode: Mode::Constant(crate::constant::Value::Bool(true)),
                expr: None,
                typ: TypeId::basic(BasicKind::Bool),
            },
        };
        if let Some(tag_expr) = tag
            && !tx.is_invalid()
            && !self.comparable(tx.typ)
            && !self.has_nil(tx.typ)
        {
            let s = self.op_str(&tx);
            self.error(tag_expr, format!("cannot switch on {s}"));
            tx.mode = Mode::Invalid;
        }
        self.multiple_defaults(body.iter().map(|cc| (cc.pos, cc.cases.is_none())));
        let mut seen: Vec<(crate::constant::Value, TypeId, syntax::Pos)> = Vec::new();
        for cc in body {
            match &cc.cases {
                None => {}
                Some(cases) => {
                    for e in cases.list() {
                        let mut v = self.expr(None, e);
                        if v.is_invalid() || tx.is_invalid() {
                            continue;
                        }
                        let mut t = tx.clone();
                        if !self.case_compare(&mut v, &mut t, e, tag.is_none()) {
                            continue;
                        }
                        // Duplicate constant cases (types2 `caseValues`).
                        // Only numbers and strings (types2 `goVal`).
                        if let Some(val) = v.val().cloned().filter(|v| {
                            matches!(
                                v,
                                crate::constant::Value::Int(_)
                                    | crate::constant::Value::Rat(_)
                                    | crate::constant::Value::Float(_)
                                    | crate::constant::Value::String(_)
                            )
                        }) {
                            if let Some((_, _, prev)) = seen
                                .iter()
                                .find(|(pv, pt, _)| *pv == val && self.w.prog.identical(*pt, v.typ))
                            {
                                let at = self.w.pos_string(self.file_ids[self.cur_file], *prev);
                                let s = self.op_str(&v);
                                self.error(e, format!("duplicate case {s} in expression switch\n\t{at}: previous case"));
                                continue;
                            }
                            seen.push((val, v.typ, e.start()));
                        }
                    }
                }
            }
            let saved = self.open_scope();
            self.stmt_list(&cc.body);
            self.close_scope(saved);
        }
    }

    /// Checks a case value against the switch tag; false after an error.
    fn case_compare(
        &mut self,
        v: &mut Operand<'a>,
        t: &mut Operand<'a>,
        _e: &'a Expr,
        no_tag: bool,
    ) -> bool {
        let tag = if no_tag {
            "true".to_string()
        } else {
            t.expr.map(syntax::printer::expr_string).unwrap_or_default()
        };
        // The case value is converted to the tag's type, then compared.
        let tt = t.typ;
        self.convert_untyped(v, tt);
        if v.is_invalid() {
            return false;
        }
        let mut res = v.clone();
        let tc = t.clone();
        self.comparison(&mut res, &tc, Operator::Eql, Some(tag));
        !res.is_invalid()
    }

    /// Reports every `default` clause after the first (types2
    /// `multipleSwitchDefaults`); `clauses` gives each clause's position and
    /// whether it is a default.
    fn multiple_defaults(&mut self, clauses: impl Iterator<Item = (syntax::Pos, bool)>) {
        let mut first = None;
        for (pos, is_default) in clauses {
            if !is_default {
                continue;
            }
            match first {
                None => first = Some(pos),
                Some(f) => {
                    let at = self.w.pos_string(self.file_ids[self.cur_file], f);
                    self.error_at(pos, format!("multiple defaults (first at {at})"));
                }
            }
        }
    }

    fn type_switch(
        &mut self,
        lhs: Option<&'a ast::Name>,
        x: &'a Expr,
        body: &'a [ast::CaseClause],
    ) {
        // `_ := x.(type)` declares nothing.
        let lhs = match lhs {
            Some(n) if n.value == "_" => {
                self.soft_error_at(n.pos, "no new variable on left side of :=");
                None
            }
            l => l,
        };
        let sx = self.expr(None, x);
        if sx.is_invalid() {
            return;
        }
        if !matches!(self.ty(self.under(sx.typ)), Type::Interface(_)) || self.is_type_param(sx.typ)
        {
            let s = self.op_str(&sx);
            self.error(x, format!("{s} is not an interface"));
            return;
        }
        self.multiple_defaults(body.iter().map(|cc| (cc.pos, cc.cases.is_none())));
        let mut lhs_vars = Vec::new();
        // Types seen in cases (None: nil), with where (types2 `caseTypes`).
        let mut seen: Vec<(Option<TypeId>, syntax::Pos)> = Vec::new();
        for cc in body {
            let mut case_type: Option<TypeId> = None;
            if let Some(cases) = &cc.cases {
                let list = cases.list();
                for e in list {
                    let is_nil = matches!(e.unparen(), Expr::Name(n) if n.value == "nil" && self.lookup("nil").is_some_and(|(_, o)| matches!(self.w.prog.obj(o).kind, ObjKind::Nil)));
                    if is_nil {
                        self.raw_expr(e, None);
                        if let Some((_, prev)) = seen.iter().find(|(t, _)| t.is_none()) {
                            let at = self.w.pos_string(self.file_ids[self.cur_file], *prev);
                            self.error(
                                e,
                                format!("duplicate case nil in type switch\n\t{at}: previous case"),
                            );
                        } else {
                            seen.push((None, e.start()));
                        }
                        if list.len() == 1 {
                            case_type = Some(sx.typ);
                        }
                        continue;
                    }
                    let t = self.var_type(e);
                    if t == TypeId::INVALID {
                        continue;
                    }
                    if let Some((_, prev)) = seen
                        .iter()
                        .find(|(st, _)| st.is_some_and(|st| self.w.prog.identical(st, t)))
                    {
                        let at = self.w.pos_string(self.file_ids[self.cur_file], *prev);
                        let ts = self.typ_str(t);
                        self.error(
                            e,
                            format!("duplicate case {ts} in type switch\n\t{at}: previous case"),
                        );
                    } else {
                        seen.push((Some(t), e.start()));
                    }
                    let mut s2 = sx.clone();
                    self.type_assertion(e, &mut s2, t, true);
                    if list.len() == 1 {
                        case_type = Some(t);
                    }
                }
                if list.len() != 1 {
                    case_type = Some(sx.typ);
                }
            } else {
                case_type = Some(sx.typ);
            }
            let saved = self.open_scope();
            if let Some(n) = lhs {
                let t = case_type.unwrap_or(sx.typ);
                let v = self.new_var(&n.value, t, n.pos);
                let scope = self.scope();
                // Declared in each clause; one of them used counts.
                self.w.scopes.insert(scope, &n.value, v);
                self.info.implicits.insert(super::key(cc), v);
                lhs_vars.push(v);
            }
            self.stmt_list(&cc.body);
            self.close_scope(saved);
        }
        if let Some(n) = lhs {
            let used = lhs_vars
                .iter()
                .any(|&v| matches!(self.w.prog.obj(v).kind, ObjKind::Var { used: true, .. }));
            for &v in &lhs_vars {
                self.use_var(v);
            }
            if !used {
                self.soft_error_at(n.pos, format!("{} declared and not used", n.value));
            }
            if let Some(&first) = lhs_vars.first() {
                self.record_def(n, first);
            }
        }
    }

    fn range_stmt(
        &mut self,
        _pos: syntax::Pos,
        lhs: Option<&'a Expr>,
        def: bool,
        x: &'a Expr,
        body: &'a ast::Block,
    ) {
        let rx0 = self.expr(None, x);
        let mut rx = rx0.clone();
        let (mut key_t, mut val_t) = (None, None);
        let mut ok = !rx.is_invalid();
        let mut max_vars = 2;
        let mut const_int_range = false;
        if ok {
            let u = self.core_under(rx.typ);
            let mut cause: Option<String> = None;
            match self.ty(u).clone() {
                Type::Basic(k) if k.is_string() => {
                    key_t = Some(TypeId::basic(BasicKind::Int));
                    val_t = Some(self.w.prog.rune);
                    if self.is_untyped(rx.typ) {
                        self.convert_untyped(&mut rx, TypeId::basic(BasicKind::String));
                    }
                }
                Type::Basic(k) if k.is_integer() => {
                    if !self.allow_version(22) {
                        cause = Some("requires go1.22 or later".into());
                    }
                    const_int_range =
                        matches!(rx.mode, Mode::Constant(_)) && self.is_untyped(rx.typ);
                    if self.is_untyped(rx.typ) {
                        let d = self.default_type(rx.typ);
                        self.convert_untyped(&mut rx, d);
                    }
                    key_t = Some(rx.typ);
                    max_vars = 1;
                }
                Type::Array { elem, .. } => {
                    key_t = Some(TypeId::basic(BasicKind::Int));
                    val_t = Some(elem);
                }
                Type::Pointer(p) => match self.ty(self.under(p)).clone() {
                    Type::Array { elem, .. } => {
                        key_t = Some(TypeId::basic(BasicKind::Int));
                        val_t = Some(elem);
                    }
                    _ => cause = Some(String::new()),
                },
                Type::Slice(elem) => {
                    key_t = Some(TypeId::basic(BasicKind::Int));
                    val_t = Some(elem);
                }
                Type::Map { key, elem } => {
                    key_t = Some(key);
                    val_t = Some(elem);
                }
                Type::Chan { dir, elem } => {
                    if dir == ChanDir::SendOnly {
                        let ts = self.typ_str(rx.typ);
                        cause = Some(format!("receive from send-only channel {ts}"));
                    }
                    key_t = Some(elem);
                    max_vars = 1;
                }
                Type::Signature(sig) => {
                    // Range-over-func: func(yield func(K[, V]) bool) (types2 `rangeKeyVal`).
                    const BAD: &str = "func must be func(yield func(...) bool): ";
                    if sig.params.len() != 1 {
                        cause = Some(format!("{BAD}wrong argument count"));
                    } else if !sig.results.is_empty() {
                        cause = Some(format!("{BAD}unexpected results"));
                    } else {
                        let y = self.w.prog.obj(sig.params[0]).ty;
                        match self.ty(self.core_under(y)).clone() {
                            Type::Signature(ys) => {
                                if ys.results.len() != 1
                                    || self.basic(self.w.prog.obj(ys.results[0]).ty)
                                        != Some(BasicKind::Bool)
                                {
                                    cause = Some(format!("{BAD}yield func does not return bool"));
                                } else if ys.params.len() > 2 {
                                    cause =
                                        Some(format!("{BAD}yield func has too many parameters"));
                                } else {
                                    max_vars = ys.params.len();
                                    key_t = ys.params.first().map(|&p| self.w.prog.obj(p).ty);
                                    val_t = ys.params.get(1).map(|&p| self.w.prog.obj(p).ty);
                                }
                            }
                            _ => cause = Some(format!("{BAD}argument is not func")),
                        }
                    }
                }
                _ => cause = Some(String::new()),
            }
            if let Some(c) = cause {
                let s = self.op_str(&rx0);
                if c.is_empty() {
                    self.error(x, format!("cannot range over {s}"));
                } else {
                    self.error(x, format!("cannot range over {s}: {c}"));
                }
                ok = false;
            }
        }
        let mut lhs_list: &'a [Expr] = lhs.map_or(&[], |l| l.list());
        // types2 `rangeStmt`: too many variables for what is ranged over,
        // else more than two.
        if ok && lhs_list.len() > max_vars.min(2) {
            let s = self.op_str(&rx0);
            let (e, msg) = match max_vars {
                0 => (
                    &lhs_list[0],
                    format!("range over {s} permits no iteration variables"),
                ),
                1 => (
                    &lhs_list[1],
                    format!("range over {s} permits only one iteration variable"),
                ),
                _ => (
                    &lhs_list[2],
                    "range clause permits at most two iteration variables".to_string(),
                ),
            };
            self.error(e, msg);
        }
        // The extra variables are dropped (types2 does the same).
        if lhs_list.len() > 2 {
            lhs_list = &lhs_list[..2];
        }
        let types = [key_t, val_t];
        let typ_at = |i: usize| {
            if ok {
                types.get(i).copied().flatten()
            } else {
                None
            }
        };
        if def {
            let scope = self.scope();
            let mut vars = Vec::new();
            for (i, e) in lhs_list.iter().enumerate() {
                let Expr::Name(n) = e else {
                    let s = syntax::printer::expr_string(e);
                    self.error(e, format!("non-name {s} on left side of :="));
                    continue;
                };
                let v = self.new_var(&n.value, TypeId::INVALID, n.pos);
                match typ_at(i) {
                    // No type (after an error): not reported as unused.
                    None => self.use_var(v),
                    Some(t) => {
                        if const_int_range && i == 0 {
                            let mut xo = rx0.clone();
                            self.init_var(v, &mut xo, "range clause");
                        } else {
                            let mut xo = Operand {
                                mode: Mode::Value,
                                expr: Some(e),
                                typ: t,
                            };
                            self.init_var(v, &mut xo, "assignment");
                        }
                    }
                }
                vars.push((v, n));
            }
            for (v, n) in vars {
                self.declare(scope, Some(n), v);
            }
        } else if !lhs_list.is_empty() {
            for (i, e) in lhs_list.iter().enumerate() {
                match typ_at(i) {
                    None => {
                        let mut v = Operand::invalid(e);
                        self.assign_var(e, None, &mut v, "assignment");
                    }
                    Some(t) => {
                        if const_int_range && i == 0 {
                            let mut xo = rx0.clone();
                            self.assign_var(e, None, &mut xo, "range clause");
                        } else {
                            let mut v = Operand {
                                mode: Mode::Value,
                                expr: Some(e),
                                typ: t,
                            };
                            self.assign_var(e, None, &mut v, "assignment");
                        }
                    }
                }
            }
        }
        let s2 = self.open_scope();
        self.stmt_list(&body.stmts);
        self.close_scope(s2);
    }

    // ---- terminating statements (spec "Terminating statements") ----

    fn is_terminating_list(&self, list: &[Stmt], label: &str) -> bool {
        // Trailing empty statements are permitted.
        let mut n = list.len();
        while n > 0 && matches!(list[n - 1], Stmt::Empty(_)) {
            n -= 1;
        }
        n > 0 && self.is_terminating(&list[n - 1], label)
    }

    fn is_terminating(&self, s: &Stmt, label: &str) -> bool {
        match s {
            Stmt::Return { .. } => true,
            Stmt::Branch { tok, .. } => matches!(tok, Token::Goto | Token::Fallthrough),
            Stmt::Expr { x, .. } => {
                // A call of the built-in panic.
                if let Expr::Call { fun, .. } = x.unparen()
                    && let Expr::Name(n) = fun.unparen()
                    && n.value == "panic"
                    && let Some(&o) = self.info.uses.get(&super::key(n))
                {
                    return matches!(
                        self.w.prog.obj(o).kind,
                        ObjKind::Builtin(crate::ty::Builtin::Panic)
                    );
                }
                false
            }
            Stmt::Labeled { label: l, stmt, .. } => self.is_terminating(stmt, &l.value),
            Stmt::Block(b) => self.is_terminating_list(&b.stmts, ""),
            Stmt::If { then, els, .. } => {
                els.as_ref().is_some_and(|e| self.is_terminating(e, ""))
                    && self.is_terminating_list(&then.stmts, "")
            }
            Stmt::Switch { body, .. } => {
                let mut has_default = false;
                for cc in body {
                    if cc.cases.is_none() {
                        has_default = true;
                    }
                    if !self.is_terminating_list(&cc.body, "") || has_break(&cc.body, label, true) {
                        return false;
                    }
                }
                has_default
            }
            Stmt::Select { body, .. } => body.iter().all(|cc| {
                self.is_terminating_list(&cc.body, "") && !has_break(&cc.body, label, true)
            }),
            Stmt::For {
                init, cond, body, ..
            } => {
                if let Some(i) = init
                    && matches!(**i, Stmt::Range { .. })
                {
                    return false;
                }
                cond.is_none() && !has_break(&body.stmts, label, true)
            }
            _ => false,
        }
    }
}

/// Built-ins whose calls may stand as statements (they have effects).
fn is_statement_builtin(b: crate::ty::Builtin) -> bool {
    use crate::ty::Builtin::*;
    matches!(
        b,
        Copy | Panic | Print | Println | Recover | Clear | Close | Delete
    )
}

fn is_recv(x: &Expr) -> bool {
    matches!(
        x.unparen(),
        Expr::Operation {
            op: Operator::Recv,
            y: None,
            ..
        }
    )
}

/// Whether `list` contains a break out of the enclosing statement labeled
/// `label` (`implicit`: an unlabeled break at this level counts).
fn has_break(list: &[Stmt], label: &str, implicit: bool) -> bool {
    list.iter().any(|s| has_break_stmt(s, label, implicit))
}

fn has_break_stmt(s: &Stmt, label: &str, implicit: bool) -> bool {
    match s {
        Stmt::Branch {
            tok: Token::Break,
            label: l,
            ..
        } => match l {
            None => implicit,
            Some(n) => n.value == label,
        },
        Stmt::Labeled { stmt, .. } => has_break_stmt(stmt, label, implicit),
        Stmt::Block(b) => has_break(&b.stmts, label, implicit),
        Stmt::If { then, els, .. } => {
            has_break(&then.stmts, label, implicit)
                || els
                    .as_ref()
                    .is_some_and(|e| has_break_stmt(e, label, implicit))
        }
        Stmt::Switch { body, .. } => {
            !label.is_empty() && body.iter().any(|cc| has_break(&cc.body, label, false))
        }
        Stmt::Select { body, .. } => {
            !label.is_empty() && body.iter().any(|cc| has_break(&cc.body, label, false))
        }
        Stmt::For { body, .. } => !label.is_empty() && has_break(&body.stmts, label, false),
        _ => false,
    }
}
