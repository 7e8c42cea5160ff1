//! `cargo xtask bench`: the programs of `bench/` timed, and their peak
//! memory and collections counted, under `rgo run` and as native binaries
//! built by the real Go toolchain, side by side.
//!
//! 1. rgo is built in release (`cargo build --release -p cli`, at the path
//!    cargo reports) unless `--rgo` names a binary.
//! 2. Each `bench/NAME.go` (sorted by name; `--filter` keeps the names
//!    containing one of its substrings) is built with `go build -o TMP/NAME
//!    bench/NAME.go`, `go` being the first one on `PATH`, else
//!    `/usr/local/go/bin/go`, run with `GOENV=off`, `GOFLAGS=` and
//!    `GOTOOLCHAIN=local`.
//! 3. The native binary and `rgo run bench/NAME.go` run alternately from
//!    the workspace root, `--runs` times each, each process's wall time
//!    measured, its peak resident set size sampled (`VmHWM` of
//!    `/proc/PID/status` every [`RSS_SAMPLE_EVERY`],
//!    `testdir::exec::run_sampled`), its stdout and stderr captured
//!    together, and killed after `--timeout` seconds. Every `--env
//!    KEY=VALUE` is set for both sides (not for `go build`). A benchmark
//!    passes when every rgo run exits 0 and prints exactly what the native
//!    program printed on its first run. Once rgo has failed it is not run
//!    again; the native runs go on, so that their time is still reported.
//!    A native program that fails to build or run fails its benchmark
//!    outright.
//! 4. Then each side that has not failed runs once more, untimed, with
//!    `gctrace=1` added to `GODEBUG`; the `gc N @…` lines of its output
//!    (rgo prints gc's format) give the number of collections and the
//!    longest stop-the-world pause: each line's clock times are
//!    `A+B+C ms` (sweep termination, concurrent mark, mark termination),
//!    the pauses are A and C, and the longest is the maximum over the lines
//!    ([`GcTrace::parse`]).
//! 5. The report is a table (one row per benchmark, printed as soon as it
//!    is done) of the median native and rgo times, the ratio rgo/native,
//!    the median peak RSS of each side and their ratio, the collections
//!    and longest pause of each side, and the status; then the geometric
//!    means of the passed benchmarks' time and RSS ratios and how many
//!    passed.
//!
//! `--gomaxprocs 1,2` runs each program once per value, with `GOMAXPROCS`
//! set to it on both sides (after `--env`, so it wins): one row per value
//! (`parallel P=1`, `parallel P=2`), then, per program, the speed-up of
//! each side from the first value to the last: its median wall time at the
//! first over its median at the last.
//!
//! `--json` writes the same data, every run's time and peak RSS included.
//! `--check` exits 1 when any benchmark failed. Speed and memory are
//! reported, never asserted.

use crate::workspace_root;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};
use testdir::exec::{self, Output};

/// Where `go` is looked for when it is not on `PATH`.
const GO_FALLBACK: &str = "/usr/local/go/bin/go";

/// How often a timed run's `VmHWM` is read.
const RSS_SAMPLE_EVERY: Duration = Duration::from_millis(2);

/// Options of `cargo xtask bench`.
#[derive(clap::Args, Debug)]
pub struct Options {
    /// The rgo binary (default: build it in release first).
    #[arg(long, value_name = "PATH")]
    rgo: Option<PathBuf>,
    /// Runs of each program, native and rgo alternating; medians are reported.
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// Seconds before a run (or a `go build`) is killed.
    #[arg(long, value_name = "SECS", default_value_t = 120,
          value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Only the benchmarks whose name (`fib` for bench/fib.go) contains
    /// SUBSTR; repeatable (any of them).
    #[arg(long, value_name = "SUBSTR")]
    filter: Vec<String>,
    /// Write a JSON report (every benchmark: time and peak RSS of each run,
    /// medians, ratios, GC counts and pauses, status).
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Fail (exit 1) when any benchmark failed.
    #[arg(long)]
    check: bool,
    /// Set KEY=VALUE in the environment of both sides (`GOGC=50`,
    /// `GOMEMLIMIT=8MiB`); repeatable.
    #[arg(long = "env", value_name = "KEY=VALUE", value_parser = parse_env)]
    env: Vec<(String, String)>,
    /// Run each program once per value with GOMAXPROCS set to it on both
    /// sides (`1,2`), and report each side's speed-up from the first value
    /// to the last.
    #[arg(long, value_name = "N,M,…", value_delimiter = ',',
          value_parser = clap::value_parser!(u32).range(1..))]
    gomaxprocs: Vec<u32>,
}

