# Benchmark, not a check (never in CI): the board program's figures on the virtual board, in one boot.
#   1. footprint: the real gateway on the building example (Sapporo City Hall, simulated board inside the VM)
#      publishing to the VM's Mosquitto for FOOTPRINT_SECONDS; binary size, VmRSS, Pss, Private_Dirty, threads,
#      CPU s/min, wake-ups/s;
#   2. pulses: the gateway on virtual-pulses.yaml counting `edge-pulses` (gpio-sim line 0, no debounce: the
#      active edge only) while the toggler runs at full rate; pulses sent, counted, and the gateway's CPU per
#      1,000 pulses (utime+stime from /proc/PID/stat, and the same less its idle rate over the same window);
#   3. gpiomon on the same line at full rate, rising edge only (what the gateway requests) and both edges, then
#      rising edge at the rate the gateway's run reached; edges seen and gpiomon's own CPU per 1,000 pulses.
# Prints FIGURE lines (key=value) that Board/bench/aarch64-board-figures.sh turns into tables; exits non-zero
# only when a figure could not be taken. Needs --extra sensor-gateway and the files that script copies in.
# vboard: i2c-addrs=0x48,0x76 gpio-lines=8

FOOTPRINT_SECONDS=${FOOTPRINT_SECONDS:-180}
PULSES=${PULSES:-10000}
[ -r /etc/vboard/figures.conf ] && . /etc/vboard/figures.conf
BUILDING=/etc/sgw/sites/sapporo-cityhall.yaml
PULSE_SITE=/etc/sgw/sites/virtual-pulses.yaml
GATEWAY=/usr/local/bin/sensor-gateway
pull0=$VBOARD_GPIO_SYSFS/sim_gpio0/pull
problems=0
problem() { echo "PROBLEM $*"; problems=$((problems + 1)); }

ticks() { read -r _ _ _ _ _ _ _ _ _ _ _ _ _ ut st _ < "/proc/$1/stat"; echo $((ut + st)); }
# every thread's context switches (the process's own status counts only its main thread)
switches() { cat /proc/$1/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'; }
uptime_cs() { awk '{ split($1, a, "."); print a[1] * 100 + a[2] }' /proc/uptime; }
kb() { awk -v k="$1:" '$1 == k { print $2 }' "$2"; }
reached() { sed -n 's/.* = \([0-9.]*\) Hz$/\1/p' "$1"; }
wait_line() { # CONSUMER: wait until it holds a line of the simulated chip
    for _ in $(seq 150); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q "\"$1" && return 0; sleep 0.1; done
    return 1
}
stop() { kill "$1"; for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done; wait "$1" 2>/dev/null; }

echo "FIGURE board arch=$(uname -m) kernel=$(uname -r) cpus=$(grep -c '^processor' /proc/cpuinfo)" \
     "mem-kb=$(kb MemTotal /proc/meminfo) user-hz=100 cpu=\"$(sed -n 's/^CPU part[^:]*: *//p' /proc/cpuinfo | head -1)\""

mosquitto -c /etc/mosquitto.conf 2> /tmp/mosquitto.log &
for _ in $(seq 100); do mosquitto_pub -h 127.0.0.1 -t ping -m ping 2>/dev/null && break; sleep 0.1; done

# --- 1. footprint on the building example -------------------------------------------------------------
"$GATEWAY" run --config "$BUILDING" --simulate --broker 127.0.0.1:1883 --state-dir /tmp/state-building \
    --calibration /etc/sgw/calibration/sapporo-cityhall 2> /tmp/building.log &
gw=$!
sleep 10   # settled: connected, first samples taken
if kill -0 "$gw" 2>/dev/null; then
    t0=$(ticks "$gw") s0=$(switches "$gw") u0=$(uptime_cs)
    sleep "$FOOTPRINT_SECONDS"
    t1=$(ticks "$gw") s1=$(switches "$gw") u1=$(uptime_cs)
    awk -v size="$(wc -c < "$GATEWAY")" -v rss="$(kb VmRSS "/proc/$gw/status")" \
        -v hwm="$(kb VmHWM "/proc/$gw/status")" -v pss="$(kb Pss "/proc/$gw/smaps_rollup")" \
        -v dirty="$(kb Private_Dirty "/proc/$gw/smaps_rollup")" -v threads="$(kb Threads "/proc/$gw/status")" \
        -v dt=$((t1 - t0)) -v ds=$((s1 - s0)) -v cs=$((u1 - u0)) 'BEGIN {
        s = cs / 100
        printf "FIGURE footprint seconds=%.0f binary-bytes=%d vmrss-kb=%d vmhwm-kb=%d pss-kb=%d private-dirty-kb=%d" \
               " threads=%d cpu-s-per-min=%.3f wakeups-per-s=%.1f\n", s, size, rss, hwm, pss, dirty, threads,
               dt / 100 / (s / 60), ds / s }'
    echo "FIGURE rootfs type=$(awk '$2 == "/" { print $3 }' /proc/mounts | tail -1)" \
         "anonymous-kb=$(kb Anonymous "/proc/$gw/smaps_rollup")"
    # where the resident and dirty pages are, by mapping (the binary and its libraries live in the initramfs)
    awk '$1 ~ /^[0-9a-f]+-[0-9a-f]+$/ { name = (NF >= 6) ? $6 : "[anonymous]"; next }
         $1 == "Rss:" { rss[name] += $2 } $1 == "Private_Dirty:" { dirty[name] += $2 }
         END { for (n in rss) if (rss[n] >= 100) printf "FIGURE mapping name=%s rss-kb=%d private-dirty-kb=%d\n", n, rss[n], dirty[n] }' \
        "/proc/$gw/smaps"
    stop "$gw"
    grep -q stopping /tmp/building.log || problem "the building gateway did not stop cleanly"
