//! `cargo xtask conformance`: Go's own test suite, `GOROOT/test`, run with
//! rgo the way `cmd/internal/testdir` runs it with gc.
//!
//! 1. The test files are the `.go` files of testdir's directories (`.`,
//!    `ken`, `chan`, …, in its order), optionally narrowed by `--filter`.
//! 2. Each file's header is read as testdir reads it (`testdir::recipe`):
//!    a `//go:build` line false for linux/amd64 under testdir's tag rules
//!    skips the test; the recipe gives the action, flags and arguments.
//! 3. Actions rgo can judge today run:
//!    - `run`: `rgo run [flags] DIR/FILE.go [args]` in `GOROOT/test`; passes
//!      when it exits 0 and its combined output equals `FILE.out` (empty
//!      when there is none).
//!    - `errorcheck`: `rgo tool compile -p=p -d=panic -C -e -o OBJ [flags]
//!      /abs/FILE.go`, whose status must agree with the recipe (failure
//!      wanted unless `-0`) and whose diagnostics must match the `// ERROR`
//!      annotations (`testdir::errorcheck`).
//!    - `compile`: `rgo tool compile -e -p=p -o OBJ [flags] /abs/FILE.go`
//!      must exit 0.
//!
//!    Every other action is skipped, with the action named in the report.
//! 4. Tests run on `--jobs` threads taking the next index from a shared
//!    counter; each command is killed after `--timeout` seconds (or the
//!    recipe's own `-t`, if longer). With `--budget`, no test starts once
//!    the budget is spent; the tests not started are counted, not judged.
//! 5. The verdict: exit 1 when fewer than `--floor` pass (a test the budget
//!    kept from starting counts as a possible pass), or, with
//!    `--fail-on-any`, when any test that ran failed.
//!
//! Selection and environment, for runs such as "every `run` test that
//! passed before also passes under the collector's stress mode":
//! `--only-passed REPORT` keeps the tests that passed in an earlier
//! `--json` report, `--list FILE` keeps the tests listed in FILE (such as
//! `.ci/goroutine-tests`), `--action` keeps one action, `--skip-list FILE` skips
//! the listed tests with their reasons, and `--godebug VALUE` is the
//! GODEBUG of the programs the `run` tests start (put before the recipe's
//! own `-godebug`, whose settings win).
//!
//! The runner checks itself against the real toolchain when `--rgo` names
//! a script that runs `go` instead (with `tool compile` given
//! `-importcfg=$STDLIB_IMPORTCFG`, and that variable exported, as testdir
//! exports it, for the tests that run the compiler themselves): with Go
//! 1.26.8 every test it runs passes.
//!
//! testdir's `types2Failures` are tests that gc itself fails; they are
//! skipped rather than counted (testdir counts their failure as a pass).

use crate::{goroot_and_version, workspace_root};
use rgo::build::{BuildContext, Expr, parse_expr};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use testdir::errorcheck::{self, CheckedFile};
use testdir::exec::{self, Output};
use testdir::recipe::{self, Recipe};

/// The directories testdir runs, in its order (`dirs` in `testdir_test.go`).
const DIRS: &[&str] = &[
    ".",
    "ken",
    "chan",
    "interface",
    "internal/runtime/sys",
    "syntax",
    "dwarf",
    "fixedbugs",
    "codegen",
    "abi",
    "typeparam",
    "typeparam/mdempsky",
    "arenas",
    "simd",
];

/// Tests gc fails (`types2Failures` in `testdir_test.go`).
const GC_FAILURES: &[&str] = &[
    "shift1.go",
    "fixedbugs/issue10700.go",
    "fixedbugs/issue18331.go",
    "fixedbugs/issue18419.go",
    "fixedbugs/issue20233.go",
    "fixedbugs/issue20245.go",
    "fixedbugs/issue31053.go",
];

