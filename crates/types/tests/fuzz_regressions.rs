//! Replays the inputs kept from fuzzing parse + type-check
//! (`fuzz/regressions/check/`): each must be parsed and checked without a
//! panic, on a thread with a large stack as rgo's front end runs.

use std::path::Path;
use types::check::{Config, File, Importer, World, check_package};

struct NoImports;

impl Importer for NoImports {
    fn import(&mut self, _: &mut World, _: &str) -> Result<types::ty::PkgId, String> {
        Err("file not found".into())
    }
}

#[test]
fn fuzz_regressions_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/check");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("regressions directory") {
        let src = std::fs::read(entry.expect("entry").path()).expect("read");
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || {
                let (file, _) = syntax::parse_file(&src);
                let mut world = World::new();
                let files = [File {
                    name: "x.go".into(),
                    ast: &file,
                }];
                let _ = check_package(&mut world, &mut NoImports, "p", &files, &Config::default());
            })
            .expect("spawn")
            .join()
            .expect("type checker panicked");
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
}
