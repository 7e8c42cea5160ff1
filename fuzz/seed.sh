#!/usr/bin/env bash
# Seeds the parse fuzzer's corpus with Go's own test programs and the
# project's test data (small files only, so the fuzzer mutates them fast).
set -euo pipefail
cd "$(dirname "$0")"
goroot=${GOROOT:-$(go env GOROOT)}
mkdir -p corpus/parse
find "$goroot/test" ../testdata -name '*.go' -size -8k -print0 |
  xargs -0 -I{} sh -c 'cp "{}" "corpus/parse/$(echo "{}" | md5sum | cut -c1-16)"'
cp regressions/parse/* corpus/parse/ 2>/dev/null || true
echo "corpus: $(ls corpus/parse | wc -l) files"