/// `KEY=VALUE` of `--env`.
fn parse_env(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.into(), value.into())),
        _ => Err(format!("{arg:?} is not KEY=VALUE")),
    }
}

/// What every benchmark needs.
struct Ctx {
    /// The workspace root: the programs run from there.
    root: PathBuf,
    go: PathBuf,
    /// `go1.26.8`.
    go_version: String,
    rgo: PathBuf,
    /// Where the native binaries go.
    scratch: PathBuf,
    runs: u32,
    timeout: Duration,
    /// `--env`, in order given.
    env: Vec<(String, String)>,
    /// `--gomaxprocs`.
    gomaxprocs: Vec<u32>,
}

impl Ctx {
    /// `GODEBUG` for the gctrace run: `--env`'s, with `gctrace=1` after.
    fn godebug_gctrace(&self) -> String {
        match self.env.iter().rev().find(|(k, _)| k == "GODEBUG") {
            Some((_, v)) if !v.is_empty() => format!("{v},gctrace=1"),
            _ => "gctrace=1".into(),
        }
    }
}

/// What one `GODEBUG=gctrace=1` run reported.
#[derive(Debug, Clone, Copy, PartialEq)]
struct GcTrace {
    /// The number of `gc N @…` lines.
    cycles: u32,
    /// The longest stop-the-world pause in ms, `None` with no collection.
    max_pause_ms: Option<f64>,
}

impl GcTrace {
    /// Reads the gctrace lines of `text`:
    /// `gc 3 @0.012s 1%: 0.010+1.5+0.020 ms clock, …`: the first and third
    /// clock times are the pauses (sweep termination and mark
    /// termination); other lines are ignored.
    fn parse(text: &str) -> GcTrace {
        let pauses = |line: &str| -> Option<(f64, f64)> {
            let rest = line.strip_prefix("gc ")?;
            let (n, rest) = rest.split_once(' ')?;
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || !rest.starts_with('@') {
                return None;
            }
            let (_, rest) = rest.split_once(": ")?;
            let (clock, _) = rest.split_once(" ms clock")?;
            let mut parts = clock.split('+').map(str::parse::<f64>);
            let (a, _, c) = (
                parts.next()?.ok()?,
                parts.next()?.ok()?,
                parts.next()?.ok()?,
            );
            parts.next().is_none().then_some((a, c))
        };
        let mut trace = GcTrace {
            cycles: 0,
            max_pause_ms: None,
        };
        for (a, c) in text.lines().filter_map(pauses) {
            trace.cycles += 1;
            let pause = a.max(c);
            trace.max_pause_ms = Some(trace.max_pause_ms.map_or(pause, |m| m.max(pause)));
        }
        trace
    }
}

/// One benchmark's result.
#[derive(Debug)]
struct Bench {
    /// `fib` for `bench/fib.go`.
    name: String,
    /// The `GOMAXPROCS` of both sides under `--gomaxprocs`.
    procs: Option<u32>,
    /// Wall time of each successful native run.
    native: Vec<Duration>,
    /// Wall time of each rgo run whose output was right.
    rgo: Vec<Duration>,
    /// Peak RSS in bytes of the runs of `native` that had a reading.
    native_rss: Vec<u64>,
    /// Peak RSS in bytes of the runs of `rgo` that had a reading.
    rgo_rss: Vec<u64>,
    /// The native gctrace run, if it succeeded.
    native_gc: Option<GcTrace>,
    /// The rgo gctrace run, if it succeeded (and rgo passed).
    rgo_gc: Option<GcTrace>,
    /// Why it failed (the first failure), if it did.
    failure: Option<String>,
}

