# Exact pulse counts by the real release-built sensor-gateway on the virtual board, with the line settings
# a field site would use: 10,000 pulses on a 0.1 ms debounce channel (both edges read), and 200 Hz pulses
# with a 100 µs contact-bounce glitch on every pulse, on a 1 ms debounce channel.
# Needs: --extra sensor-gateway, --file sites/virtual-pulses.yaml:/etc/sgw/sites/virtual-pulses.yaml,
#        --file board.yaml:/etc/sgw/board.yaml. Prints PASS/FAIL lines; exits with the number of failures.
# vboard: i2c-addrs=0x48,0x76 gpio-lines=8

failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
SITE=/etc/sgw/sites/virtual-pulses.yaml
pull() { echo "$VBOARD_GPIO_SYSFS/sim_gpio$1/pull"; }

mosquitto -c /etc/mosquitto.conf 2> /tmp/mosquitto.log &
for _ in $(seq 50); do mosquitto_pub -h 127.0.0.1 -t ping -m ping 2>/dev/null && break; sleep 0.1; done
mosquitto_sub -h 127.0.0.1 -t 'sgw/#' -v > /tmp/mqtt &
sleep 0.3
sensor-gateway run --config "$SITE" --broker 127.0.0.1:1883 --state-dir /tmp/state --keepalive 5 2> /tmp/gateway.log &
gateway=$!
# Every line must be held before its first pulse, or the first edges are nobody's.
for _ in $(seq 100); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q 'sensor-gateway:bouncy-pulses' && break; sleep 0.1; done
# Pulses start once the daemon is in its steady state (connected, first readings out): the start-up burst of
# work (journal, broker, first status) is not what this measures.
for _ in $(seq 100); do grep -q 'connected to broker' /tmp/gateway.log && break; sleep 0.1; done
sleep 2

# The running total `s` of a channel's newest record.
total() { grep -o "{[^{}]*\"n\":\"$1\"[^{}]*}" /tmp/mqtt | tail -1 | grep -o '"s":[0-9.e+]*' | cut -d: -f2; }

# Fastest asserted rate: 1 kHz asked (the floor is 200 Hz). The toggler reports what it reached.
toggler -n 10 -r 1000 "$(pull 1)" 10000 > /tmp/toggler-fine
cat /tmp/toggler-fine
sleep 3
got=$(total fine-pulses)
[ "$got" = 10000 ] && pass "10000 pulses at $(sed -n 's/.*= \(.*\) Hz/\1/p' /tmp/toggler-fine) Hz counted exactly (0.1 ms debounce, both edges)" \
    || fail "10000 pulses on the 0.1 ms debounce channel" "published total '$got'"

# 200 Hz, every pulse followed within 100 µs of its rising edge by a down/up glitch: 1 ms debounce must count
# each pulse once, never the glitch. Not niced: a niced toggler gets preempted between the glitch's writes,
# which stretches some glitches past 1 ms into real pulses (pulse-rate.sh measures this from gpiomon's
# timestamps: 32 of 2000 glitch lows held >= 1 ms, and a 1 ms reference count of 2005).
toggler -r 200 -b 100 "$(pull 2)" 2000 > /tmp/toggler-bounce
cat /tmp/toggler-bounce
sleep 3
got=$(total bouncy-pulses)
[ "$got" = 2000 ] && pass "2000 pulses at $(sed -n 's/.*= \(.*\) Hz/\1/p' /tmp/toggler-bounce) Hz with 100 us bounce on each counted exactly (1 ms debounce)" \
    || fail "2000 bouncing pulses on the 1 ms debounce channel" "published total '$got'"

got=$(total edge-pulses)
[ "$got" = 0 ] && pass "the idle channel counted nothing" || fail "idle channel" "published total '$got'"
kill -0 "$gateway" && pass "the daemon is still running" || fail "daemon" "exited; log: $(tail -n 5 /tmp/gateway.log)"
kill "$gateway"; wait "$gateway" 2>/dev/null
grep -q stopping /tmp/gateway.log && pass "the daemon stops cleanly on SIGTERM" || fail "SIGTERM" "$(tail -n 5 /tmp/gateway.log)"
[ $failures = 0 ] || { echo "--- gateway log"; tail -20 /tmp/gateway.log; }
exit $failures
