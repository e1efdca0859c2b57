#!/usr/bin/env bash
# Every test: unit, property, end-to-end (real Mosquitto, SQLite, subprocesses), fuzzing (libFuzzer) and the
# virtual board (QEMU).
# Installs what it needs on a fresh Debian 12 machine with Swift 6.
#
# The board program is built twice from the same sources: as full Swift, which `swift test` links its unit tests
# against, and in Embedded Swift (Board/build-embedded.sh), which is what ships. Every test that launches
# `sensor-gateway` (end-to-end, TLS, the virtual board) launches the Embedded binary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Deploy/dev/install-build-deps.sh

echo "== Embedded board program"
SGW_GATEWAY_BIN="$(bash Board/build-embedded.sh | tail -1)"
export SGW_GATEWAY_BIN
ls -l "$SGW_GATEWAY_BIN"
echo "== code layout of the Embedded board program: order file applied, function sections, size budget (Board/layout/check-layout.sh)"
bash Board/layout/check-layout.sh "$SGW_GATEWAY_BIN"

echo "== swift build and test (end-to-end tests launch $SGW_GATEWAY_BIN)"
swift build --build-tests
swift test --skip-build 2>&1 | tee /tmp/sgw-swift-test.log
grep -qE "Test run with [0-9]+ tests? (in [0-9]+ suites? )?passed" /tmp/sgw-swift-test.log
echo "== KPI pages as headless Chromium rendered them (KPIPagesTests): $(pwd)/.build/screenshots"
ls -l .build/screenshots

echo "== updates: signed bundles, kill -9 at every install step, fleet rollouts over real sshd (Tests/update)"
bash Tests/update/test-update.sh

echo "== fuzzing: every parser of outside input, 20 s each (Tests/fuzz.sh; a longer run is in BENCHMARKS.md)"
bash Tests/fuzz.sh 20

echo "== virtual board (Embedded sensor-gateway)"
SGW_RELEASE_BINARY="$SGW_GATEWAY_BIN" bash Board/virtual/test.sh

echo "== aarch64 board program (cross-built) and the aarch64 virtual board"
SGW_AARCH64_BINARY="$(bash Board/build-aarch64.sh | tail -1)"
export SGW_AARCH64_BINARY
bash Board/test-aarch64-user.sh "$SGW_AARCH64_BINARY"
echo "== the three example sites through aarch64 gateways (qemu-aarch64) and x86_64 ones: the same KPI report"
bash Board/bench/mixed-arch-report.sh "$SGW_GATEWAY_BIN" "$SGW_AARCH64_BINARY"
SGW_RELEASE_BINARY="$SGW_AARCH64_BINARY" bash Board/virtual/test.sh --arch aarch64

echo "== Debian packages (amd64 and arm64): lintian, install, upgrade, remove, purge in a Debian 12 chroot"
bash Deploy/debian/test-deb.sh "$SGW_GATEWAY_BIN" "$SGW_AARCH64_BINARY"