/// Options of `cargo xtask conformance`.
#[derive(clap::Args, Debug)]
pub struct Options {
    /// The Go tree whose test/ directory runs (default: discovered as `rgo` does).
    #[arg(long)]
    goroot: Option<PathBuf>,
    /// The rgo binary (default: build it in release first).
    #[arg(long)]
    rgo: Option<PathBuf>,
    /// Tests run in parallel.
    #[arg(long, default_value_t = 2)]
    jobs: usize,
    /// Seconds before a command is killed.
    #[arg(long, default_value_t = 10)]
    timeout: u64,
    /// Write a JSON report (every test: path, action, result, reason, seconds).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Fail (exit 1) when fewer tests pass.
    #[arg(long, value_name = "N")]
    floor: Option<usize>,
    /// Only tests whose path (`fixedbugs/bug000.go`) contains SUBSTR.
    #[arg(long, value_name = "SUBSTR")]
    filter: Option<String>,
    /// Print every test's result and the full reason of each failure.
    #[arg(long)]
    verbose: bool,
    /// Only tests of this action (`run`, `errorcheck`, `compile`); the
    /// others are skipped.
    #[arg(long, value_name = "ACTION")]
    action: Option<String>,
    /// Only the tests that passed in this earlier `--json` report.
    #[arg(long, value_name = "FILE")]
    only_passed: Option<PathBuf>,
    /// Only the tests listed in FILE: one path a line (`chan/select.go`,
    /// `fixedbugs/bug147.go`, `235.go`), `#` comments.
    #[arg(long, value_name = "FILE")]
    list: Option<PathBuf>,
    /// Skip the tests listed in FILE: one `PATH REASON…` a line, `#` comments.
    #[arg(long, value_name = "FILE")]
    skip_list: Option<PathBuf>,
    /// GODEBUG for the programs of `run` tests (before the recipe's own
    /// `-godebug`, which wins on a shared key).
    #[arg(long, value_name = "VALUE")]
    godebug: Option<String>,
    /// Start no test after SECS seconds; tests not started are reported
    /// as such, and the floor counts them as possible passes.
    #[arg(long, value_name = "SECS")]
    budget: Option<u64>,
    /// Fail (exit 1) when any test that ran failed.
    #[arg(long)]
    fail_on_any: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Pass,
    Fail,
    Skip,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Skip => "skip",
        }
    }
}

/// One test's result.
#[derive(Debug)]
struct Outcome {
    /// `dir/file.go` (`file.go` for the top directory), as testdir names it.
    path: String,
    action: String,
    verdict: Verdict,
    /// Why it failed or was skipped, in full.
    reason: String,
    /// For errorcheck tests judged from type-checker diagnostics only
    /// ([`is_typecheck_test`]): the annotation counts.
    annotations: Option<Counts>,
    /// For run tests: whether the program is sequential ([`is_sequential`]).
    sequential: bool,
    /// Wall time of the test.
    elapsed: Duration,
}

/// Annotation-level counts of one errorcheck test.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    wanted: usize,
    matched: usize,
    unexpected: usize,
}

/// What every test needs.
struct Ctx {
    test_dir: PathBuf,
    rgo: PathBuf,
    timeout: Duration,
    build: BuildContext,
    /// `--action`.
    action: Option<String>,
    /// `--skip-list`: path to reason.
    skip: BTreeMap<String, String>,
    /// `--godebug`.
    godebug: Option<String>,
}

/// A test to run: its directory (one of [`DIRS`]) and file name.
struct Case {
    dir: &'static str,
    file: String,
}

impl Case {
    fn path(&self) -> String {
        if self.dir == "." {
            self.file.clone()
        } else {
            format!("{}/{}", self.dir, self.file)
        }
    }
}

