# A sensor disappears mid-run and comes back: the real sensor-gateway must report the fault, keep running (and
# keep reading the sensor beside it on the same bus), and resume the readings once the sensor returns. The time
# from the sensor's return to its first good reading on MQTT is printed as a BENCH line.
#
# How the sensor disappears: the kernel claims its address. Writing "dummy 0x76" to the adapter's new_device
# binds i2c-core's dummy driver there, so user space may no longer select 0x76 (EBUSY, what a board sees when
# a kernel driver grabs a sensor's address); delete_device hands it back, registers intact. rmmod of i2c-stub
# is no option while the daemon runs: its open /dev/i2c-N holds a reference on the adapter's module.
# Needs: --extra sensor-gateway, --file sites/virtual-hotplug.yaml:/etc/sgw/sites/virtual-hotplug.yaml,
#        --file board.yaml:/etc/sgw/board.yaml. Prints PASS/FAIL/BENCH lines; exits with the number of failures.
# vboard: i2c-addrs=0x48,0x76 gpio-lines=8

failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
check() { if eval "$2"; then pass "$1"; else fail "$1" "${3:-condition '$2' not met}"; fi; }
bus=${VBOARD_I2C_BUS#/dev/i2c-}
adapter=/sys/bus/i2c/devices/i2c-$bus
SITE=/etc/sgw/sites/virtual-hotplug.yaml

. /etc/vboard/stub-chips.sh
stub_bme280 "$bus"
stub_ads1115 "$bus"

# Readings of one channel, as the SenML records mosquitto_sub wrote to /tmp/mqtt.
records() { grep -o "{[^{}]*\"n\":\"$1\"[^{}]*}" /tmp/mqtt; }
good() { records "$1" | grep '"v":' | grep -vc '"q":"fault"'; }
faults() { records "$1" | grep -c '"q":"fault"'; }
last_status() { grep '"configHash"' /tmp/mqtt | tail -1; }
now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
# wait_for SECONDS CONDITION: poll every 50 ms; true when the condition held before the deadline
wait_for() {
    local deadline
    deadline=$(awk -v t="$(now)" -v s="$1" 'BEGIN { print t + s }')
    while ! eval "$2"; do
        awk -v t="$(now)" -v d="$deadline" 'BEGIN { exit !(t > d) }' && return 1
        sleep 0.05
    done
}

mosquitto -c /etc/mosquitto.conf 2> /tmp/mosquitto.log &
for _ in $(seq 50); do mosquitto_pub -h 127.0.0.1 -t ping -m ping 2>/dev/null && break; sleep 0.1; done
mosquitto_sub -h 127.0.0.1 -t 'sgw/#' -v > /tmp/mqtt &
sleep 0.3
mkdir -p /tmp/cal
sensor-gateway run --config "$SITE" --calibration /tmp/cal --broker 127.0.0.1:1883 --state-dir /tmp/state \
    --keepalive 5 2> /tmp/gateway.log &
gateway=$!

# --- before: both sensors read ------------------------------------------------------------------
wait_for 60 '[ "$(good barometer)" -ge 2 ] && [ "$(good loop-current)" -ge 2 ]'
check "the BME280 and the ADS1115 read before the outage" \
    "[ \"\$(good barometer)\" -ge 2 ] && [ \"\$(good loop-current)\" -ge 2 ]" "$(tail -3 /tmp/mqtt)"

# --- the BME280 goes away -----------------------------------------------------------------------
faults_before=$(faults barometer)
echo dummy 0x76 > "$adapter/new_device"
gone=$(now)
wait_for 20 '[ "$(faults barometer)" -gt "$faults_before" ]'
detected=$(since "$gone")
check "a fault reading is published for the barometer (${detected} s after it went away)" \
    "[ \"\$(faults barometer)\" -gt $faults_before ]" "$(records barometer | tail -2)"
echo "fault record: $(records barometer | grep '"q":"fault"' | tail -1)"
check "the fault names the address" "records barometer | grep '\"q\":\"fault\"' | tail -1 | grep -q '0x76'" \
    "$(records barometer | tail -1)"
current_before=$(good loop-current)
# Long enough for the failure threshold: the status then lists the sensor as failed.
wait_for 20 'last_status | grep -q "\"failedSensors\":{[^}]*\"barometer\""'
check "status lists the barometer among the failed sensors" \
    "last_status | grep -q '\"failedSensors\":{[^}]*\"barometer\"'" "last status: $(last_status)"
sleep 2
check "the ADS1115 beside it keeps reading during the outage" "[ \"\$(good loop-current)\" -gt $current_before ]" \
    "loop-current good readings $current_before -> $(good loop-current)"
check "the daemon is still running during the outage" "kill -0 $gateway"

# --- the BME280 comes back ----------------------------------------------------------------------
good_before=$(good barometer)
outage=$(since "$gone")
echo 0x76 > "$adapter/delete_device"
back=$(now)
wait_for 30 '[ "$(good barometer)" -gt "$good_before" ]'
recovery=$(since "$back")
check "barometer readings resume after the sensor returns" "[ \"\$(good barometer)\" -gt $good_before ]" \
    "$(records barometer | tail -2)"
echo "BENCH sensor-hotplug ($VBOARD_ARCH): fault published ${detected} s after the sensor went away; readings resumed ${recovery} s after it returned (outage ${outage} s, sampling every 1 s)"
pressure=$(records barometer | grep '"v":' | tail -1 | grep -o '"v":[-0-9.e+]*' | cut -d: -f2)
check "the resumed pressure is the vector's 100653 Pa (+-1)" \
    "awk -v p='$pressure' 'BEGIN { exit !(p >= 100652 && p <= 100654) }'" "published '$pressure'"
wait_for 10 '! last_status | grep -q "\"failedSensors\":{[^}]*\"barometer\""'
check "status no longer lists the barometer as failed" "! last_status | grep -q '\"failedSensors\":{[^}]*\"barometer\"'" \
    "last status: $(last_status)"
check "the daemon logged the failure and the recovery" \
    "grep -q 'barometer marked failed' /tmp/gateway.log && grep -q 'barometer reads again' /tmp/gateway.log" \
    "$(tail -5 /tmp/gateway.log)"

grep -E 'barometer (marked failed|reads again)' /tmp/gateway.log
kill "$gateway"; wait "$gateway" 2>/dev/null
check "the daemon stops cleanly on SIGTERM" "grep -q stopping /tmp/gateway.log"
[ $failures = 0 ] || { echo "--- gateway log"; tail -20 /tmp/gateway.log; echo "--- mqtt"; tail -5 /tmp/mqtt; }
exit $failures
