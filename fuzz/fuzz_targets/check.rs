//! Fuzz target: parse, then type-check the file as a package (imports other
//! than `unsafe` fail as missing) — the checker must answer any parsed input
//! with diagnostics, never a panic, a hang or a stack overflow.
//!
//! Run with `fuzz/run.sh 600 check`; crashes are kept in
//! `fuzz/regressions/check/` and replayed by `cargo test -p types`.
#![no_main]

use libfuzzer_sys::fuzz_target;

struct NoImports;

impl types::check::Importer for NoImports {
    fn import(&mut self, _: &mut types::check::World, _: &str) -> Result<types::ty::PkgId, String> {
        Err("file not found".into())
    }
}

fuzz_target!(|data: &[u8]| {
    let data = data.to_vec();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let (file, errs) = syntax::parse_file(&data);
            if errs.iter().any(|e| e.msg.starts_with("syntax error")) {
                return;
            }
            let mut world = types::check::World::new();
            let files = [types::check::File {
                name: "x.go".into(),
                ast: &file,
            }];
            let conf = types::check::Config::default();
            let _ = types::check::check_package(&mut world, &mut NoImports, "p", &files, &conf);
        })
        .expect("spawn")
        .join()
        .expect("check panicked");
});
