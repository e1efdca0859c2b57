#!/usr/bin/env bash
# Steady-state footprint of the board daemon: the building example on the simulated board, publishing to a
# private Mosquitto, release build with the Swift stdlib linked statically (as deployed).
# Prints RSS after MINUTES (default 5) and CPU seconds per minute over the run.
# Usage: bash Board/bench/footprint.sh [minutes] [site]
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-5}"
site="${2:-Board/sites/sapporo-cityhall.yaml}"
swift build -c release --static-swift-stdlib --product sensor-gateway | tail -3
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/sensor-gateway"
work="$(mktemp -d /tmp/sgw-footprint.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$port" > "$work/m.conf"
mosquitto -c "$work/m.conf" >"$work/mosquitto.log" 2>&1 & broker=$!
trap 'kill $broker $gw 2>/dev/null || true' EXIT
sleep 0.5
"$bin" run --config "$site" --simulate --broker "127.0.0.1:$port" --state-dir "$work/state" \
    --calibration Calibration/records/sapporo-cityhall 2>"$work/gateway.log" & gw=$!
ticks=$(getconf CLK_TCK)
sleep $((minutes * 60))
rss=$(awk '/VmRSS/ {print $2}' /proc/$gw/status)
hwm=$(awk '/VmHWM/ {print $2}' /proc/$gw/status)
read -r utime stime < <(awk '{print $14, $15}' /proc/$gw/stat)
cpu=$(python3 -c "print(round(($utime + $stime) / $ticks / $minutes, 3))")
size=$(stat -c %s "$bin")
rows=$(sqlite3 "$work/state/journal.sqlite" 'select count(*) from reading')
echo "binary: $size bytes; after $minutes min: RSS $rss kB (peak $hwm kB); CPU $cpu s/min; $rows readings journaled"
kill -TERM $gw; wait $gw || true
