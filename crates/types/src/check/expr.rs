//! Expressions (types2 `expr.go`, `const.go`, `index.go`, `literals.go`):
//! operands from literals and names, unary and binary operations with exact
//! constant folding, comparisons and shifts, untyped values and their
//! implicit conversion, indexing and slicing, composite and function
//! literals, type assertions.

use super::operand::{Mode, Operand};
use super::{Checker, key};
use crate::constant::{self, Op, Value};
use crate::ty::{BasicKind, Type, TypeId};
use syntax::ast::{self, Expr};
use syntax::token::{LitKind, Operator};

/// Why an implicit conversion of an untyped value failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConvError {
    Truncated,
    Overflow,
    Invalid,
}

fn const_op(op: Operator) -> Op {
    match op {
        Operator::Add => Op::Add,
        Operator::Sub => Op::Sub,
        Operator::Mul => Op::Mul,
        Operator::Div => Op::Quo,
        Operator::Rem => Op::Rem,
        Operator::And => Op::And,
        Operator::Or => Op::Or,
        Operator::Xor => Op::Xor,
        Operator::AndNot => Op::AndNot,
        Operator::AndAnd => Op::LAnd,
        Operator::OrOr => Op::LOr,
        Operator::Not => Op::Not,
        Operator::Shl => Op::Shl,
        Operator::Shr => Op::Shr,
        Operator::Eql => Op::Eql,
        Operator::Neq => Op::Neq,
        Operator::Lss => Op::Lss,
        Operator::Leq => Op::Leq,
        Operator::Gtr => Op::Gtr,
        Operator::Geq => Op::Geq,
        _ => Op::Add,
    }
}

fn is_comparison(op: Operator) -> bool {
    matches!(
        op,
        Operator::Eql
            | Operator::Neq
            | Operator::Lss
            | Operator::Leq
            | Operator::Gtr
            | Operator::Geq
    )
}

fn is_shift(op: Operator) -> bool {
    matches!(op, Operator::Shl | Operator::Shr)
}

