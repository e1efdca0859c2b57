# Issue 17, the technician's visit on the virtual board, in English and in Japanese: `scan --config` against
# the site (matches, exit 0; a site naming a chip that is not there, exit 3), the meter's pulses seen during
# the scan, `watch` reading the running daemon's journal beside it, `commission` recording the meter's
# register, pulses lost while the gateway is stopped, and a later `commission` finding exactly that gap across
# the register's wrap (5 digits of litres, declared in the site file: 99,950 → 00,100 is an advance of 150 l).
# Needs: --extra sensor-gateway, --file sites/virtual-visit.yaml:/etc/sgw/sites/virtual-visit.yaml,
#        --file sites/virtual-well.yaml:/etc/sgw/sites/virtual-well.yaml, --file board.yaml:/etc/sgw/board.yaml.
# Prints PASS/FAIL lines; exits with the number of failures.
# vboard: i2c-addrs=0x48,0x76 gpio-lines=8

failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
check() { if eval "$2"; then pass "$1"; else fail "$1" "${3:-condition '$2' not met}"; fi; }
bus=${VBOARD_I2C_BUS#/dev/i2c-}
SITE=/etc/sgw/sites/virtual-visit.yaml
PULL="$VBOARD_GPIO_SYSFS/sim_gpio0/pull"

. /etc/vboard/stub-chips.sh
stub_bme280 "$bus"
stub_ads1115 "$bus"

mosquitto -c /etc/mosquitto.conf 2> /tmp/mosquitto.log &
for _ in $(seq 50); do mosquitto_pub -h 127.0.0.1 -t ping -m ping 2>/dev/null && break; sleep 0.1; done

start_gateway() {
    sensor-gateway run --config "$SITE" --broker 127.0.0.1:1883 --state-dir "$1" --keepalive 5 2>> "$1.log" &
    gateway=$!
    for _ in $(seq 100); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q 'sensor-gateway:fast-pulses' && break; sleep 0.1; done
}

visit() {  # LANG, tag, and the words each check looks for in that language
    lang=$1 tag=$2
    state=/tmp/state-$tag cal=/tmp/cal-$tag
    mkdir -p "$cal"
    export LANG=$lang

    # 1. The scan, while the meter sends 20 pulses.
    (sleep 1; toggler -q -n 10 -r 50 "$PULL" 20) &
    toggling=$!
    sensor-gateway scan --config "$SITE" --listen 3 > /tmp/scan-$tag 2>&1
    status=$?
    cat /tmp/scan-$tag
    check "[$tag] scan --config: the board matches its site file (exit 0)" "[ $status = 0 ] && grep -q '$3' /tmp/scan-$tag"
    check "[$tag] scan --config sees the meter's 20 pulses arrive" "grep -q '$4' /tmp/scan-$tag"
    wait $toggling
    sensor-gateway scan --config /etc/sgw/sites/virtual-well.yaml --listen 0 > /tmp/scan-bad-$tag 2>&1
    status=$?
    cat /tmp/scan-bad-$tag
    check "[$tag] scan --config: a declared TMP117 at 0x4a that is not there is a mismatch (exit 3) with its fix" \
        "[ $status = 3 ] && grep -q 'missing-sensor (TMP117 on /dev/i2c-$bus address 0x4a)' /tmp/scan-bad-$tag && grep -q '$5' /tmp/scan-bad-$tag"

    # 2. The gateway runs; watch reads its journal without stopping it.
    start_gateway "$state"
    toggler -q -n 10 -r 50 "$PULL" 100
    sleep 3
    sensor-gateway watch --config "$SITE" --state-dir "$state" --count 1 > /tmp/watch-$tag 2>&1
    cat /tmp/watch-$tag
    check "[$tag] watch shows every channel from the running daemon's journal" \
        "grep -q '$6=fast-pulses' /tmp/watch-$tag && grep -q '$6=water-column' /tmp/watch-$tag && kill -0 $gateway"

    # 3. First visit: the meter's register is 99,950 l, 50 l before it wraps.
    sensor-gateway commission --config "$SITE" --calibration "$cal" --state-dir "$state" --no-prompt \
        --by "virtual board" --instrument "tape ET-0031" --register fast-pulses=99950 --reference water-column=5.0 \
        > /tmp/visit1-$tag 2>&1
    status=$?
    cat /tmp/visit1-$tag
    check "[$tag] commission records the first visit" "[ $status = 0 ] && grep -q 'kind: visit' $cal/commissioning/visits.yaml"

    # 4. The gateway is stopped (an update) while the meter sends 50 pulses; then it runs again for 100 more.
    kill -TERM $gateway; wait $gateway
    toggler -q -n 10 -r 50 "$PULL" 50
    start_gateway "$state"
    toggler -q -n 10 -r 50 "$PULL" 100
    sleep 3
    sensor-gateway commission --config "$SITE" --calibration "$cal" --state-dir "$state" --no-prompt \
        --by "virtual board" --instrument "tape ET-0031" --register fast-pulses=100 --apply-correction \
        > /tmp/visit2-$tag 2>&1
    status=$?
    cat /tmp/visit2-$tag
    check "[$tag] the later visit finds the 50 l lost while the gateway was stopped" "[ $status = 0 ] && grep -q '$7' /tmp/visit2-$tag"
    check "[$tag] the register's wrap is named and counted across" "grep -q '$8' /tmp/visit2-$tag"
    check "[$tag] the gap is recorded as a correction" "grep -q 'gap: 50.0' $cal/commissioning/visits.yaml"
    kill -TERM $gateway; wait $gateway
}

visit C.UTF-8 en "The board matches the site file." "20 edges\\|40 edges, 20 pulses" "modprobe i2c-dev\\|address pins" \
    channel "the register advanced 150.0 l, the gateway counted 100.0 l: gap 50.0 l" \
    "fast-pulses: the register passed 99999.0 l and started again from 0"
visit ja_JP.UTF-8 ja "ボードはサイトファイルと一致しています。" "パルス 20" "アドレス設定ピン" \
    チャンネル "メーター指示値は 150.0 l 進み、ゲートウェイは 100.0 l 計数: 差 50.0 l" \
    "fast-pulses: 前回の訪問以降、メーター指示値は 99999.0 l を超えて 0 に戻りました"

exit $failures