impl Bench {
    fn passed(&self) -> bool {
        self.failure.is_none()
    }

    fn native_ms(&self) -> Option<f64> {
        median_ms(&self.native)
    }

    /// rgo's median, for benchmarks that passed only.
    fn rgo_ms(&self) -> Option<f64> {
        if self.passed() {
            median_ms(&self.rgo)
        } else {
            None
        }
    }

    fn ratio(&self) -> Option<f64> {
        Some(self.rgo_ms()? / self.native_ms()?)
    }

    /// The native median peak RSS, in bytes.
    fn native_rss(&self) -> Option<f64> {
        median(self.native_rss.iter().map(|&b| b as f64).collect())
    }

    /// rgo's median peak RSS, in bytes, for benchmarks that passed only.
    fn rgo_rss(&self) -> Option<f64> {
        if self.passed() {
            median(self.rgo_rss.iter().map(|&b| b as f64).collect())
        } else {
            None
        }
    }

    fn rss_ratio(&self) -> Option<f64> {
        Some(self.rgo_rss()? / self.native_rss()?)
    }

    /// The row's name: `parallel P=2` under `--gomaxprocs`.
    fn label(&self) -> String {
        match self.procs {
            Some(p) => format!("{} P={p}", self.name),
            None => self.name.clone(),
        }
    }

    fn status(&self) -> String {
        match &self.failure {
            None => "ok".into(),
            Some(reason) => format!("fail: {reason}"),
        }
    }
}

