#!/usr/bin/env bash
# Issues 12 and 15: the same simulated scenario through two builds of the gateway must give byte-identical
# KPI reports. Runs one simulated month (2027-04, hourly sampling) of the paddy example on the simulated clock
# (--simulated-clock … --time-rate max) with each binary, each against its own Mosquitto and kpi-aggregator,
# and diffs `kpi-aggregator report --format json` (and the ground truth). By default the x86_64 binary is
# $SGW_GATEWAY_BIN (or the Embedded build) and the second is the aarch64 build run under qemu-aarch64-static.
# Usage: bash Board/bench/mixed-arch-report.sh [FIRST_BIN] [SECOND_BIN]
set -euo pipefail
cd "$(dirname "$0")/../.."
first="${1:-${SGW_GATEWAY_BIN:-$PWD/.build-embedded/release/sensor-gateway}}"
second="${2:-$PWD/.build-aarch64/release/sensor-gateway}"
aggregator="${SGW_AGGREGATOR_BIN:-$PWD/.build/debug/kpi-aggregator}"
source Board/bench/store-forward-lib.sh
work="$(mktemp -d /tmp/sgw-mixed-arch.XXXXXX)"
broker="" agg=""
trap 'kill $agg $broker 2>/dev/null || true' EXIT
mkdir -p "$work/sites"
cp Board/rpi4-sgw.yaml "$work/"
sed -e 's/^\( *interval:\) .*/\1 1h/' Board/sites/kumamoto-paddy-01.yaml > "$work/sites/kumamoto-paddy-01.yaml"

run() { # run NAME BINARY
    local dir="$work/$1" port; mkdir -p "$dir"; port="$(free_port)"
    start_broker "$dir" "$port"
    "$aggregator" run --broker "127.0.0.1:$port" --db "$dir/city.sqlite" --client-id agg-mixed \
        --simulated-clock 2027-05-01T00:05:00+09:00 --backlog-days 400 >"$dir/aggregator.log" 2>&1 & agg=$!
    for _ in $(seq 100); do grep -q "subscribed to" "$dir/aggregator.log" && break; sleep 0.1; done
    local launcher=()
    file "$2" | grep -q aarch64 && [ "$(uname -m)" != aarch64 ] && launcher=(qemu-aarch64-static)
    "${launcher[@]}" "$2" run --config "$work/sites/kumamoto-paddy-01.yaml" --simulate --broker "127.0.0.1:$port" \
        --state-dir "$dir/state" --simulated-clock 2027-04-01T00:00+09:00,2027-05-01T00:00+09:00 \
        --ground-truth "$dir/ground-truth.jsonl" >"$dir/gateway.log" 2>&1
    local want; want="$(sqlite3 "$dir/state/journal.sqlite" 'SELECT sum(last_seq) FROM channel_state')"
    for _ in $(seq 300); do
        [ "$(sqlite3 "$dir/city.sqlite" 'SELECT count(*) FROM reading' 2>/dev/null || echo 0)" = "$want" ] && break
        sleep 0.2
    done
    kill "$agg" "$broker"; wait "$agg" "$broker" 2>/dev/null || true
    "$aggregator" report --db "$dir/city.sqlite" --fiscal-year 2027 --format json | grep -v '"state"' > "$dir/report.json"
}
echo "command: bash Board/bench/mixed-arch-report.sh $first $second   ($(date -u +%FT%TZ), $(uname -m))"
run first "$first"
run second "$second"
# The board's online/offline state at the moment of the report is left out: it depends on when the broker stopped.
if diff "$work/first/report.json" "$work/second/report.json" && diff "$work/first/ground-truth.jsonl" "$work/second/ground-truth.jsonl"; then
    echo "identical reports and ground truth ($work)"
else
    echo "the reports differ ($work)" >&2; exit 1
fi
