//! Golden tests: one test per file under `testdata/`, judged against what
//! the real `go` does.
//!
//! - `testdata/run/**/NAME.go`: `rgo run NAME.go` in the file's directory;
//!   stdout and stderr, on one pipe as a terminal shows them, must equal
//!   `NAME.out`, and the exit status `NAME.exit` (0 when absent). Both files
//!   come from the real `go run` through `scripts/bless.sh`. `NAME.env`,
//!   when present, holds `KEY=VALUE` lines added to the program's
//!   environment (for `go run` when blessing too).
//! - `testdata/errors/**/NAME.go`: a `// errorcheck [flags]` recipe on the
//!   first line; `rgo tool compile` runs as Go's test driver runs gc
//!   (`-p=p -d=panic -C -e -o OBJ [flags] NAME.go`, in the file's directory)
//!   and its diagnostics are judged against the `// ERROR "regexp"`
//!   annotations by the driver's own rules (`testdir::errorcheck`).
//! - `testdata/parse/**/NAME.go`: `rgo tool parse NAME.go` must succeed
//!   silently.
//! - `testdata/check/**/NAME.go`: `rgo tool compile -p=main NAME.go` (parse
//!   and type-check) must succeed silently, as gc does on the same file.
//!
//! A test is ignored when `NAME.skip-reason` exists or its first line is
//! `// skip: reason`.
//!
//! To check the harness and the expectations against the real toolchain,
//! point it at `go` instead of `rgo`:
//!
//! ```text
//! RGO_GOLDEN_COMPILER=/path/to/gc.sh   # gc.sh: exec go tool compile "$@"
//! RGO_GOLDEN_RUN=/path/to/gorun.sh     # gorun.sh: exec go run "$@"
//! ```
//!
//! Each variable names a program run instead of `rgo tool compile` or
//! `rgo run`, with the same arguments.

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use testdir::errorcheck::{self, CheckedFile};
use testdir::exec::{self, Output};
use testdir::recipe;

/// Generous: the whole suite runs in parallel on small machines.
const TIMEOUT: Duration = Duration::from_secs(120);

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let mut trials = Vec::new();
    for (kind, run) in [
        ("run", run_test as fn(&Path) -> Result<(), Failed>),
        ("errors", errors_test),
        ("parse", parse_test),
        ("check", check_test),
    ] {
        let mut files = Vec::new();
        go_files(&root.join(kind), &mut files);
        files.sort();
        for file in files {
            let name = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            let ignored = skip_reason(&file).is_some();
            if kind == "run" {
                // Every program again under the collector's stress mode,
                // unless its source says `// gcstress: skip (why)`.
                let no_stress =
                    std::fs::read_to_string(&file).is_ok_and(|s| s.contains("\n// gcstress: skip"));
                let f = file.clone();
                trials.push(
                    Trial::test(format!("gcstress/{name}"), move || {
                        run_test_with(&f, STRESS)
                    })
                    .with_ignored_flag(ignored || no_stress),
                );
                // And with the stack scanned through the stack maps.
                let f = file.clone();
                trials.push(
                    Trial::test(format!("gcstackmaps/{name}"), move || {
                        run_test_with(&f, STACK_MAPS)
                    })
                    .with_ignored_flag(ignored || no_stress),
                );
            }
            trials.push(Trial::test(name, move || run(&file)).with_ignored_flag(ignored));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// Every `.go` file under `dir`, recursively.
fn go_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            go_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "go") {
            out.push(path);
        }
    }
}

/// Why a test is ignored: `NAME.skip-reason`, or a `// skip: reason`
/// first line.
fn skip_reason(file: &Path) -> Option<String> {
    if let Ok(reason) = std::fs::read_to_string(file.with_extension("skip-reason")) {
        return Some(reason.trim().to_string());
    }
    let src = std::fs::read_to_string(file).ok()?;
    let first = src.lines().next()?;
    first.strip_prefix("// skip:").map(|r| r.trim().to_string())
}

