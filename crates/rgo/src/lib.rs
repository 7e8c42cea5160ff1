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
pub mod import;
pub mod load;
pub mod pragma;

pub use diag::{Diagnostic, DiagnosticSink, PosStyle};
pub use env::{Env, GOARCH, GOOS, VERSION};
/// Drops the resident pages of the process's clean read-only file mappings
/// (its code), which fault back in on use: `rgo run` calls it between
/// building and running a program.
pub use runtime::mem::release_code_pages;

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
        .map(|e| diagnostic(file, &ast, e.pos, e.msg))
        .collect();
    (ast, diags)
}

/// How to type-check a package.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// The package's import path (`main` for a command).
    pub path: String,
    /// The language version (gc's `-lang=go1.N`).
    pub lang: Option<(u32, u32)>,
    /// Functions must have bodies (gc's `-complete`).
    pub complete: bool,
    /// What the package is, for the directives it may use (`-std`, `-+`).
    pub pragma: pragma::PragmaContext,
}

/// gc's front end over the files of one package: parse (syntax errors and
/// the directive errors found while parsing), then — unless there were
/// syntax errors — type-check, then — if that found nothing — judge where
/// the directives stand. Returns the syntax trees and every diagnostic, in
/// no particular order (a [`diag::DiagnosticSink`] sorts and limits them).
pub fn front_end(
    files: &[SourceFile],
    opts: &CheckOptions,
) -> (Vec<syntax::ast::File>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut asts = Vec::new();
    for f in files {
        let (ast, errs) = parse(f);
        diags.extend(errs);
        for (pos, msg) in pragma::parse_errors(&ast, opts.pragma) {
            diags.push(diagnostic(f, &ast, pos, msg));
        }
        asts.push(ast);
    }
    if diags.iter().any(|d| d.msg.starts_with("syntax error")) {
        return (asts, diags);
    }
    diags.extend(check_package(files, &asts, opts));
    if diags.is_empty() {
        for (f, ast) in files.iter().zip(&asts) {
            for (pos, msg) in pragma::placement_errors(ast) {
                diags.push(diagnostic(f, ast, pos, msg));
            }
        }
    }
    (asts, diags)
}

/// A diagnostic at `pos` in `file`.
fn diagnostic(
    file: &SourceFile,
    ast: &syntax::ast::File,
    pos: syntax::Pos,
    msg: String,
) -> Diagnostic {
    Diagnostic {
        file: file.display.clone(),
        pos,
        msg,
        rel: ast.rel_pos(pos).map(|(f, l, c)| (f.to_string(), l, c)),
    }
}

/// The importer used when the reference tree cannot be found: every
/// import other than `unsafe` fails, saying why.
struct NoGoroot(String);

impl types::check::Importer for NoGoroot {
    fn import(&mut self, _: &mut types::check::World, _: &str) -> Result<types::ty::PkgId, String> {
        Err(self.0.clone())
    }
}

/// Type-checks one package made of `files` (parsed without syntax errors,
/// `asts[i]` parsed from `files[i]`) and returns gc's diagnostics for it,
/// in report order.
pub fn check_package(
    files: &[SourceFile],
    asts: &[syntax::ast::File],
    opts: &CheckOptions,
) -> Vec<Diagnostic> {
    check(files, asts, opts).diags
}

/// Type-checks one package, keeping the results for the compiler.
pub fn check(files: &[SourceFile], asts: &[syntax::ast::File], opts: &CheckOptions) -> Checked {
    let mut world = types::check::World::new();
    let conf = types::check::Config {
        lang: opts.lang.unwrap_or((1, 26)),
        complete: opts.complete,
    };
    let tfiles: Vec<types::check::File<'_>> = files
        .iter()
        .zip(asts)
        .map(|(f, a)| types::check::File {
            name: f.display.clone(),
            ast: a,
        })
        .collect();
    let path = if opts.path.is_empty() {
        "main"
    } else {
        &opts.path
    };
    let mut importer: Box<dyn types::check::Importer> = match import::SourceImporter::discover() {
        Ok(i) => Box::new(i),
        Err(e) => Box::new(NoGoroot(e)),
    };
    let (pkg, info, errors) =
        types::check::check_package(&mut world, importer.as_mut(), path, &tfiles, &conf);
    let diags = errors
        .into_iter()
        .map(|e| {
            let file = world
                .files
                .get(e.file as usize)
                .cloned()
                .unwrap_or_default();
            let ast = files
                .iter()
                .position(|f| f.display == file)
                .map(|i| &asts[i]);
            let mut msg = e.msg;
            if is_version_error(&msg) {
                msg = version_hint(msg, ast.map_or("", |a| a.go_version.as_str()), opts.lang);
            }
            Diagnostic {
                rel: ast
                    .and_then(|a| a.rel_pos(e.pos))
                    .map(|(f, l, c)| (f.to_string(), l, c)),
                file,
                pos: e.pos,
                msg,
            }
        })
        .collect();
    Checked {
        world,
        pkg,
        info,
        diags,
    }
}

