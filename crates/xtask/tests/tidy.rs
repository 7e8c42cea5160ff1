//! Tidy: facts about the source tree that `cargo test` keeps true.
//!
//! 1. Every Rust file opens with a `//!` line saying what it is.
//! 2. The front-end crates and the command forbid `unsafe` outright.
//! 3. `unsafe` appears only in the allow-listed runtime modules that own raw
//!    memory, and every `unsafe` block has a `// SAFETY:` comment just above.
//! 4. No leftover debugging macros (`dbg!`, `todo!`, `unimplemented!`).

use std::path::{Path, PathBuf};

/// Crates whose root must carry `#![forbid(unsafe_code)]`.
const SAFE_CRATE_ROOTS: &[&str] = &[
    "crates/syntax/src/lib.rs",
    "crates/types/src/lib.rs",
    "crates/compile/src/lib.rs",
    "crates/rgo/src/lib.rs",
    "crates/cli/src/main.rs",
    "crates/testdir/src/lib.rs",
    "crates/xtask/src/main.rs",
];

/// The only places allowed to contain `unsafe` (path prefixes). The runtime
/// modules that own raw heap and stack memory are added here as they are
/// written, each one a deliberate decision recorded in ARCHITECTURE.md.
const UNSAFE_ALLOWED: &[&str] = &["crates/runtime/src/"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != "corpus" && name != "artifacts" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = workspace_root();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("fuzz/fuzz_targets"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap_or(&p).display().to_string();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (rel, text)
        })
        .collect()
}

#[test]
fn every_file_has_a_module_doc() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(path, _)| path)
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` first line: {missing:#?}"
    );
}

#[test]
fn safe_crates_forbid_unsafe() {
    let root = workspace_root();
    for rel in SAFE_CRATE_ROOTS {
        let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
        assert!(
            text.contains("#![forbid(unsafe_code)]"),
            "{rel} must say #![forbid(unsafe_code)]"
        );
    }
}

/// Whether `line` uses the `unsafe` keyword (ignoring comments and strings
/// well enough for this codebase's style).
fn uses_unsafe(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    code.split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|w| w == "unsafe")
        && !code.contains("\"")
}

#[test]
fn unsafe_only_where_allowed_and_documented() {
    let mut problems = Vec::new();
    for (path, text) in sources() {
        if path.ends_with("tidy.rs") {
            continue;
        }
        let allowed = UNSAFE_ALLOWED.iter().any(|p| path.starts_with(p));
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !uses_unsafe(line)
                || line.contains("unsafe_code")
                || line.contains("unsafe_op_in_unsafe_fn")
            {
                continue;
            }
            if !allowed {
                problems.push(format!("{path}:{}: unsafe outside the allow-list", i + 1));
                continue;
            }
            let is_block =
                line.contains("unsafe {") && !line.trim_start().starts_with("pub unsafe fn");
            let documented = lines[i.saturating_sub(4)..i]
                .iter()
                .any(|l| l.contains("// SAFETY:") || l.contains("# Safety"));
            if is_block && !documented && !line.contains("// SAFETY:") {
                problems.push(format!(
                    "{path}:{}: unsafe block without a // SAFETY: comment",
                    i + 1
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn no_leftover_debugging() {
    let mut problems = Vec::new();
    for (path, text) in sources() {
        if path.ends_with("tidy.rs") {
            continue;
        }
        for (i, line) in text.lines().enumerate() {
            for mac in ["dbg!(", "todo!(", "unimplemented!("] {
                if line.contains(mac) && !line.trim_start().starts_with("//") {
                    problems.push(format!("{path}:{}: {mac}", i + 1));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
