//! Finding packages: import paths to directories, and directories to the Go
//! files that build, as the go command does in module mode.
//!
//! 1. The main module is found by walking up from the working directory to
//!    a `go.mod`; its `module` path, `go` version and local `replace`
//!    directives are read. Nothing is ever downloaded.
//! 2. An import path resolves, in order, to: a package of the main module
//!    (or of a local replacement), a standard-library package in
//!    `GOROOT/src`, or — for imports made from inside the standard library —
//!    `GOROOT/src/vendor/PATH`. Dotless paths are expected in std.
//! 3. A directory's files are its `.go` files whose names do not start with
//!    `_` or `.`, that are not tests (unless asked), and whose `_GOOS`/`_GOARCH`
//!    suffixes and build constraints match rgo's `BuildContext`.
//!
//! Errors carry the go command's wording (`package x is not in std (…)`,
//! `no required module provides package x; to add it:…`, `build constraints
//! exclude all Go files in DIR`, `no Go files in DIR`).

use crate::build::BuildContext;
use std::path::{Path, PathBuf};

/// The main module, from its `go.mod`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// The directory holding `go.mod`.
    pub root: PathBuf,
    /// The `module` path.
    pub path: String,
    /// The `go` directive's version (`1.22`), if any.
    pub go_version: Option<String>,
    /// `replace OLD => ./DIR` directives with local directories.
    pub replaces: Vec<(String, PathBuf)>,
}

impl Module {
    /// Finds the `go.mod` governing `dir` (walking up), if any.
    pub fn find(dir: &Path) -> Result<Option<Module>, String> {
        let mut d = Some(dir);
        while let Some(cur) = d {
            let gomod = cur.join("go.mod");
            if gomod.is_file() {
                let text = std::fs::read_to_string(&gomod)
                    .map_err(|e| format!("go: reading {}: {e}", gomod.display()))?;
                return Module::parse(cur, &text).map(Some);
            }
            d = cur.parent();
        }
        Ok(None)
    }

    /// Parses the parts of a `go.mod` that matter without a network: the
    /// module path, the go version and local replacements.
    pub fn parse(root: &Path, text: &str) -> Result<Module, String> {
        let mut path = None;
        let mut go_version = None;
        let mut replaces = Vec::new();
        let mut block: Option<String> = None;
        for raw in text.lines() {
            let line = raw.split("//").next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if block.is_some() {
                if line == ")" {
                    block = None;
                    continue;
                }
            } else if let Some(verb) = line.strip_suffix('(').map(str::trim) {
                block = Some(verb.to_string());
                continue;
            }
            let (verb, rest) = match &block {
                Some(v) => (v.as_str(), line),
                None => line
                    .split_once(char::is_whitespace)
                    .map_or((line, ""), |(v, r)| (v, r.trim())),
            };
            match verb {
                "module" => path = Some(unquote(rest).to_string()),
                "go" => go_version = Some(rest.to_string()),
                "replace" => {
                    if let Some((old, new)) = rest.split_once("=>") {
                        let old = unquote(old.split_whitespace().next().unwrap_or(""));
                        let new = new.trim();
                        // Only directory replacements (./x, ../x, /x) are local.
                        if new.starts_with("./") || new.starts_with("../") || new.starts_with('/') {
                            let dir = unquote(new.split_whitespace().next().unwrap_or(""));
                            replaces.push((old.to_string(), root.join(dir)));
                        }
                    }
                }
                _ => {}
            }
        }
        let path = path.ok_or_else(|| {
            format!(
                "go: error reading {}: missing module declaration",
                root.join("go.mod").display()
            )
        })?;
        Ok(Module {
            root: root.to_path_buf(),
            path,
            go_version,
            replaces,
        })
    }
}

fn unquote(s: &str) -> &str {
    s.trim().trim_matches('"').trim_matches('`')
}

/// Why an import path did not resolve, worded as the go command words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

/// Why a directory yields no buildable files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoGoError {
    /// Some `.go` files exist but none builds here.
    Excluded(PathBuf),
    /// No `.go` files at all.
    Empty(PathBuf),
}

impl std::fmt::Display for NoGoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoGoError::Excluded(d) => write!(
                f,
                "build constraints exclude all Go files in {}",
                d.display()
            ),
            NoGoError::Empty(d) => write!(f, "no Go files in {}", d.display()),
        }
    }
}

/// Resolves import paths and selects files.
#[derive(Clone, Debug)]
pub struct Loader {
    pub goroot: PathBuf,
    pub ctx: BuildContext,
    pub module: Option<Module>,
}

impl Loader {
    pub fn new(goroot: PathBuf, ctx: BuildContext, module: Option<Module>) -> Loader {
        Loader {
            goroot,
            ctx,
            module,
        }
    }

    /// Whether `path` would be a standard-library path (no dot in its first
    /// element), as the go command decides before looking.
    pub fn is_std_path(path: &str) -> bool {
        !path.split('/').next().unwrap_or("").contains('.')
    }

