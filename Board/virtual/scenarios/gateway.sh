# The real release-built sensor-gateway on the virtual board's kernel devices: scan, the BME280 and ADS1115
# vectors through i2c-stub, exact pulse counts through gpio-sim (fast, and with contact bounce), a sensor
# fault on an empty address, and field calibration against a live chip.
# Needs: --extra sensor-gateway, --file sites/virtual-well.yaml:/etc/sgw/sites/virtual-well.yaml,
#        --file board.yaml:/etc/sgw/board.yaml. Prints PASS/FAIL lines; exits with the number of failures.
# vboard: i2c-addrs=0x48,0x76 gpio-lines=8

failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
check() { if eval "$2"; then pass "$1"; else fail "$1" "${3:-condition '$2' not met}"; fi; }
bus=${VBOARD_I2C_BUS#/dev/i2c-}
SITE=/etc/sgw/sites/virtual-well.yaml

# --- Preload the stub chips -------------------------------------------------------------------
. /etc/vboard/stub-chips.sh                      # the brief's BME280 and ADS1115 vectors
stub_bme280 "$bus"
stub_ads1115 "$bus"

# --- scan ------------------------------------------------------------------------------------
sensor-gateway scan > /tmp/scan 2>&1
cat /tmp/scan
check "scan names a BME280 at 0x76" "grep -q '0x76  BME280' /tmp/scan"
check "scan names an ADS1115 at 0x48" "grep -q '0x48  ADS1115' /tmp/scan"
check "scan lists the gpio-sim chip" "grep -q 'vboard-gpio' /tmp/scan"

# --- field calibration against the live chip, before the daemon starts ----------------------
mkdir -p /tmp/cal
sensor-gateway calibrate offset --config "$SITE" --calibration /tmp/cal --channel air-temperature \
    --by "virtual board" --instrument "reference thermometer" --reference 25.5 > /tmp/calibrate 2>&1
cat /tmp/calibrate
check "calibrate offset reads the live BME280 (25.08 C raw)" "grep -q 'raw 25.08 Cel' /tmp/calibrate"
check "calibrate offset writes a record" "grep -q 'method: offset' /tmp/cal/air-temperature.yaml"
calibration_id=$(sed -n 's/^wrote record \([^ ]*\) .*/\1/p' /tmp/calibrate)

sensor-gateway calibrate well-reference --config "$SITE" --calibration /tmp/cal --channel water-column \
    --by "virtual board" --instrument "tape ET-0031" --tape 12.34 --mp-height 0.45 > /tmp/calibrate-tape 2>&1
cat /tmp/calibrate-tape
check "tape check reads the live 4-20 mA transducer (5 m column, sensor depth 17.34 m)" \
    "grep -q 'water column 5.0 m; sensor depth below MP 17.34 m' /tmp/calibrate-tape"

# Bucket test: 500 pulses arrive while the technician watches 250 litres run, then presses Enter. Its record
# goes to a folder of its own, so the daemon below keeps counting 1 pulse per litre.
mkdir -p /tmp/cal-bucket
(sleep 2; toggler -n 10 -r 500 "$VBOARD_GPIO_SYSFS/sim_gpio0/pull" 500 > /dev/null; sleep 1; echo) |
    sensor-gateway calibrate flow-kfactor --config "$SITE" --calibration /tmp/cal-bucket --channel fast-pulses \
        --by "virtual board" --instrument "250 l tank" --litres 250 > /tmp/calibrate-k 2>&1
cat /tmp/calibrate-k
check "bucket test counts the meter's pulses: K = 500 / 250 l = 2 pulses per litre" \
    "grep -q '500 pulses for 250.0 l: K-factor 2.0 pulses/l' /tmp/calibrate-k"

# --- the daemon -------------------------------------------------------------------------------
mosquitto -c /etc/mosquitto.conf 2> /tmp/mosquitto.log &
for _ in $(seq 50); do mosquitto_pub -h 127.0.0.1 -t ping -m ping 2>/dev/null && break; sleep 0.1; done
mosquitto_sub -h 127.0.0.1 -t 'sgw/#' -v > /tmp/mqtt &
sleep 0.3
sensor-gateway run --config "$SITE" --calibration /tmp/cal --broker 127.0.0.1:1883 --state-dir /tmp/state \
    --keepalive 5 2> /tmp/gateway.log &
gateway=$!
for _ in $(seq 100); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q 'sensor-gateway:bouncy-pulses' && break; sleep 0.1; done
sleep 4

last() { grep -o "{[^{}]*\"n\":\"$1\"[^{}]*}" /tmp/mqtt | tail -1; }
field() { echo "$1" | grep -o "\"$2\":[-0-9.e+]*" | head -1 | cut -d: -f2; }
pressure=$(field "$(last barometer)" v)
check "BME280 pressure 100653 Pa (+-1) from the brief's vector" \
    "awk -v p='$pressure' 'BEGIN { exit !(p >= 100652 && p <= 100654) }'" "published '$pressure'"
temperature=$(last air-temperature)
check "BME280 temperature 25.08 C, offset to 25.5 by the new record" "echo '$temperature' | grep -q '\"v\":25.5'" "published $temperature"
check "the reading carries the new calibration id" "echo '$temperature' | grep -q '$calibration_id'" "published $temperature"
current=$(field "$(last loop-current)" v)
check "ADS1115 code 14400 reads 12.00 mA" "awk -v i='$current' 'BEGIN { exit !(i > 11.999 && i < 12.001) }'" "published '$current'"
level=$(field "$(last water-column)" v)
check "the 0-10 m level follows: 5.000 m" "awk -v h='$level' 'BEGIN { exit !(h > 4.999 && h < 5.001) }'" "published '$level'"
fault=$(last missing-sensor)
# Through a file: the fault's text (what, what happened, likely cause, what to do) has apostrophes in it.
printf '%s\n' "$fault" > /tmp/fault-missing-sensor
check "an empty address is a reported fault naming bus and address" \
    "grep -q '\"q\":\"fault\"' /tmp/fault-missing-sensor && grep -q '0x4a' /tmp/fault-missing-sensor" "published $fault"
check "status lists the failed sensor" "grep -q '\"failedSensors\":{\"missing-sensor\"' /tmp/mqtt"
check "the daemon is still running" "kill -0 $gateway"

# --- pulses -----------------------------------------------------------------------------------
pulses=10000
# Asserted at 1 kHz, five times the floor and inside the emulated CPU's lossless range; full speed
# is measured below and reported, because one emulated vCPU stalls readers unpredictably.
toggler -n 10 -r 1000 "$VBOARD_GPIO_SYSFS/sim_gpio0/pull" $pulses > /tmp/toggler-fast
cat /tmp/toggler-fast
sleep 3
total=$(field "$(last fast-pulses)" s)
check "$pulses pulses at 1 kHz counted exactly" "[ '$total' = '$pulses' ]" "published total '$total'"
# The toggler runs SCHED_FIFO, as a contact's bounce does not wait for the board's CPU. Should the emulator
# still stall it inside a glitch past the debounce on both levels, that glitch is a real pulse by the
# debouncer's definition: the toggler counts those (and the ones its write times cannot decide), and the
# total must fall in that range.
toggler -f 10 -d 2000 -r 100 -b 200 "$VBOARD_GPIO_SYSFS/sim_gpio1/pull" 2000 > /tmp/toggler-bounce
cat /tmp/toggler-bounce
stretched=$(sed -n 's/.* \([0-9]*\) held past .*/\1/p' /tmp/toggler-bounce)
undecided=$(sed -n 's/.* \([0-9]*\) undecided).*/\1/p' /tmp/toggler-bounce)
sleep 3
total=$(field "$(last bouncy-pulses)" s)
check "2000 pulses with 100 us contact bounce: the 2 ms debounce swallows every glitch (total $total; $stretched stretched into pulses by the emulator, $undecided undecided)" \
    "[ -n '$stretched' ] && [ '$total' -ge $((2000 + ${stretched:-0})) ] && [ '$total' -le $((2000 + ${stretched:-0} + ${undecided:-0})) ]" \
    "published total '$total'"

# --- CPU per 1000 pulses and the gateway's rate, for BENCHMARKS.md -----------------------------
read -r _ _ _ _ _ _ _ _ _ _ _ _ _ ut st _ < "/proc/$gateway/stat"
before=$((ut + st))
toggler -n 10 -r 0 "$VBOARD_GPIO_SYSFS/sim_gpio0/pull" $pulses > /tmp/toggler-bench
sleep 3
read -r _ _ _ _ _ _ _ _ _ _ _ _ _ ut st _ < "/proc/$gateway/stat"
echo "BENCH toggler: $(cat /tmp/toggler-bench)"
echo "BENCH gateway CPU for $pulses pulses: $(( (ut + st - before) * 10 )) ms (USER_HZ 100)"
total=$(field "$(last fast-pulses)" s)
echo "BENCH full-speed run counted $((total - pulses)) of $pulses pulses"
check "the total continues across runs and never overcounts" "[ '$total' -le $((2 * pulses)) ] && [ '$total' -gt $pulses ]" "published total '$total'"

kill "$gateway"; wait "$gateway" 2>/dev/null
check "the daemon stops cleanly on SIGTERM" "grep -q stopping /tmp/gateway.log"
[ $failures = 0 ] || { echo "--- gateway log"; tail -20 /tmp/gateway.log; }
exit $failures
