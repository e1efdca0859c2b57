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

# --- GPIO: the simulator is a gpiochip, and 10,000 pulses at 1 kHz arrive as 20,000 edges --
gpiodetect | grep -q "^$VBOARD_GPIO_CHIP \[vboard-gpio\] ($VBOARD_GPIO_LINES lines)" \
    && pass "gpiodetect lists $VBOARD_GPIO_CHIP [vboard-gpio]" || fail "gpiodetect" "$(gpiodetect)"

pulses=10000
gpiomon --format='%e' "$VBOARD_GPIO_CHIP" 0 > /tmp/edges &
monitor=$!
# gpiomon must hold the line before the first pulse, or the first edges are nobody's
for _ in $(seq 50); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q '"gpiomon"' && break; sleep 0.1; done
toggler -n 10 -r 1000 "$VBOARD_GPIO_SYSFS/sim_gpio0/pull" "$pulses"
sleep 1
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
