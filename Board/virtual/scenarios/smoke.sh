# Smoke test of the virtual board with standard tools only: the I2C stub answers, the GPIO
# simulator's edges reach a character-device reader without loss, and an MQTT round trip works.
# Prints PASS/FAIL lines (test.sh counts them) and exits with the number of failures.
# vboard: i2c-addrs=0x48,0x76 gpio-lines=8

failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
bus=${VBOARD_I2C_BUS#/dev/i2c-}

# --- I2C: both stub chips answer, and a BME280's chip-id register reads back -------------
found=$(i2cdetect -y -r "$bus" | sed -n 's/^[0-7]0://p' | tr ' ' '\n' | grep -E '^[0-9a-f]{2}$' | tr '\n' ' ')
[ "$found" = "48 76 " ] && pass "i2cdetect finds 0x48 and 0x76" || fail "i2cdetect" "found '$found'"
i2cset -y "$bus" 0x76 0xd0 0x60 b
chip_id=$(i2cget -y "$bus" 0x76 0xd0 b)
[ "$chip_id" = 0x60 ] && pass "BME280 chip id 0xD0 reads 0x60" || fail "BME280 chip id" "read '$chip_id'"
i2cset -y "$bus" 0x48 0x00 0x1234 w
word=$(i2cget -y "$bus" 0x48 0x00 w)
[ "$word" = 0x1234 ] && pass "word register at 0x48 reads back" || fail "word at 0x48" "read '$word'"

# The kernel can take an address away from user space (what sensor-hotplug.sh does to the gateway): a
# client of i2c-core's dummy driver at 0x76 makes i2cget's select fail; deleting it gives 0x76 back.
echo dummy 0x76 > "/sys/bus/i2c/devices/i2c-$bus/new_device"
claimed=$(i2cget -y "$bus" 0x76 0xd0 b 2>&1)
echo 0x76 > "/sys/bus/i2c/devices/i2c-$bus/delete_device"
again=$(i2cget -y "$bus" 0x76 0xd0 b 2>&1)
echo "$claimed" | grep -q 'busy' && [ "$again" = 0x60 ] \
    && pass "0x76 claimed by a kernel client is busy for i2cget, and reads 0x60 again once released" \
    || fail "claim and release of 0x76" "claimed: '$claimed', released: '$again'"

# --- GPIO: the simulator is a gpiochip, and 10,000 pulses at 1 kHz arrive as 20,000 edges --
gpiodetect | grep -q "^$VBOARD_GPIO_CHIP \[vboard-gpio\] ($VBOARD_GPIO_LINES lines)" \
    && pass "gpiodetect lists $VBOARD_GPIO_CHIP [vboard-gpio]" || fail "gpiodetect" "$(gpiodetect)"
echo pull-up > "$VBOARD_GPIO_SYSFS/sim_gpio2/pull"
high=$(gpioget "$VBOARD_GPIO_CHIP" 2)
echo pull-down > "$VBOARD_GPIO_SYSFS/sim_gpio2/pull"
low=$(gpioget "$VBOARD_GPIO_CHIP" 2)
[ "$high" = 1 ] && [ "$low" = 0 ] && pass "gpioget reads line 2 as the simulator pulls it (1, then 0)" \
    || fail "gpioget line 2" "read '$high' after pull-up, '$low' after pull-down"

pulses=10000
gpiomon --format='%e' "$VBOARD_GPIO_CHIP" 0 > /tmp/edges &
monitor=$!
# gpiomon must hold the line before the first pulse, or the first edges are nobody's
for _ in $(seq 50); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q '"gpiomon"' && break; sleep 0.1; done
toggler -n 10 -r 1000 "$VBOARD_GPIO_SYSFS/sim_gpio0/pull" "$pulses"
sleep 2     # gpiomon drains what is queued (the emulated Cortex-A53 is the slower reader)
kill "$monitor"; wait "$monitor" 2>/dev/null
rising=$(grep -c '^1$' /tmp/edges)
falling=$(grep -c '^0$' /tmp/edges)
if [ "$rising" = "$pulses" ] && [ "$falling" = "$pulses" ]; then
    pass "gpiomon saw $rising rising and $falling falling edges of $pulses pulses"
else
    fail "gpiomon edge count" "$rising rising, $falling falling, expected $pulses each"
fi

# --- MQTT: a broker on loopback, and a message goes from mosquitto_pub to mosquitto_sub ---
mosquitto -c /etc/mosquitto.conf 2> /tmp/mosquitto.log &
broker=$!
for _ in $(seq 50); do mosquitto_pub -h 127.0.0.1 -t vboard/ping -m ping 2>/dev/null && break; sleep 0.1; done
mosquitto_sub -h 127.0.0.1 -t vboard/smoke -C 1 -W 10 > /tmp/received &
subscriber=$!
sleep 0.5
mosquitto_pub -h 127.0.0.1 -t vboard/smoke -q 1 -m "hello from $(hostname)"
wait "$subscriber"
received=$(cat /tmp/received)
[ "$received" = "hello from vboard" ] && pass "mosquitto pub/sub round trip" \
    || fail "mosquitto round trip" "received '$received'; broker log: $(tail -n 3 /tmp/mosquitto.log)"
kill "$broker"

exit "$failures"
