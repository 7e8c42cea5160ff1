#!/usr/bin/env bash
# Regenerates the expected results of the pending memory-model litmus tests from the real Go:
# for every testdata/pending/memmodel/NAME.go, runs `go run NAME.go` in this
# directory with stdout and stderr on one stream, writes NAME.out, and writes
# the exit status to NAME.exit (removing NAME.exit when it is 0).
# Usage: bless.sh [NAME.go ...]   (default: all programs)
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/usr/local/go/bin"
export GOENV=off GOFLAGS= GOTOOLCHAIN=local

if [ "$#" -eq 0 ]; then
  set -- $(ls *.go | sort)
fi
for file in "$@"; do
  name=$(basename "$file" .go)
  status=0
  go run "$name.go" >"$name.out" 2>&1 </dev/null || status=$?
  if [ "$status" -eq 0 ]; then
    rm -f "$name.exit"
  else
    echo "$status" >"$name.exit"
  fi
  echo "bless: $name.go (exit $status)"
done
