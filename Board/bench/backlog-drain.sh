#!/usr/bin/env bash
# Issue 5: how fast a 24-hour backlog drains when the broker returns. A short real run of the building example
# at 1 s sampling gives the gateway's own ticks; journal-bench repeats them into a journal holding HOURS of
# unsent readings (device sapporo-cityhall-gw1, times ending now), and the release gateway then runs on it
# against a private loopback Mosquitto with a QoS 1 subscriber, once per replay pace. Drain time comes from
# the journal's own PUBACK times (view reading_delivery). Then the same payloads (SenML packs of 50) through
# `mosquitto_pub -l -q 1`, and through one `mosquitto_pub` process per pack for the first PUBS packs.
# With ROUNDS, each pace is drained ROUNDS times, each drain followed at once by `mosquitto_pub -l` on the same
# broker, so every gateway figure has its own side-by-side reference on a noisy machine. SGW_BASE_GATEWAY_BIN names
# another build (the base of a change) that drains the same backlog in turn, alternating with the gateway measured.
# SGW_JOURNAL_BENCH_BIN skips building journal-bench (with SGW_GATEWAY_BIN, nothing is built).
# Usage: bash Board/bench/backlog-drain.sh [hours=24] [paces="1000 0"] [max seconds per run=1200] [pubs=200] [rounds=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
hours="${1:-24}" paces="${2:-1000 0}" limit="${3:-1200}" pubs="${4:-200}" rounds="${5:-1}"
echo "command: bash Board/bench/backlog-drain.sh $hours \"$paces\" $limit $pubs $rounds   ($(date -u +%FT%TZ), $(nproc) cores, $(uname -m), $(git rev-parse --short HEAD))"
source Board/bench/store-forward-lib.sh
build_release
work="$(mktemp -d /tmp/sgw-drain.XXXXXX)"
broker="" gw="" sub=""
trap 'kill $gw $sub $broker 2>/dev/null || true' EXIT
port="$(free_port)"
topic=sgw/sapporo-cityhall/sapporo-cityhall-gw1/data
site_copy "$work/site.yaml" sapporo-cityhall-gw1 1s
gateway() {  # gateway STATE-DIR [flags...]; runs $drainer (the gateway measured unless set)
    local state="$1"; shift
    "${drainer:-$gateway_bin}" run --config "$work/site.yaml" --simulate --broker "127.0.0.1:$port" --state-dir "$state" \
        --calibration Calibration/records/sapporo-cityhall "$@" 2>>"$state.log" & gw=$!
}
subscribe() {  # counts delivered SenML records into $work/$1.sub
    mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -t "$topic" > "$work/$1.sub" & sub=$!
    sleep 0.3
}
stop_sub() { sleep 1; kill $sub; wait $sub 2>/dev/null || true; sub=""; grep -o '"n":' "$work/$1.sub" | wc -l; }

# The gateway's own ticks: 60 s of a real run, without a broker (the readings only need to exist).
gateway "$work/template" --broker 127.0.0.1:1
sleep 62; kill -TERM $gw; wait $gw || true; gw=""
sqlite3 "$work/template/journal.sqlite" 'pragma wal_checkpoint(truncate)' >/dev/null
s=$(date +%s.%N)
"$bin/journal-bench" fill --template "$work/template/journal.sqlite" --journal "$work/backlog.sqlite" --hours "$hours"
sqlite3 "$work/backlog.sqlite" 'pragma wal_checkpoint(truncate)' >/dev/null
backlog=$(sqlite3 "$work/backlog.sqlite" 'select count(*) from reading')
last=$(sqlite3 "$work/backlog.sqlite" 'select max(id) from reading')
echo "fill: $(python3 -c "print(round($(date +%s.%N) - $s, 1))") s; journal $(( $(stat -c %s "$work/backlog.sqlite") / 1000000 )) MB for $backlog readings"

"$bin/journal-bench" packs --journal "$work/backlog.sqlite" > "$work/packs.txt"
packs=$(wc -l < "$work/packs.txt")
publish_lines() {  # the same packs through one `mosquitto_pub -l -q 1`
    subscribe pub-l
    local s e
    s=$(date +%s.%N)
    mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -V mqttv5 -t "$topic" -l < "$work/packs.txt"
    e=$(date +%s.%N)
    delivered=$(stop_sub pub-l)
    pub_rate=$(python3 -c "print(round($backlog / ($e - $s)))")
    echo "mosquitto_pub -l -q 1: $packs packs, $backlog readings in $(python3 -c "print(round($e - $s, 1))") s = $pub_rate readings/s; subscriber got $delivered records"
}

