//! `cargo xtask gc-syntax-list`: the files of `GOROOT/src` and
//! `GOROOT/test` that gc's parser rejects — the expected list for
//! `parse-tree` (`.ci/parse-tree-expected.txt`).
//!
//! "Rejected by gc's parser" means: `syntax.Parse` of
//! `cmd/compile/internal/syntax`, in the `CheckBranches` mode gc's noder
//! uses, reports at least one error. That is what rgo's `syntax` crate
//! answers for (syntax errors, scanner errors, and the label and
//! break/continue/goto checks).
//!
//! 1. gc's syntax package is copied from the Go tree into a scratch module
//!    (it imports only the standard library), next to a small driver
//!    (`ORACLE_MAIN`) that parses each file named on stdin and prints the
//!    first error of those that fail.
//! 2. The driver is built with the tree's own `go` and run once over every
//!    `.go` file.
//!
//! Rejected alternative: running `go tool compile` on each file and
//! classifying its output. gc stops before type checking only when some
//! message starts with "syntax error"; scanner errors ("invalid character")
//! and branch errors ("label L defined and not used") let type checking run
//! and mix its errors in, so the output alone cannot say which stage failed.
//! It is also thousands of process starts against one.

use crate::{go_files, rel_path};
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

/// The driver: parse every file named on stdin with gc's parser; print
/// `name<TAB>line:col: msg` for each one with an error.
const ORACLE_MAIN: &str = r#"// Command oracle reports the files gc's parser rejects.
package main

import (
	"bufio"
	"fmt"
	"os"

	"gcsyntax/syntax"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		name := in.Text()
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(out, "%s\t0:0: %v\n", name, err)
			continue
		}
		var first *syntax.Error
		errh := func(err error) {
			if e, ok := err.(syntax.Error); ok && first == nil {
				first = &e
			}
		}
		syntax.Parse(syntax.NewFileBase(name), f, errh, nil, syntax.CheckBranches)
		f.Close()
		if first != nil {
			fmt.Fprintf(out, "%s\t%d:%d: %s\n", name, first.Pos.Line(), first.Pos.Col(), first.Msg)
		}
	}
}
"#;

pub fn run(goroot: &Path, version: &str, output: Option<&Path>) -> Result<ExitCode, String> {
    let scratch = std::env::temp_dir().join(format!("rgo-gc-syntax-{}", std::process::id()));
    let result = build_and_run(goroot, version, &scratch);
    let _ = std::fs::remove_dir_all(&scratch);
    let rejected = result?;

    let mut text = String::new();
    for (name, _) in &rejected {
        text.push_str(name);
        text.push('\n');
    }
    match output {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!(
                "gc-syntax-list: {} files rejected by gc's parser; wrote {}",
                rejected.len(),
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Steps 1 and 2: the rejected files (relative to GOROOT, sorted) with
/// gc's first error for each.
fn build_and_run(
    goroot: &Path,
    version: &str,
    scratch: &Path,
) -> Result<Vec<(String, String)>, String> {
    let io = |what: &Path, e: std::io::Error| format!("{}: {e}", what.display());
    let pkg = scratch.join("syntax");
    std::fs::create_dir_all(&pkg).map_err(|e| io(&pkg, e))?;
    let src = goroot.join("src/cmd/compile/internal/syntax");
    for entry in std::fs::read_dir(&src).map_err(|e| io(&src, e))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".go") && !name.ends_with("_test.go") {
            std::fs::copy(entry.path(), pkg.join(&name)).map_err(|e| io(&entry.path(), e))?;
        }
    }
    // The module's language version is the tree's, so the package's own
    // code compiles as it does in the tree.
    let lang = version
        .strip_prefix("go")
        .and_then(|v| {
            let mut parts = v.split(['.', ' ', '-']);
            Some(format!("{}.{}", parts.next()?, parts.next()?))
        })
        .unwrap_or_else(|| "1.22".into());
    let gomod = scratch.join("go.mod");
    std::fs::write(&gomod, format!("module gcsyntax\n\ngo {lang}\n")).map_err(|e| io(&gomod, e))?;
    let main = scratch.join("main.go");
    std::fs::write(&main, ORACLE_MAIN).map_err(|e| io(&main, e))?;

    let go = goroot.join("bin/go");
    let oracle = scratch.join("oracle");
    let status = Command::new(&go)
        .args(["build", "-o"])
        .arg(&oracle)
        .arg(".")
        .current_dir(scratch)
        .env("GOROOT", goroot)
        .env("GOTOOLCHAIN", "local")
        .env("GOWORK", "off")
        .env("GOFLAGS", "-mod=mod")
        .env("GOENV", "off")
        .status()
        .map_err(|e| io(&go, e))?;
    if !status.success() {
        return Err("building the gc parser driver failed".into());
    }

    let mut files = Vec::new();
    for top in ["src", "test"] {
        files.extend(go_files(&goroot.join(top)));
    }
    let mut child = Command::new(&oracle)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| io(&oracle, e))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let names: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    // Feed stdin from a thread: the driver writes as it reads.
    let feeder = std::thread::spawn(move || stdin.write_all(names.as_bytes()));
    let out = child.wait_with_output().map_err(|e| io(&oracle, e))?;
    feeder
        .join()
        .map_err(|_| "stdin writer died".to_string())?
        .map_err(|e| io(&oracle, e))?;
    if !out.status.success() {
        return Err(format!("the gc parser driver failed: {}", out.status));
    }
    let mut rejected: Vec<(String, String)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, err)| (rel_path(Path::new(name), goroot), err.to_string()))
        .collect();
    rejected.sort();
    Ok(rejected)
}
