# Benchmark: how fast the real release-built sensor-gateway counts pulses without loss on the virtual board,
# side by side with gpiomon on the same VM and toggler, and the gateway's CPU time per 1,000 pulses.
# Prints BENCH lines only (measurements, not checks). Same --extra/--file arguments as pulse-debounce.sh.
# Each step: 5,000 pulses from a niced toggler (-n 10) at an asked rate (0 = as fast as it goes); "reached" is
# the toggler's own figure. CPU is utime+stime of the reader from /proc/<pid>/stat (USER_HZ 100), taken
# before the burst and 2.5 s after it, so the gateway's figure includes 2.5 s of its ordinary sampling.
# vboard: i2c-addrs=0x48,0x76 gpio-lines=8

SITE=/etc/sgw/sites/virtual-pulses.yaml
PULSES=${PULSES:-5000}
STEPS=${STEPS:-"1000 2000 3000 4000 0"}
pull() { echo "$VBOARD_GPIO_SYSFS/sim_gpio$1/pull"; }
ticks() { read -r _ _ _ _ _ _ _ _ _ _ _ _ _ ut st _ < "/proc/$1/stat"; echo $((ut + st)); }
reached() { sed -n 's/.*= \(.*\) Hz/\1/p' "$1"; }
per_thousand_ms() { echo $(( ($1) * 10 * 1000 / PULSES )); }

# --- gpiomon, both edges (its v1 labels come from reading the line after the fact, so count events) ---
# line 3 has no role in the site, so gpiomon and the gateway never contend for a line. gpiomon writes through
# stdio buffers, so each step gets its own gpiomon, killed before its events are counted.
gpiomon_step() {  # RATE BOUNCE_US PULSES EDGES_PER_PULSE LABEL
    gpiomon --format='%e' "$VBOARD_GPIO_CHIP" 3 > /tmp/edges &
    monitor=$!
    for _ in $(seq 50); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q '"gpiomon"' && break; sleep 0.1; done
    before=$(ticks "$monitor")
    toggler -n 10 -r "$1" -b "$2" "$(pull 3)" "$3" > /tmp/toggler
    sleep 2.5
    after=$(ticks "$monitor")
    kill "$monitor"; wait "$monitor" 2>/dev/null
    echo "BENCH gpiomon $5 asked=$1 reached=$(reached /tmp/toggler) edges=$(wc -l < /tmp/edges)/$(($3 * $4)) cpu-ms-per-1000=$(( (after - before) * 10 * 1000 / $3 ))"
}
for rate in $STEPS; do gpiomon_step "$rate" 0 "$PULSES" 2 both-edges; done
# Contact bounce at the source: 200 Hz with a 100 us down/up glitch after every rising edge is 4 edges a pulse.
gpiomon_step 200 100 2000 4 bounce

# --- the gateway -----------------------------------------------------------------------------------
mosquitto -c /etc/mosquitto.conf 2> /tmp/mosquitto.log &
for _ in $(seq 50); do mosquitto_pub -h 127.0.0.1 -t ping -m ping 2>/dev/null && break; sleep 0.1; done
mosquitto_sub -h 127.0.0.1 -t 'sgw/#' -v > /tmp/mqtt &
sleep 0.3
sensor-gateway run --config "$SITE" --broker 127.0.0.1:1883 --state-dir /tmp/state --keepalive 5 2> /tmp/gateway.log &
gateway=$!
for _ in $(seq 100); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q 'sensor-gateway:bouncy-pulses' && break; sleep 0.1; done
sleep 2
total() { grep -o "{[^{}]*\"n\":\"$1\"[^{}]*}" /tmp/mqtt | tail -1 | grep -o '"s":[0-9.e+]*' | cut -d: -f2; }

for channel in edge-pulses:0 fine-pulses:1; do
    name=${channel%:*} line=${channel#*:}
    counted=$(total "$name"); counted=${counted:-0}
    for rate in $STEPS; do
        before=$(ticks "$gateway")
        toggler -n 10 -r "$rate" "$(pull "$line")" "$PULSES" > /tmp/toggler
        sleep 2.5
        after=$(ticks "$gateway")
        now=$(total "$name")
        echo "BENCH sensor-gateway $name asked=$rate reached=$(reached /tmp/toggler) counted=$((now - counted))/$PULSES cpu-ms-per-1000=$(per_thousand_ms $((after - before)))"
        counted=$now
    done
done
counted=$(total bouncy-pulses); counted=${counted:-0}
toggler -n 10 -r 200 -b 100 "$(pull 2)" 2000 > /tmp/toggler
sleep 2.5
now=$(total bouncy-pulses)
echo "BENCH sensor-gateway bouncy-pulses (1 ms debounce, 100 us bounce) asked=200 reached=$(reached /tmp/toggler) counted=$((now - counted))/2000"
# The same bounce pattern, under the same load (gateway running), seen by gpiomon on a free line: a reference
# count from the kernel's timestamps with the gateway's rule (a level counts once held 1 ms; a pulse is each
# confirmed high after a confirmed low), and how often the niced toggler's 50 us glitch stretched past 1 ms.
gpiomon --format='%s %n' "$VBOARD_GPIO_CHIP" 3 > /tmp/stamps &
monitor=$!
for _ in $(seq 50); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q '"gpiomon"' && break; sleep 0.1; done
toggler -n 10 -r 200 -b 100 "$(pull 3)" 2000 > /tmp/toggler
sleep 2.5
kill "$monitor"; wait "$monitor" 2>/dev/null
awk -v debounce=1000000 -v reached="$(reached /tmp/toggler)" '
    { t[NR] = $1 * 1000000000 + $2 }
    END {
        stable = 0; pulses = 0; long_glitch = 0; long_pre = 0
        for (i = 1; i <= NR; i++) {
            level = i % 2                        # the line rests low, so edges alternate from a rising one
            held = (i < NR) ? t[i + 1] - t[i] : debounce
            if (i % 4 == 1 && held >= debounce) long_pre++     # high before the glitch
            if (i % 4 == 2 && held >= debounce) long_glitch++  # the glitch low
            if (held >= debounce && level != stable) { stable = level; if (level) pulses++ }
        }
        printf "BENCH gpiomon bounce under gateway load asked=200 reached=%s edges=%d/8000 reference-count-1ms=%d/2000 pre-glitch-highs>=1ms=%d glitch-lows>=1ms=%d\n", reached, NR, pulses, long_pre, long_glitch
    }' /tmp/stamps
kill "$gateway"; wait "$gateway" 2>/dev/null
exit 0
