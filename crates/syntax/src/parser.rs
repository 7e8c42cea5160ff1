//! The parser: a recursive-descent parser for the Go language of the
//! reference release, producing [`crate::ast`] trees and gc's syntax errors.
//!
//! It is a close structural port of cmd/compile/internal/syntax/parser.go,
//! because what users compare is the *first* syntax error and its wording,
//! and those fall out of the exact order in which gc's parser consumes
//! tokens, what it expects at each point and how it resynchronises
//! (`advance` with follow sets, the statement-keyword stop set inside
//! functions). Method names follow gc's (`pexpr`, `header`, `paramList` →
//! `param_list`, …) so that a reader can hold the two side by side.
//!
//! Ambiguities resolved as gc does:
//! * `T{` is a composite literal only when `xnest >= 0`: inside `if`/`for`/
//!   `switch` headers `xnest` is -1, and any enclosing `(`/`[`/`{` raises it.
//! * `type T[P any] …` versus `type T [N]E`: parse an expression and split
//!   it into a name and a constraint when that is syntactically possible
//!   (`extract_name`).
//! * `<-chan T` versus `<-ch`: parse the operand, then re-associate `<-`
//!   with a channel type.
//!
//! Differences from gc: positions have no file base (the caller names the
//! file; `//line` directives are recorded in [`File::line_directives`]),
//! pragmas are kept as raw directives for the front end to interpret, and
//! nesting deeper than [`MAX_DEPTH`] is an error instead of growing the
//! stack without bound.

use crate::ast::*;
use crate::scanner::Scanner;
use crate::token::{LitKind, Operator, Token};
use crate::{Error, Pos, printer};
use std::sync::Arc;

/// The deepest nesting of expressions, types and statements accepted.
pub const MAX_DEPTH: u32 = 10_000;

/// When less stack than this is left, recursion continues on a new segment.
const STACK_RED_ZONE: usize = 128 * 1024;
/// The size of each additional stack segment.
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// Statement keywords: good synchronisation points after a syntax error
/// inside a function body.
const STOPSET: &[Token] = &[
    Token::Break,
    Token::Const,
    Token::Continue,
    Token::Defer,
    Token::Fallthrough,
    Token::For,
    Token::Go,
    Token::Goto,
    Token::If,
    Token::Return,
    Token::Select,
    Token::Switch,
    Token::Type,
    Token::Var,
];

fn tokset(toks: &[Token]) -> u64 {
    toks.iter().fold(0, |s, &t| s | 1u64 << (t as u8))
}

pub(crate) struct Parser<'a> {
    s: Scanner<'a>,
    pub errors: Vec<Error>,
    first: bool,
    errcnt: usize,
    pragma: Vec<Directive>,
    go_version: String,
    top: bool,
    fnest: i32,
    xnest: i32,
    depth: u32,
    too_deep: bool,
    groups: u32,
    keep_comments: bool,
    check_branches: bool,
    filename: String,
    pub directives: Vec<Directive>,
    pub line_directives: Vec<LineDirective>,
    pub unused_pragmas: Vec<Directive>,
    pub comments: Vec<Comment>,
}

