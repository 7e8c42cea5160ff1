//! The syntax tree, shaped like gc's (cmd/compile/internal/syntax/nodes.go)
//! so that the type checker can follow types2 closely.
//!
//! Invariants:
//! * Every node records the position gc records for it (for an operation,
//!   the operator; for a call, the `(`; for a selector, the `.`) — the type
//!   checker reports errors there. [`Expr::start`] gives the leftmost
//!   position where gc uses `StartPos`.
//! * Nodes are immutable after parsing and live in boxes; later stages key
//!   side tables by node address (`&Expr as *const _`), which stays valid as
//!   long as the [`File`] is alive and unmoved in its `Box`/`Arc`.
//! * Parenthesized expressions are kept only where gc keeps them (around a
//!   composite literal type and `go`/`defer` operands), otherwise dropped.
//! * In a list of fields sharing one type (`a, b int`), the fields share one
//!   type expression (`Arc`), as gc's fields share a pointer; the checker
//!   evaluates it once ([`Field::same_type`]), as types2 does.

use crate::Pos;
use crate::token::{LitKind, Operator, Token};
use std::sync::Arc;

/// A parsed source file.
#[derive(Debug, Default)]
pub struct File {
    pub pos: Pos,
    /// Directives immediately before the package clause.
    pub pragma: Vec<Directive>,
    pub pkg_name: Name,
    pub decls: Vec<Decl>,
    /// The Go version of the file's `//go:build` line, if any (e.g. `go1.21`).
    pub go_version: String,
    pub eof: Pos,
    /// Every `//go:` directive of the file, in order.
    pub directives: Vec<Directive>,
    /// `//line` directives, in order.
    pub line_directives: Vec<LineDirective>,
    /// Directives that no declaration took (candidates for gc's
    /// "misplaced compiler directive").
    pub unused_pragmas: Vec<Directive>,
    /// All comments, when parsing with comments enabled.
    pub comments: Vec<Comment>,
}

impl File {
    /// Where `pos` is reported when `//line` directives are in effect: the
    /// directive's file name, line, and column (0 when unknown), as gc's
    /// `RelFilename`/`RelLine`/`RelCol`. `None` when no directive applies.
    pub fn rel_pos(&self, pos: Pos) -> Option<(&str, u32, u32)> {
        let i = self.line_directives.partition_point(|d| d.pos <= pos);
        let d = self.line_directives.get(i.checked_sub(1)?)?;
        let line = d.line + (pos.line - d.pos.line);
        let col = if d.col == 0 {
            0
        } else if pos.line == d.pos.line {
            d.col + (pos.col - d.pos.col)
        } else {
            pos.col
        };
        Some((&d.file, line, col))
    }
}

/// A `//go:` directive (text without the `//`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Position of the text after `//`.
    pub pos: Pos,
    pub text: String,
    /// Whether the directive stands on a line of its own.
    pub blank: bool,
}

/// A `//line file:line[:col]` directive: from `pos` on, positions are
/// reported relative to `file`, `line`, `col`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineDirective {
    /// First position the directive applies to.
    pub pos: Pos,
    pub file: String,
    pub line: u32,
    /// 0 when the directive has no column.
    pub col: u32,
}

/// A comment with its text, including `//` or `/* */`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub pos: Pos,
    pub text: String,
}

/// An identifier.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Name {
    pub pos: Pos,
    pub value: String,
}

impl Name {
    pub fn new(pos: Pos, value: impl Into<String>) -> Name {
        Name {
            pos,
            value: value.into(),
        }
    }
}

/// A declaration group `( … )`: declarations of one group share its id.
pub type GroupId = u32;

#[derive(Clone, Debug)]
pub enum Decl {
    Import(ImportDecl),
    Const(ConstDecl),
    Type(TypeDecl),
    Var(VarDecl),
    Func(FuncDecl),
}

