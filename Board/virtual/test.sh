#!/bin/bash
# CI entry point for the virtual board: prepare (if needed), build the release sensor-gateway (static Swift
# stdlib, as deployed) unless SGW_RELEASE_BINARY names one, boot the VM once per scenario, count the PASS/FAIL
# lines, and close with "virtual-board: N passed, N failed". Exits non-zero when any check failed or a VM did
# not finish its scenario.
#
#   test.sh [--arch x86_64|aarch64] [SCENARIO...]
#
# --arch (or VBOARD_ARCH) picks the flavour. Scenarios default to all of them: smoke, probe (standard tools
# and a C program only), gateway, sensor-hotplug (the real gateway). For aarch64, SGW_RELEASE_BINARY names an
# aarch64 sensor-gateway (checked with readelf); without it Board/build-aarch64.sh builds one if the tree has
# that script (its last output line is the binary's path), else the gateway scenarios FAIL, unless only
# binary-free scenarios were asked for.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

SCENARIOS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --arch) VBOARD_ARCH=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        -*) echo "test: unknown option $1" >&2; exit 2 ;;
        *) SCENARIOS+=("$1"); shift ;;
    esac
done
. "$HERE/arch.sh"
mkdir -p "$WORK"
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(smoke probe gateway sensor-hotplug technician-visit)
for name in "${SCENARIOS[@]}"; do
    [ -r "$HERE/scenarios/$name.sh" ] || { echo "test: no scenario $name" >&2; exit 2; }
done
needs_binary() { case "$1" in gateway|sensor-hotplug|technician-visit) return 0 ;; *) return 1 ;; esac; }

passed=0 failed=0
binary=${SGW_RELEASE_BINARY:-}
binary_problem=
if printf '%s\n' "${SCENARIOS[@]}" | grep -qxE 'gateway|sensor-hotplug|technician-visit'; then
    if [ -z "$binary" ] && [ "$VBOARD_ARCH" = x86_64 ]; then
        (cd "$ROOT" && swift build -c release --static-swift-stdlib --product sensor-gateway | tail -2) || exit 1
        binary="$(cd "$ROOT" && swift build -c release --static-swift-stdlib --show-bin-path)/sensor-gateway"
    elif [ -z "$binary" ] && [ -f "$ROOT/Board/build-$VBOARD_ARCH.sh" ]; then
        # The cross build, once the tree has one, prints the binary's path on its last line (as
        # Board/build-embedded.sh does).
        # A failed build still lets the binary-free scenarios run; the gateway ones then FAIL "not run".
        binary=$(cd "$ROOT" && bash "Board/build-$VBOARD_ARCH.sh" | tail -n1) \
            || { binary=; binary_problem="Board/build-$VBOARD_ARCH.sh failed"; }
    fi
    if [ -n "$binary_problem" ]; then
        :
    elif [ -z "$binary" ]; then
        binary_problem="no $VBOARD_ARCH sensor-gateway: set SGW_RELEASE_BINARY"
    elif [ ! -f "$binary" ]; then
        binary_problem="SGW_RELEASE_BINARY $binary does not exist"
    elif [ "$(elf_machine "$binary")" != "$ELF_MACHINE" ]; then
        binary_problem="$binary is a '$(elf_machine "$binary")' binary, the $VBOARD_ARCH board needs $ELF_MACHINE"
    fi
fi

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

echo "virtual-board: $VBOARD_ARCH flavour, scenarios: ${SCENARIOS[*]}${binary:+, binary $binary}"
for name in "${SCENARIOS[@]}"; do
    if needs_binary "$name" && [ -n "$binary_problem" ]; then
        echo "FAIL $name not run: $binary_problem"
        failed=$((failed + 1))
        continue
    fi
    case "$name" in
        gateway)
            run_scenario gateway --extra "$binary" \
                --file "$HERE/sites/virtual-well.yaml:/etc/sgw/sites/virtual-well.yaml" \
                --file "$HERE/board.yaml:/etc/sgw/board.yaml" ;;
        sensor-hotplug)
            run_scenario sensor-hotplug --extra "$binary" \
                --file "$HERE/sites/virtual-hotplug.yaml:/etc/sgw/sites/virtual-hotplug.yaml" \
                --file "$HERE/board.yaml:/etc/sgw/board.yaml" ;;
        technician-visit)
            run_scenario technician-visit --extra "$binary" \
                --file "$HERE/sites/virtual-visit.yaml:/etc/sgw/sites/virtual-visit.yaml" \
                --file "$HERE/sites/virtual-well.yaml:/etc/sgw/sites/virtual-well.yaml" \
                --file "$HERE/board.yaml:/etc/sgw/board.yaml" ;;
        *)
            run_scenario "$name" ;;
    esac
done

echo "virtual-board: $passed passed, $failed failed ($VBOARD_ARCH)"
[ "$failed" = 0 ]
