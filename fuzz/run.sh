#!/usr/bin/env bash
# Builds the parse fuzzer with the nightly toolchain (the flags cargo-fuzz
# passes, so cargo-fuzz itself need not be installed) and runs it for
# $1 seconds (default 600) over the seeded corpus; $2 names the target
# (parse, the default, or check). Crashes land in artifacts/TARGET/; copy
# them to regressions/TARGET/ once fixed.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
target=${2:-parse}
[ -d corpus/parse ] || ./seed.sh
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing \
-Cdebug-assertions -Coverflow-checks" \
  cargo +nightly build --release --bin "$target" --target x86_64-unknown-linux-gnu
mkdir -p "artifacts/$target" "corpus/$target"
[ "$target" = parse ] || cp -n corpus/parse/* "corpus/$target/" 2>/dev/null || true
./target/x86_64-unknown-linux-gnu/release/"$target" "corpus/$target" \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="artifacts/$target/" -print_final_stats=1
