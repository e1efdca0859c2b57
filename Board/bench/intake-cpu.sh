#!/usr/bin/env bash
# CPU per stored reading of one kpi-aggregator on SQLite beside the Python reference, in the same run, on a
# private mosquitto: every consumer opens its persistent session and leaves, the generator queues READINGS
# (100 boards × 10 channels, packs of 10), then the Python reference and each aggregator binary drain that
# queue alone, one after the other. CPU is user + system time of the consumer's process when the last reading
# is stored, so it does not depend on the share of a core the machine gives it; wall rates do.
# Usage: bash Board/bench/intake-cpu.sh [READINGS=100000] [RUNS=1] [KPI-AGGREGATOR-BINARY...]
#        (no binary: the release build of this checkout; several: compared within each run, e.g. before/after)
set -euo pipefail
cd "$(dirname "$0")/../.."
readings="${1:-100000}" runs="${2:-1}"
shift $(($# < 2 ? $# : 2))
binaries=("$@")
if [ ${#binaries[@]} -eq 0 ]; then
    swift build -c release --scratch-path .build-bench --product kpi-aggregator 2>&1 | tail -1
    binaries=("$(swift build -c release --scratch-path .build-bench --show-bin-path)/kpi-aggregator")
fi
bash Deploy/dev/install-build-deps.sh python3-paho-mqtt >/dev/null
echo "command: bash Board/bench/intake-cpu.sh $readings $runs ${binaries[*]}   ($(date -u +%FT%TZ), $(git rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg))"
scratch="$(mktemp -d /tmp/sgw-intake-cpu.XXXXXX)"
broker=""
finish() { [ -z "$broker" ] || kill "$broker" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$scratch"; }
trap finish EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat >"$scratch/broker.conf" <<EOF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 0
max_queued_bytes 0
max_inflight_messages 1000
log_dest none
EOF
/usr/sbin/mosquitto -c "$scratch/broker.conf" & broker=$!
sleep 0.5

# drain K BINARY DB: runs aggregator K until DB holds every reading; prints its CPU per reading and wall rate
drain() {
    local k="$1" bin="$2" db="$3" pid stored=0 t0="" ticks
    "$bin" run --broker "127.0.0.1:$port" --db "$db" --client-id "intake-$k" >/dev/null 2>>"$scratch/intake-$k.log" & pid=$!
    if [ "$db" = "$scratch/open.sqlite" ]; then  # only open the session
        until grep -q "subscribed to" "$scratch/intake-$k.log" 2>/dev/null; do sleep 0.1; done
    else
        while [ "$stored" -lt "$readings" ]; do
            sleep 0.02
            stored="$(sqlite3 "$db" 'SELECT count(*) FROM reading' 2>/dev/null || echo 0)"
            if [ -z "$t0" ] && [ "$stored" -gt 0 ]; then t0="$(date +%s.%N)"; fi
        done
        ticks="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
        python3 -c "w=$(date +%s.%N)-$t0; c=$ticks/$(getconf CLK_TCK); print(f'kpi-aggregator $k: CPU {c:.2f} s, {c/$readings*1e6:.1f} µs/reading; {$readings/w:,.0f} readings/s ($bin)')"
    fi
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    rm -f "$scratch/open.sqlite"*
}
for run in $(seq "$runs"); do
    echo "== run $run: queue drain of $readings readings"
    for k in "${!binaries[@]}"; do drain "$k" "${binaries[$k]}" "$scratch/open.sqlite"; done
    /usr/bin/python3 Board/bench/python-reference-store.py 127.0.0.1 "$port" "$scratch/python-$run.sqlite" 0
    /usr/bin/python3 Board/bench/senml-load.py 127.0.0.1 "$port" "$readings" >/dev/null
    /usr/bin/python3 Board/bench/python-reference-store.py 127.0.0.1 "$port" "$scratch/python-$run.sqlite" "$readings"
    for k in "${!binaries[@]}"; do drain "$k" "${binaries[$k]}" "$scratch/run$run-$k.sqlite"; done
done