    /// The directory of the package with import path `path`; `from_std` says
    /// the importer is a standard-library package, for which
    /// `GOROOT/src/vendor` applies.
    pub fn resolve(&self, path: &str, from_std: bool) -> Result<PathBuf, ImportError> {
        if let Some(m) = &self.module {
            for (old, dir) in &m.replaces {
                if let Some(rest) = sub_path(path, old) {
                    return Ok(dir.join(rest));
                }
            }
            if let Some(rest) = sub_path(path, &m.path) {
                let dir = m.root.join(rest);
                if dir.is_dir() {
                    return Ok(dir);
                }
            }
        }
        let std_dir = self.goroot.join("src").join(path);
        if from_std && !Self::is_std_path(path) {
            let vendored = self.goroot.join("src/vendor").join(path);
            if vendored.is_dir() {
                return Ok(vendored);
            }
        }
        if Self::is_std_path(path) {
            if std_dir.is_dir() && has_go_files(&std_dir) {
                return Ok(std_dir);
            }
            return Err(ImportError(format!(
                "package {path} is not in std ({})",
                std_dir.display()
            )));
        }
        let msg = match &self.module {
            None => format!(
                "no required module provides package {path}: go.mod file not found in current directory or any parent directory; see 'go help modules'"
            ),
            Some(_) => {
                format!("no required module provides package {path}; to add it:\n\tgo get {path}")
            }
        };
        Err(ImportError(msg))
    }

    /// The Go files of `dir` that build for rgo's configuration, sorted by
    /// name. Test files are included only when `tests` is set.
    pub fn select_files(&self, dir: &Path, tests: bool) -> Result<Vec<PathBuf>, NoGoError> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".go"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        if names.is_empty() {
            return Err(NoGoError::Empty(dir.to_path_buf()));
        }
        let mut out = Vec::new();
        for name in names {
            if name.starts_with('_') || name.starts_with('.') {
                continue;
            }
            if !tests && name.ends_with("_test.go") {
                continue;
            }
            if !self.ctx.good_os_arch_file(&name) {
                continue;
            }
            let path = dir.join(&name);
            let content = std::fs::read(&path).unwrap_or_default();
            // With cgo disabled, files importing "C" are excluded (go/build).
            if self.ctx.should_build(&content).unwrap_or(false)
                && (self.ctx.cgo_enabled || !imports_c(&content))
            {
                out.push(path);
            }
        }
        if out.is_empty() {
            return Err(NoGoError::Excluded(dir.to_path_buf()));
        }
        Ok(out)
    }
}

/// The part of `path` below the module path `prefix`, if `path` is inside it.
fn sub_path<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    if path == prefix {
        Some("")
    } else {
        path.strip_prefix(prefix)?.strip_prefix('/')
    }
}

fn has_go_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with(".go"))
    })
}

/// Whether a Go file imports the pseudo-package "C" (cgo).
fn imports_c(src: &[u8]) -> bool {
    // Cheap test first: most files never mention it.
    if !src.windows(3).any(|w| w == b"\"C\"") {
        return false;
    }
    let (f, _) = syntax::parse_file(src);
    f.decls.iter().any(|d| {
        matches!(d, syntax::ast::Decl::Import(i)
            if i.path.as_ref().is_some_and(|p| p.value == "\"C\""))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_mod() {
        let m = Module::parse(
            Path::new("/w"),
            "module example.com/m // comment\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/y v1.0.0\n)\n\nreplace example.com/dep => ./dep\nreplace (\n\tother.org/z v1.2.3 => ../z\n\tnet.org/q => net.org/q v1.0.0\n)\n",
        )
        .unwrap();
        assert_eq!(m.path, "example.com/m");
        assert_eq!(m.go_version.as_deref(), Some("1.22"));
        assert_eq!(
            m.replaces,
            vec![
                ("example.com/dep".to_string(), PathBuf::from("/w/./dep")),
                ("other.org/z".to_string(), PathBuf::from("/w/../z"))
            ]
        );
        assert!(Module::parse(Path::new("/w"), "go 1.22\n").is_err());
    }

    #[test]
    fn resolves_std_and_reports_missing() {
        let Ok(env) = crate::Env::discover() else {
            return;
        };
        let l = Loader::new(env.goroot.clone(), BuildContext::rgo(&env.go_version), None);
        assert_eq!(l.resolve("fmt", false).unwrap(), env.goroot.join("src/fmt"));
        // std packages import vendored golang.org/x packages.
        assert_eq!(
            l.resolve("golang.org/x/net/dns/dnsmessage", true).unwrap(),
            env.goroot
                .join("src/vendor/golang.org/x/net/dns/dnsmessage")
        );
        let e = l.resolve("foo/bar", false).unwrap_err();
        assert_eq!(
            e.0,
            format!(
                "package foo/bar is not in std ({})",
                env.goroot.join("src/foo/bar").display()
            )
        );
        assert!(l.resolve("golang.org/x/net/dns/dnsmessage", false).is_err());
        let e = l.resolve("example.com/x", false).unwrap_err();
        assert!(e.0.starts_with(
            "no required module provides package example.com/x: go.mod file not found"
        ));
        let files = l
            .select_files(&env.goroot.join("src/errors"), false)
            .unwrap();
        assert!(
            files
                .iter()
                .all(|f| !f.to_string_lossy().ends_with("_test.go"))
        );
        assert!(files.iter().any(|f| f.ends_with("errors.go")));
    }
}
