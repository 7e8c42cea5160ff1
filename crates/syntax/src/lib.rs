//! Go scanner, parser and AST (placeholder API: being written).
#![forbid(unsafe_code)]

/// A source position as gc counts it: 1-based line, 1-based column in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A syntax error: position and gc's message text (e.g. "syntax error: unexpected newline, expected comma or )").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub pos: Pos,
    pub msg: String,
}

pub mod ast {
    /// A parsed source file.
    #[derive(Debug, Default)]
    pub struct File {}
}

/// Parses one Go source file.
pub fn parse_file(_src: &[u8]) -> (ast::File, Vec<Error>) {
    (ast::File::default(), Vec::new())
}
