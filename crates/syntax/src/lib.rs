//! Go's scanner, parser and syntax tree, with gc's positions and syntax
//! errors.
//!
//! The entry point is [`parse_file`] (or [`parse`] with [`Options`]). The
//! parser follows cmd/compile/internal/syntax of the reference release so
//! that the first syntax error of a bad file — the one users see — has gc's
//! position and wording. The tree ([`ast`]) keeps what later stages need:
//! positions, directives (`//go:…`, `//line`), and on request all comments.
//!
//! Module map: [`token`] (tokens, operators), `scanner` (bytes to tokens),
//! `parser` (tokens to [`ast`]), `branches` (label and branch checks gc
//! performs while parsing), [`printer`] (gc's short expression form used in
//! messages), `constraint` (the Go version of a `//go:build` line),
//! `unicode` (Go's rune predicates and formats).
#![forbid(unsafe_code)]

pub mod ast;
mod branches;
mod constraint;
mod parser;
pub mod printer;
pub mod scanner;
pub mod token;
mod unicode;

pub use parser::MAX_DEPTH;

/// A source position as gc counts it: 1-based line, 1-based column in bytes.
/// The zero value means "unknown".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    /// Whether the position is known (not the zero value).
    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

/// A syntax (or label) error: position and gc's message text, for example
/// `syntax error: unexpected newline, expected comma or )`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub pos: Pos,
    pub msg: String,
}

/// How to parse.
#[derive(Clone, Debug)]
pub struct Options {
    /// Keep every comment in [`ast::File::comments`].
    pub comments: bool,
    /// Check labels and branch statements in function bodies, as gc does.
    pub check_branches: bool,
    /// The file name positions print with inside messages (gc's
    /// `Pos.String()`, for example "goto L jumps into block starting at
    /// ./x.go:5:3").
    pub filename: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            comments: false,
            check_branches: true,
            filename: String::new(),
        }
    }
}

/// Parses one Go source file with gc's settings (branch checks on, comments
/// dropped). On a bad package clause no tree is built and the file is empty.
/// Errors are in the order gc reports them.
pub fn parse_file(src: &[u8]) -> (ast::File, Vec<Error>) {
    parse(src, &Options::default())
}

/// Parses one Go source file.
pub fn parse(src: &[u8], opts: &Options) -> (ast::File, Vec<Error>) {
    let mut p = parser::Parser::new(src, opts);
    let file = p.file();
    let mut f = file.unwrap_or_default();
    f.directives = std::mem::take(&mut p.directives);
    f.line_directives = std::mem::take(&mut p.line_directives);
    f.unused_pragmas = std::mem::take(&mut p.unused_pragmas);
    f.comments = std::mem::take(&mut p.comments);
    (f, p.errors)
}

/// Parses a single expression (for tools and tests).
pub fn parse_expr(src: &[u8]) -> (ast::Expr, Vec<Error>) {
    let mut wrapped = b"package p; var _ = ".to_vec();
    wrapped.extend_from_slice(src);
    let (f, errs) = parse_file(&wrapped);
    let x = f.decls.into_iter().find_map(|d| match d {
        ast::Decl::Var(v) => v.values,
        _ => None,
    });
    (x.unwrap_or(ast::Expr::Bad(Pos::default())), errs)
}
