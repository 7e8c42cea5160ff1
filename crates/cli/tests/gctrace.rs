//! `GODEBUG=gctrace=1`: every line rgo prints for a collection has the
//! shape of gc's (`gcMarkTermination`'s format), and so do the real go's
//! lines for the same program when go is installed (which checks the
//! pattern itself).

use regex::Regex;
use std::path::Path;
use std::process::Command;

/// gc's line: `gc N @S.SSSs U%: A+B+C ms clock, D+E/F/G+H ms cpu,
/// X->Y->Z MB, G MB goal, S MB stacks, G MB globals, P P[ (forced)]`.
const LINE: &str = r"^gc \d+ @\d+\.\d{3}s \d+%: [0-9.]+\+[0-9.]+\+[0-9.]+ ms clock, [0-9.]+\+[0-9.]+/[0-9.]+/[0-9.]+\+[0-9.]+ ms cpu, \d+->\d+->\d+ MB, \d+ MB goal, \d+ MB stacks, \d+ MB globals, \d+ P( \(forced\))?$";

fn trace_lines(mut cmd: Command) -> Vec<String> {
    let out = cmd.env("GODEBUG", "gctrace=1").output().expect("run");
    assert!(out.status.success(), "{cmd:?} failed: {out:?}");
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("gc "))
        .map(str::to_string)
        .collect()
}

fn check(who: &str, lines: &[String]) {
    let re = Regex::new(LINE).unwrap();
    assert!(!lines.is_empty(), "{who}: no gctrace lines");
    for l in lines {
        assert!(re.is_match(l), "{who}: line not in gc's shape: {l}");
    }
    assert!(
        lines.last().is_some_and(|l| l.ends_with(" (forced)")),
        "{who}: runtime.GC's cycle is not marked forced: {lines:?}"
    );
}

#[test]
fn gctrace_shape_matches_gc() {
    let prog = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/gctrace/churn.go");
    let mut rgo = Command::new(env!("CARGO_BIN_EXE_rgo"));
    rgo.arg("run").arg(&prog);
    check("rgo", &trace_lines(rgo));
    let go = std::env::var_os("GOROOT")
        .map(|r| Path::new(&r).join("bin/go"))
        .filter(|p| p.exists())
        .or_else(|| {
            ["/usr/local/go/bin/go", "/usr/lib/go/bin/go"]
                .into_iter()
                .map(Into::into)
                .find(|p: &std::path::PathBuf| p.exists())
        });
    if let Some(go) = go {
        let mut cmd = Command::new(go);
        cmd.arg("run").arg(&prog);
        check("go", &trace_lines(cmd));
    } else {
        eprintln!("gctrace: no go installation found; checked rgo's lines only");
    }
}
