//! `RGO_MEMLIMIT_HARD`: a program whose heap would grow past the hard
//! limit ends with Go's `fatal error: runtime: out of memory` and exit
//! status 2 (here from map growth and a large `make` hint), never a crash
//! of the host. Not a golden program: gc has no hard limit to bless the
//! output against.

use std::path::Path;
use std::process::Command;

fn run_limited(name: &str) -> (String, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/oom");
    let out = Command::new(env!("CARGO_BIN_EXE_rgo"))
        .arg("run")
        .arg(dir.join(name))
        .env("RGO_MEMLIMIT_HARD", "16MiB")
        .env_remove("GODEBUG")
        .output()
        .expect("run rgo");
    // `rgo run`, as `go run`, reports the program's status and exits 1.
    assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn map_growth_past_the_hard_limit_is_out_of_memory() {
    for name in ["map_grow.go", "map_make.go"] {
        let (stdout, stderr) = run_limited(name);
        assert_eq!(stdout, "", "{name}");
        assert!(
            stderr.starts_with(
                "fatal error: runtime: out of memory\n\ngoroutine 1 [running]:\nmain.main()\n"
            ),
            "{name}: {stderr}"
        );
        assert!(stderr.ends_with("exit status 2\n"), "{name}: {stderr}");
    }
}