/// A type-checked package and everything the compiler needs from it.
pub struct Checked {
    pub world: types::check::World,
    pub pkg: types::ty::PkgId,
    pub info: types::check::Info,
    pub diags: Vec<Diagnostic>,
}

/// Why a program could not be built.
pub enum BuildError {
    /// Diagnostics as gc prints them (syntax or type errors).
    Diagnostics(Vec<Diagnostic>),
    /// A construct the compiler does not support yet, at `file:line:col`.
    Unsupported(String),
}

/// gc's front end, then the compiler: a runnable program from the files of
/// package main.
pub fn build_program(
    files: &[SourceFile],
    opts: &CheckOptions,
) -> Result<abi::Program, BuildError> {
    let (asts, diags) = front_end(files, opts);
    if !diags.is_empty() {
        return Err(BuildError::Diagnostics(diags));
    }
    let mut checked = check(files, &asts, opts);
    let sources: Vec<compile::SourceFile<'_>> = files
        .iter()
        .zip(&asts)
        .map(|(f, ast)| compile::SourceFile {
            path: std::path::absolute(&f.path)
                .map_or_else(|_| f.display.clone(), |p| p.display().to_string()),
            display: f.display.clone(),
            ast,
        })
        .collect();
    let mut prog = compile::compile(&mut checked.world, &checked.info, checked.pkg, &sources)
        .map_err(|u| {
            BuildError::Unsupported(format!(
                "{}:{}:{}: {} not yet implemented",
                u.file, u.pos.line, u.pos.col, u.what
            ))
        })?;
    if let Ok(env) = env::Env::discover() {
        prog.goroot = env.goroot.display().to_string();
        prog.go_version = env.go_version;
    }
    Ok(prog)
}

/// Runs a built program; returns its exit status.
/// Runs a built program with command-line arguments `args` (`os.Args`,
/// the program name first); returns its exit status.
pub fn run_program(prog: &abi::Program, args: &[String]) -> Result<i32, String> {
    if std::env::var_os("RGO_DUMP_CODE").is_some() {
        eprint!("{prog}");
    }
    runtime::run(prog, args).map_err(|e| e.to_string())
}

/// Whether `msg` says a feature `requires goX.Y or later` (gc's
/// `versionErrorRx`).
fn is_version_error(msg: &str) -> bool {
    msg.match_indices("requires go").any(|(i, m)| {
        let rest = &msg[i + m.len()..];
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let a = digits(rest);
        a > 0
            && rest[a..].starts_with('.')
            && digits(&rest[a + 1..]) > 0
            && rest[a + 1 + digits(&rest[a + 1..])..].starts_with(" or later")
    })
}

/// gc's hint after a version error: the file's own `//go:build` version
/// when that is the version in effect, else the `-lang` setting.
fn version_hint(msg: String, declared: &str, lang: Option<(u32, u32)>) -> String {
    // A file version applies as max(version, go1.21) (types2).
    let effective = declared
        .strip_prefix("go1.")
        .and_then(|m| m.parse::<u32>().ok())
        .map(|m| format!("go1.{}", m.max(21)));
    if effective.as_deref() == Some(declared) {
        format!("{msg} (file declares //go:build {declared})")
    } else {
        let lang = lang.map_or(String::new(), |(a, b)| format!("go{a}.{b}"));
        format!("{msg} (-lang was set to {lang}; check go.mod)")
    }
}

/// Parses a `-lang` value such as `go1.21`.
pub fn parse_lang(s: &str) -> Option<(u32, u32)> {
    let rest = s.strip_prefix("go")?;
    let (major, minor) = rest.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// Type-checks every package of the standard library (`rgo build std`):
/// the packages in order with their diagnostics, and the import path of
/// each package that failed to load.
pub fn check_std() -> Result<Vec<(String, Vec<Diagnostic>)>, String> {
    let mut importer = import::SourceImporter::discover()?;
    let mut world = types::check::World::new();
    let paths = importer.std_packages();
    for p in &paths {
        // Vendored packages are imported by their vendor path inside std.
        let _ = types::check::Importer::import(&mut importer, &mut world, p);
    }
    Ok(std::mem::take(&mut importer.reports))
}