pub fn run(opts: Options) -> Result<ExitCode, String> {
    let (goroot, version) = goroot_and_version(opts.goroot.clone())?;
    let test_dir = goroot.join("test");
    if !test_dir.is_dir() {
        return Err(format!("{} is not a directory", test_dir.display()));
    }
    let rgo = match &opts.rgo {
        Some(p) => p.clone(),
        None => build_rgo()?,
    };
    let rgo = std::fs::canonicalize(&rgo).map_err(|e| format!("{}: {e}", rgo.display()))?;

    let mut cases = Vec::new();
    for &dir in DIRS {
        let Ok(entries) = std::fs::read_dir(test_dir.join(dir)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.') && n.ends_with(".go"))
            .collect();
        names.sort();
        cases.extend(names.into_iter().map(|file| Case { dir, file }));
    }
    if let Some(f) = &opts.filter {
        cases.retain(|c| c.path().contains(f.as_str()));
    }
    if let Some(file) = &opts.list {
        let listed = read_list(file)?;
        let found: BTreeSet<String> = cases.iter().map(Case::path).collect();
        let missing: Vec<&str> = listed
            .iter()
            .filter(|p| !found.contains(*p))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            eprintln!(
                "conformance: {} lists tests not found in {}: {}",
                file.display(),
                test_dir.display(),
                missing.join(" ")
            );
        }
        cases.retain(|c| listed.contains(&c.path()));
    }
    if let Some(report) = &opts.only_passed {
        let passed = passed_in(report, opts.action.as_deref())?;
        cases.retain(|c| passed.contains(&c.path()));
    }
    let skip = match &opts.skip_list {
        Some(p) => read_skip_list(p)?,
        None => BTreeMap::new(),
    };

    let ctx = Arc::new(Ctx {
        test_dir,
        rgo,
        timeout: Duration::from_secs(opts.timeout.max(1)),
        build: BuildContext::rgo(&version),
        action: opts.action.clone(),
        skip,
        godebug: opts.godebug.clone(),
    });
    let start = Instant::now();
    let budget = opts.budget.map(Duration::from_secs);
    let outcomes = run_all(&ctx, &cases, opts.jobs.max(1), budget, opts.verbose);
    let elapsed = start.elapsed();
    // Tests past the budget never started: they are not part of the report.
    let not_run = cases.len() - outcomes.len();
    let ran = &cases[..outcomes.len()];

    report(ran, &outcomes, elapsed);
    let count = |v| outcomes.iter().filter(|o| o.verdict == v).count();
    let (passed, failed) = (count(Verdict::Pass), count(Verdict::Fail));
    if not_run > 0 {
        println!(
            "budget of {}s spent: {} of {} tests ran ({passed} passed, {failed} failed), {not_run} not started",
            opts.budget.unwrap_or(0),
            outcomes.len(),
            cases.len(),
        );
    }
    if let Some(path) = &opts.json {
        write_json(path, &goroot, &ctx.rgo, &outcomes, not_run)?;
    }
    let mut ok = true;
    // A test the budget kept from starting counts as a possible pass: the
    // floor fails only when the failures alone put it out of reach.
    if let Some(floor) = opts.floor
        && passed + not_run < floor
    {
        let unstarted = if not_run > 0 {
            format!(" (and {not_run} not started)")
        } else {
            String::new()
        };
        eprintln!("conformance: {passed} passed{unstarted}, below the floor of {floor}");
        ok = false;
    }
    if opts.fail_on_any && failed > 0 {
        eprintln!("conformance: {failed} of the tests that ran failed (--fail-on-any):");
        for o in outcomes.iter().filter(|o| o.verdict == Verdict::Fail) {
            eprintln!("  {}: {}", o.path, short_reason(&o.reason));
        }
        ok = false;
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The paths of the tests that passed in an earlier `--json` report
/// (only those of `action`, when given).
fn passed_in(report: &Path, action: Option<&str>) -> Result<BTreeSet<String>, String> {
    let text = std::fs::read_to_string(report).map_err(|e| format!("{}: {e}", report.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", report.display()))?;
    let tests = json["tests"]
        .as_array()
        .ok_or_else(|| format!("{}: no \"tests\" array", report.display()))?;
    Ok(tests
        .iter()
        .filter(|t| t["result"] == "pass" && action.is_none_or(|a| t["action"] == a))
        .filter_map(|t| t["path"].as_str().map(String::from))
        .collect())
}

/// A `--list` file: a test path a line (anything after it is ignored);
/// blank lines and lines starting with `#` are ignored.
fn read_list(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse_skip_list(&text).into_keys().collect())
}

/// A `--skip-list` file: `PATH REASON…` a line; blank lines and lines
/// starting with `#` are ignored.
fn read_skip_list(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse_skip_list(&text))
}

fn parse_skip_list(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((p, r)) => (p.to_string(), r.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

/// Builds the rgo binary in release and returns its path, as cargo reports
/// it (the output directory depends on the configured target).
pub(crate) fn build_rgo() -> Result<PathBuf, String> {
    let root = workspace_root();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "build",
            "--release",
            "-p",
            "cli",
            "--quiet",
            "--message-format=json",
        ])
        .current_dir(&root)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !out.status.success() {
        return Err("cargo build --release -p cli failed".into());
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "rgo")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| "cargo build --release -p cli: no rgo executable reported".into())
}

/// Runs the cases on `jobs` threads; outcomes come back in case order.
/// Once `budget` is spent no case starts: the outcomes are those of a
/// prefix of `cases` (a worker checks the clock before it takes an index,
/// so every index taken is run).
fn run_all(
    ctx: &Arc<Ctx>,
    cases: &[Case],
    jobs: usize,
    budget: Option<Duration>,
    verbose: bool,
) -> Vec<Outcome> {
    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new((0..cases.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for worker in 0..jobs {
            let (next, results) = (&next, &results);
            s.spawn(move || {
                let scratch = std::env::temp_dir()
                    .join(format!("rgo-conformance-{}-{worker}", std::process::id()));
                let _ = std::fs::create_dir_all(&scratch);
                loop {
                    if budget.is_some_and(|b| start.elapsed() >= b) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    let started = Instant::now();
                    let mut outcome = run_case(ctx, case, &scratch);
                    outcome.elapsed = started.elapsed();
                    if verbose {
                        match outcome.verdict {
                            Verdict::Fail => eprintln!("FAIL {}: {}", outcome.path, outcome.reason),
                            v => eprintln!("{} {}", v.as_str().to_uppercase(), outcome.path),
                        }
                    }
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(outcome);
                    }
                }
                let _ = std::fs::remove_dir_all(&scratch);
            });
        }
    });
    let started = next.into_inner().min(cases.len());
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .take(started)
        .zip(cases)
        .map(|(o, c)| {
            o.unwrap_or_else(|| Outcome {
                path: c.path(),
                action: String::new(),
                verdict: Verdict::Fail,
                reason: "the runner lost this test's result".into(),
                annotations: None,
                sequential: false,
                elapsed: Duration::ZERO,
            })
        })
        .collect()
}

