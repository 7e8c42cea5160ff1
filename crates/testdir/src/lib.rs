//! The rules of Go's test driver, `cmd/internal/testdir`, shared by the
//! golden tests (`crates/cli/tests/golden.rs`) and the `GOROOT/test`
//! conformance runner (`cargo xtask conformance`).
//!
//! - [`recipe`]: the first-line recipe of a test file (`// run`,
//!   `// errorcheck -0 -m`, …), split and interpreted as `testdir` does,
//!   and the `//go:build` lines of its header.
//! - [`errorcheck`]: matching compiler output against `// ERROR "regexp"`
//!   annotations (`errorCheck`, `wantedErrors`, `splitOutput`, `matchPrefix`).
//! - [`exec`]: running a command with stdout and stderr on one pipe (so
//!   their interleaving is what a terminal shows) under a timeout,
//!   optionally sampling its peak resident set size.
//!
//! The crate knows nothing of rgo's front end: it only reads files, runs
//! commands and compares text, so it can judge the real `go` as well.
#![forbid(unsafe_code)]

pub mod errorcheck;
pub mod exec;
pub mod recipe;