/// Removes its directory when dropped.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new() -> Result<Self, String> {
        let dir = std::env::temp_dir().join(format!("rgo-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(ScratchDir(dir))
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn run(opts: Options) -> Result<ExitCode, String> {
    let root = workspace_root();
    let root = std::fs::canonicalize(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    let names = bench_names(&root.join("bench"), &opts.filter)?;
    let go = find_go()?;
    let rgo = match &opts.rgo {
        Some(p) => p.clone(),
        None => crate::conformance::build_rgo()?,
    };
    let rgo = std::fs::canonicalize(&rgo).map_err(|e| format!("{}: {e}", rgo.display()))?;
    let scratch = ScratchDir::new()?;
    let ctx = Ctx {
        root,
        go_version: go_version(&go),
        go,
        rgo,
        scratch: scratch.0.clone(),
        runs: opts.runs,
        timeout: Duration::from_secs(opts.timeout),
        env: opts.env,
        gomaxprocs: opts.gomaxprocs,
    };

    println!("native: {} ({})", ctx.go_version, ctx.go.display());
    println!("rgo:    {}", ctx.rgo.display());
    println!(
        "{} run{} each, medians of wall time and of peak RSS (VmHWM); gcs and max pause from one more run with gctrace=1",
        ctx.runs,
        if ctx.runs == 1 { "" } else { "s" }
    );
    println!("env:    {}", env_text(&ctx.env));
    if !ctx.gomaxprocs.is_empty() {
        let values: Vec<String> = ctx.gomaxprocs.iter().map(u32::to_string).collect();
        println!("GOMAXPROCS: {} (a row each)", values.join(", "));
    }
    println!();
    // One run of each program per `--gomaxprocs` value, or one run.
    let procs: Vec<Option<u32>> = if ctx.gomaxprocs.is_empty() {
        vec![None]
    } else {
        ctx.gomaxprocs.iter().copied().map(Some).collect()
    };
    let procs_width = procs
        .iter()
        .flatten()
        .map(|p| format!(" P={p}").len())
        .max();
    let width = names.iter().map(String::len).max().unwrap_or(0) + procs_width.unwrap_or(0);
    let width = width.max(4);
    println!(
        "{:<width$} {:>10} {:>10} {:>10} {:>8} {:>8} {:>9} {:>11} {:>18}  status",
        "name",
        "native ms",
        "rgo ms",
        "rgo/native",
        "go MiB",
        "rgo MiB",
        "rss ratio",
        "gcs go/rgo",
        "max pause go/rgo"
    );
    let mut benches = Vec::with_capacity(names.len() * procs.len());
    for name in &names {
        for &p in &procs {
            let bench = run_bench(&ctx, name.clone(), p);
            println!("{}", row(&bench, width));
            benches.push(bench);
        }
    }
    let speedups = speedups(&benches, &ctx.gomaxprocs);
    if let [first, .., last] = ctx.gomaxprocs[..] {
        println!();
        println!(
            "speed-up GOMAXPROCS={first} → {last} (median wall time at {first} over at {last}):"
        );
        for s in &speedups {
            println!(
                "{:<width$} native {:>6}  rgo {:>6}",
                s.name,
                ratio_cell(s.native),
                ratio_cell(s.rgo)
            );
        }
    }

    let passed = benches.iter().filter(|b| b.passed()).count();
    let geomean = geometric_mean(benches.iter().filter_map(Bench::ratio));
    let geomean_rss = geometric_mean(benches.iter().filter_map(Bench::rss_ratio));
    println!();
    match geomean {
        Some(g) => println!(
            "geometric mean rgo/native: time {g:.1}x, peak RSS {}",
            ratio_cell(geomean_rss)
        ),
        None => println!("geometric mean rgo/native: - (no benchmark passed)"),
    }
    println!("{passed} of {} passed", benches.len());

    if let Some(path) = &opts.json {
        write_json(path, &ctx, &benches, &speedups, geomean, geomean_rss)?;
    }
    if opts.check && passed < benches.len() {
        eprintln!(
            "bench: {} of {} failed",
            benches.len() - passed,
            benches.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// One program's speed-up between the first and last `--gomaxprocs`.
struct Speedup {
    name: String,
    /// The median wall time at the first value over the median at the
    /// last, when both are known.
    native: Option<f64>,
    rgo: Option<f64>,
}

/// The speed-ups of the programs of `benches`, from the first value of
/// `procs` to the last; none with fewer than two values.
fn speedups(benches: &[Bench], procs: &[u32]) -> Vec<Speedup> {
    let [first, .., last] = procs[..] else {
        return Vec::new();
    };
    let at = |name: &str, p: u32| {
        benches
            .iter()
            .find(|b| b.name == name && b.procs == Some(p))
    };
    let mut names: Vec<&str> = benches.iter().map(|b| b.name.as_str()).collect();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let (from, to) = (at(name, first), at(name, last));
            let ratio = |ms: fn(&Bench) -> Option<f64>| Some(ms(from?)? / ms(to?)?);
            Speedup {
                name: name.to_string(),
                native: ratio(Bench::native_ms),
                rgo: ratio(Bench::rgo_ms),
            }
        })
        .collect()
}

/// `--env` as the header shows it: `GOGC=50 GOMEMLIMIT=8MiB`, or `-`.
fn env_text(env: &[(String, String)]) -> String {
    if env.is_empty() {
        return "-".into();
    }
    let pairs: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
    pairs.join(" ")
}

/// `2.5x`, or `-`.
fn ratio_cell(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "-".into(), |r| format!("{r:.1}x"))
}

/// One row of the table.
fn row(bench: &Bench, width: usize) -> String {
    let ms = |v: Option<f64>| v.map_or_else(|| "-".into(), |ms| format!("{ms:.1}"));
    let mib = |v: Option<f64>| v.map_or_else(|| "-".into(), |b| format!("{:.1}", b / MIB));
    let pair = |go: Option<String>, rgo: Option<String>| {
        format!(
            "{}/{}",
            go.as_deref().unwrap_or("-"),
            rgo.as_deref().unwrap_or("-")
        )
    };
    let gcs = pair(
        bench.native_gc.map(|g| g.cycles.to_string()),
        bench.rgo_gc.map(|g| g.cycles.to_string()),
    );
    let pause =
        |g: Option<GcTrace>| g.map(|g| g.max_pause_ms.map_or_else(|| "-".into(), pause_text));
    let pauses = pair(pause(bench.native_gc), pause(bench.rgo_gc));
    format!(
        "{:<width$} {:>10} {:>10} {:>10} {:>8} {:>8} {:>9} {:>11} {:>18}  {}",
        bench.label(),
        ms(bench.native_ms()),
        ms(bench.rgo_ms()),
        ratio_cell(bench.ratio()),
        mib(bench.native_rss()),
        mib(bench.rgo_rss()),
        ratio_cell(bench.rss_ratio()),
        gcs,
        pauses + " ms",
        bench.status()
    )
}

/// A pause in ms with about two significant digits (`0.021`, `1.5`, `12`).
fn pause_text(ms: f64) -> String {
    if ms >= 10.0 {
        format!("{ms:.0}")
    } else if ms >= 1.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.3}")
    }
}

const MIB: f64 = 1024.0 * 1024.0;

/// The names of the programs of `dir` (`fib` for `fib.go`), sorted,
/// narrowed to those containing one of `filters` when there are any.
fn bench_names(dir: &Path, filters: &[String]) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| Some(e.file_name().to_str()?.strip_suffix(".go")?.to_string()))
        .filter(|n| !n.is_empty() && !n.starts_with('.'))
        .filter(|n| filters.is_empty() || filters.iter().any(|f| n.contains(f.as_str())))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(if filters.is_empty() {
            format!("no .go files in {}", dir.display())
        } else {
            format!(
                "no program of {} matches --filter {}",
                dir.display(),
                filters.join(", ")
            )
        });
    }
    Ok(names)
}