/// Runs one test (steps 2 and 3 of the module doc).
fn run_case(ctx: &Ctx, case: &Case, scratch: &Path) -> Outcome {
    let path = case.path();
    let outcome = |action: &str, verdict, reason: String| Outcome {
        path: path.clone(),
        action: action.to_string(),
        verdict,
        reason,
        annotations: None,
        sequential: false,
        elapsed: Duration::ZERO,
    };
    let long = ctx.test_dir.join(&path);
    let src = match std::fs::read(&long) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            return outcome(
                "",
                Verdict::Fail,
                format!("reading test case .go file: {e}"),
            );
        }
    };
    if src.starts_with('\n') {
        return outcome(
            "",
            Verdict::Fail,
            ".go file source starts with a newline".into(),
        );
    }
    let Some(action_line) = recipe::action_line(&src) else {
        return outcome("", Verdict::Fail, "execution recipe not found".into());
    };
    for (line, expr) in recipe::go_build_lines(recipe::header(&src, action_line)) {
        if let Ok(x) = parse_expr(expr)
            && !eval(&ctx.build, &x)
        {
            return outcome("", Verdict::Skip, line.to_string());
        }
    }
    let r = match recipe::parse_action(action_line) {
        Ok(r) => r,
        Err(e) => return outcome("", Verdict::Fail, e),
    };
    let action = r.action.clone();
    if let Some(want) = &ctx.action
        && *want != action
    {
        return outcome(&action, Verdict::Skip, format!("not --action {want}"));
    }
    if let Some(why) = ctx.skip.get(&path) {
        return outcome(&action, Verdict::Skip, format!("skip list: {why}"));
    }
    if GC_FAILURES.contains(&path.as_str()) {
        return outcome(
            &action,
            Verdict::Skip,
            "gc fails it too (testdir's types2Failures)".into(),
        );
    }
    let result = match action.as_str() {
        "skip" => return outcome(&action, Verdict::Skip, "skip".into()),
        "run" => run_test(ctx, &path, &r),
        "errorcheck" => {
            let (result, counts) = errorcheck_test(ctx, case, &long, &src, &r, scratch);
            let mut o = match result {
                Ok(()) => outcome(&action, Verdict::Pass, String::new()),
                Err(reason) => outcome(&action, Verdict::Fail, reason),
            };
            if is_typecheck_test(&r) {
                o.annotations = Some(counts.unwrap_or_default());
            }
            return o;
        }
        "compile" => compile_test(ctx, &long, &r, scratch),
        other => {
            return outcome(
                &action,
                Verdict::Skip,
                format!("unsupported action {other}"),
            );
        }
    };
    let mut o = match result {
        Ok(()) => outcome(&action, Verdict::Pass, String::new()),
        Err(reason) => outcome(&action, Verdict::Fail, reason),
    };
    o.sequential = action == "run" && is_sequential(src.as_bytes());
    o
}

