//! A goroutine whose stack would grow past Go's limit (1 GB on 64-bit)
//! ends the program as gc's does: `runtime: goroutine stack exceeds
//! 1000000000-byte limit`, `fatal error: stack overflow`, the traceback of
//! the goroutine that overflowed, and exit status 2 (which `rgo run`, as
//! `go run`, reports before exiting 1). Checked for unbounded recursion
//! through deferred calls, plain recursion and recursion in a goroutine;
//! the real go is held to the same first lines when it is installed. Not
//! golden programs: gc's output carries addresses (`sp=`, `gp=`) and
//! elides different frames.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

const LIMIT: &str = "runtime: goroutine stack exceeds 1000000000-byte limit\n";

/// The real go runs one at a time: each overflow takes a gigabyte.
static GO: Mutex<()> = Mutex::new(());

fn program(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/stackoverflow")
        .join(name)
}

/// Runs `cmd` (a `run` of a program): `run` exits 1 after reporting the
/// program's exit status 2; returns stderr, checked for the fatal error.
fn overflow(who: &str, mut cmd: Command, name: &str) -> String {
    let out = cmd
        .env_remove("GODEBUG")
        .env_remove("GOTRACEBACK")
        .output()
        .unwrap_or_else(|e| panic!("{who}: run {name}: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{who} {name}: {stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{who} {name}");
    assert!(stderr.starts_with(LIMIT), "{who} {name}: {stderr}");
    assert!(
        stderr.contains("\nfatal error: stack overflow\n"),
        "{who} {name}: {stderr}"
    );
    assert!(
        stderr.ends_with("\nexit status 2\n"),
        "{who} {name}: {stderr}"
    );
    stderr
}

/// The goroutine block headers (`goroutine N [running]:`; gc adds `gp=`,
/// `m=` and `mp=` words before the status for a fatal error).
fn running_goroutines(stderr: &str) -> Vec<u64> {
    stderr
        .lines()
        .filter(|l| l.starts_with("goroutine ") && l.ends_with(" [running]:"))
        .filter_map(|l| l.split(' ').nth(1)?.parse().ok())
        .collect()
}

fn go_binary() -> Option<PathBuf> {
    std::env::var_os("GOROOT")
        .map(|r| Path::new(&r).join("bin/go"))
        .filter(|p| p.exists())
        .or_else(|| {
            ["/usr/local/go/bin/go", "/usr/lib/go/bin/go"]
                .into_iter()
                .map(PathBuf::from)
                .find(|p| p.exists())
        })
}

/// rgo's whole report, then go's first lines (when go is installed).
/// `main_goroutine`: whether goroutine 1 is the one that overflowed.
fn check(name: &str, main_goroutine: bool) {
    let mut rgo = Command::new(env!("CARGO_BIN_EXE_rgo"));
    rgo.arg("run").arg(program(name));
    let stderr = overflow("rgo", rgo, name);
    // rgo: the limit, the fatal error, then the goroutine's traceback.
    let (head, rest) = stderr.split_at(LIMIT.len());
    assert_eq!(head, LIMIT);
    assert!(
        rest.starts_with("fatal error: stack overflow\n\ngoroutine "),
        "rgo {name}: {stderr}"
    );
    let running = running_goroutines(&stderr);
    assert_eq!(running.len(), 1, "rgo {name}: {stderr}");
    assert_eq!(running[0] == 1, main_goroutine, "rgo {name}: {stderr}");
    assert!(stderr.contains("\nmain.f("), "rgo {name}: {stderr}");

    let Some(go) = go_binary() else {
        eprintln!("stack_overflow: no go installation found; checked rgo only");
        return;
    };
    let _one = GO.lock().unwrap_or_else(|e| e.into_inner());
    let mut cmd = Command::new(go);
    cmd.arg("run")
        .arg(program(name))
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "");
    let stderr = overflow("go", cmd, name);
    let running = running_goroutines(&stderr);
    assert!(
        running.iter().any(|&g| (g == 1) == main_goroutine),
        "go {name}: {stderr}"
    );
}

#[test]
fn deferred_call_recursion_overflows() {
    check("defer_recursion.go", true);
}

#[test]
fn recursion_overflows() {
    check("recursion.go", true);
}

#[test]
fn goroutine_recursion_overflows() {
    check("goroutine_recursion.go", false);
}
