#!/usr/bin/env bash
# Issue 5: when the broker comes back, how are N gateways' reconnects spread? N release gateways (the building
# example under device ids bench-gw01…, shipped intervals, simulated board, one state dir each) connect to a
# private Mosquitto; it is stopped for OUTAGE seconds and started again on the same port. Each gateway's
# reconnect time is the restarted broker's "New client connected" line (1 s resolution) minus the restart.
# Usage: bash Board/bench/reconnect-spread.sh [gateways=50] [outage seconds=60]
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-50}" outage="${2:-60}"
echo "command: bash Board/bench/reconnect-spread.sh $n $outage   ($(date -u +%FT%TZ), $(nproc) cores, $(uname -m), $(free -m | awk '/Mem:/ {print $7}') MB available)"
source Board/bench/store-forward-lib.sh
build_release
work="$(mktemp -d /tmp/sgw-reconnect.XXXXXX)"
broker="" pids=()
trap 'kill ${pids[@]+"${pids[@]}"} $broker 2>/dev/null || true' EXIT
port="$(free_port)"
mkdir -p "$work/before" "$work/after"
start_broker "$work/before" "$port"
for i in $(seq -f '%02g' 1 "$n"); do
    site_copy "$work/gw$i.yaml" "bench-gw$i"
    "$gateway_bin" run --config "$work/gw$i.yaml" --simulate --broker "127.0.0.1:$port" \
        --state-dir "$work/gw$i" 2>"$work/gw$i.log" & pids+=($!)
    sleep 0.2  # staggered, so start-up on two cores is not what gets measured
done
connected() { grep -c 'New client connected' "$1" || true; }
for _ in $(seq 120); do [ "$(connected "$work/before/mosquitto.log")" -ge "$n" ] && break; sleep 0.5; done
echo "before: $(connected "$work/before/mosquitto.log") of $n connected; gateways' RSS total $(( $(for p in "${pids[@]}"; do awk '/VmRSS/ {print $2}' /proc/$p/status; done | paste -sd+ | bc) / 1024 )) MB"
sleep 5
kill -TERM $broker; wait $broker 2>/dev/null || true
sleep "$outage"
restart=$(date +%s.%N)
start_broker "$work/after" "$port"
for _ in $(seq 240); do [ "$(connected "$work/after/mosquitto.log")" -ge "$n" ] && break; sleep 0.5; done
sleep 1
echo "after the restart: $(connected "$work/after/mosquitto.log") of $n reconnected"
python3 - "$restart" "$work/after/mosquitto.log" "$n" <<'PY'
import sys, re, datetime, collections, statistics
restart, log, n = float(sys.argv[1]), sys.argv[2], int(sys.argv[3])
delays = []
for line in open(log):
    m = re.match(r'(\S+): New client connected .* as (sgw-bench-gw\d+)', line)
    if m:
        t = datetime.datetime.strptime(m.group(1), '%Y-%m-%dT%H:%M:%S').replace(tzinfo=datetime.timezone.utc).timestamp()
        # The log has whole seconds: a connection logged at second S happened in [S, S+1).
        delays.append(max(0.0, t + 0.5 - restart))
delays.sort()
q = lambda p: delays[min(len(delays) - 1, int(p * len(delays)))]
print(f"reconnect delay after the restart, s (±0.5): min {delays[0]:.1f}, median {statistics.median(delays):.1f}, "
      f"p90 {q(0.9):.1f}, max {delays[-1]:.1f}  ({len(delays)} of {n})")
hist = collections.Counter(int(d) for d in delays)
print("histogram (second after restart: gateways):", ", ".join(f"{s}: {hist[s]}" for s in range(int(delays[-1]) + 1)))
PY
kill -TERM "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true; pids=()
kill $broker; wait $broker 2>/dev/null || true; broker=""
echo "work folder: $work"
