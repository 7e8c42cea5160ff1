//! The Go environment rgo works in: GOROOT discovery, the reference
//! release's version, and the variables `rgo env` reports.

use std::path::{Path, PathBuf};
use std::process::Command;

/// rgo's own version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// rgo implements Go for this operating system only.
pub const GOOS: &str = "linux";
/// rgo lays values out as gc does on this architecture.
pub const GOARCH: &str = "amd64";

/// Install locations tried when neither `$GOROOT` nor a `go` command says.
const COMMON_GOROOTS: &[&str] = &["/usr/local/go", "/usr/lib/go", "/usr/lib/golang", "/opt/go"];

/// The environment a Go program is built and run in.
#[derive(Clone, Debug)]
pub struct Env {
    /// The Go tree whose standard library and tests rgo uses.
    pub goroot: PathBuf,
    /// The reference release of that tree (its `VERSION` file), e.g. `go1.26.8`.
    pub go_version: String,
    /// Number of Ps (`$GOMAXPROCS`, else the number of CPUs).
    pub gomaxprocs: usize,
}

impl Env {
    /// Discovers the environment from the process: GOROOT from `$GOROOT`,
    /// then the `go` command's tree, then common install paths.
    pub fn discover() -> Result<Env, String> {
        let goroot = find_goroot().ok_or_else(|| {
            "cannot find GOROOT: set $GOROOT to a Go installation (tried `go env GOROOT` and "
                .to_string()
                + &COMMON_GOROOTS.join(", ")
                + ")"
        })?;
        let go_version = read_go_version(&goroot).unwrap_or_else(|| "unknown".to_string());
        Ok(Env {
            goroot,
            go_version,
            gomaxprocs: gomaxprocs_from(std::env::var("GOMAXPROCS").ok().as_deref()),
        })
    }

    /// The lines `rgo env` prints, in `go env`'s `KEY='value'` form.
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("GOARCH", GOARCH.to_string()),
            ("GOMAXPROCS", self.gomaxprocs.to_string()),
            ("GOOS", GOOS.to_string()),
            ("GOROOT", self.goroot.display().to_string()),
            ("GOVERSION", self.go_version.clone()),
            ("RGOVERSION", VERSION.to_string()),
        ]
    }
}

fn is_goroot(dir: &Path) -> bool {
    dir.join("src/runtime").is_dir()
}

/// GOROOT, found once per process: `$GOROOT`; else the tree holding the
/// `go` command on `$PATH` (symlinks resolved: `GOROOT/bin/go`), which is
/// what `go env GOROOT` reports for an installed release, without the
/// 10–20 ms of starting it; else `go env GOROOT` itself (a `go` wrapper
/// outside its tree); else common install paths.
fn find_goroot() -> Option<PathBuf> {
    static GOROOT: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    GOROOT.get_or_init(search_goroot).clone()
}

fn search_goroot() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GOROOT").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = goroot_of_path_go() {
        return Some(dir);
    }
    if let Ok(out) = Command::new("go").args(["env", "GOROOT"]).output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if is_goroot(&dir) {
            return Some(dir);
        }
    }
    COMMON_GOROOTS
        .iter()
        .map(PathBuf::from)
        .find(|d| is_goroot(d))
}

/// The tree of the first `go` on `$PATH`, when it sits at `GOROOT/bin/go`.
fn goroot_of_path_go() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let go = std::env::split_paths(&path)
        .map(|d| d.join("go"))
        .find(|f| f.is_file())?;
    let go = go.canonicalize().ok()?;
    let bin = go.parent()?;
    let root = bin.parent()?;
    (bin.file_name()? == "bin" && is_goroot(root) && root.join("VERSION").is_file())
        .then(|| root.to_path_buf())
}

/// The first line of `GOROOT/VERSION` ("go1.26.8"), or from `go version`
/// output found in `GOROOT/bin/go` when the file is missing.
fn read_go_version(goroot: &Path) -> Option<String> {
    let text = std::fs::read_to_string(goroot.join("VERSION")).ok()?;
    text.lines().next().map(|l| l.trim().to_string())
}

/// GOMAXPROCS as the Go runtime reads it: a positive integer from the
/// environment, else the number of CPUs.
fn gomaxprocs_from(var: Option<&str>) -> usize {
    var.and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(test)]
mod tests {
    use super::gomaxprocs_from;

    #[test]
    fn gomaxprocs_parses_like_go() {
        assert_eq!(gomaxprocs_from(Some("3")), 3);
        assert!(gomaxprocs_from(Some("0")) >= 1);
        assert!(gomaxprocs_from(Some("x")) >= 1);
        assert!(gomaxprocs_from(None) >= 1);
    }
}