/// The first `go` on `PATH`, else [`GO_FALLBACK`].
fn find_go() -> Result<PathBuf, String> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("go"))
        .chain([PathBuf::from(GO_FALLBACK)])
        .find(|p| p.is_file())
        .ok_or_else(|| format!("go not found on PATH or at {GO_FALLBACK}"))
}

/// A `go` command with the environment of step 2 of the module doc.
fn go_command(go: &Path) -> Command {
    let mut cmd = Command::new(go);
    cmd.env("GOENV", "off")
        .env("GOFLAGS", "")
        .env("GOTOOLCHAIN", "local");
    cmd
}

/// `go1.26.8`, or `unknown go version`.
fn go_version(go: &Path) -> String {
    let mut cmd = go_command(go);
    cmd.args(["env", "GOVERSION"]);
    match exec::run_combined(cmd, Some(Duration::from_secs(30))) {
        Ok(out) if out.success() => out.text().trim().to_string(),
        _ => "unknown go version".into(),
    }
}

/// Builds and runs one benchmark (steps 2 and 3 of the module doc).
/// `procs` is the `GOMAXPROCS` of both sides, if set by `--gomaxprocs`.
fn run_bench(ctx: &Ctx, name: String, procs: Option<u32>) -> Bench {
    let mut bench = Bench {
        name,
        procs,
        native: Vec::new(),
        rgo: Vec::new(),
        native_rss: Vec::new(),
        rgo_rss: Vec::new(),
        native_gc: None,
        rgo_gc: None,
        failure: None,
    };
    let src = format!("bench/{}.go", bench.name);
    let exe = ctx.scratch.join(&bench.name);

    let mut build = go_command(&ctx.go);
    build
        .current_dir(&ctx.root)
        .arg("build")
        .arg("-o")
        .arg(&exe)
        .arg(&src);
    match exec::run_combined(build, Some(ctx.timeout)) {
        Ok(out) if out.success() => {}
        Ok(out) => {
            bench.failure = Some(format!("go build: {}", describe(&out, ctx.timeout)));
            return bench;
        }
        Err(e) => {
            bench.failure = Some(format!("cannot run go build: {e}"));
            return bench;
        }
    }

    // What the native program printed on its first run.
    let mut want: Option<Vec<u8>> = None;
    let procs_env = procs.map(|p| ("GOMAXPROCS", p.to_string()));
    let native = || {
        let mut cmd = Command::new(&exe);
        cmd.current_dir(&ctx.root)
            .envs(ctx.env.iter().map(|(k, v)| (k, v)))
            .envs(procs_env.clone());
        cmd
    };
    let rgo = || {
        let mut cmd = Command::new(&ctx.rgo);
        cmd.current_dir(&ctx.root)
            .env("GOENV", "off")
            .env("GOFLAGS", "")
            .env("GOTOOLCHAIN", "local")
            .envs(ctx.env.iter().map(|(k, v)| (k, v)))
            .envs(procs_env.clone())
            .arg("run")
            .arg(&src);
        cmd
    };
    for _ in 0..ctx.runs {
        match timed(native(), ctx.timeout) {
            Ok((out, time)) if out.success() => {
                bench.native_rss.extend(out.peak_rss);
                want.get_or_insert(out.output);
                bench.native.push(time);
            }
            Ok((out, _)) => {
                let reason = format!("native: {}", describe(&out, ctx.timeout));
                bench.failure.get_or_insert(reason);
                break;
            }
            Err(e) => {
                bench
                    .failure
                    .get_or_insert(format!("cannot run native: {e}"));
                break;
            }
        }
        if bench.failure.is_some() {
            continue;
        }

        match timed(rgo(), ctx.timeout) {
            Ok((out, time)) if out.success() => {
                let want = want.as_deref().unwrap_or_default();
                if out.output == want {
                    bench.rgo_rss.extend(out.peak_rss);
                    bench.rgo.push(time);
                } else {
                    bench.failure = Some(first_difference(&out.output, want));
                }
            }
            Ok((out, _)) => bench.failure = Some(describe(&out, ctx.timeout)),
            Err(e) => bench.failure = Some(format!("cannot run rgo: {e}")),
        }
    }

    // Step 4: the gctrace runs, untimed, of the sides still standing.
    if bench.native.len() == ctx.runs as usize {
        bench.native_gc = gctrace(ctx, native());
    }
    if bench.passed() {
        bench.rgo_gc = gctrace(ctx, rgo());
    }
    bench
}