impl Decl {
    pub fn pos(&self) -> Pos {
        match self {
            Decl::Import(d) => d.pos,
            Decl::Const(d) => d.pos,
            Decl::Type(d) => d.pos,
            Decl::Var(d) => d.pos,
            Decl::Func(d) => d.pos,
        }
    }
}

#[derive(Clone, Debug)]
pub struct ImportDecl {
    pub pos: Pos,
    pub group: Option<GroupId>,
    pub pragma: Vec<Directive>,
    /// The local name, `.` or `_`, if given.
    pub local_name: Option<Name>,
    /// The path literal; `None` after a syntax error.
    pub path: Option<BasicLit>,
}

#[derive(Clone, Debug)]
pub struct ConstDecl {
    pub pos: Pos,
    pub group: Option<GroupId>,
    pub pragma: Vec<Directive>,
    pub names: Vec<Name>,
    pub typ: Option<Expr>,
    /// `None` means the values (and type) repeat the previous spec's.
    pub values: Option<Expr>,
}

#[derive(Clone, Debug)]
pub struct TypeDecl {
    pub pos: Pos,
    pub group: Option<GroupId>,
    pub pragma: Vec<Directive>,
    pub name: Name,
    pub tparams: Vec<Field>,
    pub alias: bool,
    pub typ: Expr,
}

#[derive(Clone, Debug)]
pub struct VarDecl {
    pub pos: Pos,
    pub group: Option<GroupId>,
    pub pragma: Vec<Directive>,
    pub names: Vec<Name>,
    pub typ: Option<Expr>,
    pub values: Option<Expr>,
}

#[derive(Clone, Debug)]
pub struct FuncDecl {
    pub pos: Pos,
    pub pragma: Vec<Directive>,
    pub recv: Option<Field>,
    pub name: Name,
    pub tparams: Vec<Field>,
    pub typ: FuncType,
    pub body: Option<Block>,
}

/// A parameter, result, struct field, interface element or type parameter.
#[derive(Clone, Debug)]
pub struct Field {
    pub pos: Pos,
    pub name: Option<Name>,
    pub typ: Arc<Expr>,
}

impl Field {
    /// Whether the two fields share one type expression (`a, b int`).
    pub fn same_type(&self, other: &Field) -> bool {
        Arc::ptr_eq(&self.typ, &other.typ)
    }
}