/// Whether a test program is sequential in the compiler issue's sense: it
/// imports no package but `os` and `unsafe`, and uses no goroutines or
/// channels (no `go`, `chan`, `select` or `<-` token).
fn is_sequential(src: &[u8]) -> bool {
    use syntax::token::Token;
    let (file, errs) = syntax::parse_file(src);
    if !errs.is_empty() {
        return false;
    }
    for d in &file.decls {
        if let syntax::ast::Decl::Import(i) = d
            && !i
                .path
                .as_ref()
                .is_some_and(|p| matches!(p.value.as_str(), "\"os\"" | "\"unsafe\""))
        {
            return false;
        }
    }
    let mut sc = syntax::scanner::Scanner::new(src, false);
    loop {
        sc.next();
        match sc.tok {
            Token::Eof => return true,
            Token::Go | Token::Chan | Token::Select | Token::Arrow => return false,
            _ => {}
        }
    }
}

/// Whether a build constraint holds under testdir's tag rules
/// (`context.match`): release tags, the toolchain's experiments, the
/// target's GOOS and GOARCH, `gc`, `test_run`; cgo is off.
fn eval(b: &BuildContext, x: &Expr) -> bool {
    match x {
        Expr::Tag(name) => testdir_match(b, name),
        Expr::Not(a) => !eval(b, a),
        Expr::And(a, c) => eval(b, a) && eval(b, c),
        Expr::Or(a, c) => eval(b, a) || eval(b, c),
    }
}

fn testdir_match(b: &BuildContext, name: &str) -> bool {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    {
        return false;
    }
    if b.release_tags.iter().any(|t| t == name) {
        return true;
    }
    if name.starts_with("goexperiment.") {
        return b.tool_tags.iter().any(|t| t == name);
    }
    (name == "cgo" && b.cgo_enabled)
        || name == b.goos
        || name == b.goarch
        || name == "gc"
        || name == "test_run"
}

/// A command as testdir's `runcmd` sets it up.
fn command(ctx: &Ctx, dir: &Path, r: &Recipe) -> Command {
    let mut cmd = Command::new(&ctx.rgo);
    cmd.current_dir(dir)
        .env("GOENV", "off")
        .env("GOFLAGS", "")
        .env("PWD", dir)
        .envs(r.env.iter().map(|(k, v)| (k, v)));
    cmd
}

fn execute(ctx: &Ctx, cmd: Command, r: &Recipe) -> Result<Output, String> {
    let limit = ctx
        .timeout
        .max(Duration::from_secs(r.timeout_secs.unwrap_or(0)));
    let out = exec::run_combined(cmd, Some(limit)).map_err(|e| format!("cannot run rgo: {e}"))?;
    if out.timed_out {
        return Err(format!("timed out after {}s", limit.as_secs()));
    }
    Ok(out)
}

