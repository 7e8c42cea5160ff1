//! Robustness of the parser: every input found by the fuzzer
//! (`fuzz/regressions/parse/`) parses without a panic, and pathological
//! nesting is reported as an error instead of overflowing the stack.
//!
//! Parsing itself grows its stack on demand, but dropping or walking a tree
//! recurses as deep as the tree; like rgo's own front end, these tests run
//! on a thread with a large stack.

use std::path::Path;

#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/parse");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("regressions directory") {
        let path = entry.expect("entry").path();
        let src = std::fs::read(&path).expect("read regression");
        let _ = parse_big_stack(src);
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
}

/// Parses on a thread with a stack large enough to drop any tree the
/// parser accepts.
fn parse_big_stack(src: Vec<u8>) -> Vec<syntax::Error> {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || syntax::parse_file(&src).1)
        .expect("spawn")
        .join()
        .expect("parse panicked")
}

fn assert_too_deep(src: String) {
    let errs = parse_big_stack(src.into_bytes());
    assert!(
        errs.iter()
            .any(|e| e.msg == "syntax error: nesting too deep"),
        "{:?}",
        errs.first()
    );
}

#[test]
fn deep_nesting_is_an_error() {
    let n = 100_000;
    assert_too_deep(format!("package p; var _ = {}1", "(".repeat(n)));
    assert_too_deep(format!("package p; var _ = {}x", "- ".repeat(n)));
    assert_too_deep(format!("package p; var _ = {}x", "<-".repeat(n)));
    assert_too_deep(format!("package p; var _ {}int", "*".repeat(n)));
    assert_too_deep(format!("package p; var _ {}int", "[]".repeat(n)));
    assert_too_deep(format!("package p; var _ {}int", "chan ".repeat(n)));
    assert_too_deep(format!("package p; var _ = T{}", "{".repeat(n)));
    assert_too_deep(format!("package p; func f() {}", "{".repeat(n)));
    assert_too_deep(format!("package p; var _ = {}", "func() { _ = ".repeat(n)));
    assert_too_deep(format!("package p; var _ = {}", "struct{ f ".repeat(n)));
    assert_too_deep(format!("package p; func f() {{ {}", "if x { ".repeat(n)));
    assert_too_deep(format!("package p; var _ = {}", "a[".repeat(n)));
    assert_too_deep(format!("package p; var _ = {}", "f(".repeat(n)));
}

#[test]
fn moderate_nesting_parses() {
    let n = 500;
    let src = format!("package p; var _ = {}1{}", "(".repeat(n), ")".repeat(n));
    let (_, errs) = syntax::parse_file(src.as_bytes());
    assert!(errs.is_empty(), "{errs:?}");
}