start_broker "$work" "$port"
drainers="$gateway_bin"
[ -z "${SGW_BASE_GATEWAY_BIN:-}" ] || drainers="$SGW_BASE_GATEWAY_BIN $gateway_bin"
for round in $(seq "$rounds"); do
for drainer in $drainers; do
for pace in $paces; do
    echo "round $round, $drainer:"
    state="$work/drain-$pace"; rm -rf "$state" "$state.log"; mkdir -p "$state"; cp "$work/backlog.sqlite" "$state/journal.sqlite"
    subscribe "drain-$pace"
    t0=$(date +%s%3N)
    gateway "$state" --replay-readings-per-second "$pace" --journal-budget-mb 1024
    left=$backlog
    while [ "$left" -gt 0 ] && [ $(( $(date +%s%3N) - t0 )) -lt $((limit * 1000)) ]; do
        sleep 2
        left=$(sqlite3 "$state/journal.sqlite" "select count(*) from reading_delivery where id <= $last and sent_at_ms is null")
    done
    cpu=$(cpu_seconds $gw)
    kill -TERM $gw; wait $gw || true; gw=""
    delivered=$(stop_sub "drain-$pace")
    # Sampling to PUBACK is measured on the raw readings (method IS NULL): a derived reading carries the time its
    # rule gives it, and a 30-minute demand window is stamped with the window's start, so one that closes during a
    # drain shows up to 30 minutes plus the time since its start (the "33 minutes" of an earlier run), not a wait.
    read -r live avg_ms max_ms < <(sqlite3 -separator ' ' "$state/journal.sqlite" \
        "select count(*), cast(avg(sent_at_ms - t_ms) as int), max(sent_at_ms - t_ms) from reading_delivery where id > $last and sent_at_ms is not null and method is null")
    read -r derived unsent_live < <(sqlite3 -separator ' ' "$state/journal.sqlite" \
        "select count(*) filter (where method is not null and sent_at_ms is not null), count(*) filter (where sent_at_ms is null) from reading_delivery where id > $last")
    echo "  live raw readings taken during the drain: $live acknowledged, sampling to PUBACK ${avg_ms} ms on average, ${max_ms} ms at most ($derived derived readings acknowledged, stamped by their rule; $unsent_live live readings not yet acknowledged at the stop)"
    read -r first lastack sent < <(sqlite3 -separator ' ' "$state/journal.sqlite" \
        "select min(sent_at_ms), max(sent_at_ms), count(*) from reading_delivery where id <= $last and sent_at_ms is not null")
    python3 - "$pace" "$t0" "$first" "$lastack" "$sent" "$backlog" "$delivered" <<'PY'
import sys
pace, t0, first, last, sent, backlog, delivered = sys.argv[1:]
t0, first, last, sent, backlog = int(t0), int(first), int(last), int(sent), int(backlog)
state = "drained" if sent == backlog else f"stopped at the time limit, {backlog - sent} left"
print(f"gateway --replay-readings-per-second {pace}: {sent} of {backlog} backlog readings acknowledged ({state}); "
      f"start to first PUBACK {(first - t0) / 1000:.1f} s; {sent / ((last - t0) / 1000):.0f} readings/s from process start, "
      f"{sent / max(0.001, (last - first) / 1000):.0f}/s from first to last PUBACK; subscriber got {delivered} records (live ones too)")
PY
    gw_rate=$(python3 -c "print(round($sent / (($lastack - $t0) / 1000)))")
    publish_lines
    echo "  side by side: gateway $gw_rate against mosquitto_pub -l $pub_rate readings/s = $(python3 -c "print(round($gw_rate / $pub_rate, 3))")x; gateway CPU $cpu s ($(python3 -c "print(round($cpu * 1e6 / $backlog, 2))") µs a reading, start to stop)"
done
done
done

subscribe pub-each
head -n "$pubs" "$work/packs.txt" > "$work/packs-head.txt"
n=$(python3 -c "import json,sys; print(sum(len(json.loads(l)) for l in open(sys.argv[1])))" "$work/packs-head.txt")
s=$(date +%s.%N)
while IFS= read -r pack; do mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -V mqttv5 -t "$topic" -m "$pack"; done < "$work/packs-head.txt"
e=$(date +%s.%N)
delivered=$(stop_sub pub-each)
echo "one mosquitto_pub per pack, first $pubs packs: $n readings in $(python3 -c "print(round($e - $s, 1))") s = $(python3 -c "print(round($n / ($e - $s)))") readings/s; subscriber got $delivered records"
kill $broker; wait $broker 2>/dev/null || true; broker=""
echo "work folder: $work"
