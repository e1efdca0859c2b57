#!/usr/bin/env bash
# Every test: unit, property, end-to-end (real Mosquitto, SQLite, subprocesses), fuzzing (libFuzzer) and the
# virtual board (QEMU).
# Installs what it needs on a fresh Debian 12 machine with Swift 6.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Deploy/dev/install-build-deps.sh

echo "== swift build and test"
swift build --build-tests
swift test --skip-build 2>&1 | tee /tmp/sgw-swift-test.log
grep -qE "Test run with [0-9]+ tests? (in [0-9]+ suites? )?passed" /tmp/sgw-swift-test.log

echo "== fuzzing: every parser of outside input, 20 s each (Tests/fuzz.sh; a longer run is in BENCHMARKS.md)"
bash Tests/fuzz.sh 20

echo "== virtual board"
bash Board/virtual/test.sh