/// Runs `cmd` (killed after `limit`), measuring its wall time and sampling
/// its peak RSS.
fn timed(cmd: Command, limit: Duration) -> std::io::Result<(Output, Duration)> {
    let start = Instant::now();
    let out = exec::run_sampled(cmd, Some(limit), RSS_SAMPLE_EVERY)?;
    Ok((out, start.elapsed()))
}

/// Runs `cmd` once with `gctrace=1` in `GODEBUG` and reads its trace;
/// `None` if it did not exit 0.
fn gctrace(ctx: &Ctx, mut cmd: Command) -> Option<GcTrace> {
    cmd.env("GODEBUG", ctx.godebug_gctrace());
    match exec::run_combined(cmd, Some(ctx.timeout)) {
        Ok(out) if out.success() => Some(GcTrace::parse(&out.text())),
        _ => None,
    }
}

/// How a failed command ended, with the first line of its output
/// (`exit status 2: rgo run: …`, `timed out after 120s`); the `# package`
/// lines that head the compiler errors of `go build` and `go run` are
/// passed over.
fn describe(out: &Output, limit: Duration) -> String {
    if out.timed_out {
        return format!("timed out after {}s", limit.as_secs());
    }
    let status = out.status_text();
    let text = out.text();
    match text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("# "))
    {
        Some(line) => format!("{status}: {}", clip(line)),
        None => status,
    }
}

/// Where rgo's output first departs from the native program's.
fn first_difference(got: &[u8], want: &[u8]) -> String {
    let (got, want) = (String::from_utf8_lossy(got), String::from_utf8_lossy(want));
    let (got, want): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    let show = |line: Option<&&str>| {
        line.map_or_else(|| "end of output".into(), |l| format!("{:?}", clip(l)))
    };
    match (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
        Some(i) => format!(
            "output differs at line {}: rgo {}, native {}",
            i + 1,
            show(got.get(i)),
            show(want.get(i))
        ),
        None => "output differs in line endings".into(),
    }
}

