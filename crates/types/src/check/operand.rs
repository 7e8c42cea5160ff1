//! Operands: the result of checking an expression (types2 `operand.go`) —
//! its mode (constant, variable, value, …), type, and the expression, with
//! the description diagnostics print: `x (variable of type int)`,
//! `1 (untyped int constant)`, `c (constant 3 of int type MyInt)`.

use super::Checker;
use crate::constant::Value;
use crate::ty::{BasicKind, Builtin, Type, TypeId};
use syntax::ast::Expr;

/// What an expression denotes.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// An error was reported; the operand carries no information.
    Invalid,
    /// A call of a function without results.
    NoValue,
    Builtin(Builtin),
    TypExpr,
    Constant(Value),
    /// An addressable value.
    Variable,
    /// `m[k]`: assignable but not addressable.
    MapIndex,
    Value,
    /// The predeclared `nil`.
    Nil,
    /// A value that may be used in a comma-ok assignment.
    CommaOk,
}

impl Mode {
    fn describe(&self) -> &'static str {
        match self {
            Mode::Invalid => "invalid operand",
            Mode::NoValue => "no value",
            Mode::Builtin(_) => "built-in",
            Mode::TypExpr => "type",
            Mode::Constant(_) => "constant",
            Mode::Variable => "variable",
            Mode::MapIndex => "map index expression",
            Mode::Value => "value",
            Mode::Nil => "nil",
            Mode::CommaOk => "comma, ok expression",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Operand<'a> {
    pub mode: Mode,
    pub expr: Option<&'a Expr>,
    pub typ: TypeId,
}

impl<'a> Operand<'a> {
    pub fn invalid(expr: &'a Expr) -> Operand<'a> {
        Operand {
            mode: Mode::Invalid,
            expr: Some(expr),
            typ: TypeId::INVALID,
        }
    }

    pub fn is_invalid(&self) -> bool {
        self.mode == Mode::Invalid
    }

    pub fn val(&self) -> Option<&Value> {
        match &self.mode {
            Mode::Constant(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the operand is (a value of) the predeclared `nil`.
    pub fn is_nil(&self) -> bool {
        self.mode == Mode::Nil
    }
}

impl Checker<'_, '_> {
    /// The operand as diagnostics describe it (types2 `operandString`).
    pub fn op_str(&self, x: &Operand<'_>) -> String {
        if x.mode == Mode::Nil {
            return match self.basic(x.typ) {
                Some(BasicKind::UntypedNil) => "nil".into(),
                _ if x.typ == TypeId::INVALID => "nil (with invalid type)".into(),
                _ => format!("nil (of type {})", self.typ_str(x.typ)),
            };
        }
        let expr = match (x.expr, &x.mode) {
            (Some(e), _) => syntax::printer::expr_string(e),
            (None, Mode::Builtin(b)) => b.name().to_string(),
            (None, Mode::TypExpr) => self.typ_str(x.typ),
            (None, Mode::Constant(v)) => v.to_string(),
            _ => String::new(),
        };
        let mut s = String::new();
        if !expr.is_empty() {
            s.push_str(&expr);
            s.push_str(" (");
        }
        let mut has_type = false;
        match x.mode {
            Mode::Invalid | Mode::NoValue | Mode::Builtin(_) | Mode::TypExpr => {}
            _ => {
                if let Some(k) = self.untyped_kind(x.typ) {
                    s.push_str(k.name());
                    s.push(' ');
                } else {
                    has_type = true;
                }
            }
        }
        s.push_str(x.mode.describe());
        if let Mode::Constant(v) = &x.mode {
            let vs = v.to_string();
            if vs != expr {
                s.push(' ');
                s.push_str(&vs);
            }
        }
        if has_type {
            if x.typ != TypeId::INVALID {
                let mut desc = String::new();
                let t = self.w.prog.unalias(x.typ);
                let is_tparam = matches!(self.ty(t), Type::TypeParam { .. });
                if !is_tparam && matches!(self.ty(x.typ), Type::Named(_) | Type::Alias { .. }) {
                    let what = self.composite_kind(x.typ);
                    desc.push_str(&what);
                    desc.push(' ');
                }
                s.push_str(" of ");
                s.push_str(&desc);
                s.push_str("type ");
                s.push_str(&self.typ_str(x.typ));
                if let Type::TypeParam { constraint, .. } = self.ty(t) {
                    s.push_str(" constrained by ");
                    s.push_str(&self.typ_str(*constraint));
                }
            } else {
                s.push_str(" with invalid type");
            }
        }
        if !expr.is_empty() {
            s.push(')');
        }
        s
    }

    /// "array", "struct", … or the basic type's name (types2 `compositeKind`).
    pub fn composite_kind(&self, t: TypeId) -> String {
        match self.ty(self.under(t)) {
            Type::Basic(k) => k.name().to_string(),
            Type::Array { .. } => "array".into(),
            Type::Slice(_) => "slice".into(),
            Type::Struct { .. } => "struct".into(),
            Type::Pointer(_) => "pointer".into(),
            Type::Signature(_) => "func".into(),
            Type::Interface(_) => "interface".into(),
            Type::Map { .. } => "map".into(),
            Type::Chan { .. } => "chan".into(),
            Type::Tuple(_) => "tuple".into(),
            Type::Union(_) => "union".into(),
            _ => String::new(),
        }
    }

    /// The untyped kind of `t`, if `t` is an untyped basic type.
    pub fn untyped_kind(&self, t: TypeId) -> Option<BasicKind> {
        match self.ty(t) {
            Type::Basic(k) if k.is_untyped() => Some(*k),
            _ => None,
        }
    }

    pub fn is_untyped(&self, t: TypeId) -> bool {
        self.untyped_kind(t).is_some()
    }
}
