//! `cargo xtask parse-tree`: the whole-tree parser check.
//!
//! Every `.go` file under `GOROOT/src` and `GOROOT/test` (testdata
//! included) is parsed in-process with `syntax::parse_file`, one file at a
//! time on one thread, so the reported speed is the parser's own: reading
//! the files is not timed.
//!
//! The files that fail must be exactly those gc's parser rejects, as listed
//! in the `--expect` file (made by `cargo xtask gc-syntax-list`): a file
//! that fails and is not listed is a parser bug, and a listed file that now
//! parses is one too (or a stale list), so both fail the check. A panic is
//! a failure like any other, reported with the file's name; the work runs
//! on a thread with a deep stack, as `rgo` does, so that only the parser's
//! own nesting limits stop deep input.

use crate::{go_files, rel_path};
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// What the walk found.
struct Tally {
    files: usize,
    bytes: usize,
    parse_time: Duration,
    /// Failing files (relative to GOROOT) and their first error.
    failures: BTreeMap<String, String>,
}

pub fn run(
    goroot: &Path,
    expect: Option<&Path>,
    write_expect: Option<&Path>,
) -> Result<ExitCode, String> {
    let goroot = goroot.to_path_buf();
    let tally = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || parse_all(&goroot))
        .map_err(|e| format!("cannot start the parser thread: {e}"))?
        .join()
        .map_err(|_| "the parser thread died".to_string())?;

    let secs = tally.parse_time.as_secs_f64();
    let mb = tally.bytes as f64 / 1e6;
    println!(
        "parse-tree: {} files, {:.1} MB, {} with errors; parsed in {:.2}s ({:.1} MB/s, one thread)",
        tally.files,
        mb,
        tally.failures.len(),
        secs,
        if secs > 0.0 { mb / secs } else { 0.0 }
    );

    if let Some(path) = write_expect {
        let mut text = String::new();
        for f in tally.failures.keys() {
            text.push_str(f);
            text.push('\n');
        }
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "parse-tree: wrote {} names to {}",
            tally.failures.len(),
            path.display()
        );
    }

    let Some(path) = expect else {
        return Ok(ExitCode::SUCCESS);
    };
    let list = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expected: BTreeSet<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let unexpected: Vec<(&String, &String)> = tally
        .failures
        .iter()
        .filter(|(f, _)| !expected.contains(f.as_str()))
        .collect();
    let now_parse: Vec<&&str> = expected
        .iter()
        .filter(|f| !tally.failures.contains_key(**f))
        .collect();
    if unexpected.is_empty() && now_parse.is_empty() {
        println!(
            "parse-tree: the failing files are exactly the {} expected",
            expected.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if !unexpected.is_empty() {
        println!(
            "\n{} files fail to parse but gc parses them:",
            unexpected.len()
        );
        for (f, err) in &unexpected {
            println!("  {f}:{err}");
        }
    }
    if !now_parse.is_empty() {
        println!(
            "\n{} files parse but gc rejects them (listed in {}):",
            now_parse.len(),
            path.display()
        );
        for f in &now_parse {
            println!("  {f}");
        }
    }
    Ok(ExitCode::FAILURE)
}

fn parse_all(goroot: &Path) -> Tally {
    let mut tally = Tally {
        files: 0,
        bytes: 0,
        parse_time: Duration::ZERO,
        failures: BTreeMap::new(),
    };
    for top in ["src", "test"] {
        for path in go_files(&goroot.join(top)) {
            let rel = rel_path(&path, goroot);
            let src = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    tally.failures.insert(rel, format!(" cannot read: {e}"));
                    continue;
                }
            };
            tally.files += 1;
            tally.bytes += src.len();
            let start = Instant::now();
            let result = catch_unwind(AssertUnwindSafe(|| syntax::parse_file(&src)));
            tally.parse_time += start.elapsed();
            match result {
                Ok((_, errors)) => {
                    if let Some(e) = errors.first() {
                        tally
                            .failures
                            .insert(rel, format!("{}:{}: {}", e.pos.line, e.pos.col, e.msg));
                    }
                }
                Err(_) => {
                    tally.failures.insert(rel, " the parser panicked".into());
                }
            }
        }
    }
    tally
}