/// A line cut to a readable length.
fn clip(line: &str) -> String {
    match line.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

/// The median of `times`, in milliseconds.
fn median_ms(times: &[Duration]) -> Option<f64> {
    median(times.iter().map(|t| t.as_secs_f64() * 1e3).collect())
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[mid]),
        _ => Some((values[mid - 1] + values[mid]) / 2.0),
    }
}

fn geometric_mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(sum, n), v| (sum + v.ln(), n + 1));
    (n > 0).then(|| (sum / f64::from(n)).exp())
}

fn write_json(
    path: &Path,
    ctx: &Ctx,
    benches: &[Bench],
    speedups: &[Speedup],
    geomean: Option<f64>,
    geomean_rss: Option<f64>,
) -> Result<(), String> {
    // Milliseconds to the microsecond, so that the numbers print short.
    let round = |x: f64| (x * 1e3).round() / 1e3;
    let ms = |times: &[Duration]| -> Vec<f64> {
        times.iter().map(|t| round(t.as_secs_f64() * 1e3)).collect()
    };
    let gc =
        |g: Option<GcTrace>| g.map(|g| json!({"cycles": g.cycles, "max_pause_ms": g.max_pause_ms}));
    let rows: Vec<_> = benches
        .iter()
        .map(|b| {
            json!({
                "name": b.name,
                "gomaxprocs": b.procs,
                "native_ms": ms(&b.native),
                "rgo_ms": ms(&b.rgo),
                "native_median_ms": b.native_ms().map(round),
                "rgo_median_ms": b.rgo_ms().map(round),
                "ratio": b.ratio().map(round),
                "native_peak_rss_bytes": b.native_rss,
                "rgo_peak_rss_bytes": b.rgo_rss,
                "native_median_peak_rss_bytes": b.native_rss().map(|x| x.round() as u64),
                "rgo_median_peak_rss_bytes": b.rgo_rss().map(|x| x.round() as u64),
                "rss_ratio": b.rss_ratio().map(round),
                "native_gc": gc(b.native_gc),
                "rgo_gc": gc(b.rgo_gc),
                "result": if b.passed() { "ok" } else { "fail" },
                "reason": b.failure,
            })
        })
        .collect();
    let speedups: Vec<_> = speedups
        .iter()
        .map(|s| json!({"name": s.name, "native": s.native.map(round), "rgo": s.rgo.map(round)}))
        .collect();
    let report = json!({
        "go": ctx.go.display().to_string(),
        "go_version": ctx.go_version,
        "rgo": ctx.rgo.display().to_string(),
        "runs": ctx.runs,
        "timeout_secs": ctx.timeout.as_secs(),
        "env": ctx.env.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<serde_json::Map<_, _>>(),
        "passed": benches.iter().filter(|b| b.passed()).count(),
        "total": benches.len(),
        "geomean_ratio": geomean.map(round),
        "geomean_rss_ratio": geomean_rss.map(round),
        "benchmarks": rows,
        "gomaxprocs": ctx.gomaxprocs,
        "speedups": speedups,
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

    #[test]
    fn medians_and_means() {
        let ms = |v: &[u64]| {
            v.iter()
                .map(|&m| Duration::from_millis(m))
                .collect::<Vec<_>>()
        };
        assert_eq!(median_ms(&[]), None);
        assert_eq!(median_ms(&ms(&[30, 10, 20])), Some(20.0));
        assert_eq!(median_ms(&ms(&[40, 10, 20, 30])), Some(25.0));
        assert_eq!(geometric_mean(std::iter::empty()), None);
        let g = geometric_mean([2.0, 8.0].into_iter()).unwrap();
        assert!((g - 4.0).abs() < 1e-9);
    }

    #[test]
    fn differences() {
        assert_eq!(
            first_difference(b"1\n2\n", b"1\n3\n"),
            "output differs at line 2: rgo \"2\", native \"3\""
        );
        assert_eq!(
            first_difference(b"1\n", b"1\n2\n"),
            "output differs at line 2: rgo end of output, native \"2\""
        );
        assert_eq!(
            first_difference(b"1\r\n", b"1\n"),
            "output differs in line endings"
        );
    }

    #[test]
    fn statuses() {
        let bench = Bench {
            name: "fib".into(),
            procs: None,
            native: vec![Duration::from_millis(10)],
            rgo: vec![Duration::from_millis(125)],
            native_rss: vec![2 << 20, 4 << 20],
            rgo_rss: vec![12 << 20],
            native_gc: None,
            rgo_gc: None,
            failure: None,
        };
        assert_eq!(bench.status(), "ok");
        assert_eq!(bench.ratio(), Some(12.5));
        assert_eq!(bench.rss_ratio(), Some(4.0));
        let failed = Bench {
            failure: Some("exit status 2: not yet implemented".into()),
            ..bench
        };
        assert_eq!(failed.rgo_ms(), None);
        assert_eq!(failed.native_ms(), Some(10.0));
        assert_eq!(failed.rss_ratio(), None);
        assert_eq!(failed.status(), "fail: exit status 2: not yet implemented");
    }

    #[test]
    fn gctrace_lines() {
        let text = "stretch tree\n\
            gc 1 @0.004s 3%: 0.012+1.2+0.031 ms clock, 0.024+0.10/0.41/0+0.062 ms cpu, 4->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P\n\
            gc 2 @0.010s 4%: 0.40+2.0+0.051 ms clock, 0.80+0/1.5/0+0.10 ms cpu, 4->5->2 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)\n\
            gc x @0.1s 1%: 9+9+9 ms clock\n\
            done\n";
        assert_eq!(
            GcTrace::parse(text),
            GcTrace {
                cycles: 2,
                max_pause_ms: Some(0.40)
            }
        );
        assert_eq!(
            GcTrace::parse("no collections\n"),
            GcTrace {
                cycles: 0,
                max_pause_ms: None
            }
        );
    }

    #[test]
    fn gomaxprocs_speedups() {
        let bench = |name: &str, procs, native_ms, rgo_ms: Option<u64>| Bench {
            name: name.into(),
            procs: Some(procs),
            native: vec![Duration::from_millis(native_ms)],
            rgo: rgo_ms.map(Duration::from_millis).into_iter().collect(),
            native_rss: Vec::new(),
            rgo_rss: Vec::new(),
            native_gc: None,
            rgo_gc: None,
            failure: rgo_ms.is_none().then(|| "not yet implemented".into()),
        };
        let benches = [
            bench("parallel", 1, 600, Some(9000)),
            bench("parallel", 2, 300, Some(6000)),
            bench("tokenring", 1, 500, None),
            bench("tokenring", 2, 1000, None),
        ];
        assert_eq!(benches[1].label(), "parallel P=2");
        let s = speedups(&benches, &[1, 2]);
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].name.as_str(), s[0].native, s[0].rgo),
            ("parallel", Some(2.0), Some(1.5))
        );
        assert_eq!(
            (s[1].name.as_str(), s[1].native, s[1].rgo),
            ("tokenring", Some(0.5), None)
        );
        assert!(speedups(&benches, &[2]).is_empty());
    }

    #[test]
    fn env_options() {
        assert_eq!(parse_env("GOGC=50"), Ok(("GOGC".into(), "50".into())));
        assert_eq!(
            parse_env("GODEBUG=a=1"),
            Ok(("GODEBUG".into(), "a=1".into()))
        );
        assert!(parse_env("GOGC").is_err());
        assert!(parse_env("=1").is_err());
        assert_eq!(env_text(&[]), "-");
        let env = vec![
            ("GOGC".into(), "off".into()),
            ("GOMEMLIMIT".into(), "8MiB".into()),
        ];
        assert_eq!(env_text(&env), "GOGC=off GOMEMLIMIT=8MiB");
    }
}