/// The file's directory and base name.
fn split(file: &Path) -> (&Path, String) {
    let dir = file.parent().unwrap_or(Path::new("."));
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

/// `rgo SUBCOMMAND…`, or the program named by `override_var` instead of
/// `rgo` and the subcommand words.
fn command(override_var: &str, subcommand: &[&str]) -> Command {
    match std::env::var_os(override_var) {
        Some(program) if !program.is_empty() => Command::new(program),
        _ => {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_rgo"));
            cmd.args(subcommand);
            cmd
        }
    }
}

fn run(cmd: Command) -> Result<Output, Failed> {
    let out = exec::run_combined(cmd, Some(TIMEOUT)).map_err(|e| format!("cannot run: {e}"))?;
    if out.timed_out {
        return Err(format!(
            "timed out after {TIMEOUT:?}; output so far:\n{}",
            out.text()
        )
        .into());
    }
    Ok(out)
}

/// The `GODEBUG` of the stress runs: a collection at every 100th
/// allocating instruction, each mark verified by a second one
/// (`gccheckmark`), freed memory overwritten (`clobberfree`).
const STRESS: &str = "gcstress=100,gccheckmark=1,clobberfree=1";

/// Stress collecting five times as often, the stacks scanned through the
/// compiler's stack maps (`gcstackmaps=1`, the default, named so that
/// this trial keeps its meaning) and the frame words they call dead
/// overwritten at every allocation (`clobberdead`): a pointer a map
/// misses shows as a use after free, a value in a slot the compiler did
/// not record as garbage.
/// Every collection also moves every goroutine's stack (`stackmove`), so
/// that a pointer into a stack the copier misses shows.
const STACK_MAPS: &str =
    "gcstress=20,gccheckmark=1,clobberfree=1,gcstackmaps=1,clobberdead=1,stackmove=1";

fn run_test(file: &Path) -> Result<(), Failed> {
    run_test_with(file, "")
}

/// Runs a `testdata/run` program with `GODEBUG=godebug` (when not empty).
fn run_test_with(file: &Path, godebug: &str) -> Result<(), Failed> {
    let (dir, name) = split(file);
    let mut cmd = command("RGO_GOLDEN_RUN", &["run"]);
    cmd.arg(&name).current_dir(dir);
    cmd.envs(env_file(file)?);
    if !godebug.is_empty() {
        cmd.env("GODEBUG", godebug);
    }
    let out = run(cmd)?;

    // Bytes, not text: programs may print invalid UTF-8 (compared as the
    // got side is, lossily).
    let want_out = std::fs::read(file.with_extension("out"))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let want_exit: i32 = match std::fs::read_to_string(file.with_extension("exit")) {
        Ok(s) => s
            .trim()
            .parse()
            .map_err(|_| format!("bad exit file: {s:?}"))?,
        Err(_) => 0,
    };
    let got = out.text();
    let mut problems = Vec::new();
    if normalize_traceback(&got) != normalize_traceback(&want_out) {
        problems.push(format!(
            "output differs\n--- want ({}.out)\n{want_out}\n--- got\n{got}",
            name.trim_end_matches(".go")
        ));
    }
    if out.code != Some(want_exit) {
        problems.push(format!(
            "want exit status {want_exit}, got {}",
            out.status_text()
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// The `KEY=VALUE` lines of `NAME.env` (none when it does not exist;
/// blank lines and `#` comments are skipped): the program's environment
/// additions, for the real `go run` too (`scripts/bless.sh`).
fn env_file(file: &Path) -> Result<Vec<(String, String)>, Failed> {
    let Ok(text) = std::fs::read_to_string(file.with_extension("env")) else {
        return Ok(Vec::new());
    };
    let mut vars = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .ok_or_else(|| format!("bad env file line: {line:?}"))?;
        vars.push((k.to_string(), v.to_string()));
    }
    Ok(vars)
}

/// Makes the parts of a Go traceback that depend on the compiler's code
/// generation and on where the tree is checked out comparable: after a
/// `goroutine N [...]:` line, each frame's arguments become `(...)` (gc
/// prints `(...)` for inlined calls, the argument words otherwise), file
/// paths keep only their file name, pc offsets (`+0x1d`) are dropped, and
/// so are the frames of gc's `internal/runtime` packages.
fn normalize_traceback(out: &str) -> String {
    let mut res = String::new();
    let mut in_trace = false;
    let mut skip_loc = false;
    for line in out.split_inclusive('\n') {
        let text = line.trim_end_matches('\n');
        if std::mem::take(&mut skip_loc) && text.starts_with('\t') {
            continue;
        }
        if in_trace && text.starts_with("internal/runtime/") {
            // A frame of gc's runtime (as `internal/runtime/maps.fatal`
            // above a concurrent map access): rgo's runtime is not Go
            // code and shows no frames of its own.
            skip_loc = true;
            continue;
        }
        if text.starts_with("goroutine ") && text.ends_with(':') {
            in_trace = true;
            // Goroutine ids other than the main one's depend on the
            // runtime's own goroutines, which gc has and rgo has not.
            if !text.starts_with("goroutine 1 ") {
                let rest = text.trim_start_matches("goroutine ");
                let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                res.push_str("goroutine N");
                res.push_str(rest);
                res.push('\n');
                continue;
            }
        } else if text.is_empty() || text.starts_with("exit status") {
            in_trace = false;
        } else if let Some((at, end)) = panic_address(text) {
            // "panic: (main.P) 0x497dd0": the value's address differs from
            // run to run and between implementations; the type must not.
            res.push_str(&text[..at]);
            res.push_str("0x?");
            res.push_str(&text[end..]);
            res.push('\n');
            continue;
        } else if in_trace {
            if let Some(loc) = text.strip_prefix('\t') {
                // "\t/abs/dir/file.go:12 +0x1d" → "\tfile.go:12"
                let loc = loc.split(" +0x").next().unwrap_or(loc);
                let loc = loc.rsplit('/').next().unwrap_or(loc);
                res.push('\t');
                res.push_str(loc);
                res.push('\n');
                continue;
            }
            if let Some(open) = text.find('(')
                && text.ends_with(')')
            {
                res.push_str(&text[..open]);
                res.push_str("(...)\n");
                continue;
            }
        }
        res.push_str(line);
    }
    res
}

/// For a `panic: (TYPE) 0xADDR` line (also a nested `\tpanic: …`), where
/// the address starts and ends.
fn panic_address(line: &str) -> Option<(usize, usize)> {
    let rest = line.trim_start_matches('\t').strip_prefix("panic: (")?;
    let close = rest.find(") 0x")?;
    let hex = rest[close + 4..]
        .bytes()
        .take_while(u8::is_ascii_hexdigit)
        .count();
    if hex == 0 {
        return None;
    }
    let at = line.len() - rest.len() + close + 2;
    Some((at, at + 2 + hex))
}

fn errors_test(file: &Path) -> Result<(), Failed> {
    let (dir, name) = split(file);
    let src = std::fs::read_to_string(file).map_err(|e| format!("read: {e}"))?;
    let r = recipe::parse(&src)?;
    if r.action != "errorcheck" {
        return Err(format!("want an `// errorcheck` recipe, have {:?}", r.action).into());
    }
    // A scratch object file: gc writes one when given no -o.
    static SCRATCH: AtomicUsize = AtomicUsize::new(0);
    let obj = std::env::temp_dir().join(format!(
        "rgo-golden-{}-{}.o",
        std::process::id(),
        SCRATCH.fetch_add(1, Ordering::Relaxed)
    ));
    let mut cmd = command("RGO_GOLDEN_COMPILER", &["tool", "compile"]);
    cmd.args(["-p=p", "-d=panic", "-C", "-e", "-o"])
        .arg(&obj)
        .args(&r.flags)
        .arg(&name)
        .current_dir(dir)
        .envs(r.env.iter().map(|(k, v)| (k, v)));
    let out = run(cmd);
    let _ = std::fs::remove_file(&obj);
    let out = out?;
    let text = out.text();
    if r.want_error && out.success() {
        return Err(format!("compilation succeeded unexpectedly\n{text}").into());
    }
    if !r.want_error && !out.success() {
        return Err(format!("{}\n{text}", out.status_text()).into());
    }
    errorcheck::error_check(
        &text,
        r.want_auto,
        &[CheckedFile {
            full: &name,
            short: &name,
            src: &src,
        }],
    )
    .map_err(|e| format!("{e}\ncompiler output:\n{text}").into())
}

fn check_test(file: &Path) -> Result<(), Failed> {
    let (dir, name) = split(file);
    let mut cmd = match std::env::var_os("RGO_GOLDEN_COMPILER") {
        Some(c) => Command::new(c),
        None => {
            let mut c = Command::new(env!("CARGO_BIN_EXE_rgo"));
            c.args(["tool", "compile"]);
            c
        }
    };
    let obj = std::env::temp_dir().join(format!("rgo-check-{}.o", std::process::id()));
    cmd.arg("-p=main")
        .arg("-o")
        .arg(&obj)
        .arg(&name)
        .current_dir(dir);
    let out = run(cmd)?;
    let _ = std::fs::remove_file(&obj);
    if out.success() && out.output.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{}", out.status_text(), out.text()).into())
    }
}

fn parse_test(file: &Path) -> Result<(), Failed> {
    let (dir, name) = split(file);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rgo"));
    cmd.args(["tool", "parse", &name]).current_dir(dir);
    let out = run(cmd)?;
    if out.success() && out.output.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{}", out.status_text(), out.text()).into())
    }
}