impl<'a> Checker<'_, 'a> {
    /// Checks `e` as a single value (types2 `expr`): not a type, not a
    /// call without results, not a multi-value call. `hint` is the type an
    /// untyped composite literal element would take.
    pub fn expr(&mut self, hint: Option<TypeId>, e: &'a Expr) -> Operand<'a> {
        let mut x = self.raw_expr(e, hint);
        self.exclude_non_values(&mut x);
        self.single_value(&mut x);
        x
    }

    /// Like `expr`, but a type is also accepted (for conversions and
    /// composite literal types, types2 `exprOrType`).
    pub fn expr_or_type(&mut self, e: &'a Expr) -> Operand<'a> {
        let mut x = self.raw_expr(e, None);
        if x.mode == Mode::NoValue {
            let s = self.op_str(&x);
            self.error(e, format!("{s} used as value or type"));
            x.mode = Mode::Invalid;
        }
        self.single_value(&mut x);
        x
    }

    /// Checks `e` allowing a multi-value result (a call); returns one
    /// operand per value.
    pub fn multi_expr(&mut self, e: &'a Expr) -> Vec<Operand<'a>> {
        let mut x = self.raw_expr(e, None);
        self.exclude_non_values(&mut x);
        if x.is_invalid() {
            return vec![x];
        }
        if let Type::Tuple(vars) = self.ty(x.typ).clone() {
            return vars
                .iter()
                .map(|&v| Operand {
                    mode: Mode::Value,
                    expr: Some(e),
                    typ: self.w.prog.obj(v).ty,
                })
                .collect();
        }
        vec![x]
    }

    fn exclude_non_values(&mut self, x: &mut Operand<'a>) {
        let msg = match &x.mode {
            Mode::NoValue => "used as value",
            Mode::Builtin(_) => "must be called",
            Mode::TypExpr => "is not an expression",
            _ => return,
        };
        let s = self.op_str(x);
        let e = x.expr.expect("operand expression");
        self.error(e, format!("{s} {msg}"));
        x.mode = Mode::Invalid;
    }

    /// A multi-value operand where one value is expected is an error.
    pub fn single_value(&mut self, x: &mut Operand<'a>) {
        if x.is_invalid() {
            return;
        }
        if let Type::Tuple(vars) = self.ty(x.typ) {
            let n = vars.len();
            let e = x.expr.expect("operand expression");
            let s = syntax::printer::expr_string(e);
            self.error(
                e,
                format!(
                    "multiple-value {s} (value of type {}) in single-value context",
                    {
                        let t = x.typ;
                        self.typ_str(t)
                    }
                ),
            );
            let _ = n;
            x.mode = Mode::Invalid;
        }
    }

    /// Checks `e` and records its type (types2 `rawExpr`).
    pub fn raw_expr(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        let mut x = Operand::invalid(e);
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.expr_internal(&mut x, e, hint)
        });
        x.expr = Some(e);
        // A value whose type is still being declared is a cycle the
        // declaration check let through (`type T [unsafe.Sizeof(T{})]int`,
        // types2 `pendingType`).
        if !matches!(x.mode, Mode::Invalid | Mode::NoValue)
            && !self.obj_path.is_empty()
            && !self.finite_size(x.typ)
        {
            x.mode = Mode::Invalid;
            x.typ = TypeId::INVALID;
        }
        self.record(&x);
        x
    }

    /// Records an operand's type, or remembers an untyped one for later.
    fn record(&mut self, x: &Operand<'a>) {
        let Some(e) = x.expr else { return };
        if x.is_invalid() {
            return;
        }
        if self.is_untyped(x.typ) {
            self.untyped.insert(key(e), (e, x.typ, x.mode.clone()));
            return;
        }
        self.record_type_and_value(e, x.mode.clone(), x.typ);
    }

    fn expr_internal(&mut self, x: &mut Operand<'a>, e: &'a Expr, hint: Option<TypeId>) {
        x.mode = Mode::Invalid;
        x.typ = TypeId::INVALID;
        match e {
            Expr::Bad(_) => {}
            Expr::Name(n) => self.ident(x, e, n, false),
            Expr::BasicLit(b) => self.basic_lit(x, b),
            Expr::FuncLit { typ, body, .. } => {
                let (sig, scope) = self.func_type(None, &[], typ);
                // Function literals are checked in place: they may refer to
                // enclosing variables (and mark them used).
                let saved = std::mem::take(&mut self.env);
                let outer_scope = saved.scope;
                self.env.scope = outer_scope;
                let iota = self.iota;
                self.func_body(sig, scope, body, iota);
                self.env = saved;
                x.mode = Mode::Value;
                x.typ = sig;
            }
            Expr::CompositeLit { .. } => self.composite_lit(x, e, hint),
            Expr::Paren { x: inner, .. } => {
                *x = self.raw_expr(inner, hint);
                x.expr = Some(e);
            }
            Expr::Selector { .. } => self.selector(x, e, false),
            Expr::Index { x: base, index, .. } => self.index_expr(x, e, base, index),
            Expr::Slice {
                x: base,
                index,
                full,
                ..
            } => self.slice_expr(x, e, base, index, *full),
            Expr::Assert { x: base, typ, .. } => {
                let mut b = self.expr(None, base);
                if b.is_invalid() {
                    return;
                }
                if !matches!(self.ty(self.under(b.typ)), Type::Interface(_))
                    || self.is_type_param(b.typ)
                {
                    let s = self.op_str(&b);
                    self.error(base, format!("invalid operation: {s} is not an interface"));
                    return;
                }
                let t = self.var_type(typ);
                if t == TypeId::INVALID {
                    return;
                }
                self.type_assertion(e, &mut b, t, false);
                x.mode = Mode::CommaOk;
                x.typ = t;
            }
            Expr::TypeSwitchGuard { .. } => {
                self.error(e, "invalid syntax tree: use of .(type) outside type switch");
            }
            Expr::Call { .. } => self.call_expr(x, e),
            Expr::Operation {
                op: Operator::Mul,
                x: l,
                y: None,
                ..
            } => self.indirection(x, e, l),
            Expr::Operation {
                op, x: l, y: None, ..
            } => self.unary(x, e, *op, l),
            Expr::Operation {
                op,
                x: l,
                y: Some(r),
                ..
            } => self.binary(x, e, *op, l, r),
            Expr::KeyValue { .. } => {
                self.error(e, "no key:value expected");
            }
            Expr::List { .. } => {
                self.error(e, "unexpected list of expressions");
            }
            Expr::ArrayType { .. }
            | Expr::SliceType { .. }
            | Expr::StructType { .. }
            | Expr::FuncType(_)
            | Expr::InterfaceType { .. }
            | Expr::MapType { .. }
            | Expr::ChanType { .. }
            | Expr::DotsType { .. } => {
                x.typ = self.typ(e);
                if x.typ != TypeId::INVALID {
                    x.mode = Mode::TypExpr;
                }
            }
        }
    }

    /// Number literal syntax newer than the language version (types2
    /// `langCompat`).
    fn lang_compat(&mut self, b: &ast::BasicLit) {
        let s = b.value.as_bytes();
        if s.len() <= 2 || self.allow_version(13) {
            return;
        }
        let what = if s.contains(&b'_') {
            "underscore in numeric literal"
        } else if s[0] != b'0' {
            return;
        } else if matches!(s[1], b'b' | b'B') {
            "binary literal"
        } else if matches!(s[1], b'o' | b'O') {
            "0o/0O-style octal literal"
        } else if b.kind != LitKind::Int && matches!(s[1], b'x' | b'X') {
            "hexadecimal floating-point literal"
        } else {
            return;
        };
        self.version_error_at(b.pos, 13, what);
    }

    fn basic_lit(&mut self, x: &mut Operand<'a>, b: &ast::BasicLit) {
        if b.bad {
            return; // error reported by the scanner
        }
        if matches!(b.kind, LitKind::Int | LitKind::Float | LitKind::Imag) {
            self.lang_compat(b);
        }
        let (kind, ck) = match b.kind {
            LitKind::Int => (BasicKind::UntypedInt, constant::LitKind::Int),
            LitKind::Float => (BasicKind::UntypedFloat, constant::LitKind::Float),
            LitKind::Imag => (BasicKind::UntypedComplex, constant::LitKind::Imag),
            LitKind::Rune => (BasicKind::UntypedRune, constant::LitKind::Rune),
            LitKind::String => (BasicKind::UntypedString, constant::LitKind::String),
        };
        // Excessively long numbers are not worth representing.
        if matches!(b.kind, LitKind::Int | LitKind::Float | LitKind::Imag) && b.value.len() > 10_000
        {
            self.error_at(b.pos, "excessively long constant");
            return;
        }
        let v = Value::from_literal(&b.value, ck);
        if v == Value::Unknown {
            self.error_at(b.pos, format!("malformed constant: {}", b.value));
            return;
        }
        x.mode = Mode::Constant(v);
        x.typ = TypeId::basic(kind);
    }

    // ---- untyped values ----

    /// Converts an untyped operand to `target` (types2 `convertUntyped`),
    /// reporting "cannot convert" style errors.
    pub fn convert_untyped(&mut self, x: &mut Operand<'a>, target: TypeId) {
        match self.implicit_type_and_value(x, target) {
            Ok((t, v)) => {
                if let Some(v) = v {
                    x.mode = Mode::Constant(v);
                }
                if t != x.typ {
                    x.typ = t;
                    if let Some(e) = x.expr {
                        self.update_expr_type(e, t, true);
                    }
                }
            }
            Err(code) => {
                let t = if self.is_untyped(target) {
                    // Both untyped: report against the other type.
                    target
                } else {
                    target
                };
                self.invalid_conversion(code, x, t);
                x.mode = Mode::Invalid;
            }
        }
    }

    fn invalid_conversion(&mut self, code: ConvError, x: &Operand<'a>, target: TypeId) {
        let xs = self.op_str(x);
        let ts = self.typ_str(target);
        let msg = match code {
            ConvError::Truncated => format!("{xs} truncated to {ts}"),
            ConvError::Overflow => format!("{xs} overflows {ts}"),
            ConvError::Invalid => format!("cannot convert {xs} to type {ts}"),
        };
        self.error_at_operand(x, msg);
    }

    /// Reports at the operand's expression (or the override position used
    /// for inherited constant expressions).
    pub fn error_at_operand(&mut self, x: &Operand<'a>, msg: String) {
        match x.expr {
            Some(e) => self.error(e, msg),
            None => self.error_at(syntax::Pos::default(), msg),
        }
    }

    /// The type and value an untyped operand takes in a context of type
    /// `target` (types2 `implicitTypeAndValue`).
    pub fn implicit_type_and_value(
        &mut self,
        x: &Operand<'a>,
        target: TypeId,
    ) -> Result<(TypeId, Option<Value>), ConvError> {
        if x.is_invalid() || !self.is_untyped(x.typ) || target == TypeId::INVALID {
            return Ok((x.typ, None));
        }
        if self.is_untyped(target) {
            return match self.max_type(x.typ, target) {
                Some(m) => Ok((m, None)),
                None => Err(ConvError::Invalid),
            };
        }
        if x.is_nil() {
            return if self.has_nil(target) {
                Ok((target, None))
            } else {
                Err(ConvError::Invalid)
            };
        }
        let u = self.under(target);
        match self.ty(u).clone() {
            Type::Basic(k) => {
                if let Mode::Constant(v) = &x.mode {
                    let v = self.representation(v, x.typ, k)?;
                    return Ok((target, Some(v)));
                }
                let xk = self.untyped_kind(x.typ).expect("untyped");
                let ok = match xk {
                    BasicKind::UntypedBool => k.is_boolean(),
                    BasicKind::UntypedInt
                    | BasicKind::UntypedRune
                    | BasicKind::UntypedFloat
                    | BasicKind::UntypedComplex => k.is_numeric(),
                    BasicKind::UntypedString => k.is_string(),
                    _ => false,
                };
                if !ok {
                    return Err(ConvError::Invalid);
                }
                Ok((target, None))
            }
            Type::Interface(_) if !self.is_type_param(target) => {
                if !self.w.prog.interface_methods(u).is_empty() || self.is_constraint_interface(u) {
                    return Err(ConvError::Invalid);
                }
                Ok((self.default_type(x.typ), None))
            }
            Type::TypeParam { .. } => {
                // Representable in every type of the type set.
                let terms = self.tparam_terms(target).unwrap_or_default();
                if terms.is_empty() && !x.is_nil() {
                    return Err(ConvError::Invalid);
                }
                for t in terms {
                    self.implicit_type_and_value(x, t.ty)?;
                }
                if x.is_nil() {
                    return Ok((TypeId::basic(BasicKind::UntypedNil), None));
                }
                Ok((target, None))
            }
            _ => Err(ConvError::Invalid),
        }
    }

    /// The value of constant `v` (of type `from`) represented in basic kind
    /// `k` (types2 `representation`).
    pub fn representation(
        &self,
        v: &Value,
        from: TypeId,
        k: BasicKind,
    ) -> Result<Value, ConvError> {
        match representable_const(v, k) {
            Some(r) => Ok(r),
            None => {
                let fk = self.basic(from);
                if fk.is_some_and(|f| f.is_numeric()) && k.is_numeric() {
                    if !fk.is_some_and(|f| f.is_integer()) && k.is_integer() {
                        Err(ConvError::Truncated)
                    } else {
                        Err(ConvError::Overflow)
                    }
                } else {
                    Err(ConvError::Invalid)
                }
            }
        }
    }

    /// Checks that a constant operand is representable in its (typed)
    /// type after an operation (types2 `overflow`).
    fn overflow(&mut self, x: &mut Operand<'a>, op_pos: syntax::Pos) {
        let Mode::Constant(v) = &x.mode else { return };
        if *v == Value::Unknown {
            self.error_at(op_pos, "constant result is not representable");
            return;
        }
        if !self.is_untyped(x.typ) {
            if let Some(k) = self.basic(x.typ) {
                match self.representation(v, x.typ, k) {
                    Ok(r) => x.mode = Mode::Constant(r),
                    Err(code) => {
                        let t = x.typ;
                        self.invalid_conversion(code, x, t);
                        x.mode = Mode::Invalid;
                    }
                }
            }
            return;
        }
        if matches!(v, Value::Int(_)) && v.bit_len() > 512 {
            let op = match x.expr {
                Some(Expr::Operation { op, y, .. }) => op_name(*op, y.is_none()),
                _ => "",
            };
            let op = if op.is_empty() {
                String::new()
            } else {
                format!("{op} ")
            };
            self.error_at(op_pos, format!("constant {op}overflow"));
            x.mode = Mode::Constant(Value::Unknown);
        }
    }

    /// Updates the recorded type of untyped expression `e` (and its
    /// operands) once its final type is known (types2 `updateExprType`).
    pub fn update_expr_type(&mut self, e: &'a Expr, typ: TypeId, final_: bool) {
        let Some((_, old_typ, old_mode)) = self.untyped.get(&key(e)).cloned() else {
            return;
        };
        let _ = old_typ;
        let is_const = matches!(old_mode, Mode::Constant(_));
        match e {
            Expr::Paren { x, .. } => self.update_expr_type(x, typ, final_),
            Expr::Operation { op, x, y, .. } if !is_const => {
                match y {
                    None => {
                        if *op != Operator::Mul {
                            self.update_expr_type(x, typ, final_);
                        }
                    }
                    Some(y) => {
                        if is_comparison(*op) {
                            // result type independent of operand types
                        } else if is_shift(*op) {
                            self.update_expr_type(x, typ, final_);
                        } else {
                            self.update_expr_type(x, typ, final_);
                            self.update_expr_type(y, typ, final_);
                        }
                    }
                }
            }
            _ => {}
        }
        if !final_ && self.is_untyped(typ) {
            if let Some(entry) = self.untyped.get_mut(&key(e)) {
                entry.1 = typ;
            }
            return;
        }
        self.untyped.remove(&key(e));
        if self.shift_lhs.contains(&key(e)) {
            let integer = self.basic(typ).is_some_and(|k| k.is_integer());
            if !integer {
                let s = syntax::printer::expr_string(e);
                let ts = self.typ_str(typ);
                self.error(
                    e,
                    format!("invalid operation: shifted operand {s} (type {ts}) must be integer"),
                );
                return;
            }
        }
        let mut mode = old_mode;
        if let Mode::Constant(v) = &mode {
            let mut c = Operand {
                mode: Mode::Constant(v.clone()),
                expr: Some(e),
                typ: self.untyped.get(&key(e)).map_or(typ, |u| u.1),
            };
            c.typ = old_typ;
            self.convert_untyped(&mut c, typ);
            if c.is_invalid() {
                return;
            }
            mode = c.mode;
        }
        self.record_type_and_value(e, mode, typ);
    }

    /// Records the remaining untyped expressions with their default types
    /// (at the end of a function or declaration; types2 `recordUntyped`).
    pub fn record_untyped(&mut self) {
        let list: Vec<_> = self.untyped.drain().collect();
        for (_, (e, t, mode)) in list {
            self.record_type_and_value(e, mode, t);
        }
    }

    /// The larger of two untyped numeric kinds, or `None` (types2 `maxType`).
    fn max_type(&self, x: TypeId, y: TypeId) -> Option<TypeId> {
        let (a, b) = (self.basic(x)?, self.basic(y)?);
        if a.is_numeric() && b.is_numeric() {
            return Some(if untyped_rank(Some(a)) >= untyped_rank(Some(b)) {
                x
            } else {
                y
            });
        }
        if a == b {
            return Some(x);
        }
        None
    }

    /// The default type of an untyped type (types2 `Default`).
    pub fn default_type(&self, t: TypeId) -> TypeId {
        match self.basic(t) {
            Some(BasicKind::UntypedBool) => TypeId::basic(BasicKind::Bool),
            Some(BasicKind::UntypedInt) => TypeId::basic(BasicKind::Int),
            Some(BasicKind::UntypedRune) => self.w.prog.rune,
            Some(BasicKind::UntypedFloat) => TypeId::basic(BasicKind::Float64),
            Some(BasicKind::UntypedComplex) => TypeId::basic(BasicKind::Complex128),
            Some(BasicKind::UntypedString) => TypeId::basic(BasicKind::String),
            _ => t,
        }
    }

    /// Whether values of type `t` may be nil.
    pub fn has_nil(&self, t: TypeId) -> bool {
        if self.is_type_param(t) {
            let terms = self.tparam_terms(t).unwrap_or_default();
            return !terms.is_empty() && terms.iter().all(|term| self.has_nil(term.ty));
        }
        match self.ty(self.under(t)) {
            Type::Basic(k) => *k == BasicKind::UnsafePointer,
            Type::Slice(_)
            | Type::Pointer(_)
            | Type::Signature(_)
            | Type::Map { .. }
            | Type::Chan { .. } => true,
            Type::Interface(_) => !self.is_type_param(t),
            _ => false,
        }
    }

    // ---- unary and binary operations ----

    /// `*x`: a pointer dereference, or a pointer type when x is a type.
    fn indirection(&mut self, x: &mut Operand<'a>, e: &'a Expr, operand: &'a Expr) {
        *x = self.expr_or_type(operand);
        match x.mode {
            Mode::Invalid => {}
            Mode::TypExpr => {
                let t = x.typ;
                x.typ = self.new_type(Type::Pointer(t));
            }
            _ => {
                let Type::Pointer(base) = self.ty(self.core_under(x.typ)).clone() else {
                    let s = self.op_str(x);
                    self.error(operand, format!("invalid operation: cannot indirect {s}"));
                    x.mode = Mode::Invalid;
                    x.expr = Some(e);
                    return;
                };
                if x.is_nil() {
                    self.error(operand, "invalid operation: cannot indirect nil");
                    x.mode = Mode::Invalid;
                    x.expr = Some(e);
                    return;
                }
                x.mode = Mode::Variable;
                x.typ = base;
            }
        }
        x.expr = Some(e);
    }

    /// The element type of channel `x` for a receive (`recv`) or send,
    /// reporting misuse (types2 `chanElem`).
    pub fn chan_elem(&mut self, x: &Operand<'a>, recv: bool) -> Option<TypeId> {
        let ts = self.typ_str(x.typ);
        let cause = match self.ty(self.core_under(x.typ)).clone() {
            Type::Chan { dir, elem } => {
                if recv && dir == crate::ty::ChanDir::SendOnly {
                    format!("send-only channel {ts}")
                } else if !recv && dir == crate::ty::ChanDir::RecvOnly {
                    format!("receive-only channel {ts}")
                } else {
                    return Some(elem);
                }
            }
            _ => format!("non-channel {ts}"),
        };
        let s = self.op_str(x);
        let what = if recv { "receive from" } else { "send to" };
        let e = x.expr.expect("operand");
        self.error(e, format!("invalid operation: cannot {what} {cause} {s}"));
        None
    }

    fn unary(&mut self, x: &mut Operand<'a>, e: &'a Expr, op: Operator, operand: &'a Expr) {
        *x = self.expr(None, operand);
        x.expr = Some(e);
        if x.is_invalid() {
            return;
        }
        match op {
            Operator::And => {
                // &x: x must be addressable, or a composite literal.
                let inner = operand.unparen();
                if !matches!(inner, Expr::CompositeLit { .. }) && x.mode != Mode::Variable {
                    let s = self.op_str(&Operand {
                        expr: Some(operand),
                        ..x.clone()
                    });
                    self.error(e, format!("invalid operation: cannot take address of {s}"));
                    x.mode = Mode::Invalid;
                    return;
                }
                x.mode = Mode::Value;
                x.typ = self.new_type(Type::Pointer(x.typ));
                return;
            }
            Operator::Recv => {
                let xo = Operand {
                    expr: Some(operand),
                    ..x.clone()
                };
                match self.chan_elem(&xo, true) {
                    Some(elem) => {
                        x.mode = Mode::CommaOk;
                        x.typ = elem;
                        self.has_call_or_recv = true;
                    }
                    None => x.mode = Mode::Invalid,
                }
                return;
            }
            Operator::Tilde => {
                self.error(e, "cannot use ~ outside of interface or type constraint");
                x.mode = Mode::Invalid;
                return;
            }
            _ => {}
        }
        let xo = Operand {
            expr: Some(operand),
            ..x.clone()
        };
        if !self.op_allowed(op, &xo, true) {
            x.mode = Mode::Invalid;
            return;
        }
        if let Mode::Constant(v) = &x.mode {
            if *v == Value::Unknown {
                return;
            }
            let prec = if op == Operator::Xor {
                match self.basic(x.typ) {
                    Some(k) if k.is_unsigned() => k.size().unwrap_or(8) as u32 * 8,
                    _ => 0,
                }
            } else {
                0
            };
            let r = constant::unary_op(const_op(op), v, prec);
            x.mode = Mode::Constant(r);
            let pos = e.pos();
            self.overflow(x, pos);
            return;
        }
        x.mode = Mode::Value;
    }

    /// Whether `op` applies to operand `x`'s type, reporting if not.
    fn op_allowed(&mut self, op: Operator, x: &Operand<'a>, unary: bool) -> bool {
        let pred = |k: Option<BasicKind>| -> bool {
            match op {
                Operator::Add => k.is_some_and(|k| k.is_numeric() || !unary && k.is_string()),
                Operator::Sub | Operator::Mul | Operator::Div => k.is_some_and(|k| k.is_numeric()),
                Operator::Rem | Operator::And | Operator::Or | Operator::AndNot | Operator::Xor => {
                    k.is_some_and(|k| k.is_integer())
                }
                Operator::Not | Operator::AndAnd | Operator::OrOr => {
                    k.is_some_and(|k| k.is_boolean())
                }
                _ => true,
            }
        };
        // For a type parameter, every type of its type set must permit op.
        let ok = self.all_terms(x.typ, |c, t| pred(c.basic(t)));
        if !ok {
            let s = self.op_str(x);
            let e = x.expr.expect("operand");
            self.error(
                e,
                format!("invalid operation: operator {op} not defined on {s}"),
            );
        }
        ok
    }

    fn binary(&mut self, x: &mut Operand<'a>, e: &'a Expr, op: Operator, l: &'a Expr, r: &'a Expr) {
        let mut lx = self.expr(None, l);
        let mut rx = self.expr(None, r);
        if lx.is_invalid() {
            *x = lx;
            x.expr = Some(e);
            return;
        }
        if rx.is_invalid() {
            *x = rx;
            x.mode = Mode::Invalid;
            x.expr = Some(e);
            return;
        }
        if is_shift(op) {
            self.shift(&mut lx, &mut rx, e, op);
            *x = lx;
            x.expr = Some(e);
            return;
        }
        self.match_types(&mut lx, &mut rx);
        if lx.is_invalid() || rx.is_invalid() {
            x.mode = Mode::Invalid;
            return;
        }
        if is_comparison(op) {
            self.comparison(&mut lx, &rx, op, None);
            *x = lx;
            x.expr = Some(e);
            return;
        }
        if !self.w.prog.identical(lx.typ, rx.typ) {
            let (ls, rs) = (self.typ_str(lx.typ), self.typ_str(rx.typ));
            let es = syntax::printer::expr_string(e);
            self.error(
                e,
                format!("invalid operation: {es} (mismatched types {ls} and {rs})"),
            );
            x.mode = Mode::Invalid;
            return;
        }
        lx.expr = Some(l);
        if !self.op_allowed(op, &lx, false) {
            x.mode = Mode::Invalid;
            return;
        }
        if matches!(op, Operator::Div | Operator::Rem)
            && (matches!(lx.mode, Mode::Constant(_))
                || self.basic(lx.typ).is_some_and(|k| k.is_integer()))
            && rx.val().is_some_and(|v| v.sign() == 0)
        {
            self.error(r, "invalid operation: division by zero");
            x.mode = Mode::Invalid;
            return;
        }
        // A complex divisor whose squared parts underflow (go.dev/issue/20227).
        if op == Operator::Div
            && let (Mode::Constant(_), Some(yv)) = (&lx.mode, rx.val())
            && self.basic(lx.typ).is_some_and(|k| k.is_complex())
        {
            let (re, im) = (yv.real(), yv.imag());
            let re2 = constant::binary_op(&re, Op::Mul, &re);
            let im2 = constant::binary_op(&im, Op::Mul, &im);
            if re2.sign() == 0 && im2.sign() == 0 {
                self.error(r, "invalid operation: division by zero");
                x.mode = Mode::Invalid;
                return;
            }
        }
        if let (Mode::Constant(a), Mode::Constant(b)) = (&lx.mode, &rx.mode) {
            let mut cop = const_op(op);
            if op == Operator::Div && self.basic(lx.typ).is_some_and(|k| k.is_integer()) {
                cop = Op::IntQuo;
            }
            let v = if *a == Value::Unknown || *b == Value::Unknown {
                Value::Unknown
            } else {
                constant::binary_op(a, cop, b)
            };
            x.mode = Mode::Constant(v);
            x.typ = lx.typ;
            x.expr = Some(e);
            let pos = e.pos();
            if !matches!(x.val(), Some(Value::Unknown))
                || (*a != Value::Unknown && *b != Value::Unknown)
            {
                self.overflow(x, pos);
            }
            return;
        }
        x.mode = Mode::Value;
        x.typ = lx.typ;
        x.expr = Some(e);
    }

    /// Brings two operands to a common type when one or both are untyped
    /// (types2 `matchTypes`).
    pub(super) fn match_types(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>) {
        let (xu, yu) = (self.is_untyped(x.typ), self.is_untyped(y.typ));
        if !xu && !yu {
            return;
        }
        // types2 `mayConvert`, with type sets for type parameters.
        let may = |c: &Self, x: &Operand<'a>, y: &Operand<'a>| -> bool {
            let numeric =
                |t: TypeId| c.all_terms(t, |c, t| c.basic(t).is_some_and(|k| k.is_numeric()));
            let string =
                |t: TypeId| c.all_terms(t, |c, t| c.basic(t).is_some_and(|k| k.is_string()));
            if numeric(x.typ) != numeric(y.typ) || string(x.typ) != string(y.typ) {
                return false;
            }
            if x.is_nil() {
                return c.has_nil(y.typ);
            }
            if y.is_nil() {
                return c.has_nil(x.typ);
            }
            let ptr = |t: TypeId| matches!(c.ty(c.under(t)), Type::Pointer(_));
            !(ptr(x.typ) || ptr(y.typ))
        };
        if !may(self, x, y) {
            return;
        }
        let yt = y.typ;
        self.convert_untyped(x, yt);
        if x.is_invalid() {
            return;
        }
        let xt = x.typ;
        self.convert_untyped(y, xt);
        if y.is_invalid() {
            x.mode = Mode::Invalid;
        }
    }

    /// types2 `comparison`; `switch_on` is set for a switch case (the
    /// tag as printed), which compares with `==`.
    pub fn comparison(
        &mut self,
        x: &mut Operand<'a>,
        y: &Operand<'a>,
        op: Operator,
        switch_on: Option<String>,
    ) {
        if x.typ == TypeId::INVALID || y.typ == TypeId::INVALID {
            x.mode = Mode::Invalid;
            return;
        }
        let op = if switch_on.is_some() {
            Operator::Eql
        } else {
            op
        };
        let mut err_on_y = false;
        let mut cause = String::new();
        let ok = self.assignable_to(x, y.typ).is_ok() || self.assignable_to(y, x.typ).is_ok();
        let mut failed = false;
        if !ok {
            err_on_y = true;
            cause = format!(
                "mismatched types {} and {}",
                self.typ_str(x.typ),
                self.typ_str(y.typ)
            );
            failed = true;
        } else if matches!(op, Operator::Eql | Operator::Neq) {
            if x.is_nil() || y.is_nil() {
                let t = if x.is_nil() { y.typ } else { x.typ };
                if !self.has_nil(t) {
                    err_on_y = true;
                    failed = true;
                }
            } else if let Some(c) = self.incomparable(x.typ) {
                cause = c;
                failed = true;
            } else if let Some(c) = self.incomparable(y.typ) {
                err_on_y = true;
                cause = c;
                failed = true;
            }
        } else if !self.is_ordered(x.typ) {
            failed = true;
        } else if !self.is_ordered(y.typ) {
            err_on_y = true;
            failed = true;
        }
        if failed {
            let err_op = if err_on_y { y.clone() } else { x.clone() };
            if cause.is_empty() {
                let mut what = self.composite_kind(err_op.typ);
                if what.is_empty() || matches!(self.ty(self.under(err_op.typ)), Type::Basic(_)) {
                    what = self.typ_str(err_op.typ);
                }
                cause = format!("operator {op} not defined on {what}");
            }
            let xs = x.expr.map(syntax::printer::expr_string).unwrap_or_default();
            match switch_on {
                Some(tag) => {
                    let e = x.expr.expect("case");
                    self.error(e, format!("invalid case {xs} in switch on {tag} ({cause})"));
                }
                None => {
                    let ys = y.expr.map(syntax::printer::expr_string).unwrap_or_default();
                    let at = err_op.expr.or(x.expr).expect("operand");
                    self.error(at, format!("invalid operation: {xs} {op} {ys} ({cause})"));
                }
            }
            x.mode = Mode::Invalid;
            return;
        }
        if let (Mode::Constant(a), Mode::Constant(b)) = (&x.mode, &y.mode) {
            let r = if *a == Value::Unknown || *b == Value::Unknown {
                Value::Unknown
            } else {
                Value::Bool(constant::compare(a, const_op(op), b))
            };
            x.mode = Mode::Constant(r);
        } else {
            x.mode = Mode::Value;
            if let Some(ex) = x.expr {
                let t = self.default_type(x.typ);
                self.update_expr_type(ex, t, true);
            }
            if let Some(ey) = y.expr {
                let t = self.default_type(y.typ);
                self.update_expr_type(ey, t, true);
            }
        }
        x.typ = TypeId::basic(BasicKind::UntypedBool);
    }

    /// Why values of type `t` cannot be compared (types2 `incomparableCause`),
    /// or `None` if they can.
    fn incomparable(&self, t: TypeId) -> Option<String> {
        if self.comparable(t) {
            return None;
        }
        if self.is_type_param(t) {
            let empty = self.tparam_terms(t).is_some_and(|ts| ts.is_empty());
            return Some(
                if empty {
                    "empty type set"
                } else {
                    "incomparable types in type set"
                }
                .into(),
            );
        }
        match self.ty(self.under(t)) {
            Type::Slice(_) | Type::Signature(_) | Type::Map { .. } => {
                return Some(format!(
                    "{} can only be compared to nil",
                    self.composite_kind(t)
                ));
            }
            _ => {}
        }
        Some(
            self.comparable_cause(t, &mut Vec::new())
                .unwrap_or_default(),
        )
    }

    fn comparable_cause(&self, t: TypeId, seen: &mut Vec<TypeId>) -> Option<String> {
        if seen.contains(&t) {
            return None;
        }
        seen.push(t);
        match self.ty(self.under(t)).clone() {
            Type::Basic(k) => (k == BasicKind::UntypedNil).then(String::new),
            Type::Pointer(_) | Type::Chan { .. } | Type::Interface(_) | Type::TypeParam { .. } => {
                None
            }
            Type::Struct { fields, .. } => {
                for f in fields {
                    let ft = self.w.prog.obj(f).ty;
                    if self.comparable_cause(ft, seen).is_some() {
                        return Some(format!(
                            "struct containing {} cannot be compared",
                            self.typ_str(ft)
                        ));
                    }
                }
                None
            }
            Type::Array { elem, .. } => self
                .comparable_cause(elem, seen)
                .map(|_| format!("{} cannot be compared", self.typ_str(t))),
            _ => Some(String::new()),
        }
    }

    pub fn is_ordered(&self, t: TypeId) -> bool {
        self.all_terms(t, |c, t| c.basic(t).is_some_and(|k| k.is_ordered()))
    }

    /// Whether values of type `t` are comparable with `==`.
    pub fn comparable(&self, t: TypeId) -> bool {
        self.comparable_in(t, &mut Vec::new())
    }

    fn comparable_in(&self, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
        let u = self.under(t);
        if seen.contains(&u) {
            return true;
        }
        match self.ty(u) {
            Type::Basic(k) => *k != BasicKind::UntypedNil,
            Type::Pointer(_) | Type::Chan { .. } | Type::Interface(_) => true,
            Type::Struct { fields, .. } => {
                seen.push(u);
                let ok = fields
                    .iter()
                    .all(|&f| self.comparable_in(self.w.prog.obj(f).ty, seen));
                seen.pop();
                ok
            }
            Type::Array { elem, .. } => {
                seen.push(u);
                let ok = self.comparable_in(*elem, seen);
                seen.pop();
                ok
            }
            Type::TypeParam { .. } => self.tparam_comparable(t),
            _ => false,
        }
    }

    fn shift(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>, e: &'a Expr, op: Operator) {
        // The shifted operand must be an integer (or untyped constant
        // representable as one).
        let xval = x.val().map(Value::to_int);
        let int_operand = self.all_terms(x.typ, |c, t| c.basic(t).is_some_and(|k| k.is_integer()))
            || self.is_untyped(x.typ) && matches!(xval, Some(Value::Int(_)));
        if !int_operand {
            let s = self.op_str(x);
            self.error(
                x.expr.expect("lhs"),
                format!("invalid operation: shifted operand {s} must be integer"),
            );
            x.mode = Mode::Invalid;
            return;
        }
        // The shift count: a constant must be representable as a uint (but
        // is not converted, types2 go.dev/issue/47243); otherwise an integer.
        if let Some(v) = y.val().cloned() {
            let iv = v.to_int();
            if matches!(iv, Value::Int(_)) && iv.sign() < 0 {
                let s = self.op_str(y);
                self.error(
                    y.expr.expect("rhs"),
                    format!("invalid operation: negative shift count {s}"),
                );
                x.mode = Mode::Invalid;
                return;
            }
            if self.is_untyped(y.typ) {
                if let Err(code) = self.representation(&v, y.typ, BasicKind::Uint) {
                    self.invalid_conversion(code, y, TypeId::basic(BasicKind::Uint));
                    x.mode = Mode::Invalid;
                    return;
                }
                y.mode = Mode::Constant(iv);
            }
        } else if self.all_terms(y.typ, |c, t| c.basic(t).is_some_and(|k| k.is_integer())) {
            if !self.all_terms(y.typ, |c, t| c.basic(t).is_some_and(|k| k.is_unsigned())) {
                let s = self.op_str(y);
                let what = format!("invalid operation: signed shift count {s}");
                if !self.verify_version(y.expr.expect("rhs"), 13, &what) {
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        } else {
            if self.is_untyped(y.typ) {
                self.convert_untyped(y, TypeId::basic(BasicKind::Uint));
                if y.is_invalid() {
                    x.mode = Mode::Invalid;
                    return;
                }
            } else {
                let s = self.op_str(y);
                self.error(
                    y.expr.expect("rhs"),
                    format!("invalid operation: shift count {s} must be integer"),
                );
                x.mode = Mode::Invalid;
                return;
            }
        }
        if let (Some(xv), Some(yv)) = (x.val().cloned(), y.val().cloned()) {
            if xv == Value::Unknown || yv == Value::Unknown {
                x.mode = Mode::Constant(Value::Unknown);
                return;
            }
            let xv = if self.is_untyped(x.typ) {
                xv.to_int()
            } else {
                xv
            };
            if self.is_untyped(x.typ)
                && !matches!(
                    self.untyped_kind(x.typ),
                    Some(BasicKind::UntypedInt | BasicKind::UntypedRune)
                )
            {
                x.typ = TypeId::basic(BasicKind::UntypedInt);
            }
            const SHIFT_BOUND: u64 = 1023 - 1 + 52;
            let s = yv.to_u64();
            match s {
                Some(s) if s <= SHIFT_BOUND => {
                    x.mode = Mode::Constant(constant::shift(&xv, const_op(op), s));
                    x.expr = Some(e);
                    let pos = e.pos();
                    self.overflow(x, pos);
                }
                _ => {
                    let ys = self.op_str(y);
                    self.error(
                        y.expr.expect("rhs"),
                        format!("invalid operation: invalid shift count {ys}"),
                    );
                    x.mode = Mode::Invalid;
                }
            }
            return;
        }
        // Non-constant shift with an untyped constant lhs: the lhs takes
        // the type the expression is used with (delayed check).
        if xval.is_some() && self.is_untyped(x.typ) {
            if let Some(ex) = x.expr {
                self.shift_lhs.insert(key(ex));
                self.untyped.insert(key(ex), (ex, x.typ, x.mode.clone()));
            }
            x.mode = Mode::Value;
            return;
        }
        x.mode = Mode::Value;
    }

    // ---- index and slice expressions ----

    fn index_expr(&mut self, x: &mut Operand<'a>, e: &'a Expr, base: &'a Expr, index: &'a Expr) {
        *x = self.expr_or_type(base);
        x.expr = Some(e);
        if x.is_invalid() {
            return;
        }
        if x.mode == Mode::TypExpr {
            // Instantiation of a generic type.
            x.typ = self.typ(e);
            x.mode = if x.typ == TypeId::INVALID {
                Mode::Invalid
            } else {
                Mode::TypExpr
            };
            return;
        }
        if let Type::Signature(s) = self.ty(self.under(x.typ)).clone()
            && !s.tparams.is_empty()
        {
            // f[A, B]: explicit (possibly partial) instantiation.
            let Some(targs) = self.explicit_targs(index) else {
                x.mode = Mode::Invalid;
                return;
            };
            let (got, want) = (targs.len(), s.tparams.len());
            if got > want {
                let list = index.list();
                self.error(
                    &list[want.min(list.len() - 1)],
                    format!("got {got} type arguments but want {want}"),
                );
                x.mode = Mode::Invalid;
                return;
            }
            if got < want {
                if self.callee == Some(key(e)) {
                    // The call infers the rest from its arguments.
                    self.partial_targs.insert(key(e), targs);
                    x.mode = Mode::Value;
                    return;
                }
                // Elsewhere the rest come from the constraints alone
                // (types2 `funcInst` with no arguments).
                let Some(all) = self.infer(e, e.pos(), &s.tparams, &targs, &[], &[]) else {
                    x.mode = Mode::Invalid;
                    return;
                };
                for (i, &tp) in s.tparams.iter().enumerate() {
                    if let Err(cause) = self.satisfies(tp, all[i], &s.tparams, &all) {
                        self.error(e, cause);
                        x.mode = Mode::Invalid;
                        return;
                    }
                }
                x.typ = self.instantiate_sig(x.typ, &all);
                x.mode = Mode::Value;
                return;
            }
            for (i, &tp) in s.tparams.iter().enumerate() {
                if let Err(cause) = self.satisfies(tp, targs[i], &s.tparams, &targs) {
                    let list = index.list();
                    self.error(&list[i.min(list.len() - 1)], cause);
                    x.mode = Mode::Invalid;
                    return;
                }
            }
            x.typ = self.instantiate_sig(x.typ, &targs);
            x.mode = Mode::Value;
            return;
        }
        // A type parameter without core type: every type in its type set
        // must index to the same element type (types2 `indexExpr`).
        if self.is_type_param(x.typ) && self.core_type(x.typ).is_none() {
            let Some((elem, mode, len)) = self.tparam_index(x.typ, x.mode == Mode::Variable) else {
                self.cannot_index(x, e, base, index);
                return;
            };
            self.index(index, len);
            x.mode = mode;
            x.typ = elem;
            return;
        }
        let u = self.core_under(x.typ);
        let mut valid = false;
        let mut length: Option<i64> = None;
        match self.ty(u).clone() {
            Type::Basic(k) if k.is_string() => {
                valid = true;
                if let Some(Value::String(s)) = x.val() {
                    length = Some(s.len() as i64);
                }
                // an indexed string is a byte value, not addressable
                x.mode = Mode::Value;
                x.typ = self.w.prog.byte;
            }
            Type::Array { len, elem } => {
                valid = true;
                length = Some(len);
                if x.mode != Mode::Variable {
                    x.mode = Mode::Value;
                }
                x.typ = elem;
            }
            Type::Pointer(p) => {
                if let Type::Array { len, elem } = self.ty(self.under(p)).clone() {
                    valid = true;
                    length = Some(len);
                    x.mode = Mode::Variable;
                    x.typ = elem;
                }
            }
            Type::Slice(elem) => {
                valid = true;
                x.mode = Mode::Variable;
                x.typ = elem;
            }
            Type::Map { key: k, elem } => {
                let mut kx = self.expr(Some(k), index);
                self.assignment(&mut kx, Some(k), "map index");
                x.mode = Mode::MapIndex;
                x.typ = elem;
                return;
            }
            _ => {}
        }
        if !valid {
            self.cannot_index(x, e, base, index);
            return;
        }
        if let Expr::List { .. } = index {
            self.error(index, "invalid operation: more than one index");
            x.mode = Mode::Invalid;
            return;
        }
        if self.index(index, length).is_none() && matches!(x.mode, Mode::Constant(_)) {
            x.mode = Mode::Value;
        }
        if matches!(x.mode, Mode::Constant(_)) {
            x.mode = Mode::Value;
        }
    }

    /// Reports that `base` cannot be indexed (the index is still checked).
    fn cannot_index(&mut self, x: &mut Operand<'a>, e: &'a Expr, base: &'a Expr, index: &'a Expr) {
        let s = self.op_str(&Operand {
            expr: Some(base),
            ..x.clone()
        });
        self.error(e, format!("cannot index {s}"));
        for i in index.list() {
            self.use_expr(i);
        }
        x.mode = Mode::Invalid;
    }

    /// The element type, mode and minimal length of indexing a value of
    /// type parameter `t`, if all types of its type set agree.
    fn tparam_index(&self, t: TypeId, variable: bool) -> Option<(TypeId, Mode, Option<i64>)> {
        let terms = self.tparam_terms(t)?;
        let mut elem: Option<TypeId> = None;
        let mut mode = Mode::Variable;
        let mut length: Option<i64> = None;
        for term in &terms {
            let (e, l) = match self.ty(self.under(term.ty)).clone() {
                Type::Basic(k) if k.is_string() => {
                    mode = Mode::Value;
                    (self.w.prog.byte, None)
                }
                Type::Array { len, elem } => {
                    if !variable {
                        mode = Mode::Value;
                    }
                    (elem, Some(len))
                }
                Type::Pointer(p) => match self.ty(self.under(p)).clone() {
                    Type::Array { len, elem } => (elem, Some(len)),
                    _ => return None,
                },
                Type::Slice(e) => (e, None),
                _ => return None,
            };
            match elem {
                None => elem = Some(e),
                Some(prev) if !self.w.prog.identical(prev, e) => return None,
                _ => {}
            }
            if let Some(l) = l {
                length = Some(length.map_or(l, |m: i64| m.min(l)));
            }
        }
        Some((elem?, mode, length))
    }

    /// Checks an index expression: an integer, non-negative, below
    /// `max` when known. Returns its constant value if it has one.
    pub fn index(&mut self, e: &'a Expr, max: Option<i64>) -> Option<i64> {
        self.checked_index(e, max).flatten()
    }

    /// [`Self::index`] telling a valid non-constant index (`Some(None)`)
    /// from an invalid one (`None`) (types2 `index`).
    pub fn checked_index(&mut self, e: &'a Expr, max: Option<i64>) -> Option<Option<i64>> {
        let mut x = self.expr(None, e);
        if x.is_invalid() || !self.is_valid_index(&mut x, "index", false) {
            return None;
        }
        let Some(v) = x.val().cloned() else {
            return Some(None);
        };
        let iv = v.to_int();
        let n = iv.to_i64()?;
        if let Some(m) = max
            && n >= m
        {
            self.error(
                e,
                format!("invalid argument: index {iv} out of bounds [0:{m}]"),
            );
            return None;
        }
        Some(Some(n))
    }

    /// Why `sel` names no field of struct literal type `t`, given a field
    /// `alt` whose name differs only in case (types2 `lookupError` for
    /// struct literals).
    fn struct_lit_field_error(
        &self,
        t: TypeId,
        sel: &str,
        alt: Option<crate::ty::ObjId>,
    ) -> String {
        let ts = self.typ_str(t);
        let exported = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
        let tail = |s: &str| s.chars().skip(1).collect::<String>();
        if let Some(a) = alt {
            let o = self.w.prog.obj(a);
            let an = o.name.as_str();
            let misspelled =
                format!("unknown field {sel} in struct literal of type {ts}, but does have {an}");
            if o.pkg == Some(self.pkg) {
                return misspelled;
            }
            if exported(sel) {
                if exported(an) {
                    return misspelled;
                }
                if tail(sel) == tail(an) {
                    return format!(
                        "unknown field {sel} in struct literal of type {ts}, but does have unexported {an}"
                    );
                }
            } else if exported(an) {
                if tail(sel) == tail(an) {
                    return misspelled;
                }
            } else if sel == an {
                return format!(
                    "cannot refer to unexported field {an} in struct literal of type {ts}"
                );
            }
        }
        format!("unknown field {sel} in struct literal of type {ts}")
    }

    /// An index-like operand (`what`: "index", "length", …) must be an
    /// integer; a constant one non-negative (unless allowed) and an `int`
    /// (types2 `isValidIndex`). Untyped operands become `int`.
    pub fn is_valid_index(
        &mut self,
        x: &mut Operand<'a>,
        what: &str,
        allow_negative: bool,
    ) -> bool {
        if self.is_untyped(x.typ) {
            self.convert_untyped(x, TypeId::basic(BasicKind::Int));
            if x.is_invalid() {
                return false;
            }
        }
        let e = x.expr.expect("index operand");
        if !self.all_terms(x.typ, |c, t| c.basic(t).is_some_and(|k| k.is_integer())) {
            let s = self.op_str(x);
            self.error(e, format!("invalid argument: {what} {s} must be integer"));
            return false;
        }
        if let Some(v) = x.val().cloned() {
            if !allow_negative && v.sign() < 0 {
                let s = self.op_str(x);
                self.error(
                    e,
                    format!("invalid argument: {what} {s} must not be negative"),
                );
                return false;
            }
            if representable_const(&v, BasicKind::Int).is_none() {
                let s = self.op_str(x);
                self.error(e, format!("invalid argument: {what} {s} overflows int"));
                return false;
            }
        }
        true
    }

    fn slice_expr(
        &mut self,
        x: &mut Operand<'a>,
        e: &'a Expr,
        base: &'a Expr,
        index: &'a [Option<Box<Expr>>; 3],
        full: bool,
    ) {
        *x = self.expr(None, base);
        x.expr = Some(e);
        if x.is_invalid() {
            for i in index.iter().flatten() {
                self.expr(None, i);
            }
            return;
        }
        if self.is_type_param(x.typ) && self.core_type(x.typ).is_none() {
            let ok = self.all_terms(x.typ, |c, t| match c.ty(c.under(t)) {
                Type::Basic(k) => k.is_string(),
                Type::Slice(e) => c.basic(*e) == Some(BasicKind::Uint8),
                _ => false,
            });
            if !ok || full {
                let s = self.op_str(&Operand {
                    expr: Some(base),
                    ..x.clone()
                });
                self.error(e, format!("cannot slice {s}"));
                x.mode = Mode::Invalid;
                return;
            }
            for i in index.iter().flatten() {
                self.index(i, None);
            }
            x.mode = Mode::Value;
            return;
        }
        let u = self.core_under(x.typ);
        let mut length: Option<i64> = None;
        let mut valid = false;
        match self.ty(u).clone() {
            Type::Basic(k) if k.is_string() => {
                if full {
                    let s = self.op_str(&Operand {
                        expr: Some(base),
                        ..x.clone()
                    });
                    self.error(e, "invalid operation: 3-index slice of string".to_string());
                    let _ = s;
                    x.mode = Mode::Invalid;
                    return;
                }
                valid = true;
                if let Some(Value::String(s)) = x.val() {
                    length = Some(s.len() as i64);
                }
                if self.is_untyped(x.typ) {
                    x.typ = TypeId::basic(BasicKind::String);
                }
                x.mode = Mode::Value;
            }
            Type::Array { len, elem } => {
                valid = true;
                length = Some(len);
                if x.mode != Mode::Variable {
                    let s = self.op_str(&Operand {
                        expr: Some(base),
                        ..x.clone()
                    });
                    self.error(e, format!("cannot slice unaddressable value {s}"));
                    x.mode = Mode::Invalid;
                    return;
                }
                x.typ = self.new_type(Type::Slice(elem));
                x.mode = Mode::Value;
            }
            Type::Pointer(p) => {
                if let Type::Array { len, elem } = self.ty(self.under(p)).clone() {
                    valid = true;
                    length = Some(len);
                    x.typ = self.new_type(Type::Slice(elem));
                    x.mode = Mode::Value;
                }
            }
            Type::Slice(_) => {
                valid = true;
                x.mode = Mode::Value;
            }
            _ => {}
        }
        if !valid {
            let s = self.op_str(&Operand {
                expr: Some(base),
                ..x.clone()
            });
            self.error(e, format!("cannot slice {s}"));
            x.mode = Mode::Invalid;
            return;
        }
        let max = length.map(|l| l + 1);
        let mut vals: Vec<Option<i64>> = Vec::new();
        for i in index.iter() {
            match i {
                Some(ie) => vals.push(self.index(ie, max)),
                None => vals.push(None),
            }
        }
        // Constant indices must be non-decreasing.
        let mut prev: Option<(usize, i64)> = None;
        for (i, v) in vals.iter().enumerate() {
            if let Some(v) = v {
                if let Some((_, p)) = prev
                    && *v < p
                {
                    let ie = index[i].as_ref().expect("index");
                    self.error(ie, format!("invalid slice indices: {v} < {p}"));
                }
                prev = Some((i, *v));
            }
        }
    }

    // ---- composite literals ----

    fn composite_lit(&mut self, x: &mut Operand<'a>, e: &'a Expr, hint: Option<TypeId>) {
        let Expr::CompositeLit {
            typ, elems, rbrace, ..
        } = e
        else {
            return;
        };
        let t = match typ {
            Some(te) => {
                if let Expr::ArrayType {
                    len: None, elem, ..
                } = &**te
                {
                    // [...]T: the length is the number of elements.
                    let et = self.var_type(elem);
                    let n = self.index_elems(elems, et, None);
                    let at = self.new_type(Type::Array { len: n, elem: et });
                    self.record_type_and_value(te, Mode::TypExpr, at);
                    at
                } else {
                    self.typ(te)
                }
            }
            None => match hint {
                // An elided type: the element type; *T implies &T{…}.
                Some(h) => h,
                None => {
                    self.error(e, "missing type in composite literal");
                    x.mode = Mode::Invalid;
                    return;
                }
            },
        };
        let result_type = t;
        let t = match (typ, self.ty(self.core_under(t)).clone()) {
            (None, Type::Pointer(base)) => base,
            _ => t,
        };
        if t == TypeId::INVALID {
            for el in elems {
                match el {
                    Expr::KeyValue { value, .. } => {
                        self.use_expr(value);
                    }
                    _ => self.use_expr(el),
                }
            }
            return;
        }
        let u = self.core_under(t);
        match self.ty(u).clone() {
            Type::Struct { fields, .. } => {
                if elems.is_empty() {
                } else if matches!(elems[0], Expr::KeyValue { .. }) {
                    let mut seen = std::collections::HashSet::new();
                    for el in elems {
                        let Expr::KeyValue { key: k, value, .. } = el else {
                            self.error(
                                el,
                                "mixture of field:value and value elements in struct literal",
                            );
                            continue;
                        };
                        let Expr::Name(kn) = &**k else {
                            let s = syntax::printer::expr_string(k);
                            self.error(k, format!("invalid field name {s} in struct literal"));
                            self.use_expr(value);
                            continue;
                        };
                        // A blank field cannot be named; an unexported one
                        // only in its package (types2 `fieldIndex`).
                        let Some(&f) = fields.iter().find(|&&f| {
                            let o = self.w.prog.obj(f);
                            kn.value != "_"
                                && o.name == kn.value
                                && (o.exported() || o.pkg == Some(self.pkg))
                        }) else {
                            let alt = fields
                                .iter()
                                .find(|&&f| {
                                    self.w.prog.obj(f).name.to_lowercase()
                                        == kn.value.to_lowercase()
                                })
                                .copied();
                            let msg = self.struct_lit_field_error(t, &kn.value, alt);
                            self.error_at(kn.pos, msg);
                            self.use_expr(value);
                            continue;
                        };
                        self.record_use(kn, f);
                        let ft = self.w.prog.obj(f).ty;
                        let mut v = self.expr(None, value);
                        self.assignment(&mut v, Some(ft), "struct literal");
                        if !seen.insert(f) {
                            self.error_at(
                                kn.pos,
                                format!("duplicate field name {} in struct literal", kn.value),
                            );
                        }
                    }
                } else {
                    for (i, el) in elems.iter().enumerate() {
                        if let Expr::KeyValue { value, .. } = el {
                            self.error(
                                el,
                                "mixture of field:value and value elements in struct literal",
                            );
                            self.use_expr(value);
                            continue;
                        }
                        let mut v = self.expr(None, el);
                        if i >= fields.len() {
                            self.error(
                                el,
                                format!(
                                    "too many values in struct literal of type {}",
                                    self.typ_str(t)
                                ),
                            );
                            break;
                        }
                        let f = fields[i];
                        let fo = self.w.prog.obj(f).clone();
                        if !fo.exported() && fo.pkg != Some(self.pkg) {
                            self.error(el, format!("implicit assignment to unexported field {} in struct literal of type {}", fo.name, self.typ_str(t)));
                            continue;
                        }
                        self.assignment(&mut v, Some(fo.ty), "struct literal");
                    }
                    if elems.len() < fields.len() && !elems.is_empty() {
                        self.error_at(
                            *rbrace,
                            format!(
                                "too few values in struct literal of type {}",
                                self.typ_str(t)
                            ),
                        );
                    }
                }
            }
            Type::Array { len, elem } => {
                if !matches!(typ.as_deref(), Some(Expr::ArrayType { len: None, .. })) {
                    self.index_elems(elems, elem, Some(len));
                }
            }
            Type::Slice(elem) => {
                self.index_elems(elems, elem, None);
            }
            Type::Map { key: k, elem } => {
                // Constant keys seen, with their types when the key type is
                // an interface (types2 `keyVal` and `visited`).
                let key_is_iface = matches!(self.ty(self.under(k)), Type::Interface(_));
                let mut seen: Vec<(Value, TypeId)> = Vec::new();
                for el in elems {
                    let Expr::KeyValue { key: ke, value, .. } = el else {
                        self.error(el, "missing key in map literal");
                        self.use_expr(el);
                        continue;
                    };
                    let mut kx = self.expr(Some(k), ke);
                    self.assignment(&mut kx, Some(k), "map literal");
                    if let Some(v) = kx.val() {
                        let kt = kx.typ;
                        let dup = seen.iter().any(|(sv, st)| {
                            sv == v && (!key_is_iface || self.w.prog.identical(*st, kt))
                        });
                        if dup {
                            self.error(ke, format!("duplicate key {v} in map literal"));
                        }
                        seen.push((v.clone(), kt));
                    }
                    let mut vx = self.expr(Some(elem), value);
                    self.assignment(&mut vx, Some(elem), "map literal");
                }
            }
            Type::Basic(BasicKind::Invalid) => {
                // An invalid (e.g. recursive) type: reported at its declaration.
                for el in elems {
                    match el {
                        Expr::KeyValue { value, .. } => self.use_expr(value),
                        _ => self.use_expr(el),
                    }
                }
                // The literal still has its type: a type whose declaration
                // is in progress makes a cycle (types2 `pendingType`).
                if t == TypeId::INVALID {
                    x.mode = Mode::Invalid;
                } else {
                    x.mode = Mode::Value;
                    x.typ = t;
                }
                return;
            }
            _ => {
                let ts = self.typ_str(t);
                self.error(e, format!("invalid composite literal type {ts}"));
                x.mode = Mode::Invalid;
                return;
            }
        }
        x.mode = Mode::Value;
        x.typ = result_type;
    }

    /// Checks the elements of an array or slice literal; returns the
    /// literal's length (types2 `indexedElts`).
    fn index_elems(&mut self, elems: &'a [Expr], elem: TypeId, len: Option<i64>) -> i64 {
        let mut index: i64 = 0;
        let mut max: i64 = 0;
        let mut seen = std::collections::HashSet::new();
        for el in elems {
            let value = match el {
                Expr::KeyValue { key: k, value, .. } => {
                    match self.checked_index(k, len) {
                        Some(Some(i)) => index = i,
                        Some(None) => {
                            let s = syntax::printer::expr_string(k);
                            self.error(el, format!("index {s} must be integer constant"));
                        }
                        None => {}
                    }
                    value
                }
                _ => {
                    if let Some(l) = len
                        && index >= l
                    {
                        self.error(el, format!("index {index} is out of bounds (>= {l})"));
                    }
                    el
                }
            };
            if !seen.insert(index) {
                self.error(
                    el,
                    format!("duplicate index {index} in array or slice literal"),
                );
            }
            index += 1;
            max = max.max(index);
            let mut v = self.expr(Some(elem), value);
            self.assignment(&mut v, Some(elem), "array or slice literal");
        }
        max
    }

    /// Checks an expression only for its errors and uses (types2 `use`).
    pub fn use_expr(&mut self, e: &'a Expr) {
        let _ = self.raw_expr(e, None);
    }

    /// Type assertion `x.(T)`: T must implement x's interface, when T is
    /// not an interface itself.
    pub fn type_assertion(
        &mut self,
        e: &'a Expr,
        x: &mut Operand<'a>,
        t: TypeId,
        switch_case: bool,
    ) {
        // Interfaces and type parameters (whose type sets are interfaces)
        // need no static check (types2 `IsInterface`).
        if matches!(self.ty(self.under(t)), Type::Interface(_)) || self.is_type_param(t) {
            return;
        }
        if let Err(cause) = self.missing_method(t, x.typ, false) {
            let ts = self.typ_str(t);
            if switch_case {
                let s = syntax::printer::expr_string(e);
                let xs = self.op_str(x);
                self.error(
                    e,
                    format!(
                        "impossible type switch case: {s}\n\t{xs} cannot have dynamic type {ts} {cause}"
                    ),
                );
            } else {
                let s = syntax::printer::expr_string(e);
                let xs = syntax::printer::expr_string(x.expr.expect("x"));
                let _ = s;
                let xts = self.typ_str(x.typ);
                self.error(e, format!("impossible type assertion: {xs}.({ts})\n\t{ts} does not implement {xts} {cause}"));
            }
        }
    }
}

/// Ranking of untyped numeric kinds: int < rune < float < complex.
pub(super) fn untyped_rank(k: Option<BasicKind>) -> u8 {
    match k {
        Some(BasicKind::UntypedInt) => 1,
        Some(BasicKind::UntypedRune) => 2,
        Some(BasicKind::UntypedFloat) => 3,
        Some(BasicKind::UntypedComplex) => 4,
        _ => 0,
    }
}

/// The name of an operation that may overflow (types2 `opName`).
fn op_name(op: Operator, unary: bool) -> &'static str {
    match (op, unary) {
        (Operator::Xor, true) => "bitwise complement",
        (_, true) => "",
        (Operator::Add, _) => "addition",
        (Operator::Sub, _) => "subtraction",
        (Operator::Xor, _) => "bitwise XOR",
        (Operator::Mul, _) => "multiplication",
        (Operator::Shl, _) => "shift",
        _ => "",
    }
}

/// The value of `v` in basic kind `k` if representable (types2
/// `representableConst`, rounding floats to the kind's precision).
pub fn representable_const(v: &Value, k: BasicKind) -> Option<Value> {
    use BasicKind::*;
    if k.is_integer() || k == UntypedRune {
        let x = v.to_int();
        let Value::Int(i) = &x else { return None };
        let fits = match k {
            UntypedInt | UntypedRune => true,
            _ => {
                let size = k.size().unwrap_or(8) as u32 * 8;
                if k.is_unsigned() {
                    i.sign() != num_bigint::Sign::Minus && i.bits() <= size as u64
                } else {
                    let min = -(num_bigint::BigInt::from(1) << (size - 1));
                    let max = (num_bigint::BigInt::from(1) << (size - 1)) - 1;
                    *i >= min && *i <= max
                }
            }
        };
        return fits.then_some(x);
    }
    if k.is_float() {
        let x = v.to_float();
        if !matches!(x, Value::Rat(_) | Value::Float(_) | Value::Int(_)) {
            return None;
        }
        return match k {
            Float32 => {
                let (f, _) = x.to_f32();
                (!f.is_infinite()).then(|| Value::from_f64(f as f64))
            }
            Float64 => {
                let (f, _) = x.to_f64();
                (!f.is_infinite()).then(|| Value::from_f64(f))
            }
            _ => Some(x),
        };
    }
    if k.is_complex() {
        let x = v.to_complex();
        let (re, im) = (x.real(), x.imag());
        return match k {
            Complex64 => {
                let (r, _) = re.to_f32();
                let (i, _) = im.to_f32();
                (!r.is_infinite() && !i.is_infinite())
                    .then(|| complex_value(&Value::from_f64(r as f64), &Value::from_f64(i as f64)))
            }
            Complex128 => {
                let (r, _) = re.to_f64();
                let (i, _) = im.to_f64();
                (!r.is_infinite() && !i.is_infinite())
                    .then(|| complex_value(&Value::from_f64(r), &Value::from_f64(i)))
            }
            _ => Some(x),
        };
    }
    if k.is_string() {
        return matches!(v, Value::String(_)).then(|| v.clone());
    }
    if k.is_boolean() {
        return matches!(v, Value::Bool(_)).then(|| v.clone());
    }
    None
}

/// The constant `re + im·i`.
pub(super) fn complex_value(re: &Value, im: &Value) -> Value {
    let i = Value::from_literal("1i", constant::LitKind::Imag);
    constant::binary_op(re, Op::Add, &constant::binary_op(im, Op::Mul, &i))
}
