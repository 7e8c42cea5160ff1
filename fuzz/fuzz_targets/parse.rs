//! Fuzz target: the parser must answer any input with a syntax tree and
//! diagnostics — never a panic, a hang or a stack overflow.
//!
//! Run with `cargo +nightly fuzz run parse -- -max_total_time=600` from
//! `fuzz/`, seeded with `fuzz/seed.sh`. Every crash found is copied into
//! `fuzz/regressions/parse/`, which `cargo test -p syntax` replays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Like rgo's front end, parse on a large stack: dropping a tree recurses
    // as deep as the tree (the parser itself bounds and grows its stack).
    let data = data.to_vec();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || drop(syntax::parse_file(&data)))
        .expect("spawn")
        .join()
        .expect("parse panicked");
});
