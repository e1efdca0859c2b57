#!/usr/bin/env bash
# Issue 14 item 4: readings/s the city's intake stores, beside mosquitto_sub receiving the same stream and the
# 25-line Python reference (paho + sqlite3, 1,000-row transactions), in one run on one private broker.
#
# Queue drain (one consumer at a time, so none takes CPU from another on a 2-core machine): each consumer
# opens its persistent session, goes away, the generator publishes READINGS (100 boards × 10 channels, one
# pack per board per tick, QoS 1), and the broker queues the whole stream for every session; then each
# consumer is started alone and timed from its first stored reading to its last.
# The same queue drained by AGGREGATORS instances at once in one $share group on one database.
# Shared subscription (live): AGGREGATORS instances in one $share group on one database, all connected while
# the generator publishes; timed from the generator's start to the last reading stored.
# Partitioned: one instance with --partition 0/1 (the owner's store without the parallelism), and AGGREGATORS instances with --partition K/AGGREGATORS (each owns the boards FNV-1a puts in its part,
# under its own persistent session), draining the queue and live.
# Both on SQLite and, when /usr/lib/postgresql/15/bin is there, on a private PostgreSQL 15 cluster.
# CPU per reading (user + system time of each consumer) is steadier than its rate on a loaded machine; on
# PostgreSQL the server's CPU per reading is printed too (its processes' /proc stat, before and after), and the broker's.
# Usage: [SGW_AGGREGATOR_OPTIONS="--batch-readings 20000"] bash Board/bench/aggregator-ingest.sh [READINGS=500000] [AGGREGATORS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
readings="${1:-500000}" instances="${2:-3}"
echo "command: bash Board/bench/aggregator-ingest.sh $readings $instances   ($(date -u +%FT%TZ), $(nproc) cores, $(uname -m), $(git rev-parse --short HEAD))"
bash Deploy/dev/install-build-deps.sh python3-paho-mqtt >/dev/null
scratch="${SGW_BENCH_SCRATCH:-.build-bench}"
swift build -c release --scratch-path "$scratch" --product kpi-aggregator 2>&1 | tail -1
aggregator="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/kpi-aggregator"
work="$(mktemp -d /tmp/sgw-ingest.XXXXXX)"
pids=()
pg_stop() { :; }
cleanup() {
    for p in "${pids[@]}" $(cat "$work/aggregator.pids" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true; pg_stop; rm -rf "$work"
}
trap cleanup EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 0\nmax_queued_bytes 0\nmax_inflight_messages 1000\nlog_dest none\n' \
    "$port" >"$work/mosquitto.conf"
/usr/sbin/mosquitto -c "$work/mosquitto.conf" & pids+=($!)
sleep 0.5
count() {  # count DB: readings stored in a SQLite file or a PostgreSQL URI
    case "$1" in
        postgres*) psql "$1" -Atc "SELECT count(*) FROM reading" 2>/dev/null || echo 0 ;;
        *) sqlite3 "$1" "SELECT count(*) FROM reading" 2>/dev/null || echo 0 ;;
    esac
}
pg="" pgbin=/usr/lib/postgresql/15/bin
if [ -x "$pgbin/pg_ctl" ]; then
    as_pg=(); [ "$(id -u)" -ne 0 ] || { as_pg=(runuser -u postgres --); chown postgres "$work"; chmod 755 "$work"; }
    "${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -A trust -U sgw --no-sync -E UTF8 --locale=C >/dev/null
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-k $work -c listen_addresses= -c max_connections=40" start >/dev/null
    pg="postgresql:///postgres?host=$work&user=sgw"
    pg_stop() { "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; }
    for d in one onepart shared parted partdrain; do psql "$pg" -qc "CREATE DATABASE $d" >/dev/null; done
fi
# time_until DB N: seconds from the first reading in DB to N readings there (polled every 50 ms)
time_until() {
    local db="$1" n="$2" t0="" c
    while :; do
        c="$(count "$db")"
        if [ -z "$t0" ] && [ "$c" -gt 0 ]; then t0="$(date +%s.%N)"; fi
        [ "$c" -ge "$n" ] && break
        sleep 0.05
    done
    python3 -c "import sys; d=$(date +%s.%N)-${t0}; print(f'{d:.2f} s, {$n/d:,.0f} readings/s')"
}
aggregate() {  # aggregate DB CLIENT-ID [extra options]: runs the aggregator in the background
    local db="$1" id="$2"; shift 2
    # shellcheck disable=SC2086  # SGW_AGGREGATOR_OPTIONS: extra options for every instance, e.g. batch sizes
    "$aggregator" run --broker "127.0.0.1:$port" --db "$db" --client-id "$id" "$@" ${SGW_AGGREGATOR_OPTIONS:-} >/dev/null 2>>"$work/$id.log" &
    echo $! >>"$work/aggregator.pids"
    echo $!
}
# cpu_per_reading N PID...: the processes' CPU time so far (user + system, /proc/PID/stat) per reading of N
cpu_per_reading() {
    local n="$1" ticks=0 p; shift
    for p in "$@"; do ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
    python3 -c "t=$ticks/$(getconf CLK_TCK); print(f'CPU {t:.2f} s, {t/$n*1e6:.1f} µs/reading')"
}
# pg_mark FILE: the PostgreSQL server's processes and their CPU ticks now; pg_cpu_since FILE N: their CPU since
# then per reading of N (processes started since count whole; the bench's own `count` queries end before, so not counted)
pg_ticks() {
    local p
    for p in $(head -1 "$work/pg/postmaster.pid") $(pgrep -P "$(head -1 "$work/pg/postmaster.pid")"); do
        [ -r "/proc/$p/stat" ] && awk -v p="$p" '{print p, $14 + $15}' "/proc/$p/stat"
    done
}
pg_mark() { pg_ticks >"$1"; awk '{print $14 + $15}' "/proc/${pids[0]}/stat" >"$1.broker"; }
pg_cpu_since() {
    pg_ticks >"$1.after"
    python3 - "$1" "$1.after" "$2" "$(getconf CLK_TCK)" <<'PY'
import sys
before = dict(l.split() for l in open(sys.argv[1]) if l.strip())
after = dict(l.split() for l in open(sys.argv[2]) if l.strip())
t = sum(int(v) - int(before.get(p, 0)) for p, v in after.items()) / int(sys.argv[4])
print(f"PostgreSQL server CPU {t:.2f} s, {t / int(sys.argv[3]) * 1e6:.1f} µs/reading")
PY
    python3 -c "t=($(awk '{print $14 + $15}' "/proc/${pids[0]}/stat")-$(cat "$1.broker"))/$(getconf CLK_TCK); print(f'   broker (mosquitto) CPU {t:.2f} s, {t/$2*1e6:.1f} µs/reading')"
}
# forget ID...: ends these persistent sessions (a clean-start connection), so the broker stops queuing the stream
# for consumers already measured and its fan-out does not weigh on the live runs.
forget() { local id; for id in "$@"; do mosquitto_sub -h 127.0.0.1 -p "$port" -i "$id" -t bench/none -E >/dev/null 2>&1 || true; done; }
subscribed() { for _ in $(seq 100); do grep -q "subscribed to" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }

pgdb() { echo "postgresql:///$1?host=$work&user=sgw"; }
stores=("$work/one.sqlite")
[ -z "$pg" ] || stores+=("$(pgdb one)")
# Open every session, then leave: one aggregator's per store, and AGGREGATORS sessions in one $share group per
# store (the broker deals the queued stream out among them).
drained=("$work/drained.sqlite")
[ -z "$pg" ] || { psql "$pg" -qc "CREATE DATABASE drained" >/dev/null; drained+=("$(pgdb drained)"); }
partdrained=("$work/partdrain.sqlite")
[ -z "$pg" ] || partdrained+=("$(pgdb partdrain)")
oneparts=("$work/onepart.sqlite")
[ -z "$pg" ] || oneparts+=("$(pgdb onepart)")
for i in "${!stores[@]}"; do
    a="$(aggregate "${stores[$i]}" "agg-one-$i")"; subscribed "$work/agg-one-$i.log"; kill -TERM "$a"; while kill -0 "$a" 2>/dev/null; do sleep 0.1; done
    a="$(aggregate "${oneparts[$i]}" "agg-onepart-$i" --partition 0/1)"; subscribed "$work/agg-onepart-$i.log"; kill -TERM "$a"; while kill -0 "$a" 2>/dev/null; do sleep 0.1; done
    for k in $(seq 0 $((instances - 1))); do
        a="$(aggregate "${partdrained[$i]}" "agg-part-$i-$k" --partition "$k/$instances")"; subscribed "$work/agg-part-$i-$k.log"
        kill -TERM "$a"; while kill -0 "$a" 2>/dev/null; do sleep 0.1; done
    done
    for k in $(seq "$instances"); do
        a="$(aggregate "${drained[$i]}" "agg-drain-$i-$k" --share-group "drain$i")"; subscribed "$work/agg-drain-$i-$k.log"
        kill -TERM "$a"; while kill -0 "$a" 2>/dev/null; do sleep 0.1; done
    done
done
/usr/bin/python3 Board/bench/python-reference-store.py 127.0.0.1 "$port" "$work/python.sqlite" 0
mosquitto_sub -h 127.0.0.1 -p "$port" -c -i msub -q 1 -t 'sgw/+/+/data' -W 1 >/dev/null 2>&1 || true
/usr/bin/python3 Board/bench/senml-load.py 127.0.0.1 "$port" "$readings"
messages=$((readings / 10))

echo "== queue drain of $readings readings ($messages messages), one consumer at a time"
s0="$(date +%s.%N)"
/usr/bin/time -o "$work/msub.cpu" -f "%U %S" mosquitto_sub -h 127.0.0.1 -p "$port" -c -i msub -q 1 -t 'sgw/+/+/data' -C "$messages" >/dev/null
python3 -c "d=$(date +%s.%N)-$s0; u,s=map(float,open('$work/msub.cpu').read().split()); print(f'mosquitto_sub: {$messages} messages ({$readings} readings) in {d:.2f} s, {$readings/d:,.0f} readings/s; CPU {u+s:.2f} s, {(u+s)/$readings*1e6:.1f} µs/reading')"
/usr/bin/python3 Board/bench/python-reference-store.py 127.0.0.1 "$port" "$work/python.sqlite" "$readings"
for i in "${!stores[@]}"; do
    [ "$i" = 0 ] || pg_mark "$work/pg.mark"
    a="$(aggregate "${stores[$i]}" "agg-one-$i")"
    kind=SQLite; [ "$i" = 0 ] || kind=PostgreSQL
    echo "kpi-aggregator ($kind, one instance): $(time_until "${stores[$i]}" "$readings"); $(cpu_per_reading "$readings" "$a")"
    [ "$i" = 0 ] || echo "   $(pg_cpu_since "$work/pg.mark" "$readings")"
    kill -TERM "$a"; while kill -0 "$a" 2>/dev/null; do sleep 0.1; done
    [ "$i" = 0 ] || pg_mark "$work/pg.mark"
    a="$(aggregate "${oneparts[$i]}" "agg-onepart-$i" --partition 0/1)"
    echo "kpi-aggregator ($kind, one instance, --partition 0/1): $(time_until "${oneparts[$i]}" "$readings"); $(cpu_per_reading "$readings" "$a")"
    [ "$i" = 0 ] || echo "   $(pg_cpu_since "$work/pg.mark" "$readings")"
    kill -TERM "$a"; while kill -0 "$a" 2>/dev/null; do sleep 0.1; done
done
echo "   SQLite bytes per reading: $(( $(sqlite3 "$work/one.sqlite" 'PRAGMA page_count') * $(sqlite3 "$work/one.sqlite" 'PRAGMA page_size') / readings )) (readings, indexes, hour and day rollups)"
[ -z "$pg" ] || echo "   PostgreSQL bytes per reading: $(( $(psql "$(pgdb one)" -Atc "SELECT pg_database_size('one')") / readings )) (the whole database: readings, indexes, rollups, catalogue)"

for i in "${!drained[@]}"; do
    kind=SQLite; [ "$i" = 0 ] || kind=PostgreSQL
    phase=()
    [ "$i" = 0 ] || pg_mark "$work/pg.mark"
    for k in $(seq "$instances"); do phase+=("$(aggregate "${drained[$i]}" "agg-drain-$i-$k" --share-group "drain$i")"); done
    echo "kpi-aggregator ($kind, $instances instances in one \$share group): $(time_until "${drained[$i]}" "$readings"); $(cpu_per_reading "$readings" "${phase[@]}") together"
    [ "$i" = 0 ] || echo "   $(pg_cpu_since "$work/pg.mark" "$readings")"
    kill -TERM "${phase[@]}"; for p in "${phase[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
    phase=()
    [ "$i" = 0 ] || pg_mark "$work/pg.mark"
    for k in $(seq 0 $((instances - 1))); do phase+=("$(aggregate "${partdrained[$i]}" "agg-part-$i-$k" --partition "$k/$instances")"); done
    echo "kpi-aggregator ($kind, $instances instances, --partition K/$instances): $(time_until "${partdrained[$i]}" "$readings"); $(cpu_per_reading "$readings" "${phase[@]}") together"
    for p in "${phase[@]}"; do echo "   instance $p: $(cpu_per_reading "$readings" "$p") (per reading of the whole stream)"; done
    [ "$i" = 0 ] || echo "   $(pg_cpu_since "$work/pg.mark" "$readings")"
    kill -TERM "${phase[@]}"; for p in "${phase[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
done

forget msub py-reference
for i in "${!stores[@]}"; do
    forget "agg-one-$i" "agg-onepart-$i-part0of1"
    for k in $(seq "$instances"); do forget "agg-drain-$i-$k"; done
    for k in $(seq 0 $((instances - 1))); do forget "agg-part-$i-$k-part${k}of$instances"; done
done
shared=("$work/shared.sqlite")
[ -z "$pg" ] || shared+=("$(pgdb shared)")
parted=("$work/parted.sqlite")
[ -z "$pg" ] || parted+=("$(pgdb parted)")
first=1000001
for run in share partition; do
for i in "${!shared[@]}"; do
    kind=SQLite; [ "$i" = 0 ] || kind=PostgreSQL
    phase=()
    [ "$i" = 0 ] || pg_mark "$work/pg.mark"
    if [ "$run" = share ]; then
        echo "== live: $instances aggregators in one shared subscription on one $kind database, generator publishing"
        db="${shared[$i]}" how="\$share"
        for k in $(seq "$instances"); do phase+=("$(aggregate "$db" "agg-shared-$i-$k" --share-group "bench$i")"); done
        for k in $(seq "$instances"); do subscribed "$work/agg-shared-$i-$k.log"; done
    else
        echo "== live: $instances aggregators, --partition K/$instances, on one $kind database, generator publishing"
        db="${parted[$i]}" how="--partition K/$instances"
        for k in $(seq 0 $((instances - 1))); do phase+=("$(aggregate "$db" "agg-parted-$i-$k" --partition "$k/$instances")"); done
        for k in $(seq 0 $((instances - 1))); do subscribed "$work/agg-parted-$i-$k.log"; done
    fi
    g0="$(date +%s.%N)"
    /usr/bin/python3 Board/bench/senml-load.py 127.0.0.1 "$port" "$readings" 100 10 "$first" | sed 's/^/   /'
    while [ "$(count "$db")" -lt "$readings" ]; do sleep 0.05; done
    python3 -c "d=$(date +%s.%N)-$g0; print(f'kpi-aggregator ($kind, $instances instances, $how): {$readings} readings in {d:.2f} s from the first publish, {$readings/d:,.0f} readings/s')"
    echo "   $(cpu_per_reading "$readings" "${phase[@]}") together"
    [ "$i" = 0 ] || echo "   $(pg_cpu_since "$work/pg.mark" "$readings")"
    kill -TERM "${phase[@]}"; for p in "${phase[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
    for k in $(seq 0 "$instances"); do forget "agg-shared-$i-$k" "agg-parted-$i-$k-part${k}of$instances"; done
    first=$((first + 1000000))
done
done
