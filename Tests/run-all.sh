#!/usr/bin/env bash
# Every test: unit, property, end-to-end (real Mosquitto, SQLite, subprocesses) and the virtual board (QEMU).
# Installs what it needs on a fresh Debian 12 machine with Swift 6.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Deploy/dev/install-build-deps.sh

echo "== swift build and test"
swift build --build-tests
swift test --skip-build 2>&1 | tee /tmp/sgw-swift-test.log
grep -qE "Test run with [0-9]+ tests? (in [0-9]+ suites? )?passed" /tmp/sgw-swift-test.log

echo "== virtual board"
bash Board/virtual/test.sh

echo "== virtual board, aarch64"
# The gateway scenarios need an aarch64 sensor-gateway: SGW_AARCH64_BINARY, or what Board/build-aarch64.sh
# builds. Without either, the flavour's own checks run: the standard tools, and a C program's pthread, I2C
# and GPIO under libc6:arm64.
if [ -n "${SGW_AARCH64_BINARY:-}" ] || [ -f Board/build-aarch64.sh ]; then
    SGW_RELEASE_BINARY=${SGW_AARCH64_BINARY:-} bash Board/virtual/test.sh --arch aarch64
else
    SGW_RELEASE_BINARY= bash Board/virtual/test.sh --arch aarch64 smoke probe
fi
