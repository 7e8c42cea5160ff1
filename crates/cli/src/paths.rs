//! File names on the command line, and how the go command prints them.

use rgo::SourceFile;
use std::io;
use std::path::{Path, PathBuf};

/// The text Go prints for an I/O error (`no such file or directory`): the
/// OS message without Rust's " (os error N)" suffix, starting lower-case as
/// Go's errno table does.
pub fn io_error_text(e: &io::Error) -> String {
    let s = e.to_string();
    let s = match s.find(" (os error") {
        Some(i) => &s[..i],
        None => &s,
    };
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Reads the `.go` files named on a `go run`/`go build` command line.
/// Like the go command they must all be in one directory, and diagnostics
/// name them relative to the current directory (`./main.go`, `sub/x.go`).
pub fn command_line_files(names: &[String]) -> Result<Vec<SourceFile>, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("go: {}", io_error_text(&e)))?;
    let mut dir: Option<(PathBuf, String)> = None;
    let mut files = Vec::new();
    for name in names {
        let path = Path::new(name);
        let meta =
            std::fs::metadata(path).map_err(|e| format!("stat {name}: {}", io_error_text(&e)))?;
        if meta.is_dir() {
            return Err(format!("{name} is a directory, should be a Go file"));
        }
        let parent = path.parent().map_or(PathBuf::new(), Path::to_path_buf);
        let abs_dir = clean(&cwd.join(&parent));
        match &dir {
            Some((d, shown)) if *d != abs_dir => {
                return Err(format!(
                    "named files must all be in one directory; have {} and {}",
                    shown,
                    display_dir(&parent)
                ));
            }
            Some(_) => {}
            None => dir = Some((abs_dir.clone(), display_dir(&parent))),
        }
        let file_name = path
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        let display = format!("{}/{}", short_dir(&cwd, &abs_dir), file_name);
        files.push(
            SourceFile::read(path, display)
                .map_err(|e| format!("open {name}: {}", io_error_text(&e)))?,
        );
    }
    Ok(files)
}

/// How `go` names a directory in "named files must all be in one directory".
fn display_dir(parent: &Path) -> String {
    let s = parent.display().to_string();
    if s.is_empty() { ".".to_string() } else { s }
}

/// The go command's `base.ShortPath` for a package directory: relative to
/// the working directory when that is shorter, with `.` for the directory
/// itself.
fn short_dir(cwd: &Path, dir: &Path) -> String {
    let abs = dir.display().to_string();
    match relative(cwd, dir) {
        Some(rel) if rel.len() < abs.len() => rel,
        _ => abs,
    }
}

/// `filepath.Rel(base, target)` for absolute, clean paths.
fn relative(base: &Path, target: &Path) -> Option<String> {
    let b: Vec<_> = base.components().collect();
    let t: Vec<_> = target.components().collect();
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

/// Lexically cleans an absolute path (`a/./b/../c` → `a/c`).
fn clean(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Appends `path` if it is a file, or every `.go` file below it (sorted) if
/// it is a directory.
pub fn collect_go_files(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if !std::fs::metadata(path)?.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_go_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "go") {
            out.push(p);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dirs_match_go() {
        let cwd = Path::new("/tmp/t/sub");
        assert_eq!(short_dir(cwd, Path::new("/tmp/t/sub")), ".");
        assert_eq!(short_dir(cwd, Path::new("/tmp/t")), "..");
        assert_eq!(short_dir(cwd, Path::new("/tmp/t/sub/x")), "x");
        assert_eq!(short_dir(Path::new("/a/b/c/d/e"), Path::new("/x")), "/x");
    }
}
