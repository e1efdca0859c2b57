#!/bin/bash
# CI entry point for the virtual board: prepare (if needed), build the release sensor-gateway (static Swift
# stdlib, as deployed) unless SGW_RELEASE_BINARY names one, boot the VM once per scenario, count the PASS/FAIL
# lines, and close with "virtual-board: N passed, N failed". Exits non-zero when any check failed or a VM did
# not finish its scenario.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${VBOARD_WORK:-$HERE/.work}
mkdir -p "$WORK"

binary=${SGW_RELEASE_BINARY:-}
if [ -z "$binary" ]; then
    (cd "$ROOT" && swift build -c release --static-swift-stdlib --product sensor-gateway | tail -2) || exit 1
    binary="$(cd "$ROOT" && swift build -c release --static-swift-stdlib --show-bin-path)/sensor-gateway"
fi

passed=0 failed=0
run_scenario() {
    local name=$1; shift
    local log=$WORK/$name.log
    "$HERE/run.sh" --scenario "$HERE/scenarios/$name.sh" --timeout "${VBOARD_TIMEOUT:-300}" --log "$log" "$@"
    local status=$?
    local p f
    p=$(grep -c '^PASS ' "$log" 2>/dev/null); f=$(grep -c '^FAIL ' "$log" 2>/dev/null)
    grep -E '^(PASS|FAIL|BENCH) ' "$log"
    if [ "$status" != 0 ] && [ "${f:-0}" = 0 ]; then
        # no check failed, yet the scenario did not succeed: the VM crashed, timed out or never ran
        echo "FAIL $name did not complete (run.sh status $status, log $log)"
        f=1
    fi
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

run_scenario smoke
run_scenario gateway --extra "$binary" \
    --file "$HERE/sites/virtual-well.yaml:/etc/sgw/sites/virtual-well.yaml" \
    --file "$HERE/board.yaml:/etc/sgw/board.yaml"

echo "virtual-board: $passed passed, $failed failed"
[ "$failed" = 0 ]