/// Go's `strconv.ParseUint(s, 10, 0)`.
fn parse_uint(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// gc's `trailingDigits`: the index after the last `:`, the number after it,
/// and whether it parsed.
fn trailing_digits(text: &str) -> (usize, u64, bool) {
    match text.rfind(':') {
        None => (0, 0, false),
        Some(i) => match parse_uint(&text[i + 1..]) {
            Some(n) => (i + 1, n, true),
            None => (i + 1, 0, false),
        },
    }
}

const POS_MAX: u64 = 1 << 30;

impl<'a> Parser<'a> {
    pub fn new(src: &'a [u8], opts: &crate::Options) -> Parser<'a> {
        let keep_comments = opts.comments;
        Parser {
            s: Scanner::new(src, keep_comments),
            errors: Vec::new(),
            first: false,
            errcnt: 0,
            pragma: Vec::new(),
            go_version: String::new(),
            top: true,
            fnest: 0,
            xnest: 0,
            depth: 0,
            too_deep: false,
            groups: 0,
            keep_comments,
            check_branches: opts.check_branches,
            filename: opts.filename.clone(),
            directives: Vec::new(),
            line_directives: Vec::new(),
            unused_pragmas: Vec::new(),
            comments: Vec::new(),
        }
    }

    // ---- tokens ----

    fn tok(&self) -> Token {
        self.s.tok
    }

    fn next(&mut self) {
        self.s.next();
        if !self.s.errors.is_empty() {
            for e in std::mem::take(&mut self.s.errors) {
                self.error_at(Pos::new(e.line, e.col), e.msg);
            }
        }
        if !self.s.comments.is_empty() {
            for c in std::mem::take(&mut self.s.comments) {
                self.comment(c);
            }
        }
    }

    /// The scanner's comment and directive handler (gc's closure in init).
    fn comment(&mut self, c: crate::scanner::RawComment) {
        let msg = String::from_utf8_lossy(self.s.text((c.start, c.end))).into_owned();
        if self.keep_comments {
            self.comments.push(Comment {
                pos: Pos::new(c.line, c.col),
                text: msg.clone(),
            });
        }
        let text = comment_text(&msg);
        let block = msg.as_bytes().get(1) == Some(&b'*');
        if (c.col == 1 || block) && text.starts_with("line ") {
            let pos = if !block {
                Pos::new(c.line + 1, 1)
            } else {
                Pos::new(c.line, c.col + msg.len() as u32)
            };
            self.update_base(pos, c.line, c.col + 2 + 5, &text[5..]);
            return;
        }
        if text.starts_with("go:") {
            if self.top && msg.starts_with("//go:build") {
                self.go_version = crate::constraint::go_version(&msg).unwrap_or_default();
            }
            let d = Directive {
                pos: Pos::new(c.line, c.col + 2),
                text: text.to_string(),
                blank: c.blank,
            };
            self.directives.push(d.clone());
            self.pragma.push(d);
        }
    }

    fn update_base(&mut self, pos: Pos, tline: u32, tcol: u32, text: &str) {
        let (i, n, ok) = trailing_digits(text);
        if i == 0 {
            return; // not a line directive
        }
        if !ok {
            let msg = format!("invalid line number: {}", &text[i..]);
            self.error_at(Pos::new(tline, tcol + i as u32), msg);
            return;
        }
        let (mut i, mut text) = (i, text);
        let (line, col);
        let (i2, n2, ok2) = trailing_digits(&text[..i - 1]);
        if ok2 {
            let i_col = i;
            i = i2;
            line = n2;
            col = n;
            if col == 0 || col > POS_MAX {
                let msg = format!("invalid column number: {}", &text[i_col..]);
                self.error_at(Pos::new(tline, tcol + i_col as u32), msg);
                return;
            }
            text = &text[..i_col - 1];
        } else {
            line = n;
            col = 0;
        }
        if line == 0 || line > POS_MAX {
            let msg = format!("invalid line number: {}", &text[i..]);
            self.error_at(Pos::new(tline, tcol + i as u32), msg);
            return;
        }
        let mut file = text[..i - 1].to_string();
        if file.is_empty() && ok2 {
            // An empty name in the line:col form keeps the current file name.
            file = match self.line_directives.last() {
                Some(prev) => prev.file.clone(),
                None => self.filename.clone(),
            };
        }
        self.line_directives.push(LineDirective {
            pos,
            file,
            line: line as u32,
            col: col as u32,
        });
    }

    fn take_pragma(&mut self) -> Vec<Directive> {
        std::mem::take(&mut self.pragma)
    }

    fn clear_pragma(&mut self) {
        if !self.pragma.is_empty() {
            let p = std::mem::take(&mut self.pragma);
            self.unused_pragmas.extend(p);
        }
    }

    fn got(&mut self, tok: Token) -> bool {
        if self.tok() == tok {
            self.next();
            true
        } else {
            false
        }
    }

    fn want(&mut self, tok: Token) {
        if !self.got(tok) {
            self.syntax_error(&format!("expected {}", tok.describe()));
            self.advance(&[]);
        }
    }

    /// Like `got(Assign)` but also accepts `:=` (with an error).
    fn got_assign(&mut self) -> bool {
        match self.tok() {
            Token::Define => {
                self.syntax_error("expected =");
                self.next();
                true
            }
            Token::Assign => {
                self.next();
                true
            }
            _ => false,
        }
    }

    // ---- errors ----

    fn pos(&self) -> Pos {
        Pos::new(self.s.line, self.s.col)
    }

    fn error_at(&mut self, pos: Pos, msg: String) {
        self.first = true;
        self.errcnt += 1;
        self.errors.push(Error { pos, msg });
    }

    fn error(&mut self, msg: &str) {
        self.error_at(self.pos(), msg.to_string());
    }

    fn lit_text(&self) -> String {
        String::from_utf8_lossy(self.s.text(self.s.lit)).into_owned()
    }

    /// The current token as syntax errors name it.
    fn tok_desc(&self) -> String {
        match self.tok() {
            Token::Name => format!("name {}", self.lit_text()),
            Token::Semi => self.s.semi_lit.to_string(),
            Token::Literal => format!("literal {}", self.lit_text()),
            Token::Operator => self.s.op.as_str().to_string(),
            Token::AssignOp => format!("{}=", self.s.op),
            Token::IncOp => format!("{0}{0}", self.s.op),
            t => t.describe(),
        }
    }

    fn syntax_error_at(&mut self, pos: Pos, msg: &str) {
        if self.tok() == Token::Eof && self.first {
            return; // avoid meaningless follow-up errors
        }
        let msg = if msg.is_empty() {
            String::new()
        } else if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
            format!(" {msg}")
        } else if msg.starts_with("expected ") {
            format!(", {msg}")
        } else {
            self.error_at(pos, format!("syntax error: {msg}"));
            return;
        };
        let tok = self.tok_desc();
        self.error_at(pos, format!("syntax error: unexpected {tok}{msg}"));
    }

    fn syntax_error(&mut self, msg: &str) {
        self.syntax_error_at(self.pos(), msg);
    }

    /// Skips tokens until one in `follow` (or, inside functions, a statement
    /// keyword); with an empty list, skips exactly one token.
    fn advance(&mut self, follow: &[Token]) {
        let mut set = 1u64 << (Token::Eof as u8);
        if !follow.is_empty() {
            if self.fnest > 0 {
                set |= tokset(STOPSET);
            }
            set |= tokset(follow);
        }
        while set & (1u64 << (self.tok() as u8)) == 0 {
            self.next();
            if follow.is_empty() {
                break;
            }
        }
    }

    /// Runs `f` one nesting level deeper, on a stack grown as needed. Past
    /// [`MAX_DEPTH`] it reports once, skips to EOF and returns `bad`.
    fn nest<T>(&mut self, bad: impl FnOnce(Pos) -> T, f: impl FnOnce(&mut Self) -> T) -> T {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.error_at(self.pos(), "syntax error: nesting too deep".into());
            }
            while self.tok() != Token::Eof {
                self.next();
            }
            return bad(self.pos());
        }
        self.depth += 1;
        let r = stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || f(self));
        self.depth -= 1;
        r
    }

    // ---- package files ----

    /// SourceFile = PackageClause ";" { ImportDecl ";" } { TopLevelDecl ";" } .
    pub fn file(&mut self) -> Option<File> {
        self.next();
        let mut f = File {
            pos: self.pos(),
            ..File::default()
        };
        f.go_version = self.go_version.clone();
        self.top = false;
        if !self.got(Token::Package) {
            self.syntax_error("package statement must be first");
            return None;
        }
        f.pragma = self.take_pragma();
        f.pkg_name = self.name();
        self.want(Token::Semi);
        if self.first {
            return None;
        }

        let mut prev = Token::Import;
        while self.tok() != Token::Eof {
            if self.tok() == Token::Import && prev != Token::Import {
                self.syntax_error("imports must appear before other declarations");
            }
            prev = self.tok();
            match self.tok() {
                Token::Import => {
                    self.next();
                    self.append_group(&mut f.decls, Self::import_decl);
                }
                Token::Const => {
                    self.next();
                    self.append_group(&mut f.decls, Self::const_decl);
                }
                Token::Type => {
                    self.next();
                    self.append_group(&mut f.decls, Self::type_decl);
                }
                Token::Var => {
                    self.next();
                    self.append_group(&mut f.decls, Self::var_decl);
                }
                Token::Func => {
                    self.next();
                    let d = self.func_decl();
                    f.decls.push(Decl::Func(d));
                }
                _ => {
                    let after_empty_func =
                        matches!(f.decls.last(), Some(Decl::Func(d)) if d.body.is_none());
                    if self.tok() == Token::Lbrace && after_empty_func {
                        self.syntax_error("unexpected semicolon or newline before {");
                    } else {
                        self.syntax_error("non-declaration statement outside function body");
                    }
                    self.advance(&[
                        Token::Import,
                        Token::Const,
                        Token::Type,
                        Token::Var,
                        Token::Func,
                    ]);
                    continue;
                }
            }
            // Reset the pragma before consuming ';': comments before the
            // next declaration may set pragmas for it.
            self.clear_pragma();
            if self.tok() != Token::Eof && !self.got(Token::Semi) {
                self.syntax_error("after top level declaration");
                self.advance(&[
                    Token::Import,
                    Token::Const,
                    Token::Type,
                    Token::Var,
                    Token::Func,
                ]);
            }
        }
        self.clear_pragma();
        f.eof = self.pos();
        Some(f)
    }

    /// list = [ f { sep f } [sep] ] close .  Returns the position of close.
    fn list(
        &mut self,
        context: &str,
        sep: Token,
        close: Token,
        f: &mut dyn FnMut(&mut Self) -> bool,
    ) -> Pos {
        let mut done = false;
        while self.tok() != Token::Eof && self.tok() != close && !done {
            done = f(self);
            if !self.got(sep) && self.tok() != close {
                let msg = format!(
                    "in {context}; possibly missing {} or {}",
                    sep.describe(),
                    close.describe()
                );
                self.syntax_error(&msg);
                self.advance(&[Token::Rparen, Token::Rbrack, Token::Rbrace]);
                if self.tok() != close {
                    return self.pos();
                }
            }
        }
        let pos = self.pos();
        self.want(close);
        pos
    }

    /// appendGroup(f) = f | "(" { f ";" } ")" .
    fn append_group(&mut self, list: &mut Vec<Decl>, f: fn(&mut Self, Option<GroupId>) -> Decl) {
        if self.tok() == Token::Lparen {
            self.groups += 1;
            let g = Some(self.groups);
            self.clear_pragma();
            self.next(); // consume "(" after clearing the pragma
            self.list(
                "grouped declaration",
                Token::Semi,
                Token::Rparen,
                &mut |p| {
                    list.push(f(p, g));
                    false
                },
            );
        } else {
            list.push(f(self, None));
        }
    }

    /// ImportSpec = [ "." | PackageName ] ImportPath .
    fn import_decl(&mut self, group: Option<GroupId>) -> Decl {
        let mut d = ImportDecl {
            pos: self.pos(),
            group,
            pragma: self.take_pragma(),
            local_name: None,
            path: None,
        };
        match self.tok() {
            Token::Name => d.local_name = Some(self.name()),
            Token::Dot => {
                d.local_name = Some(Name::new(self.pos(), "."));
                self.next();
            }
            _ => {}
        }
        d.path = self.oliteral();
        match &mut d.path {
            None => {
                self.syntax_error("missing import path");
                self.advance(&[Token::Semi, Token::Rparen]);
            }
            Some(path) if !path.bad && path.kind != LitKind::String => {
                let pos = path.pos;
                path.bad = true;
                self.syntax_error_at(pos, "import path must be a string");
            }
            _ => {}
        }
        Decl::Import(d)
    }

    /// ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
    fn const_decl(&mut self, group: Option<GroupId>) -> Decl {
        let pos = self.pos();
        let pragma = self.take_pragma();
        let first = self.name();
        let names = self.name_list(first);
        let (mut typ, mut values) = (None, None);
        if !matches!(self.tok(), Token::Eof | Token::Semi | Token::Rparen) {
            typ = self.type_or_nil();
            if self.got_assign() {
                values = Some(self.expr_list());
            }
        }
        Decl::Const(ConstDecl {
            pos,
            group,
            pragma,
            names,
            typ,
            values,
        })
    }

    /// TypeSpec = identifier [ TypeParams ] [ "=" ] Type .
    fn type_decl(&mut self, group: Option<GroupId>) -> Decl {
        let pos = self.pos();
        let pragma = self.take_pragma();
        let name = self.name();
        let mut tparams = Vec::new();
        let mut alias = false;
        let typ;
        if self.tok() == Token::Lbrack {
            // array/slice type or type parameter list
            let lpos = self.pos();
            self.next();
            match self.tok() {
                Token::Name => {
                    let n = self.name();
                    let mut x = Expr::Name(n);
                    if self.tok() != Token::Lbrack {
                        // Parse the expression starting with the name.
                        self.xnest += 1;
                        let px = self.pexpr(Some(x), false);
                        x = self.binary_expr(Some(px), 0);
                        self.xnest -= 1;
                    }
                    let force = self.tok() == Token::Comma;
                    match extract_name(x, force) {
                        Ok((pname, ptype)) if ptype.is_some() || self.tok() != Token::Rbrack => {
                            tparams =
                                self.param_list(Some(pname), ptype, Token::Rbrack, true, false);
                            alias = self.got_assign();
                            typ = self.type_or_nil();
                        }
                        Ok((pname, _)) => {
                            typ = Some(self.array_type(lpos, Some(Expr::Name(pname))));
                        }
                        Err(x) => {
                            typ = Some(self.array_type(lpos, Some(x)));
                        }
                    }
                }
                Token::Rbrack => {
                    self.next();
                    typ = Some(self.slice_type(lpos));
                }
                _ => typ = Some(self.array_type(lpos, None)),
            }
        } else {
            alias = self.got_assign();
            typ = self.type_or_nil();
        }
        let typ = match typ {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("in type declaration");
                self.advance(&[Token::Semi, Token::Rparen]);
                b
            }
        };
        Decl::Type(TypeDecl {
            pos,
            group,
            pragma,
            name,
            tparams,
            alias,
            typ,
        })
    }

    /// VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
    fn var_decl(&mut self, group: Option<GroupId>) -> Decl {
        let pos = self.pos();
        let pragma = self.take_pragma();
        let first = self.name();
        let names = self.name_list(first);
        let (mut typ, mut values) = (None, None);
        if self.got_assign() {
            values = Some(self.expr_list());
        } else {
            typ = Some(self.type_());
            if self.got_assign() {
                values = Some(self.expr_list());
            }
        }
        Decl::Var(VarDecl {
            pos,
            group,
            pragma,
            names,
            typ,
            values,
        })
    }

    /// FunctionDecl = "func" FunctionName [ TypeParams ] ( Function | Signature ) .
    /// MethodDecl   = "func" Receiver MethodName ( Function | Signature ) .
    fn func_decl(&mut self) -> FuncDecl {
        let pos = self.pos();
        let pragma = self.take_pragma();
        let mut recv = None;
        let mut context = "";
        if self.got(Token::Lparen) {
            context = "method";
            let mut rcvr = self.param_list(None, None, Token::Rparen, false, false);
            match rcvr.len() {
                0 => self.error("method has no receiver"),
                1 => recv = rcvr.pop(),
                _ => {
                    self.error("method has multiple receivers");
                    recv = Some(rcvr.swap_remove(0));
                }
            }
        }
        let (name, tparams, typ);
        if self.tok() == Token::Name {
            name = self.name();
            (tparams, typ) = self.func_type(context);
        } else {
            name = Name::new(self.pos(), "_");
            tparams = Vec::new();
            typ = FuncType {
                pos: self.pos(),
                params: Vec::new(),
                results: Vec::new(),
            };
            let msg = if context.is_empty() {
                "expected name or ("
            } else {
                "expected name"
            };
            self.syntax_error(msg);
            self.advance(&[Token::Lbrace, Token::Semi]);
        }
        let body = if self.tok() == Token::Lbrace {
            Some(self.func_body())
        } else {
            None
        };
        FuncDecl {
            pos,
            pragma,
            recv,
            name,
            tparams,
            typ,
            body,
        }
    }

    fn func_body(&mut self) -> Block {
        self.fnest += 1;
        let errcnt = self.errcnt;
        let body = self.block_stmt("");
        self.fnest -= 1;
        // Branches are checked only in functions without syntax errors.
        if self.check_branches && errcnt == self.errcnt {
            let errs = crate::branches::check_branches(&body, &self.filename);
            for e in errs {
                self.error_at(e.pos, e.msg);
            }
        }
        body
    }

    // ---- expressions ----

    pub(crate) fn expr(&mut self) -> Expr {
        self.binary_expr(None, 0)
    }

    /// Expression = UnaryExpr | Expression binary_op Expression .
    fn binary_expr(&mut self, x: Option<Expr>, prec: u8) -> Expr {
        self.nest(Expr::Bad, |p| p.binary_expr_inner(x, prec))
    }

    fn binary_expr_inner(&mut self, x: Option<Expr>, prec: u8) -> Expr {
        let mut x = match x {
            Some(x) => x,
            None => self.unary_expr(),
        };
        while matches!(self.tok(), Token::Operator | Token::Star) && self.s.prec > prec {
            let pos = self.pos();
            let op = self.s.op;
            let tprec = self.s.prec;
            self.next();
            let y = self.binary_expr(None, tprec);
            x = Expr::Operation {
                pos,
                op,
                x: Box::new(x),
                y: Some(Box::new(y)),
            };
        }
        x
    }

    /// UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
    fn unary_expr(&mut self) -> Expr {
        self.nest(Expr::Bad, Self::unary_expr_inner)
    }

    fn unary_expr_inner(&mut self) -> Expr {
        match self.tok() {
            Token::Operator | Token::Star => {
                let op = self.s.op;
                match op {
                    Operator::Mul
                    | Operator::Add
                    | Operator::Sub
                    | Operator::Not
                    | Operator::Xor
                    | Operator::Tilde => {
                        let pos = self.pos();
                        self.next();
                        let x = self.unary_expr();
                        return Expr::Operation {
                            pos,
                            op,
                            x: Box::new(x),
                            y: None,
                        };
                    }
                    Operator::And => {
                        let pos = self.pos();
                        self.next();
                        // unary_expr may have returned a parenthesized
                        // composite literal: drop the parentheses.
                        let x = self.unary_expr();
                        let x = unparen_owned(x);
                        return Expr::Operation {
                            pos,
                            op,
                            x: Box::new(x),
                            y: None,
                        };
                    }
                    _ => {}
                }
            }
            Token::Arrow => {
                // receive op (<-x) or receive-only channel type (<-chan E)
                let pos = self.pos();
                self.next();
                let x = self.unary_expr();
                if let Expr::ChanType { .. } = x {
                    // Re-associate <- with the channel type parsed already:
                    // <-(chan E) => (<-chan E); <-(chan<-E) => (<-chan (<-E)).
                    let mut x = x;
                    let mut dir = ChanDir::SendOnly;
                    let mut err: Option<String> = None;
                    {
                        let mut t = &mut x;
                        while dir == ChanDir::SendOnly {
                            let Expr::ChanType { dir: d, elem, .. } = t else {
                                break;
                            };
                            dir = *d;
                            if dir == ChanDir::RecvOnly {
                                // <-<-chan E is not permitted
                                err = Some("unexpected <-, expected chan".into());
                            }
                            *d = ChanDir::RecvOnly;
                            t = elem;
                        }
                        if dir == ChanDir::SendOnly {
                            err = Some(format!(
                                "unexpected {}, expected chan",
                                printer::expr_string(t)
                            ));
                        }
                    }
                    if let Some(msg) = err {
                        self.syntax_error(&msg);
                    }
                    return x;
                }
                return Expr::Operation {
                    pos,
                    op: Operator::Recv,
                    x: Box::new(x),
                    y: None,
                };
            }
            _ => {}
        }
        self.pexpr(None, true)
    }

    /// Parses the call of a `go` or `defer` statement.
    fn call_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let tok = self.tok();
        self.next();
        let keep = self.tok() == Token::Lparen;
        let x = self.pexpr(None, keep);
        let call = if let Expr::Paren { .. } = x {
            let msg = format!("expression in {tok} must not be parenthesized");
            self.error_at(x.pos(), msg);
            unparen_owned(x)
        } else {
            x
        };
        Stmt::Call { pos, tok, call }
    }

    /// Operand = Literal | OperandName | MethodExpr | "(" Expression ")" .
    fn operand(&mut self, mut keep_parens: bool) -> Expr {
        match self.tok() {
            Token::Name => Expr::Name(self.name()),
            Token::Literal => Expr::BasicLit(self.oliteral().expect("literal token")),
            Token::Lparen => {
                let pos = self.pos();
                self.next();
                self.xnest += 1;
                let x = self.expr();
                self.xnest -= 1;
                self.want(Token::Rparen);
                // Keep the parentheses where gc reports on them: around a
                // composite literal type, and the operand of go/defer.
                if self.tok() == Token::Lbrace {
                    keep_parens = true;
                }
                if keep_parens {
                    Expr::Paren {
                        pos,
                        x: Box::new(x),
                    }
                } else {
                    x
                }
            }
            Token::Func => {
                let pos = self.pos();
                self.next();
                let (_, ftyp) = self.func_type("function type");
                if self.tok() == Token::Lbrace {
                    self.xnest += 1;
                    let body = self.func_body();
                    self.xnest -= 1;
                    Expr::FuncLit {
                        pos,
                        typ: Box::new(ftyp),
                        body: Box::new(body),
                    }
                } else {
                    Expr::FuncType(Box::new(ftyp))
                }
            }
            Token::Lbrack | Token::Chan | Token::Map | Token::Struct | Token::Interface => {
                self.type_()
            }
            _ => {
                let x = self.bad_expr();
                self.syntax_error("expected expression");
                self.advance(&[Token::Rparen, Token::Rbrack, Token::Rbrace]);
                x
            }
        }
    }

    /// PrimaryExpr: operand followed by selectors, indices, slices, type
    /// assertions, calls and composite literal bodies.
    fn pexpr(&mut self, x: Option<Expr>, keep_parens: bool) -> Expr {
        let mut x = match x {
            Some(x) => x,
            None => self.operand(keep_parens),
        };
        loop {
            let pos = self.pos();
            match self.tok() {
                Token::Dot => {
                    self.next();
                    match self.tok() {
                        Token::Name => {
                            let sel = self.name();
                            x = Expr::Selector {
                                pos,
                                x: Box::new(x),
                                sel,
                            };
                        }
                        Token::Lparen => {
                            self.next();
                            if self.got(Token::Type) {
                                x = Expr::TypeSwitchGuard {
                                    pos,
                                    lhs: None,
                                    x: Box::new(x),
                                };
                            } else {
                                let typ = self.type_();
                                x = Expr::Assert {
                                    pos,
                                    x: Box::new(x),
                                    typ: Box::new(typ),
                                };
                            }
                            self.want(Token::Rparen);
                        }
                        _ => {
                            self.syntax_error("expected name or (");
                            self.advance(&[Token::Semi, Token::Rparen]);
                        }
                    }
                }
                Token::Lbrack => {
                    self.next();
                    let mut i = None;
                    if self.tok() != Token::Colon {
                        let mut comma = false;
                        let idx = if self.tok() == Token::Rbrack {
                            // invalid empty instance, slice or index expression
                            self.syntax_error("expected operand");
                            self.bad_expr()
                        } else {
                            let (t, c) = self.type_list(false);
                            comma = c;
                            t
                        };
                        if comma || self.tok() == Token::Rbrack {
                            self.want(Token::Rbrack);
                            x = Expr::Index {
                                pos,
                                x: Box::new(x),
                                index: Box::new(idx),
                            };
                            continue;
                        }
                        i = Some(Box::new(idx));
                    }
                    // x[i:...
                    if !self.got(Token::Colon) {
                        self.syntax_error("expected comma, : or ]");
                        self.advance(&[Token::Comma, Token::Colon, Token::Rbrack]);
                    }
                    self.xnest += 1;
                    let mut index = [i, None, None];
                    let mut full = false;
                    if self.tok() != Token::Colon && self.tok() != Token::Rbrack {
                        index[1] = Some(Box::new(self.expr()));
                    }
                    if self.tok() == Token::Colon {
                        full = true;
                        if index[1].is_none() {
                            self.error("middle index required in 3-index slice");
                            index[1] = Some(Box::new(self.bad_expr()));
                        }
                        self.next();
                        if self.tok() != Token::Rbrack {
                            index[2] = Some(Box::new(self.expr()));
                        } else {
                            self.error("final index required in 3-index slice");
                            index[2] = Some(Box::new(self.bad_expr()));
                        }
                    }
                    self.xnest -= 1;
                    self.want(Token::Rbrack);
                    x = Expr::Slice {
                        pos,
                        x: Box::new(x),
                        index,
                        full,
                    };
                }
                Token::Lparen => {
                    self.next();
                    let (args, has_dots) = self.arg_list();
                    x = Expr::Call {
                        pos,
                        fun: Box::new(x),
                        args,
                        has_dots,
                    };
                }
                Token::Lbrace => {
                    // Does '{' start a composite literal or a block?
                    let t = x.unparen();
                    let complit_ok = match t {
                        Expr::Name(_) | Expr::Selector { .. } => self.xnest >= 0,
                        Expr::Index { .. } => self.xnest >= 0 && !is_value(t),
                        Expr::ArrayType { .. }
                        | Expr::SliceType { .. }
                        | Expr::StructType { .. }
                        | Expr::MapType { .. } => true,
                        _ => false,
                    };
                    if !complit_ok {
                        break;
                    }
                    if let Expr::Paren { .. } = x {
                        self.syntax_error("cannot parenthesize type in composite literal");
                    }
                    x = self.complitexpr(Some(x));
                }
                _ => break,
            }
        }
        x
    }

    /// Element = Expression | LiteralValue .
    fn bare_complitexpr(&mut self) -> Expr {
        if self.tok() == Token::Lbrace {
            return self.complitexpr(None);
        }
        self.expr()
    }

    /// LiteralValue = "{" [ ElementList [ "," ] ] "}" .
    fn complitexpr(&mut self, typ: Option<Expr>) -> Expr {
        self.nest(Expr::Bad, |p| p.complitexpr_inner(typ))
    }

    fn complitexpr_inner(&mut self, typ: Option<Expr>) -> Expr {
        let pos = self.pos();
        let mut elems = Vec::new();
        let mut nkeys = 0;
        self.xnest += 1;
        self.want(Token::Lbrace);
        let rbrace = self.list("composite literal", Token::Comma, Token::Rbrace, &mut |p| {
            let mut e = p.bare_complitexpr();
            if p.tok() == Token::Colon {
                let kpos = p.pos();
                p.next();
                let value = p.bare_complitexpr();
                e = Expr::KeyValue {
                    pos: kpos,
                    key: Box::new(e),
                    value: Box::new(value),
                };
                nkeys += 1;
            }
            elems.push(e);
            false
        });
        self.xnest -= 1;
        Expr::CompositeLit {
            pos,
            typ: typ.map(Box::new),
            elems,
            nkeys,
            rbrace,
        }
    }

    // ---- types ----

    fn type_(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let t = self.bad_expr();
                self.syntax_error("expected type");
                self.advance(&[
                    Token::Comma,
                    Token::Colon,
                    Token::Semi,
                    Token::Rparen,
                    Token::Rbrack,
                    Token::Rbrace,
                ]);
                t
            }
        }
    }

    /// Type = TypeName | TypeLit | "(" Type ")" ; None when there is no type.
    fn type_or_nil(&mut self) -> Option<Expr> {
        self.nest(|pos| Some(Expr::Bad(pos)), Self::type_or_nil_inner)
    }

    fn type_or_nil_inner(&mut self) -> Option<Expr> {
        let pos = self.pos();
        Some(match self.tok() {
            Token::Star => {
                self.next();
                let t = self.type_();
                new_indirect(pos, t)
            }
            Token::Arrow => {
                self.next();
                self.want(Token::Chan);
                let elem = self.chan_elem();
                Expr::ChanType {
                    pos,
                    dir: ChanDir::RecvOnly,
                    elem: Box::new(elem),
                }
            }
            Token::Func => {
                self.next();
                let (_, t) = self.func_type("function type");
                Expr::FuncType(Box::new(t))
            }
            Token::Lbrack => {
                self.next();
                if self.got(Token::Rbrack) {
                    return Some(self.slice_type(pos));
                }
                self.array_type(pos, None)
            }
            Token::Chan => {
                self.next();
                let dir = if self.got(Token::Arrow) {
                    ChanDir::SendOnly
                } else {
                    ChanDir::Both
                };
                let elem = self.chan_elem();
                Expr::ChanType {
                    pos,
                    dir,
                    elem: Box::new(elem),
                }
            }
            Token::Map => {
                self.next();
                self.want(Token::Lbrack);
                let key = self.type_();
                self.want(Token::Rbrack);
                let value = self.type_();
                Expr::MapType {
                    pos,
                    key: Box::new(key),
                    value: Box::new(value),
                }
            }
            Token::Struct => self.struct_type(),
            Token::Interface => self.interface_type(),
            Token::Name => self.qualified_name(None),
            Token::Lparen => {
                self.next();
                let t = self.type_();
                self.want(Token::Rparen);
                t
            }
            _ => return None,
        })
    }

    fn type_instance(&mut self, typ: Expr) -> Expr {
        let pos = self.pos();
        self.want(Token::Lbrack);
        let index = if self.tok() == Token::Rbrack {
            self.syntax_error("expected type argument list");
            self.bad_expr()
        } else {
            self.type_list(true).0
        };
        self.want(Token::Rbrack);
        Expr::Index {
            pos,
            x: Box::new(typ),
            index: Box::new(index),
        }
    }

    /// Parses `[TypeParams] Parameters Result`; `context` non-empty means
    /// type parameters are not permitted.
    fn func_type(&mut self, context: &str) -> (Vec<Field>, FuncType) {
        let pos = self.pos();
        let mut tparams = Vec::new();
        if self.got(Token::Lbrack) {
            if !context.is_empty() {
                // accept but complain
                self.syntax_error_at(pos, &format!("{context} must have no type parameters"));
            }
            if self.tok() == Token::Rbrack {
                self.syntax_error("empty type parameter list");
                self.next();
            } else {
                tparams = self.param_list(None, None, Token::Rbrack, true, false);
            }
        }
        self.want(Token::Lparen);
        let params = self.param_list(None, None, Token::Rparen, false, true);
        let results = self.func_result();
        (
            tparams,
            FuncType {
                pos,
                params,
                results,
            },
        )
    }

    /// "[" has been consumed (at pos); `len` is an already parsed length.
    fn array_type(&mut self, pos: Pos, len: Option<Expr>) -> Expr {
        let mut len = len;
        if len.is_none() && !self.got(Token::DotDotDot) {
            self.xnest += 1;
            len = Some(self.expr());
            self.xnest -= 1;
        }
        if self.tok() == Token::Comma {
            // Trailing commas are accepted in type parameter lists but not
            // in array type declarations.
            self.syntax_error("unexpected comma; expected ]");
            self.next();
        }
        self.want(Token::Rbrack);
        let elem = self.type_();
        Expr::ArrayType {
            pos,
            len: len.map(Box::new),
            elem: Box::new(elem),
        }
    }

    fn slice_type(&mut self, pos: Pos) -> Expr {
        let elem = self.type_();
        Expr::SliceType {
            pos,
            elem: Box::new(elem),
        }
    }

    fn chan_elem(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let t = self.bad_expr();
                self.syntax_error("missing channel element type");
                t
            }
        }
    }

    /// StructType = "struct" "{" { FieldDecl ";" } "}" .
    fn struct_type(&mut self) -> Expr {
        let pos = self.pos();
        self.want(Token::Struct);
        self.want(Token::Lbrace);
        let mut fields = Vec::new();
        let mut tags = Vec::new();
        self.list("struct type", Token::Semi, Token::Rbrace, &mut |p| {
            p.field_decl(&mut fields, &mut tags);
            false
        });
        Expr::StructType { pos, fields, tags }
    }

    /// InterfaceType = "interface" "{" { ( MethodDecl | EmbeddedElem ) ";" } "}" .
    fn interface_type(&mut self) -> Expr {
        let pos = self.pos();
        self.want(Token::Interface);
        self.want(Token::Lbrace);
        let mut methods = Vec::new();
        self.list("interface type", Token::Semi, Token::Rbrace, &mut |p| {
            let f = if p.tok() == Token::Name {
                let f = p.method_decl();
                if f.name.is_none() {
                    p.embedded_elem(Some(f))
                } else {
                    f
                }
            } else {
                p.embedded_elem(None)
            };
            methods.push(f);
            false
        });
        Expr::InterfaceType { pos, methods }
    }

    /// Result = Parameters | Type .
    fn func_result(&mut self) -> Vec<Field> {
        if self.got(Token::Lparen) {
            return self.param_list(None, None, Token::Rparen, false, false);
        }
        let pos = self.pos();
        match self.type_or_nil() {
            Some(typ) => vec![Field {
                pos,
                name: None,
                typ: Arc::new(typ),
            }],
            None => Vec::new(),
        }
    }

    fn add_field(
        fields: &mut Vec<Field>,
        tags: &mut Vec<Option<BasicLit>>,
        pos: Pos,
        name: Option<Name>,
        typ: Arc<Expr>,
        tag: Option<BasicLit>,
    ) {
        if tag.is_some() {
            while tags.len() < fields.len() {
                tags.push(None);
            }
            tags.push(tag);
        }
        fields.push(Field { pos, name, typ });
    }

    /// FieldDecl = (IdentifierList Type | AnonymousField) [ Tag ] .
    fn field_decl(&mut self, fields: &mut Vec<Field>, tags: &mut Vec<Option<BasicLit>>) {
        let pos = self.pos();
        match self.tok() {
            Token::Name => {
                let name = self.name();
                if matches!(
                    self.tok(),
                    Token::Dot | Token::Literal | Token::Semi | Token::Rbrace
                ) {
                    // embedded type
                    let typ = self.qualified_name(Some(name));
                    let tag = self.oliteral();
                    Self::add_field(fields, tags, pos, None, Arc::new(typ), tag);
                    return;
                }
                // name1, name2, ... Type [ tag ]
                let names = self.name_list(name);
                let typ = if names.len() == 1 && self.tok() == Token::Lbrack {
                    // embedded instantiated type T[P1, P2] or field T [P]E
                    let t = self.array_or_targs();
                    if let Expr::Index {
                        pos: ipos, index, ..
                    } = t
                    {
                        let name = names.into_iter().next().expect("one name");
                        let typ = Expr::Index {
                            pos: ipos,
                            x: Box::new(Expr::Name(name)),
                            index,
                        };
                        let tag = self.oliteral();
                        Self::add_field(fields, tags, pos, None, Arc::new(typ), tag);
                        return;
                    }
                    t
                } else {
                    self.type_()
                };
                let typ = Arc::new(typ);
                let tag = self.oliteral();
                for name in names {
                    Self::add_field(fields, tags, name.pos, Some(name), typ.clone(), tag.clone());
                }
            }
            Token::Star => {
                self.next();
                let typ = if self.tok() == Token::Lparen {
                    // *(T)
                    self.syntax_error("cannot parenthesize embedded type");
                    self.next();
                    let t = self.qualified_name(None);
                    self.got(Token::Rparen);
                    t
                } else {
                    self.qualified_name(None)
                };
                let tag = self.oliteral();
                Self::add_field(
                    fields,
                    tags,
                    pos,
                    None,
                    Arc::new(new_indirect(pos, typ)),
                    tag,
                );
            }
            Token::Lparen => {
                self.syntax_error("cannot parenthesize embedded type");
                self.next();
                let typ = if self.tok() == Token::Star {
                    // (*T)
                    let spos = self.pos();
                    self.next();
                    let t = self.qualified_name(None);
                    new_indirect(spos, t)
                } else {
                    self.qualified_name(None)
                };
                self.got(Token::Rparen);
                let tag = self.oliteral();
                Self::add_field(fields, tags, pos, None, Arc::new(typ), tag);
            }
            _ => {
                self.syntax_error("expected field name or embedded type");
                self.advance(&[Token::Semi, Token::Rbrace]);
            }
        }
    }

    /// After a name: `[n]E` (array type) or `[T1, T2]` (type arguments; the
    /// result is an Index whose `x` the caller fills in).
    fn array_or_targs(&mut self) -> Expr {
        let pos = self.pos();
        self.want(Token::Lbrack);
        if self.got(Token::Rbrack) {
            return self.slice_type(pos);
        }
        let (n, comma) = self.type_list(false);
        self.want(Token::Rbrack);
        if !comma && let Some(elem) = self.type_or_nil() {
            return Expr::ArrayType {
                pos,
                len: Some(Box::new(n)),
                elem: Box::new(elem),
            };
        }
        Expr::Index {
            pos,
            x: Box::new(Expr::Bad(pos)),
            index: Box::new(n),
        }
    }

    fn oliteral(&mut self) -> Option<BasicLit> {
        if self.tok() != Token::Literal {
            return None;
        }
        let b = BasicLit {
            pos: self.pos(),
            value: self.lit_text(),
            kind: self.s.kind,
            bad: self.s.bad,
        };
        self.next();
        Some(b)
    }

    /// MethodSpec = MethodName Signature | InterfaceTypeName .
    fn method_decl(&mut self) -> Field {
        let pos = self.pos();
        let name = self.name();
        const CONTEXT: &str = "interface method";
        let method = |name: Name, ft: FuncType| Field {
            pos,
            name: Some(name),
            typ: Arc::new(Expr::FuncType(Box::new(ft))),
        };
        let embedded = |typ: Expr| Field {
            pos,
            name: None,
            typ: Arc::new(typ),
        };
        match self.tok() {
            Token::Lparen => {
                let (_, ft) = self.func_type(CONTEXT);
                method(name, ft)
            }
            Token::Lbrack => {
                // A generic method m[T C](x T) (accepted, with an error) or
                // an embedded instantiated type T[P1, P2].
                let lpos = self.pos();
                self.next();
                if self.tok() == Token::Rbrack {
                    let epos = self.pos();
                    self.next();
                    if self.tok() == Token::Lparen {
                        self.error_at(epos, "empty type parameter list".into());
                        let (_, ft) = self.func_type(CONTEXT);
                        return method(name, ft);
                    }
                    self.error_at(epos, "empty type argument list".into());
                    return embedded(Expr::Name(name));
                }
                let list = self.param_list(None, None, Token::Rbrack, false, false);
                if list.is_empty() {
                    if self.tok() == Token::Lparen {
                        let (_, ft) = self.func_type(CONTEXT);
                        return method(name, ft);
                    }
                    return embedded(Expr::Name(name));
                }
                if list[0].name.is_some() {
                    // generic method
                    let (_, ft) = self.func_type(CONTEXT);
                    self.error_at(lpos, "interface method must have no type parameters".into());
                    return method(name, ft);
                }
                // embedded instantiated type
                let index = if list.len() == 1 {
                    Arc::unwrap_or_clone(list.into_iter().next().expect("one").typ)
                } else {
                    let lp = list[0].pos;
                    Expr::List {
                        pos: lp,
                        elems: list
                            .into_iter()
                            .map(|f| Arc::unwrap_or_clone(f.typ))
                            .collect(),
                    }
                };
                embedded(Expr::Index {
                    pos: lpos,
                    x: Box::new(Expr::Name(name)),
                    index: Box::new(index),
                })
            }
            _ => {
                let t = self.qualified_name(Some(name));
                embedded(t)
            }
        }
    }

    /// EmbeddedElem = MethodSpec | EmbeddedTerm { "|" EmbeddedTerm } .
    fn embedded_elem(&mut self, f: Option<Field>) -> Field {
        let mut f = match f {
            Some(f) => f,
            None => {
                let pos = self.pos();
                let typ = self.embedded_term();
                Field {
                    pos,
                    name: None,
                    typ: Arc::new(typ),
                }
            }
        };
        while self.tok() == Token::Operator && self.s.op == Operator::Or {
            let pos = self.pos();
            self.next();
            let y = self.embedded_term();
            let x = Arc::unwrap_or_clone(std::mem::replace(&mut f.typ, Arc::new(Expr::Bad(pos))));
            f.typ = Arc::new(Expr::Operation {
                pos,
                op: Operator::Or,
                x: Box::new(x),
                y: Some(Box::new(y)),
            });
        }
        f
    }

    /// EmbeddedTerm = [ "~" ] Type .
    fn embedded_term(&mut self) -> Expr {
        if self.tok() == Token::Operator && self.s.op == Operator::Tilde {
            let pos = self.pos();
            self.next();
            let x = self.type_();
            return Expr::Operation {
                pos,
                op: Operator::Tilde,
                x: Box::new(x),
                y: None,
            };
        }
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let t = self.bad_expr();
                self.syntax_error("expected ~ term or type");
                self.advance(&[
                    Token::Operator,
                    Token::Semi,
                    Token::Rparen,
                    Token::Rbrack,
                    Token::Rbrace,
                ]);
                t
            }
        }
    }

    /// ParameterDecl = [ IdentifierList ] [ "..." ] Type .
    /// Returns a field with a name and/or a type (`Bad` standing for none).
    fn param_decl_or_nil(&mut self, name: Option<Name>, follow: Token) -> Option<PField> {
        let type_sets_ok = follow == Token::Rbrack;
        let mut pos = self.pos();
        if let Some(n) = &name {
            pos = n.pos;
        } else if type_sets_ok && self.tok() == Token::Operator && self.s.op == Operator::Tilde {
            let f = self.embedded_elem(None);
            return Some(PField {
                pos: f.pos,
                name: None,
                typ: Some(Arc::unwrap_or_clone(f.typ)),
            });
        }
        let mut f = PField {
            pos,
            name: None,
            typ: None,
        };
        let is_or = |p: &Self| type_sets_ok && p.tok() == Token::Operator && p.s.op == Operator::Or;

        if self.tok() == Token::Name || name.is_some() {
            let name = match name {
                Some(n) => n,
                None => self.name(),
            };
            if self.tok() == Token::Lbrack {
                // name "[" ...
                let t = self.array_or_targs();
                match t {
                    Expr::Index {
                        pos: ipos, index, ..
                    } => {
                        f.typ = Some(Expr::Index {
                            pos: ipos,
                            x: Box::new(Expr::Name(name)),
                            index,
                        });
                    }
                    t => {
                        // name "[" n "]" E
                        f.name = Some(name);
                        f.typ = Some(t);
                    }
                }
                if is_or(self) {
                    return Some(self.embedded_pfield(f));
                }
                return Some(f);
            }
            if self.tok() == Token::Dot {
                // name "." ...
                f.typ = Some(self.qualified_name(Some(name)));
                if is_or(self) {
                    return Some(self.embedded_pfield(f));
                }
                return Some(f);
            }
            if is_or(self) {
                // name "|" ...
                f.typ = Some(Expr::Name(name));
                return Some(self.embedded_pfield(f));
            }
            f.name = Some(name);
        }

        if self.tok() == Token::DotDotDot {
            // [name] "..." ...
            let dpos = self.pos();
            self.next();
            match self.type_or_nil() {
                Some(elem) => {
                    f.typ = Some(Expr::DotsType {
                        pos: dpos,
                        elem: Box::new(elem),
                    })
                }
                None => {
                    f.typ = Some(self.bad_expr());
                    self.syntax_error("... is missing type");
                }
            }
            return Some(f);
        }

        if type_sets_ok && self.tok() == Token::Operator && self.s.op == Operator::Tilde {
            // [name] "~" ...
            f.typ = Some(Arc::unwrap_or_clone(self.embedded_elem(None).typ));
            return Some(f);
        }

        f.typ = self.type_or_nil();
        if is_or(self) && f.typ.is_some() {
            f = self.embedded_pfield(f);
        }
        if f.name.is_some() || f.typ.is_some() {
            return Some(f);
        }
        self.syntax_error(&format!("expected {}", follow.describe()));
        self.advance(&[Token::Comma, follow]);
        None
    }

    fn embedded_pfield(&mut self, f: PField) -> PField {
        let field = Field {
            pos: f.pos,
            name: None,
            typ: Arc::new(f.typ.unwrap_or(Expr::Bad(f.pos))),
        };
        let e = self.embedded_elem(Some(field));
        PField {
            pos: e.pos,
            name: f.name,
            typ: Some(Arc::unwrap_or_clone(e.typ)),
        }
    }

    /// Parameters = "(" [ ParameterList [ "," ] ] ")" ; "(" or "[" consumed.
    /// `name` (and `typ`) may be an already parsed first parameter. In the
    /// result either all fields have names or none has.
    fn param_list(
        &mut self,
        name: Option<Name>,
        typ: Option<Expr>,
        close: Token,
        require_names: bool,
        dddok: bool,
    ) -> Vec<Field> {
        let mut name = name;
        let mut typ = typ;
        // A complete first field followed by the closing token.
        if name.is_some() && typ.is_some() && self.tok() == close {
            self.next();
            let n = name.take().expect("name");
            return vec![Field {
                pos: n.pos,
                name: Some(n),
                typ: Arc::new(typ.take().expect("type")),
            }];
        }

        let mut list: Vec<PField> = Vec::new();
        let mut named = 0;
        let mut typed = 0;
        let end = self.list("parameter list", Token::Comma, close, &mut |p| {
            let par = if let Some(t) = typ.take() {
                let n = name.take().expect("name with initial type");
                Some(PField {
                    pos: n.pos,
                    name: Some(n),
                    typ: Some(t),
                })
            } else {
                p.param_decl_or_nil(name.take(), close)
            };
            if let Some(par) = par {
                if par.name.is_some() && par.typ.is_some() {
                    named += 1;
                }
                if par.typ.is_some() {
                    typed += 1;
                }
                list.push(par);
            }
            false
        });

        if list.is_empty() {
            return Vec::new();
        }

        // From here on types are shared between the fields of a group
        // (`a, b int`), as gc shares the pointer.
        let mut types: Vec<Option<Arc<Expr>>> = list
            .iter_mut()
            .map(|p| p.typ.take().map(Arc::new))
            .collect();
        if named == 0 && !require_names {
            // All unnamed: the names found are type names.
            for (par, typ) in list.iter_mut().zip(&mut types) {
                if let Some(n) = par.name.take() {
                    *typ = Some(Arc::new(Expr::Name(n)));
                }
            }
        } else if named != list.len() {
            // Some named, or a type parameter list: all must be named.
            let mut err_pos: Option<Pos> = None;
            let mut cur: Option<Arc<Expr>> = None;
            for i in (0..list.len()).rev() {
                let par = &mut list[i];
                if let Some(t) = &types[i] {
                    cur = Some(t.clone());
                    if par.name.is_none() {
                        let p = t.start();
                        err_pos = Some(p);
                        par.name = Some(Name::new(p, "_"));
                    }
                } else if let Some(t) = &cur {
                    types[i] = Some(t.clone());
                } else {
                    // only a name
                    let p = par.name.as_ref().map_or(par.pos, |n| n.pos);
                    err_pos = Some(p);
                    types[i] = Some(Arc::new(Expr::Bad(p)));
                }
            }
            if let Some(mut epos) = err_pos {
                let msg;
                if named == typed {
                    epos = end; // at the closing ) or ]
                    msg = if require_names {
                        "missing type constraint".to_string()
                    } else {
                        "missing parameter type".to_string()
                    };
                } else if require_names {
                    let mut m = "missing type parameter name".to_string();
                    if list.len() == 1 {
                        m.push_str(" or invalid array length");
                    }
                    msg = m;
                } else {
                    msg = "missing parameter name".to_string();
                }
                self.syntax_error_at(epos, &msg);
            }
        }

        let mut out: Vec<Field> = list
            .into_iter()
            .zip(types)
            .map(|(p, t)| Field {
                pos: p.pos,
                name: p.name,
                typ: t.unwrap_or_else(|| Arc::new(Expr::Bad(p.pos))),
            })
            .collect();

        // check use of ...
        let mut first = true;
        let n = out.len();
        // The element type replacing a shared `...T` (kept shared).
        let mut fixed: Option<(*const Expr, Arc<Expr>)> = None;
        for (i, f) in out.iter_mut().enumerate() {
            if let Expr::DotsType { pos, elem } = &*f.typ
                && (!dddok || i + 1 < n)
            {
                if first {
                    first = false;
                    let msg = if dddok {
                        "can only use ... with final parameter"
                    } else {
                        "invalid use of ..."
                    };
                    self.error_at(*pos, msg.into());
                }
                let key = Arc::as_ptr(&f.typ);
                let elem = match &fixed {
                    Some((k, e)) if *k == key => e.clone(),
                    _ => Arc::new((**elem).clone()),
                };
                fixed = Some((key, elem.clone()));
                f.typ = elem;
            }
        }
        out
    }

    fn bad_expr(&self) -> Expr {
        Expr::Bad(self.pos())
    }

    // ---- statements ----

    /// SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt | Assignment | ShortVarDecl .
    fn simple_stmt(&mut self, lhs: Option<Expr>, keyword: Option<Token>) -> Stmt {
        if keyword == Some(Token::For) && self.tok() == Token::Range {
            return self.new_range_clause(None, false);
        }
        let lhs = match lhs {
            Some(l) => l,
            None => self.expr_list(),
        };

        if !matches!(lhs, Expr::List { .. })
            && self.tok() != Token::Assign
            && self.tok() != Token::Define
        {
            let pos = self.pos();
            match self.tok() {
                Token::AssignOp => {
                    let op = self.s.op;
                    self.next();
                    let rhs = self.expr();
                    return Stmt::Assign {
                        pos,
                        op: Some(op),
                        lhs,
                        rhs: Some(rhs),
                    };
                }
                Token::IncOp => {
                    let op = self.s.op;
                    self.next();
                    return Stmt::Assign {
                        pos,
                        op: Some(op),
                        lhs,
                        rhs: None,
                    };
                }
                Token::Arrow => {
                    self.next();
                    let value = self.expr();
                    return Stmt::Send {
                        pos,
                        chan: lhs,
                        value,
                    };
                }
                _ => {
                    return Stmt::Expr {
                        pos: lhs.pos(),
                        x: lhs,
                    };
                }
            }
        }

        match self.tok() {
            Token::Assign | Token::Define => {
                let pos = self.pos();
                let op = if self.tok() == Token::Define {
                    Some(Operator::Def)
                } else {
                    None
                };
                self.next();
                if keyword == Some(Token::For) && self.tok() == Token::Range {
                    return self.new_range_clause(Some(lhs), op.is_some());
                }
                let rhs = self.expr_list();
                if keyword == Some(Token::Switch)
                    && op.is_some()
                    && matches!(rhs, Expr::TypeSwitchGuard { .. })
                    && let Expr::Name(_) = lhs
                {
                    let (Expr::TypeSwitchGuard { pos: gpos, x, .. }, Expr::Name(n)) = (rhs, lhs)
                    else {
                        unreachable!("matched above")
                    };
                    return Stmt::Expr {
                        pos: gpos,
                        x: Expr::TypeSwitchGuard {
                            pos: gpos,
                            lhs: Some(n),
                            x,
                        },
                    };
                }
                Stmt::Assign {
                    pos,
                    op,
                    lhs,
                    rhs: Some(rhs),
                }
            }
            _ => {
                self.syntax_error("expected := or = or comma");
                self.advance(&[Token::Semi, Token::Rbrace]);
                let x = match lhs {
                    Expr::List { elems, .. } => elems.into_iter().next().expect("non-empty"),
                    x => x,
                };
                Stmt::Expr { pos: x.pos(), x }
            }
        }
    }

    fn new_range_clause(&mut self, lhs: Option<Expr>, def: bool) -> Stmt {
        let pos = self.pos();
        self.next(); // range
        let x = self.expr();
        Stmt::Range { pos, lhs, def, x }
    }

    fn labeled_stmt_or_nil(&mut self, label: Name) -> Option<Stmt> {
        let pos = self.pos();
        self.want(Token::Colon);
        if self.tok() == Token::Rbrace {
            // An empty statement before "}".
            let e = Stmt::Empty(self.pos());
            return Some(Stmt::Labeled {
                pos,
                label,
                stmt: Box::new(e),
            });
        }
        match self.stmt_or_nil() {
            Some(s) => Some(Stmt::Labeled {
                pos,
                label,
                stmt: Box::new(s),
            }),
            None => {
                // report error at line of ':' token
                self.syntax_error_at(pos, "missing statement after label");
                None
            }
        }
    }

    /// `context` must be non-empty unless the current token is "{".
    fn block_stmt(&mut self, context: &str) -> Block {
        let pos = self.pos();
        if !self.got(Token::Lbrace) {
            self.syntax_error(&format!("expected {{ after {context}"));
            self.advance(&[Token::Name, Token::Rbrace]);
            let rbrace = self.pos();
            if self.got(Token::Rbrace) {
                return Block {
                    pos,
                    stmts: Vec::new(),
                    rbrace,
                };
            }
        }
        let stmts = self.stmt_list();
        let rbrace = self.pos();
        self.want(Token::Rbrace);
        Block { pos, stmts, rbrace }
    }

    fn decl_stmt(&mut self, f: fn(&mut Self, Option<GroupId>) -> Decl) -> Stmt {
        let pos = self.pos();
        self.next(); // const, type or var
        let mut decls = Vec::new();
        self.append_group(&mut decls, f);
        Stmt::Decl {
            pos,
            decls: decls.into_iter().map(Box::new).collect(),
        }
    }

    fn for_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let (init, cond, post) = self.header(Token::For);
        let body = self.block_stmt("for clause");
        Stmt::For {
            pos,
            init: init.map(Box::new),
            cond,
            post: post.map(Box::new),
            body,
        }
    }

    /// Parses the header of an if, for or switch statement.
    fn header(&mut self, keyword: Token) -> (Option<Stmt>, Option<Expr>, Option<Stmt>) {
        self.want(keyword);
        let (mut init, mut cond, mut post) = (None, None, None);
        if self.tok() == Token::Lbrace {
            if keyword == Token::If {
                self.syntax_error("missing condition in if statement");
                cond = Some(self.bad_expr());
            }
            return (init, cond, post);
        }

        let outer = self.xnest;
        self.xnest = -1;

        if self.tok() != Token::Semi {
            // accept potential varDecl but complain
            if self.got(Token::Var) {
                let msg = format!("var declaration not allowed in {keyword} initializer");
                self.syntax_error(&msg);
            }
            let s = self.simple_stmt(None, Some(keyword));
            if let Stmt::Range { .. } = s {
                self.xnest = outer;
                return (Some(s), None, None);
            }
            init = Some(s);
        }

        let mut cond_stmt: Option<Stmt> = None;
        let mut semi: Option<(Pos, &'static str)> = None;
        'done: {
            if self.tok() != Token::Lbrace {
                if self.tok() == Token::Semi {
                    semi = Some((self.pos(), self.s.semi_lit));
                    self.next();
                } else {
                    // asking for a '{' rather than a ';' gives a better message
                    self.want(Token::Lbrace);
                    if self.tok() != Token::Lbrace {
                        self.advance(&[Token::Lbrace, Token::Rbrace]);
                    }
                }
                if keyword == Token::For {
                    if self.tok() != Token::Semi {
                        if self.tok() == Token::Lbrace {
                            self.syntax_error("expected for loop condition");
                            break 'done;
                        }
                        cond_stmt = Some(self.simple_stmt(None, None));
                    }
                    self.want(Token::Semi);
                    if self.tok() != Token::Lbrace {
                        let p = self.simple_stmt(None, None);
                        if let Stmt::Assign {
                            pos,
                            op: Some(Operator::Def),
                            ..
                        } = &p
                        {
                            let pos = *pos;
                            self.syntax_error_at(
                                pos,
                                "cannot declare in post statement of for loop",
                            );
                        }
                        post = Some(p);
                    }
                } else if self.tok() != Token::Lbrace {
                    cond_stmt = Some(self.simple_stmt(None, Some(keyword)));
                }
            } else {
                cond_stmt = init.take();
            }
        }

        // unpack cond_stmt
        match cond_stmt {
            None => {
                if keyword == Token::If
                    && let Some((spos, lit)) = semi
                {
                    if lit != "semicolon" {
                        let msg = format!("unexpected {lit}, expected {{ after if clause");
                        self.syntax_error_at(spos, &msg);
                    } else {
                        self.syntax_error_at(spos, "missing condition in if statement");
                    }
                    cond = Some(Expr::Bad(spos));
                }
            }
            Some(Stmt::Expr { x, .. }) => cond = Some(x),
            Some(s) => {
                // A common error is to write '=' instead of '=='.
                let str = match &s {
                    Stmt::Assign {
                        op: None,
                        lhs,
                        rhs: Some(rhs),
                        ..
                    } => format!(
                        "assignment {} = {}",
                        printer::emphasize(lhs),
                        printer::emphasize(rhs)
                    ),
                    s => printer::stmt_string(s),
                };
                self.syntax_error_at(s.pos(), &format!("cannot use {str} as value"));
            }
        }

        self.xnest = outer;
        (init, cond, post)
    }

    fn if_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let (init, cond, _) = self.header(Token::If);
        let then = self.block_stmt("if clause");
        let mut els = None;
        if self.got(Token::Else) {
            match self.tok() {
                Token::If => els = Some(Box::new(self.if_stmt())),
                Token::Lbrace => els = Some(Box::new(Stmt::Block(self.block_stmt("")))),
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    self.advance(&[Token::Name, Token::Rbrace]);
                }
            }
        }
        Stmt::If {
            pos,
            init: init.map(Box::new),
            cond,
            then,
            els,
        }
    }

    fn switch_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        let (init, tag, _) = self.header(Token::Switch);
        if !self.got(Token::Lbrace) {
            self.syntax_error("missing { after switch clause");
            self.advance(&[Token::Case, Token::Default, Token::Rbrace]);
        }
        let mut body = Vec::new();
        while self.tok() != Token::Eof && self.tok() != Token::Rbrace {
            body.push(self.case_clause());
        }
        let rbrace = self.pos();
        self.want(Token::Rbrace);
        Stmt::Switch {
            pos,
            init: init.map(Box::new),
            tag,
            body,
            rbrace,
        }
    }

    fn select_stmt(&mut self) -> Stmt {
        let pos = self.pos();
        self.want(Token::Select);
        if !self.got(Token::Lbrace) {
            self.syntax_error("missing { after select clause");
            self.advance(&[Token::Case, Token::Default, Token::Rbrace]);
        }
        let mut body = Vec::new();
        while self.tok() != Token::Eof && self.tok() != Token::Rbrace {
            body.push(self.comm_clause());
        }
        let rbrace = self.pos();
        self.want(Token::Rbrace);
        Stmt::Select { pos, body, rbrace }
    }

    fn case_clause(&mut self) -> CaseClause {
        let pos = self.pos();
        let mut cases = None;
        match self.tok() {
            Token::Case => {
                self.next();
                cases = Some(self.expr_list());
            }
            Token::Default => self.next(),
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[Token::Colon, Token::Case, Token::Default, Token::Rbrace]);
            }
        }
        let colon = self.pos();
        self.want(Token::Colon);
        let body = self.stmt_list();
        CaseClause {
            pos,
            cases,
            body,
            colon,
        }
    }

    fn comm_clause(&mut self) -> CommClause {
        let pos = self.pos();
        let mut comm = None;
        match self.tok() {
            Token::Case => {
                self.next();
                comm = Some(Box::new(self.simple_stmt(None, None)));
            }
            Token::Default => self.next(),
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[Token::Colon, Token::Case, Token::Default, Token::Rbrace]);
            }
        }
        let colon = self.pos();
        self.want(Token::Colon);
        let body = self.stmt_list();
        CommClause {
            pos,
            comm,
            body,
            colon,
        }
    }

    /// Parses a statement if one is present.
    fn stmt_or_nil(&mut self) -> Option<Stmt> {
        self.nest(|_| None, Self::stmt_or_nil_inner)
    }

    fn stmt_or_nil_inner(&mut self) -> Option<Stmt> {
        // Most statements start with an identifier.
        if self.tok() == Token::Name {
            self.clear_pragma();
            let lhs = self.expr_list();
            if self.tok() == Token::Colon
                && let Expr::Name(_) = lhs
            {
                let Expr::Name(label) = lhs else {
                    unreachable!("matched above")
                };
                return self.labeled_stmt_or_nil(label);
            }
            return Some(self.simple_stmt(Some(lhs), None));
        }

        match self.tok() {
            Token::Var => return Some(self.decl_stmt(Self::var_decl)),
            Token::Const => return Some(self.decl_stmt(Self::const_decl)),
            Token::Type => return Some(self.decl_stmt(Self::type_decl)),
            _ => {}
        }

        self.clear_pragma();

        let pos = self.pos();
        Some(match self.tok() {
            Token::Lbrace => Stmt::Block(self.block_stmt("")),
            Token::Operator | Token::Star => match self.s.op {
                Operator::Add
                | Operator::Sub
                | Operator::Mul
                | Operator::And
                | Operator::Xor
                | Operator::Not => self.simple_stmt(None, None),
                _ => return None,
            },
            Token::Literal
            | Token::Func
            | Token::Lparen
            | Token::Lbrack
            | Token::Struct
            | Token::Map
            | Token::Chan
            | Token::Interface
            | Token::Arrow => self.simple_stmt(None, None),
            Token::For => self.for_stmt(),
            Token::Switch => self.switch_stmt(),
            Token::Select => self.select_stmt(),
            Token::If => self.if_stmt(),
            Token::Fallthrough => {
                self.next();
                Stmt::Branch {
                    pos,
                    tok: Token::Fallthrough,
                    label: None,
                }
            }
            Token::Break | Token::Continue => {
                let tok = self.tok();
                self.next();
                let label = if self.tok() == Token::Name {
                    Some(self.name())
                } else {
                    None
                };
                Stmt::Branch { pos, tok, label }
            }
            Token::Go | Token::Defer => self.call_stmt(),
            Token::Goto => {
                self.next();
                let label = Some(self.name());
                Stmt::Branch {
                    pos,
                    tok: Token::Goto,
                    label,
                }
            }
            Token::Return => {
                self.next();
                let results = if self.tok() != Token::Semi && self.tok() != Token::Rbrace {
                    Some(self.expr_list())
                } else {
                    None
                };
                Stmt::Return { pos, results }
            }
            Token::Semi => Stmt::Empty(pos),
            _ => return None,
        })
    }

    /// StatementList = { Statement ";" } .
    fn stmt_list(&mut self) -> Vec<Stmt> {
        let mut l = Vec::new();
        while !matches!(
            self.tok(),
            Token::Eof | Token::Rbrace | Token::Case | Token::Default
        ) {
            let s = self.stmt_or_nil();
            self.clear_pragma();
            let Some(s) = s else { break };
            l.push(s);
            // ";" is optional before "}"
            if !self.got(Token::Semi) && self.tok() != Token::Rbrace {
                self.syntax_error("at end of statement");
                self.advance(&[Token::Semi, Token::Rbrace, Token::Case, Token::Default]);
                self.got(Token::Semi); // avoid spurious empty statement
            }
        }
        l
    }

    /// argList = [ arg { "," arg } [ "..." ] [ "," ] ] ")" .
    fn arg_list(&mut self) -> (Vec<Expr>, bool) {
        let mut list = Vec::new();
        let mut has_dots = false;
        self.xnest += 1;
        self.list("argument list", Token::Comma, Token::Rparen, &mut |p| {
            list.push(p.expr());
            has_dots = p.got(Token::DotDotDot);
            has_dots
        });
        self.xnest -= 1;
        (list, has_dots)
    }

    // ---- common productions ----

    fn name(&mut self) -> Name {
        if self.tok() == Token::Name {
            let n = Name::new(self.pos(), self.lit_text());
            self.next();
            return n;
        }
        let n = Name::new(self.pos(), "_");
        self.syntax_error("expected name");
        self.advance(&[]);
        n
    }

    /// IdentifierList = identifier { "," identifier } .
    fn name_list(&mut self, first: Name) -> Vec<Name> {
        let mut l = vec![first];
        while self.got(Token::Comma) {
            l.push(self.name());
        }
        l
    }

    fn qualified_name(&mut self, name: Option<Name>) -> Expr {
        let mut x = match name {
            Some(n) => Expr::Name(n),
            None if self.tok() == Token::Name => Expr::Name(self.name()),
            None => {
                let n = Name::new(self.pos(), "_");
                self.syntax_error("expected name");
                self.advance(&[Token::Dot, Token::Semi, Token::Rbrace]);
                Expr::Name(n)
            }
        };
        if self.tok() == Token::Dot {
            let pos = self.pos();
            self.next();
            let sel = self.name();
            x = Expr::Selector {
                pos,
                x: Box::new(x),
                sel,
            };
        }
        if self.tok() == Token::Lbrack {
            x = self.type_instance(x);
        }
        x
    }

    /// ExpressionList = Expression { "," Expression } .
    fn expr_list(&mut self) -> Expr {
        let x = self.expr();
        if self.got(Token::Comma) {
            let mut list = vec![x, self.expr()];
            while self.got(Token::Comma) {
                list.push(self.expr());
            }
            let pos = list[0].pos();
            return Expr::List { pos, elems: list };
        }
        x
    }

    /// typeList = arg { "," arg } [ "," ] ; with `strict` false the first
    /// element may be an expression. Also returns whether a comma was seen.
    fn type_list(&mut self, strict: bool) -> (Expr, bool) {
        self.xnest += 1;
        let mut x = if strict { self.type_() } else { self.expr() };
        let mut comma = false;
        if self.got(Token::Comma) {
            comma = true;
            if let Some(t) = self.type_or_nil() {
                let mut list = vec![x, t];
                while self.got(Token::Comma) {
                    match self.type_or_nil() {
                        Some(t) => list.push(t),
                        None => break,
                    }
                }
                let pos = list[0].pos();
                x = Expr::List { pos, elems: list };
            }
        }
        self.xnest -= 1;
        (x, comma)
    }
}

