//! Pacing: GOGC and GOMEMLIMIT change the number of collections the way
//! they do under gc, on the same program (`testdata/gctrace/pacing.go`:
//! a 6 MB live set, 64 MB of garbage). Checked for rgo, and for a binary
//! the real go builds when go is installed (which checks the expectations
//! themselves). A memory limit far below the live heap must not stop the
//! program: the CPU limiter lets the heap outgrow it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn program() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/gctrace/pacing.go")
}

/// Collections of one run with `env` set, and its standard error minus
/// the gctrace lines (the program's output).
fn cycles(cmd: &[&Path], env: &[(&str, &str)]) -> (usize, String) {
    let mut c = Command::new(cmd[0]);
    c.args(&cmd[1..]).env("GODEBUG", "gctrace=1");
    for k in ["GOGC", "GOMEMLIMIT"] {
        c.env_remove(k);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("run");
    assert!(out.status.success(), "{c:?} failed: {out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let n = err.lines().filter(|l| l.starts_with("gc ")).count();
    let rest = err
        .lines()
        .filter(|l| !l.starts_with("gc "))
        .collect::<Vec<_>>()
        .join("\n");
    (n, rest)
}

fn check(who: &str, cmd: &[&Path]) -> String {
    let (g50, out) = cycles(cmd, &[("GOGC", "50")]);
    let (g100, _) = cycles(cmd, &[("GOGC", "100")]);
    let (g200, _) = cycles(cmd, &[("GOGC", "200")]);
    let (off, _) = cycles(cmd, &[("GOGC", "off")]);
    let (off_limit, _) = cycles(cmd, &[("GOGC", "off"), ("GOMEMLIMIT", "16MiB")]);
    let (tight, tight_out) = cycles(cmd, &[("GOMEMLIMIT", "1MiB")]);
    let all = format!(
        "{who}: GOGC=50 {g50}, 100 {g100}, 200 {g200}, off {off}, off+16MiB {off_limit}, 1MiB {tight}"
    );
    assert!(g50 > g100 && g100 > g200 && g200 > 0, "{all}");
    assert_eq!(off, 0, "{all}");
    assert!(off_limit > 0, "{all}");
    assert!(tight >= g100, "{all}");
    assert_eq!(out, tight_out, "{all}");
    eprintln!("{all}");
    out
}

#[test]
fn gogc_and_memory_limit_pace_as_gc_does() {
    let prog = program();
    let rgo = PathBuf::from(env!("CARGO_BIN_EXE_rgo"));
    let out = check("rgo", &[&rgo, Path::new("run"), &prog]);
    let go = ["/usr/local/go/bin/go", "/usr/lib/go/bin/go"]
        .into_iter()
        .map(PathBuf::from)
        .chain(std::env::var_os("GOROOT").map(|r| Path::new(&r).join("bin/go")))
        .find(|p| p.exists());
    let Some(go) = go else {
        eprintln!("pacing: no go installation found; checked rgo only");
        return;
    };
    let bin = std::env::temp_dir().join(format!("rgo-pacing-{}", std::process::id()));
    let built = Command::new(&go)
        .args(["build", "-o"])
        .arg(&bin)
        .arg(&prog)
        .env("GOTOOLCHAIN", "local")
        .status()
        .expect("go build");
    assert!(built.success());
    let go_out = check("go", &[&bin]);
    let _ = std::fs::remove_file(&bin);
    assert_eq!(out, go_out, "rgo and go print different results");
}
