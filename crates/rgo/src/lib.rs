//! The embedding API of rgo: the only public boundary between Go programs
//! run by rgo and the Rust code that hosts them (the `rgo` command is one
//! such host).
//!
//! Today it offers the front of the pipeline — locating the Go reference
//! tree and parsing source files into diagnostics — and the runtime
//! configuration the later stages will read. The design (an instance-based
//! runtime with limits, see ARCHITECTURE.md) grows here issue by issue; what
//! is not built yet is said so, never pretended.
#![forbid(unsafe_code)]

pub mod build;
mod diag;
mod env;
pub mod load;

pub use diag::{Diagnostic, DiagnosticSink, PosStyle};
pub use env::{Env, GOARCH, GOOS, VERSION};

use std::path::{Path, PathBuf};

/// A Go source file as read from disk, with the name diagnostics use for it.
#[derive(Debug)]
pub struct SourceFile {
    /// Where the file was read from.
    pub path: PathBuf,
    /// The name printed in diagnostics (for example `./main.go`).
    pub display: String,
    /// The raw bytes; Go source need not be valid UTF-8 to be reported on.
    pub src: Vec<u8>,
}

impl SourceFile {
    /// Reads `path`, naming it `display` in diagnostics.
    pub fn read(path: &Path, display: impl Into<String>) -> std::io::Result<SourceFile> {
        Ok(SourceFile {
            path: path.to_path_buf(),
            display: display.into(),
            src: std::fs::read(path)?,
        })
    }
}

/// Parses `file` and returns its syntax tree with the errors gc reports
/// while parsing, in report order (a [`DiagnosticSink`] applies gc's
/// one-syntax-error-per-line and ten-error rules).
pub fn parse(file: &SourceFile) -> (syntax::ast::File, Vec<Diagnostic>) {
    let opts = syntax::Options {
        filename: file.display.clone(),
        ..syntax::Options::default()
    };
    let (ast, errors) = syntax::parse(&file.src, &opts);
    let diags = errors
        .into_iter()
        .map(|e| Diagnostic {
            file: file.display.clone(),
            pos: e.pos,
            msg: e.msg,
            rel: ast.rel_pos(e.pos).map(|(f, l, c)| (f.to_string(), l, c)),
        })
        .collect();
    (ast, diags)
}