/// `run`: run the program, compare its output with `FILE.out`.
fn run_test(ctx: &Ctx, path: &str, r: &Recipe) -> Result<(), String> {
    let mut cmd = command(ctx, &ctx.test_dir, r);
    if let Some(ours) = &ctx.godebug {
        let theirs = r.env.iter().rev().find(|(k, _)| k == "GODEBUG");
        let value = match theirs {
            Some((_, v)) => format!("{ours},{v}"),
            None => ours.clone(),
        };
        cmd.env("GODEBUG", value);
    }
    cmd.arg("run").args(&r.flags).arg(path).args(&r.args);
    let out = execute(ctx, cmd, r)?;
    let got = out.text().replace("\r\n", "\n");
    if !out.success() {
        return Err(format!("{}\n{got}", out.status_text()));
    }
    let out_file = ctx
        .test_dir
        .join(format!("{}.out", path.trim_end_matches(".go")));
    let want = std::fs::read_to_string(&out_file).unwrap_or_default();
    if got != want {
        return Err(format!(
            "output does not match {}; saw\n{got}",
            out_file.display()
        ));
    }
    Ok(())
}

/// `errorcheck`: compile, then judge the diagnostics. The judgement's
/// counts come back even when the test fails; `None` when the compiler
/// could not be run or the annotations are malformed.
fn errorcheck_test(
    ctx: &Ctx,
    case: &Case,
    long: &Path,
    src: &str,
    r: &Recipe,
    scratch: &Path,
) -> (Result<(), String>, Option<Counts>) {
    let mut cmd = command(ctx, scratch, r);
    cmd.args(["tool", "compile", "-p=p", "-d=panic", "-C", "-e", "-o"])
        .arg(scratch.join("a.o"))
        .args(&r.flags)
        .arg(long);
    let out = match execute(ctx, cmd, r) {
        Ok(out) => out,
        Err(e) => {
            let wanted = errorcheck::wanted_errors(src, &case.file).map_or(0, |w| w.len());
            let counts = Counts {
                wanted,
                ..Counts::default()
            };
            return (Err(e), Some(counts));
        }
    };
    let text = out.text();
    let full = long.to_string_lossy();
    let judgement = match errorcheck::judge(
        &text,
        r.want_auto,
        &[CheckedFile {
            full: &full,
            short: &case.file,
            src,
        }],
    ) {
        Ok(j) => j,
        Err(e) => return (Err(e), None),
    };
    let counts = Counts {
        wanted: judgement.wanted,
        matched: judgement.matched,
        unexpected: judgement.unexpected,
    };
    let result = if r.want_error && out.success() {
        Err(format!("compilation succeeded unexpectedly\n{text}"))
    } else if !r.want_error && !out.success() {
        Err(format!("{}\n{text}", out.status_text()))
    } else {
        judgement.into_result()
    };
    (result, Some(counts))
}

/// Whether an errorcheck test's diagnostics come from the type checker:
/// its flags ask for no compiler-internal report (`-m`, `-d=…`, `-live`,
/// …) and no code-generation mode (`-d=ssa/check/on` is testdir's own,
/// added to every errorcheck test).
fn is_typecheck_test(r: &Recipe) -> bool {
    r.flags.iter().filter(|f| *f != "-d=ssa/check/on").all(|f| {
        let name = f.trim_start_matches('-');
        let name = name.split('=').next().unwrap_or(name);
        !(name.starts_with('m')
            || name.starts_with('d')
            || matches!(
                name,
                "live" | "race" | "wb" | "N" | "l" | "smallframes" | "+" | "s" | "0"
            ))
    })
}

/// `compile`: compilation must succeed.
fn compile_test(ctx: &Ctx, long: &Path, r: &Recipe, scratch: &Path) -> Result<(), String> {
    let mut cmd = command(ctx, scratch, r);
    cmd.args(["tool", "compile", "-e", "-p=p", "-o"])
        .arg(scratch.join("a.o"))
        .args(&r.flags)
        .arg(long);
    let out = execute(ctx, cmd, r)?;
    if out.success() {
        Ok(())
    } else {
        Err(format!("{}\n{}", out.status_text(), out.text()))
    }
}