/// A parameter while its list is parsed: name and type both optional.
struct PField {
    pos: Pos,
    name: Option<Name>,
    typ: Option<Expr>,
}

fn new_indirect(pos: Pos, typ: Expr) -> Expr {
    Expr::Operation {
        pos,
        op: Operator::Mul,
        x: Box::new(typ),
        y: None,
    }
}

fn unparen_owned(mut x: Expr) -> Expr {
    while let Expr::Paren { x: inner, .. } = x {
        x = *inner;
    }
    x
}

/// gc's `commentText`: the text without `//` or `/* */` (and a final `\r`).
fn comment_text(s: &str) -> &str {
    if let Some(t) = s.strip_prefix("/*") {
        return t.strip_suffix("*/").unwrap_or(t);
    }
    // The text after "//" (the raw bytes may hold a skipped NUL or invalid
    // UTF-8 between the slashes; start at the next character boundary).
    let t = s
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= 2)
        .map_or("", |i| &s[i..]);
    t.strip_suffix('\r').unwrap_or(t)
}

/// Splits `x` into (name, type expression) when it can be written as
/// `name expr` and `expr` is a type element (or `force` is set). Returns the
/// expression unchanged when it cannot be split.
fn extract_name(x: Expr, force: bool) -> Result<(Name, Option<Expr>), Expr> {
    match x {
        Expr::Name(n) => Ok((n, None)),
        Expr::Operation {
            pos,
            op,
            x: lhs,
            y: Some(rhs),
        } => match op {
            Operator::Mul if matches!(*lhs, Expr::Name(_)) && (force || is_type_elem(&rhs)) => {
                let Expr::Name(n) = *lhs else {
                    unreachable!("matched above")
                };
                Ok((
                    n,
                    Some(Expr::Operation {
                        pos,
                        op,
                        x: rhs,
                        y: None,
                    }),
                ))
            }
            Operator::Or => {
                let f = force || is_type_elem(&rhs);
                match extract_name(*lhs, f) {
                    Ok((n, Some(l))) => Ok((
                        n,
                        Some(Expr::Operation {
                            pos,
                            op,
                            x: Box::new(l),
                            y: Some(rhs),
                        }),
                    )),
                    Ok((n, None)) => Err(Expr::Operation {
                        pos,
                        op,
                        x: Box::new(Expr::Name(n)),
                        y: Some(rhs),
                    }),
                    Err(l) => Err(Expr::Operation {
                        pos,
                        op,
                        x: Box::new(l),
                        y: Some(rhs),
                    }),
                }
            }
            _ => Err(Expr::Operation {
                pos,
                op,
                x: lhs,
                y: Some(rhs),
            }),
        },
        Expr::Call {
            pos,
            fun,
            mut args,
            has_dots,
        } => {
            if matches!(*fun, Expr::Name(_))
                && args.len() == 1
                && !has_dots
                && (force || is_type_elem(&args[0]))
            {
                let Expr::Name(n) = *fun else {
                    unreachable!("matched above")
                };
                let a = args.pop().expect("one argument");
                return Ok((n, Some(unparen_owned(a))));
            }
            Err(Expr::Call {
                pos,
                fun,
                args,
                has_dots,
            })
        }
        x => Err(x),
    }
}

