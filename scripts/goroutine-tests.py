#!/usr/bin/env python3
"""Writes .ci/goroutine-tests: the GOROOT/test `run` tests about goroutines,
channels and select that need no package beyond os, unsafe, runtime, time.

A test is listed when, in one of the directories the test driver runs
(cmd/internal/testdir's `dirs`):
  * its first line is `// run` (exactly: no flags, no build constraint);
  * its source has a `go` statement (a line starting with `go `), the word
    `chan`, or `select {`;
  * every package it imports is os, unsafe, runtime or time.

Usage: scripts/goroutine-tests.py [GOROOT] > .ci/goroutine-tests
(GOROOT defaults to `go env GOROOT`).
"""
import os
import re
import subprocess
import sys

DIRS = [".", "ken", "chan", "interface", "internal/runtime/sys", "syntax",
        "dwarf", "fixedbugs", "codegen", "abi", "typeparam",
        "typeparam/mdempsky", "arenas", "simd"]
ALLOWED = {"os", "unsafe", "runtime", "time"}

GO_STMT = re.compile(r'^\s*go\s', re.M)
CHAN = re.compile(r'\bchan\b')
SELECT = re.compile(r'\bselect\s*\{')
IMPORT_ONE = re.compile(r'^import\s+(?:[\w.]+\s+)?"([^"]+)"', re.M)
IMPORT_GROUP = re.compile(r'^import\s*\((.*?)\)', re.M | re.S)
QUOTED = re.compile(r'"([^"]+)"')


def imports(src):
    paths = set(IMPORT_ONE.findall(src))
    for group in IMPORT_GROUP.findall(src):
        group = re.sub(r'//.*', '', group)
        paths.update(QUOTED.findall(group))
    return paths


def selected(src):
    if src.split('\n', 1)[0].rstrip() != '// run':
        return False
    if not (GO_STMT.search(src) or CHAN.search(src) or SELECT.search(src)):
        return False
    return imports(src) <= ALLOWED


def main():
    goroot = sys.argv[1] if len(sys.argv) > 1 else subprocess.run(
        ['go', 'env', 'GOROOT'], check=True, capture_output=True,
        text=True).stdout.strip()
    test = os.path.join(goroot, 'test')
    tests = []
    for d in DIRS:
        full = os.path.join(test, d)
        if not os.path.isdir(full):
            continue
        for name in sorted(os.listdir(full)):
            path = os.path.join(full, name)
            if name.startswith('.') or not name.endswith('.go') or not os.path.isfile(path):
                continue
            with open(path, encoding='utf-8', errors='replace') as f:
                if selected(f.read()):
                    tests.append(name if d == '.' else f'{d}/{name}')
    print('# GOROOT/test `run` tests of goroutines, channels and select that import')
    print('# nothing beyond os, unsafe, runtime and time, for')
    print('# `cargo xtask conformance --list .ci/goroutine-tests --action run`.')
    print('# Computed by scripts/goroutine-tests.py (GOROOT/test of go1.26.8): a test is')
    print('# listed when its first line is exactly `// run`, its source has a `go`')
    print('# statement (a line starting with `go `), the word `chan` or `select {`,')
    print('# and every package it imports is os, unsafe, runtime or time.')
    print(f'# {len(tests)} tests.')
    for t in tests:
        print(t)


if __name__ == '__main__':
    main()
