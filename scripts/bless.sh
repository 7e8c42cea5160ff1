#!/usr/bin/env bash
# Regenerates the expected results of the golden run tests from the real Go:
# for every testdata/run/**/NAME.go, runs `go run NAME.go` in the file's
# directory with stdout and stderr on one stream, writes NAME.out, and
# writes the exit status to NAME.exit (removing NAME.exit when it is 0).
# NAME.env, when present, holds KEY=VALUE lines added to the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
export GOENV=off GOFLAGS= GOTOOLCHAIN=local

find testdata/run -name '*.go' -type f | sort | while read -r file; do
  dir=$(dirname "$file")
  name=$(basename "$file" .go)
  status=0
  # NAME.env: KEY=VALUE lines added to the program's environment.
  vars=()
  if [ -f "$dir/$name.env" ]; then
    while IFS= read -r line; do
      case "$line" in '' | '#'*) continue ;; esac
      vars+=("$line")
    done <"$dir/$name.env"
  fi
  (cd "$dir" && env "${vars[@]}" go run "$name.go" >"$name.out" 2>&1 </dev/null) || status=$?
  if [ "$status" -eq 0 ]; then
    rm -f "$dir/$name.exit"
  else
    echo "$status" >"$dir/$name.exit"
  fi
  echo "bless: $file (exit $status)"
done
