#!/bin/bash
# CI entry point for the virtual board: prepare (if needed), boot the VM with the smoke scenario,
# count its PASS/FAIL lines, and close with "virtual-board: N passed, N failed".
# Exits non-zero when any check failed or the VM did not finish the scenario.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${VBOARD_WORK:-$HERE/.work}
mkdir -p "$WORK"
LOG=$WORK/smoke.log

"$HERE/run.sh" --scenario "$HERE/scenarios/smoke.sh" --timeout "${VBOARD_TIMEOUT:-240}" --log "$LOG"
status=$?

passed=$(grep -c '^PASS ' "$LOG" 2>/dev/null)
failed=$(grep -c '^FAIL ' "$LOG" 2>/dev/null)
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
    # no check failed, yet the scenario did not succeed: the VM crashed, timed out or never ran
    echo "FAIL smoke scenario did not complete (run.sh status $status, log $LOG)"
    failed=1
fi
echo "virtual-board: ${passed:-0} passed, ${failed:-0} failed"
[ "$status" = 0 ] && [ "$failed" = 0 ]