/// The first line of a reason, cut to a readable length.
fn short_reason(reason: &str) -> String {
    let line = reason.trim_start().lines().next().unwrap_or("");
    match line.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

/// Prints the skip reasons, the per-directory table and the totals (last,
/// so that `tail` shows them).
fn report(cases: &[Case], outcomes: &[Outcome], elapsed: Duration) {
    let mut skips: BTreeMap<String, usize> = BTreeMap::new();
    for o in outcomes.iter().filter(|o| o.verdict == Verdict::Skip) {
        let key = if o.reason.starts_with("//go:build") {
            "build constraint".to_string()
        } else {
            o.reason.clone()
        };
        *skips.entry(key).or_default() += 1;
    }
    println!("skipped tests by reason:");
    for (reason, n) in &skips {
        println!("  {n:>5}  {reason}");
    }
    println!();

    let mut by_dir: Vec<(&str, [usize; 3])> = DIRS.iter().map(|d| (*d, [0; 3])).collect();
    for (case, o) in cases.iter().zip(outcomes) {
        if let Some((_, counts)) = by_dir.iter_mut().find(|(d, _)| *d == case.dir) {
            counts[o.verdict as usize] += 1;
        }
    }
    println!(
        "{:<22} {:>7} {:>7} {:>8}",
        "dir", "passed", "failed", "skipped"
    );
    for (dir, [p, f, s]) in &by_dir {
        if p + f + s > 0 {
            println!("{dir:<22} {p:>7} {f:>7} {s:>8}");
        }
    }
    annotation_report(cases, outcomes);
    sequential_report(cases, outcomes);
    let count = |v| outcomes.iter().filter(|o| o.verdict == v).count();
    println!();
    println!("time: {:.1}s", elapsed.as_secs_f64());
    println!(
        "{} passed, {} failed",
        count(Verdict::Pass),
        count(Verdict::Fail)
    );
    println!("{} skipped", count(Verdict::Skip));
}

/// The annotation-level table of the type-checker errorcheck tests.
fn annotation_report(cases: &[Case], outcomes: &[Outcome]) {
    let mut by_dir: Vec<(&str, usize, usize, Counts)> =
        DIRS.iter().map(|d| (*d, 0, 0, Counts::default())).collect();
    for (case, o) in cases.iter().zip(outcomes) {
        let Some(c) = o.annotations else { continue };
        if let Some(row) = by_dir.iter_mut().find(|r| r.0 == case.dir) {
            row.1 += 1;
            row.2 += usize::from(o.verdict == Verdict::Pass);
            row.3.wanted += c.wanted;
            row.3.matched += c.matched;
            row.3.unexpected += c.unexpected;
        }
    }
    println!();
    println!("type-checker errorcheck tests (no -m/-d/-live/… flags), by annotation:");
    println!(
        "{:<22} {:>6} {:>7} {:>7} {:>8} {:>7} {:>11}",
        "dir", "tests", "passed", "wanted", "matched", "%", "unexpected"
    );
    let mut total = (0, 0, Counts::default());
    for (dir, tests, passed, c) in &by_dir {
        if *tests == 0 {
            continue;
        }
        println!(
            "{dir:<22} {tests:>6} {passed:>7} {:>7} {:>8} {:>7.1} {:>11}",
            c.wanted,
            c.matched,
            percent(c.matched, c.wanted),
            c.unexpected
        );
        total.0 += tests;
        total.1 += passed;
        total.2.wanted += c.wanted;
        total.2.matched += c.matched;
        total.2.unexpected += c.unexpected;
    }
    let (tests, passed, c) = total;
    println!(
        "{:<22} {tests:>6} {passed:>7} {:>7} {:>8} {:>7.1} {:>11}",
        "total",
        c.wanted,
        c.matched,
        percent(c.matched, c.wanted),
        c.unexpected
    );
}

/// The table of sequential run tests ([`is_sequential`]) by directory.
fn sequential_report(cases: &[Case], outcomes: &[Outcome]) {
    let mut by_dir: Vec<(&str, usize, usize)> = DIRS.iter().map(|d| (*d, 0, 0)).collect();
    for (case, o) in cases.iter().zip(outcomes) {
        if !o.sequential {
            continue;
        }
        if let Some(row) = by_dir.iter_mut().find(|r| r.0 == case.dir) {
            row.1 += 1;
            row.2 += usize::from(o.verdict == Verdict::Pass);
        }
    }
    println!();
    println!("sequential run tests (imports only os/unsafe, no goroutines or channels):");
    println!("{:<22} {:>6} {:>7} {:>7}", "dir", "tests", "passed", "%");
    let (mut tests, mut passed) = (0, 0);
    for (dir, t, p) in &by_dir {
        if *t == 0 {
            continue;
        }
        println!("{dir:<22} {t:>6} {p:>7} {:>7.1}", percent(*p, *t));
        tests += t;
        passed += p;
    }
    println!(
        "{:<22} {tests:>6} {passed:>7} {:>7.1}",
        "total",
        percent(passed, tests)
    );
}

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 {
        100.0
    } else {
        100.0 * n as f64 / of as f64
    }
}

