# The flavour's C runtime and devices, with a small C program rather than the tools: probe (built by
# prepare.sh for the VM's architecture, dynamically linked against the loader and libc the initramfs
# carries) starts a pthread that opens the I2C adapter and the GPIO chip. A loader and libc from two
# glibc builds hang in pthread_create; probe's own alarm turns that into a FAIL instead of a timeout.
# vboard: i2c-addrs=0x48,0x76 gpio-lines=8

failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }

out=$(probe "$VBOARD_I2C_BUS" "/dev/$VBOARD_GPIO_CHIP" 2>&1)
status=$?
echo "$out"
machine=$(uname -m)
[ "$machine" = "$VBOARD_ARCH" ] && pass "the VM runs $VBOARD_ARCH (uname -m)" || fail "uname -m" "'$machine', expected $VBOARD_ARCH"
[ $status = 0 ] && echo "$out" | grep -q "^probe: $VBOARD_ARCH thread ok" \
    && pass "a pthread starts and joins under the VM's loader and libc" || fail "probe thread" "status $status: $out"
echo "$out" | grep -q "$VBOARD_I2C_BUS funcs 0x[0-9a-f]*;" \
    && pass "the thread opens $VBOARD_I2C_BUS and reads its functionality" || fail "probe i2c" "$out"
echo "$out" | grep -q "\"$VBOARD_GPIO_CHIP\" \[vboard-gpio\] $VBOARD_GPIO_LINES lines" \
    && pass "the thread opens /dev/$VBOARD_GPIO_CHIP: vboard-gpio, $VBOARD_GPIO_LINES lines" || fail "probe gpio" "$out"
exit "$failures"