/// A basic literal, with its source text.
#[derive(Clone, Debug)]
pub struct BasicLit {
    pub pos: Pos,
    pub value: String,
    pub kind: LitKind,
    /// The literal had a lexical error (already reported).
    pub bad: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanDir {
    Both,
    SendOnly,
    RecvOnly,
}

#[derive(Clone, Debug)]
pub struct FuncType {
    pub pos: Pos,
    pub params: Vec<Field>,
    pub results: Vec<Field>,
}

#[derive(Clone, Debug)]
pub enum Expr {
    /// A placeholder where an expression was missing or malformed.
    Bad(Pos),
    Name(Name),
    BasicLit(BasicLit),
    /// `Type{elems}`; `typ` is `None` for elided types in nested literals.
    CompositeLit {
        pos: Pos,
        typ: Option<Box<Expr>>,
        elems: Vec<Expr>,
        nkeys: usize,
        rbrace: Pos,
    },
    /// `key: value` inside a composite literal; pos is the `:`.
    KeyValue {
        pos: Pos,
        key: Box<Expr>,
        value: Box<Expr>,
    },
    FuncLit {
        pos: Pos,
        typ: Box<FuncType>,
        body: Box<Block>,
    },
    Paren {
        pos: Pos,
        x: Box<Expr>,
    },
    /// `x.sel`; pos is the `.`.
    Selector {
        pos: Pos,
        x: Box<Expr>,
        sel: Name,
    },
    /// `x[index]`; index may be an [`Expr::List`] (instantiation).
    Index {
        pos: Pos,
        x: Box<Expr>,
        index: Box<Expr>,
    },
    /// `x[lo:hi]` or `x[lo:hi:max]` (`full`).
    Slice {
        pos: Pos,
        x: Box<Expr>,
        index: [Option<Box<Expr>>; 3],
        full: bool,
    },
    /// `x.(T)`
    Assert {
        pos: Pos,
        x: Box<Expr>,
        typ: Box<Expr>,
    },
    /// `[lhs :=] x.(type)`
    TypeSwitchGuard {
        pos: Pos,
        lhs: Option<Name>,
        x: Box<Expr>,
    },
    /// A unary (`y` is `None`) or binary operation; pos is the operator.
    Operation {
        pos: Pos,
        op: Operator,
        x: Box<Expr>,
        y: Option<Box<Expr>>,
    },
    /// `fun(args)` or `fun(args...)`; pos is the `(`.
    Call {
        pos: Pos,
        fun: Box<Expr>,
        args: Vec<Expr>,
        has_dots: bool,
    },
    /// `x, y, z` (expression lists and type argument lists).
    List {
        pos: Pos,
        elems: Vec<Expr>,
    },
    /// `[len]elem`; `len` is `None` for `[...]elem`.
    ArrayType {
        pos: Pos,
        len: Option<Box<Expr>>,
        elem: Box<Expr>,
    },
    SliceType {
        pos: Pos,
        elem: Box<Expr>,
    },
    /// `...elem` in a parameter list.
    DotsType {
        pos: Pos,
        elem: Box<Expr>,
    },
    StructType {
        pos: Pos,
        fields: Vec<Field>,
        /// Tags, parallel to `fields` (shorter when trailing fields have none).
        tags: Vec<Option<BasicLit>>,
    },
    FuncType(Box<FuncType>),
    InterfaceType {
        pos: Pos,
        methods: Vec<Field>,
    },
    MapType {
        pos: Pos,
        key: Box<Expr>,
        value: Box<Expr>,
    },
    ChanType {
        pos: Pos,
        dir: ChanDir,
        elem: Box<Expr>,
    },
}

impl Expr {
    /// The position gc records for the node.
    pub fn pos(&self) -> Pos {
        match self {
            Expr::Bad(p) => *p,
            Expr::Name(n) => n.pos,
            Expr::BasicLit(b) => b.pos,
            Expr::FuncType(f) => f.pos,
            Expr::CompositeLit { pos, .. }
            | Expr::KeyValue { pos, .. }
            | Expr::FuncLit { pos, .. }
            | Expr::Paren { pos, .. }
            | Expr::Selector { pos, .. }
            | Expr::Index { pos, .. }
            | Expr::Slice { pos, .. }
            | Expr::Assert { pos, .. }
            | Expr::TypeSwitchGuard { pos, .. }
            | Expr::Operation { pos, .. }
            | Expr::Call { pos, .. }
            | Expr::List { pos, .. }
            | Expr::ArrayType { pos, .. }
            | Expr::SliceType { pos, .. }
            | Expr::DotsType { pos, .. }
            | Expr::StructType { pos, .. }
            | Expr::InterfaceType { pos, .. }
            | Expr::MapType { pos, .. }
            | Expr::ChanType { pos, .. } => *pos,
        }
    }

    /// The leftmost position of the expression (gc's `StartPos`).
    pub fn start(&self) -> Pos {
        let mut x = self;
        loop {
            x = match x {
                Expr::CompositeLit { typ: Some(t), .. } => t,
                Expr::KeyValue { key, .. } => key,
                Expr::Selector { x, .. }
                | Expr::Index { x, .. }
                | Expr::Slice { x, .. }
                | Expr::Assert { x, .. }
                | Expr::TypeSwitchGuard { x, lhs: None, .. } => x,
                Expr::TypeSwitchGuard { lhs: Some(n), .. } => return n.pos,
                Expr::Operation { x, y: Some(_), .. } => x,
                Expr::Call { fun, .. } => fun,
                Expr::List { elems, .. } if !elems.is_empty() => &elems[0],
                _ => return x.pos(),
            }
        }
    }

