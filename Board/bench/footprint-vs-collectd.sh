#!/usr/bin/env bash
# The board program's footprint beside collectd's, measured in the same run (this machine is shared and noisy):
# the Embedded `sensor-gateway` on the building example (simulated board, 1 s and slower channels) and
# collectd (collectd-core; Interval 1; plugins cpu, memory, load and the MQTT writer), both publishing to one
# private Mosquitto. After MINUTES it reads, for each: binary size, VmRSS, Pss and Private_Dirty
# (/proc/PID/smaps_rollup), threads, CPU seconds per minute and wake-ups per second (context switches), and
# where each program's resident memory lives, per mapped file (/proc/PID/smaps).
# Then it stops the broker for OUTAGE_MINUTES and reports each program's CPU while the broker is away.
# Usage: bash Board/bench/footprint-vs-collectd.sh [minutes] [outage-minutes]
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-5}"
outage="${2:-10}"
site=Board/sites/sapporo-cityhall.yaml
bash Deploy/dev/install-build-deps.sh collectd-core >/dev/null
gateway="${SGW_GATEWAY_BIN:-$(bash Board/build-embedded.sh | tail -1)}"
collectd_bin=/usr/sbin/collectd
work="$(mktemp -d /tmp/sgw-footprint.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$port" > "$work/m.conf"
cat > "$work/collectd.conf" <<CONF
Hostname "bench"
FQDNLookup false
Interval 1
BaseDir "$work/collectd"
PIDFile "$work/collectd.pid"
PluginDir "/usr/lib/collectd"
TypesDB "/usr/share/collectd/types.db"
LoadPlugin cpu
LoadPlugin memory
LoadPlugin load
LoadPlugin mqtt
<Plugin mqtt>
  <Publish "bench">
    Host "127.0.0.1"
    Port "$port"
    ClientId "collectd-bench"
    QoS 1
  </Publish>
</Plugin>
CONF
mkdir -p "$work/collectd"
# Measured as shipped: the Debian package strips the binary, as Debian strips collectd.
strip -o "$work/sensor-gateway" "$gateway"
gateway="$work/sensor-gateway"
mosquitto -c "$work/m.conf" >"$work/mosquitto.log" 2>&1 & broker=$!
gw="" cd_pid=""
trap 'kill $broker $gw $cd_pid 2>/dev/null || true' EXIT
sleep 0.5
"$gateway" run --config "$site" --simulate --broker "127.0.0.1:$port" --state-dir "$work/state" \
    --calibration Calibration/records/sapporo-cityhall 2>"$work/gateway.log" & gw=$!
"$collectd_bin" -f -C "$work/collectd.conf" >"$work/collectd.log" 2>&1 & cd_pid=$!
ticks=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# every thread's switches (a process's own status file counts only its main thread)
switches() { cat /proc/$1/task/*/status 2>/dev/null | awk '/ctxt_switches/ {n += $2} END {print n}'; }
sleep 10   # both settled: connected, first samples taken
g0=$(cpu_ticks $gw) c0=$(cpu_ticks $cd_pid) gs0=$(switches $gw) cs0=$(switches $cd_pid)
sleep $((minutes * 60))
g1=$(cpu_ticks $gw) c1=$(cpu_ticks $cd_pid) gs1=$(switches $gw) cs1=$(switches $cd_pid)

row() { # name pid binary cpu-ticks switches
    local name=$1 pid=$2 bin=$3 dt=$4 ds=$5
    local size rss pss dirty threads
    size=$(stat -L -c %s "$bin")
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
    dirty=$(awk '/^Private_Dirty/ {print $2}' "/proc/$pid/smaps_rollup")
    threads=$(awk '/^Threads/ {print $2}' "/proc/$pid/status")
    python3 - "$name" "$size" "$rss" "$pss" "$dirty" "$threads" "$dt" "$ds" "$ticks" "$minutes" <<'PY'
import sys
name, size, rss, pss, dirty, threads, dt, ds, ticks, minutes = sys.argv[1:]
m = float(minutes)
print(f"| {name} | {int(size)/1e6:.2f} MB | {int(rss)/1024:.1f} MB | {int(pss)/1024:.1f} MB | {int(dirty)/1024:.1f} MB"
      f" | {threads} | {int(dt)/int(ticks)/m:.3f} | {int(ds)/(m*60):.1f} |")
PY
}
echo "Connected, after $minutes min (building example; collectd Interval 1, cpu+memory+load+mqtt):"
echo "| program | binary | VmRSS | Pss | Private_Dirty | threads | CPU s/min | wake-ups/s |"
echo "|---|---|---|---|---|---|---|---|"
row "sensor-gateway (Embedded)" $gw "$gateway" $((g1 - g0)) $((gs1 - gs0))
row "collectd 5.12" $cd_pid "$collectd_bin" $((c1 - c0)) $((cs1 - cs0))
echo
echo "Where the resident memory lives (/proc/PID/smaps, kB resident per file, both programs, largest first):"
python3 - /proc/$gw/smaps /proc/$cd_pid/smaps <<'PY'
import collections, re, sys
def resident(path):  # file name (or [heap], [anon], ...) -> (Rss kB, Private_Dirty kB)
    rss, dirty, name = collections.Counter(), collections.Counter(), None
    for line in open(path):
        head = re.match(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$", line)
        if head:
            name = (head.group(1) or "[anon]").rsplit("/", 1)[-1]
        elif line.startswith("Rss:"):
            rss[name] += int(line.split()[1])
        elif line.startswith("Private_Dirty:"):
            dirty[name] += int(line.split()[1])
    return rss, dirty
(g, gd), (c, cd) = resident(sys.argv[1]), resident(sys.argv[2])
print("| mapping | sensor-gateway Rss (of it written) | collectd Rss (of it written) |")
print("|---|---|---|")
for name in sorted(set(g) | set(c), key=lambda n: -max(g[n], c[n])):
    if g[name] or c[name]:
        cell = lambda r, d: f"{r[name]} ({d[name]})" if r[name] else "—"
        print(f"| {name} | {cell(g, gd)} | {cell(c, cd)} |")
print(f"| total | {sum(g.values())} ({sum(gd.values())}) | {sum(c.values())} ({sum(cd.values())}) |")
PY
rows=$(sqlite3 "$work/state/journal.sqlite" 'select count(*) from reading' 2>/dev/null || echo "?")
echo "gateway journal rows at the end: $rows"

if [ "$outage" != 0 ]; then
    kill $broker; wait $broker 2>/dev/null || true
    sleep 5
    g0=$(cpu_ticks $gw) c0=$(cpu_ticks $cd_pid) gs0=$(switches $gw) cs0=$(switches $cd_pid)
    sleep $((outage * 60))
    g1=$(cpu_ticks $gw) c1=$(cpu_ticks $cd_pid) gs1=$(switches $gw) cs1=$(switches $cd_pid)
    echo
    echo "Broker away for $outage min:"
    echo "| program | CPU s/min | wake-ups/s |"
    echo "|---|---|---|"
    python3 -c "t=$ticks; m=$outage
print(f'| sensor-gateway (Embedded) | {($g1-$g0)/t/m:.3f} | {($gs1-$gs0)/(m*60):.1f} |')
print(f'| collectd 5.12 | {($c1-$c0)/t/m:.3f} | {($cs1-$cs0)/(m*60):.1f} |')"
fi
kill -TERM $gw $cd_pid 2>/dev/null; wait $gw $cd_pid 2>/dev/null || true
