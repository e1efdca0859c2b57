#!/usr/bin/env bash
# Issues 12 and 15: the same simulated scenario through two builds of the gateway must give byte-identical
# KPI reports. Runs one simulated month (2027-04, hourly sampling) of each example site on the simulated clock
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
sites=(kumamoto-paddy-01 kumamoto-well-07 sapporo-cityhall)
for site in "${sites[@]}"; do
    sed -e 's/^\( *interval:\) .*/\1 1h/' "Board/sites/$site.yaml" > "$work/sites/$site.yaml"
done

run() { # run NAME BINARY
    local dir="$work/$1" port; mkdir -p "$dir"; port="$(free_port)"
    start_broker "$dir" "$port"
    "$aggregator" run --broker "127.0.0.1:$port" --db "$dir/city.sqlite" --client-id agg-mixed \
        --simulated-clock 2027-05-01T00:05:00+09:00 --backlog-days 400 >"$dir/aggregator.log" 2>&1 & agg=$!
    for _ in $(seq 100); do grep -q "subscribed to" "$dir/aggregator.log" && break; sleep 0.1; done
    local launcher=()
    # An aarch64 ELF (e_machine 0xb7) on another machine runs under qemu's user emulation.
    [ "$(od -An -tx1 -j18 -N1 "$2" | tr -d ' ')" = b7 ] && [ "$(uname -m)" != aarch64 ] && launcher=(qemu-aarch64-static)
    local want=0 site
    for site in "${sites[@]}"; do
        "${launcher[@]}" "$2" run --config "$work/sites/$site.yaml" --simulate --broker "127.0.0.1:$port" \
            --state-dir "$dir/state-$site" --simulated-clock 2027-04-01T00:00+09:00,2027-05-01T00:00+09:00 \
            --ground-truth "$dir/ground-truth-$site.jsonl" >"$dir/gateway-$site.log" 2>&1
        want=$((want + $(sqlite3 "$dir/state-$site/journal.sqlite" 'SELECT sum(last_seq) FROM channel_state')))
    done
    for _ in $(seq 300); do
        [ "$(sqlite3 "$dir/city.sqlite" 'SELECT count(*) FROM reading' 2>/dev/null || echo 0)" = "$want" ] && break
        sleep 0.2
    done
    kill "$agg" "$broker"; wait "$agg" "$broker" 2>/dev/null || true
    "$aggregator" report --db "$dir/city.sqlite" --fiscal-year 2027 --format json > "$dir/report.json"
    "$aggregator" report --db "$dir/city.sqlite" --fiscal-year 2027 --format table | grep -v 'board .* (\(online\|offline\))' > "$dir/report.txt"
}
echo "command: bash Board/bench/mixed-arch-report.sh $first $second   ($(date -u +%FT%TZ), $(uname -m))"
run first "$first"
run second "$second"
same=true
# The report as the city reads it (each figure at its printed resolution) must be the same to the byte. The JSON
# carries full doubles: sums whose addends arrived in other batches may differ in the last bits (floating-point
# addition is not associative), so its numbers are compared to 1e-12 relative and everything else exactly. A
# board's online/offline state is left out of both: it depends on when each run's broker stopped.
diff "$work/first/report.txt" "$work/second/report.txt" || same=false
python3 - "$work/first/report.json" "$work/second/report.json" <<'PY' || same=false
import json, sys
def same(a, b, path="report"):
    if isinstance(a, float) or isinstance(b, float):
        ok = isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= 1e-12 * max(abs(a), abs(b), 1e-300)
    elif isinstance(a, dict) and isinstance(b, dict):
        a = {k: v for k, v in a.items() if k != "state"}
        b = {k: v for k, v in b.items() if k != "state"}
        ok = a.keys() == b.keys() and all(same(a[k], b[k], f"{path}.{k}") for k in a)
    elif isinstance(a, list) and isinstance(b, list):
        ok = len(a) == len(b) and all(same(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b)))
    else:
        ok = a == b
    if not ok and not isinstance(a, (dict, list)):
        print(f"{path}: {a!r} != {b!r}", file=sys.stderr)
    return ok
sys.exit(0 if same(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))) else 1)
PY
for site in "${sites[@]}"; do
    diff "$work/first/ground-truth-$site.jsonl" "$work/second/ground-truth-$site.jsonl" || same=false
done
if $same && grep -q '"site"' "$work/first/report.json"; then
    echo "identical reports and ground truth for ${sites[*]} ($work)"
else
    echo "the reports differ ($work)" >&2; exit 1
fi
