//! Project automation, run as `cargo xtask <command>` (an alias in
//! `.cargo/config.toml` that builds this crate in release):
//!
//! - `bench`: times the programs of `bench/` under `rgo run` against
//!   native binaries built by `go build`, and checks that their outputs
//!   agree (`bench.rs`).
//! - `conformance`: runs `GOROOT/test` with rgo as Go's test driver runs it
//!   with gc, and reports pass/fail/skip per directory (`conformance.rs`).
//! - `parse-tree`: parses every `.go` file of `GOROOT/src` and
//!   `GOROOT/test` in-process, measures the parser's speed, and checks the
//!   set of files it rejects against an exact expected list (`parse_tree.rs`).
//! - `gc-syntax-list`: computes that expected list with gc's own parser
//!   (`gc_syntax.rs`).
#![forbid(unsafe_code)]

mod bench;
mod conformance;
mod gc_syntax;
mod parse_tree;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// rgo's project automation.
#[derive(Parser)]
#[command(name = "xtask", disable_help_subcommand = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Time bench/*.go under `rgo run` against native binaries built by `go build`.
    Bench(bench::Options),
    /// Run GOROOT/test with rgo as cmd/internal/testdir runs it with gc.
    Conformance(conformance::Options),
    /// Parse every .go file of GOROOT/src and GOROOT/test; check the set that fails.
    ParseTree {
        /// The Go tree (default: discovered as `rgo` does).
        #[arg(long)]
        goroot: Option<PathBuf>,
        /// The exact list of files expected to fail (paths relative to GOROOT).
        #[arg(long)]
        expect: Option<PathBuf>,
        /// Write the list of files that fail to FILE.
        #[arg(long, value_name = "FILE")]
        write_expect: Option<PathBuf>,
    },
    /// List the .go files of GOROOT/src and GOROOT/test that gc's parser rejects.
    GcSyntaxList {
        /// The Go tree (default: discovered as `rgo` does).
        #[arg(long)]
        goroot: Option<PathBuf>,
        /// Write the list to FILE instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Bench(opts) => bench::run(opts),
        Command::Conformance(opts) => conformance::run(opts),
        Command::ParseTree {
            goroot,
            expect,
            write_expect,
        } => goroot_and_version(goroot).and_then(|(goroot, _)| {
            parse_tree::run(&goroot, expect.as_deref(), write_expect.as_deref())
        }),
        Command::GcSyntaxList { goroot, output } => goroot_and_version(goroot)
            .and_then(|(goroot, version)| gc_syntax::run(&goroot, &version, output.as_deref())),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("xtask: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// The Go tree to work on and its release (`go1.26.8`): `--goroot` if
/// given, else the one `rgo` itself would use.
pub fn goroot_and_version(goroot: Option<PathBuf>) -> Result<(PathBuf, String), String> {
    match goroot {
        Some(dir) => {
            let version = std::fs::read_to_string(dir.join("VERSION"))
                .ok()
                .and_then(|v| v.lines().next().map(str::to_string))
                .unwrap_or_else(|| "unknown".into());
            Ok((dir, version))
        }
        None => rgo::Env::discover().map(|env| (env.goroot, env.go_version)),
    }
}

/// The workspace root (this crate lives in `crates/xtask`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `path` relative to `base`, with `/` separators.
pub fn rel_path(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every `.go` file under `dir`, recursively, sorted.
pub fn go_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => walk(&path, out),
                Ok(t) if t.is_file() && path.extension().is_some_and(|e| e == "go") => {
                    out.push(path)
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}