/// Whether `x` is (possibly parenthesized) type element syntax that cannot
/// be an ordinary expression.
fn is_type_elem(x: &Expr) -> bool {
    match x {
        Expr::ArrayType { .. }
        | Expr::StructType { .. }
        | Expr::FuncType(_)
        | Expr::InterfaceType { .. }
        | Expr::SliceType { .. }
        | Expr::MapType { .. }
        | Expr::ChanType { .. } => true,
        Expr::Operation { op, x, y, .. } => {
            is_type_elem(x) || y.as_deref().is_some_and(is_type_elem) || *op == Operator::Tilde
        }
        Expr::Paren { x, .. } => is_type_elem(x),
        _ => false,
    }
}

/// Whether `x` must syntactically be a value (not a type).
fn is_value(x: &Expr) -> bool {
    match x {
        Expr::BasicLit(_)
        | Expr::CompositeLit { .. }
        | Expr::FuncLit { .. }
        | Expr::Slice { .. }
        | Expr::Assert { .. }
        | Expr::TypeSwitchGuard { .. }
        | Expr::Call { .. } => true,
        Expr::Operation { op, y, .. } => *op != Operator::Mul || y.is_some(),
        Expr::Paren { x, .. } => is_value(x),
        Expr::Index { x, index, .. } => is_value(x) || is_value(index),
        _ => false,
    }
}