fn write_json(
    path: &Path,
    goroot: &Path,
    rgo: &Path,
    outcomes: &[Outcome],
    not_run: usize,
) -> Result<(), String> {
    let count = |v| outcomes.iter().filter(|o| o.verdict == v).count();
    let tests: Vec<_> = outcomes
        .iter()
        .map(|o| {
            json!({
                "path": o.path,
                "action": o.action,
                "result": o.verdict.as_str(),
                "reason": short_reason(&o.reason),
                "sequential": o.sequential,
                "seconds": (o.elapsed.as_secs_f64() * 100.0).round() / 100.0,
                "annotations": o.annotations.map(|c| json!({
                    "wanted": c.wanted,
                    "matched": c.matched,
                    "unexpected": c.unexpected,
                })),
            })
        })
        .collect();
    let report = json!({
        "goroot": goroot.display().to_string(),
        "rgo": rgo.display().to_string(),
        "passed": count(Verdict::Pass),
        "failed": count(Verdict::Fail),
        "skipped": count(Verdict::Skip),
        "not_run": not_run,
        "tests": tests,
    });
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(expr: &str) -> bool {
        eval(&BuildContext::rgo("go1.26.8"), &parse_expr(expr).unwrap())
    }

    #[test]
    fn testdir_tag_rules() {
        assert!(holds("linux && amd64 && gc && go1.21 && test_run"));
        assert!(holds("!wasm && !gccgo && !cgo"));
        assert!(holds("goexperiment.regabiargs"));
        assert!(!holds("goexperiment.simd"));
        // testdir knows neither `unix` nor rgo's `purego` policy tag.
        assert!(!holds("unix"));
        assert!(!holds("purego"));
        assert!(!holds("go1.27"));
    }

    #[test]
    fn names_and_reasons() {
        let top = Case {
            dir: ".",
            file: "a.go".into(),
        };
        let sub = Case {
            dir: "fixedbugs",
            file: "b.go".into(),
        };
        assert_eq!(
            (top.path(), sub.path()),
            ("a.go".to_string(), "fixedbugs/b.go".to_string())
        );
        assert_eq!(short_reason("\nexit status 2\nmore"), "exit status 2");
        assert_eq!(short_reason(&"x".repeat(300)).chars().count(), 161);
    }

    #[test]
    fn skip_list_lines() {
        let list = parse_skip_list("# known\n\nfixedbugs/a.go  checkmark: missed object\nb.go\n");
        assert_eq!(list.len(), 2);
        assert_eq!(list["fixedbugs/a.go"], "checkmark: missed object");
        assert_eq!(list["b.go"], "");
    }

    #[test]
    fn list_lines() {
        let dir = std::env::temp_dir().join(format!("rgo-list-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("list");
        std::fs::write(&file, "# how\nchan/select.go\n\n  235.go  # note\n").unwrap();
        let listed = read_list(&file).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(
            listed.into_iter().collect::<Vec<_>>(),
            ["235.go", "chan/select.go"]
        );
    }
}