    /// Strips enclosing parentheses (gc's `Unparen`).
    pub fn unparen(&self) -> &Expr {
        let mut x = self;
        while let Expr::Paren { x: inner, .. } = x {
            x = inner;
        }
        x
    }

    /// The elements of an expression list (gc's `UnpackListExpr`).
    pub fn list(&self) -> &[Expr] {
        match self {
            Expr::List { elems, .. } => elems,
            x => std::slice::from_ref(x),
        }
    }
}

/// A `{ … }` block.
#[derive(Clone, Debug)]
pub struct Block {
    pub pos: Pos,
    pub stmts: Vec<Stmt>,
    pub rbrace: Pos,
}

#[derive(Clone, Debug)]
pub struct CaseClause {
    pub pos: Pos,
    /// `None` for `default`.
    pub cases: Option<Expr>,
    pub body: Vec<Stmt>,
    pub colon: Pos,
}

#[derive(Clone, Debug)]
pub struct CommClause {
    pub pos: Pos,
    /// `None` for `default`.
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
    pub colon: Pos,
}

#[derive(Clone, Debug)]
pub enum Stmt {
    Empty(Pos),
    Labeled {
        pos: Pos,
        label: Name,
        stmt: Box<Stmt>,
    },
    Block(Block),
    Expr {
        pos: Pos,
        x: Expr,
    },
    Send {
        pos: Pos,
        chan: Expr,
        value: Expr,
    },
    Decl {
        pos: Pos,
        decls: Vec<DeclBox>,
    },
    /// `lhs op= rhs`, `lhs = rhs`, `lhs := rhs` (`op` = [`Operator::Def`]),
    /// `lhs++`/`lhs--` (`rhs` is `None`). `op` is `None` for plain `=`.
    Assign {
        pos: Pos,
        op: Option<Operator>,
        lhs: Expr,
        rhs: Option<Expr>,
    },
    /// `break`, `continue`, `fallthrough` or `goto`.
    Branch {
        pos: Pos,
        tok: Token,
        label: Option<Name>,
    },
    /// `go` or `defer` with its call.
    Call {
        pos: Pos,
        tok: Token,
        call: Expr,
    },
    Return {
        pos: Pos,
        results: Option<Expr>,
    },
    If {
        pos: Pos,
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        then: Block,
        els: Option<Box<Stmt>>,
    },
    For {
        pos: Pos,
        /// The init statement, or the range clause.
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    Switch {
        pos: Pos,
        init: Option<Box<Stmt>>,
        /// The tag, or an [`Expr::TypeSwitchGuard`].
        tag: Option<Expr>,
        body: Vec<CaseClause>,
        rbrace: Pos,
    },
    Select {
        pos: Pos,
        body: Vec<CommClause>,
        rbrace: Pos,
    },
    /// `[lhs (= | :=)] range x`, only as a for statement's init.
    Range {
        pos: Pos,
        lhs: Option<Expr>,
        def: bool,
        x: Expr,
    },
}

/// A declaration inside a function body.
pub type DeclBox = Box<Decl>;

impl Stmt {
    pub fn pos(&self) -> Pos {
        match self {
            Stmt::Empty(p) => *p,
            Stmt::Block(b) => b.pos,
            Stmt::Labeled { pos, .. }
            | Stmt::Expr { pos, .. }
            | Stmt::Send { pos, .. }
            | Stmt::Decl { pos, .. }
            | Stmt::Assign { pos, .. }
            | Stmt::Branch { pos, .. }
            | Stmt::Call { pos, .. }
            | Stmt::Return { pos, .. }
            | Stmt::If { pos, .. }
            | Stmt::For { pos, .. }
            | Stmt::Switch { pos, .. }
            | Stmt::Select { pos, .. }
            | Stmt::Range { pos, .. } => *pos,
        }
    }
}