else
    problem "the building gateway exited at start"
    tail -20 /tmp/building.log
fi

# --- 2. the gateway counting at the toggler's full rate ------------------------------------------------
mosquitto_sub -h 127.0.0.1 -t 'sgw/#' -v > /tmp/mqtt &
sub=$!
sleep 0.3
"$GATEWAY" run --config "$PULSE_SITE" --broker 127.0.0.1:1883 --state-dir /tmp/state-pulses --keepalive 5 \
    2> /tmp/pulses.log &
gw=$!
wait_line sensor-gateway:bouncy-pulses || problem "the pulse gateway never requested its lines"
total() { grep -o "{[^{}]*\"n\":\"edge-pulses\"[^{}]*}" /tmp/mqtt | tail -1 | grep -o '"s":[0-9.e+]*' | cut -d: -f2; }
sleep 3
# idle rate first: sampling three pulse channels every second, journalling, publishing, no pulses
i0=$(ticks "$gw") u0=$(uptime_cs)
sleep 20
i1=$(ticks "$gw") u1=$(uptime_cs)
idle_per_cs="$((i1 - i0)) $((u1 - u0))"
before_total=$(total); before_total=${before_total:-0}
t0=$(ticks "$gw") u0=$(uptime_cs)
# niced, as in the x86_64 figures: a real meter's pulses take no CPU from the board
toggler -n 10 -r 0 "$pull0" "$PULSES" > /tmp/toggler-gateway
sleep 3
t1=$(ticks "$gw") u1=$(uptime_cs)
# the count once the published total has settled (the emulated CPU can lag a few samples behind)
after_total=$(total)
for _ in $(seq 10); do
    sleep 2
    now=$(total)
    [ "$now" = "$after_total" ] && break
    after_total=$now
done
cat /tmp/toggler-gateway
gateway_rate=$(reached /tmp/toggler-gateway)
[ -n "$gateway_rate" ] || problem "the toggler failed for the gateway"
echo "$idle_per_cs" | awk -v rate="$gateway_rate" -v sent="$PULSES" -v counted=$((${after_total:-0} - before_total)) \
    -v dt=$((t1 - t0)) -v window=$((u1 - u0)) '{
    idle = $1 / $2 * window
    printf "FIGURE gateway reader=edge-pulses rate-hz=%s sent=%d counted=%d cpu-ms-per-1000=%.0f" \
           " idle-ms-per-1000=%.0f net-cpu-ms-per-1000=%.0f window-s=%.2f idle-cpu-s-per-min=%.3f\n",
           rate, sent, counted, dt * 10 * 1000 / sent, idle * 10 * 1000 / sent, (dt - idle) * 10 * 1000 / sent,
           window / 100, $1 / 100 / ($2 / 6000) }'
stop "$gw"
grep -q stopping /tmp/pulses.log || problem "the pulse gateway did not stop cleanly"
stop "$sub"

# --- 3. gpiomon on the same line -----------------------------------------------------------------------
gpiomon_step() { # LABEL RATE EDGES_PER_PULSE GPIOMON_OPTION...
    label=$1 rate=$2 per=$3; shift 3
    gpiomon "$@" --format='%e' "$VBOARD_GPIO_CHIP" 0 > /tmp/edges &
    mon=$!
    wait_line gpiomon || problem "gpiomon never requested line 0"
    t0=$(ticks "$mon")
    toggler -n 10 -r "$rate" "$pull0" "$PULSES" > /tmp/toggler-gpiomon
    sleep 3
    t1=$(ticks "$mon")
    sleep 3          # more time to drain the kernel's queue, outside the CPU window
    stop "$mon"      # SIGTERM: gpiomon leaves its loop and flushes what it printed
    cat /tmp/toggler-gpiomon
    echo "FIGURE gpiomon reader=$label asked-hz=$rate rate-hz=$(reached /tmp/toggler-gpiomon) sent=$PULSES" \
         "edges=$(wc -l < /tmp/edges) expected-edges=$((PULSES * per)) cpu-ms-per-1000=$(( (t1 - t0) * 10 * 1000 / PULSES ))"
}
gpiomon_step rising-edge 0 1 --rising-edge
gpiomon_step both-edges 0 2
asked=$(echo "${gateway_rate:-0}" | awk '{ printf "%d", $1 }')
[ "$asked" -gt 0 ] && gpiomon_step rising-edge "$asked" 1 --rising-edge

echo "FIGURE end problems=$problems"
exit $problems
