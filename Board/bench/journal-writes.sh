#!/usr/bin/env bash
# Issue 5: what the journal writes to the card. Part 1 runs the real release gateway on the building example
# at 1 s sampling against a private Mosquitto for MINUTES and reads /proc/PID/io. Part 2 replays that run's
# own ticks for TICKS ticks through the real ReadingJournal and through a CRC-segment prototype
# (journal-bench), plain for bytes and CPU, then under strace for the sync count.
# Usage: bash Board/bench/journal-writes.sh [minutes=10] [ticks=3600]
#        SGW_TEMPLATE=journal.sqlite bash Board/bench/journal-writes.sh 0 [ticks]   # part 2 only, on a kept run
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-10}"
ticks="${2:-3600}"
echo "command: bash Board/bench/journal-writes.sh $minutes $ticks   ($(date -u +%FT%TZ), $(nproc) cores, $(uname -m))"
source Board/bench/store-forward-lib.sh
build_release
work="$(mktemp -d /tmp/sgw-journal-writes.XXXXXX)"
broker="" gw=""
trap 'kill $gw $broker 2>/dev/null || true' EXIT
port="$(free_port)"
start_broker "$work" "$port"
site_copy "$work/site.yaml" sapporo-cityhall-gw1 1s

if [ "$minutes" -gt 0 ]; then  # part 1
"$gateway_bin" run --config "$work/site.yaml" --simulate --broker "127.0.0.1:$port" --state-dir "$work/gw" \
    --calibration Calibration/records/sapporo-cityhall 2>"$work/gateway.log" & gw=$!
sleep 10  # start-up (journal creation, first connect) is not steady state
wb0=$(io_field $gw write_bytes) wc0=$(io_field $gw wchar) cpu0=$(cpu_seconds $gw)
rows0=$(sqlite3 "$work/gw/journal.sqlite" 'select count(*) from reading')
sleep $((minutes * 60))
wb1=$(io_field $gw write_bytes) wc1=$(io_field $gw wchar) cpu1=$(cpu_seconds $gw)
rows1=$(sqlite3 "$work/gw/journal.sqlite" 'select count(*) from reading')
unsent=$(sqlite3 "$work/gw/journal.sqlite" 'select count(*) from reading_delivery where sent_at_ms is null')
kill -TERM $gw; wait $gw || true; gw=""
python3 - "$minutes" "$wb0" "$wb1" "$wc0" "$wc1" "$cpu0" "$cpu1" "$rows0" "$rows1" "$unsent" <<'PY'
import sys
m, wb0, wb1, wc0, wc1, c0, c1, r0, r1, unsent = sys.argv[1:]
h = 60 / float(m)
print(f"real gateway, {m} min at 1 s sampling, publishing: {int(r1) - int(r0)} readings "
      f"({(int(r1) - int(r0)) / (float(m) * 60):.2f}/s), {unsent} unsent at the end")
print(f"  per hour: device {(int(wb1) - int(wb0)) * h / 1e6:.1f} MB (write_bytes), write(2) {(int(wc1) - int(wc0)) * h / 1e6:.1f} MB (wchar, "
      f"includes the MQTT socket), CPU {(float(c1) - float(c0)) * h:.1f} s")
PY
fi

echo "journal-bench, $ticks ticks of that run's own readings, back to back:"
cp "${SGW_TEMPLATE:-$work/gw/journal.sqlite}" "$work/template.sqlite"
sqlite3 "$work/template.sqlite" 'pragma wal_checkpoint(truncate)' >/dev/null
"$bin/journal-bench" torn-tail --dir "$work"
for run in "sqlite per-tick 0" "sqlite per-50 0" "sqlite per-tick 24" "segments per-tick 0" "segments per-50 0"; do
    set -- $run
    for traced in no yes; do
        d="$work/run-$1-$2-$3-$traced"; mkdir -p "$d"
        cmd=("$bin/journal-bench" measure --engine "$1" --mark "$2" --history-hours "$3" --ticks "$ticks"
             --template "$work/template.sqlite" --dir "$d")
        if [ $traced = no ]; then
            "${cmd[@]}"
        else
            # strace counts the whole process, history fill included: syncs are reported for runs without history.
            [ "$3" = 0 ] || continue
            strace -f -c -e trace=fsync,fdatasync,write,pwrite64 -o "$d/strace" "${cmd[@]}" >/dev/null
            awk -v r="$1 $2" '$NF ~ /^(fsync|fdatasync|write|pwrite64)$/ {printf "  strace %s: %s %s calls\n", r, $NF, $4}' "$d/strace"
        fi
    done
done
kill $broker; wait $broker 2>/dev/null || true; broker=""
echo "work folder: $work"
