#!/usr/bin/env bash
# Fast check of the cross-built aarch64 board program under qemu-user (no VM, about 15 s): the field tool and
# the daemon on the simulated board, through the 4–20 mA path (ADS1115 loop → water column) that once crashed
# only on aarch64 (Sources/CEmbeddedSupport/bridge_object_retain.c). The full aarch64 virtual board
# (Board/virtual/test.sh --arch aarch64) covers the real drivers; this runs in seconds after every cross-build.
# Usage: bash Board/test-aarch64-user.sh [BINARY]   (default: $SGW_AARCH64_BINARY, else .build-aarch64/sensor-gateway)
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-${SGW_AARCH64_BINARY:-.build-aarch64/sensor-gateway}}
[ -x "$bin" ] || { echo "test-aarch64-user: no aarch64 binary at $bin (run Board/build-aarch64.sh)" >&2; exit 2; }
command -v qemu-aarch64-static >/dev/null || { echo "test-aarch64-user: qemu-aarch64-static missing (apt-get install qemu-user-static)" >&2; exit 2; }
work=$(mktemp -d /tmp/sgw-aarch64-user.XXXXXX)
trap 'rm -rf "$work"' EXIT
export QEMU_LD_PREFIX=/
site=Board/sites/kumamoto-well-07.yaml
failed=0
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; failed=$((failed + 1)); fi; }

mkdir -p "$work/cal"
qemu-aarch64-static "$bin" calibrate well-reference --config "$site" --calibration "$work/cal" --channel water-column \
    --simulate --by "aarch64 check" --instrument tape --tape 12.34 --mp-height 0.45 > "$work/calibrate" 2>&1
echo "calibrate well-reference exit $?"; cat "$work/calibrate"
check "calibrate well-reference reads the simulated 4–20 mA water column" \
    "grep -qE '^water column [0-9.]+ m; sensor depth below MP [0-9.]+ m' '$work/calibrate'"
check "calibrate well-reference writes a tape-reference record" "grep -q 'method: tape-reference' '$work/cal/water-column.yaml'"

mkdir -p "$work/state"
timeout -s TERM 8 qemu-aarch64-static "$bin" run --config "$site" --simulate --state-dir "$work/state" \
    --broker 127.0.0.1:9 --speedup 30 > "$work/run" 2>&1
echo "run exit $? (124: stopped by the test's timeout)"; tail -3 "$work/run"
check "the daemon stops cleanly on SIGTERM" "grep -q 'stopping' '$work/run' && ! grep -qi 'segmentation\|core dumped' '$work/run'"
check "the daemon journals water-column readings in m" \
    "[ \"\$(sqlite3 '$work/state/journal.sqlite' \"SELECT count(*) FROM reading WHERE channel = 'water-column' AND unit = 'm' AND value IS NOT NULL\")\" -gt 0 ]"
echo "test-aarch64-user: $failed failed"
[ "$failed" -eq 0 ]
