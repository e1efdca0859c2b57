#!/bin/busybox sh
# /init of the virtual board. Brings up the simulated hardware, runs /scenario.sh, prints
#   SCENARIO-EXIT <status>
# on the serial console for run.sh, and powers the VM off.
#
# What a scenario finds:
#   VBOARD_I2C_BUS    /dev/i2c-N of the i2c-stub adapter (chips at VBOARD_I2C_ADDRS)
#   VBOARD_GPIO_CHIP  gpiochipN of the gpio-sim bank (label vboard-gpio, VBOARD_GPIO_LINES lines)
#   VBOARD_GPIO_SYSFS /sys/devices/platform/<dev>/<chip>: sim_gpioN/pull takes pull-up/pull-down
#   VBOARD_ARCH       the flavour: x86_64 or aarch64
#   /etc/vboard/*.sh  shell helpers to source (stub-chips.sh preloads the BME280 and ADS1115)
#   mosquitto, mosquitto_pub/sub, i2c-tools, gpiod tools, toggler; extra binaries in /usr/local/bin
export PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
export HOME=/root

fail() { echo "vboard-init: $*"; echo "SCENARIO-EXIT 125"; sync; poweroff -f; }

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
# keep kernel chatter (module loads, gpio-sim) off the console the scenario writes to
echo 1 > /proc/sys/kernel/printk
. /etc/vboard.conf

while read -r module; do
    case "$module" in
        i2c-stub.ko) insmod /lib/modules/i2c-stub.ko chip_addr="$VBOARD_I2C_ADDRS" ;;
        *) insmod "/lib/modules/$module" ;;
    esac || fail "insmod $module failed"
done < /lib/modules/load-order

for adapter in /sys/class/i2c-adapter/i2c-*; do
    [ "$(cat "$adapter/name")" = "SMBus stub driver" ] && VBOARD_I2C_BUS=/dev/$(basename "$adapter")
done
[ -n "$VBOARD_I2C_BUS" ] && [ -c "$VBOARD_I2C_BUS" ] || fail "no i2c-stub adapter"

mount -t configfs configfs /sys/kernel/config || fail "mount configfs"
sim=/sys/kernel/config/gpio-sim/vboard
mkdir "$sim" "$sim/bank0" || fail "gpio-sim configfs"
echo "$VBOARD_GPIO_LINES" > "$sim/bank0/num_lines"
echo vboard-gpio > "$sim/bank0/label"
echo 1 > "$sim/live" || fail "gpio-sim would not go live"
VBOARD_GPIO_CHIP=$(cat "$sim/bank0/chip_name")
VBOARD_GPIO_SYSFS=/sys/devices/platform/$(cat "$sim/dev_name")/$VBOARD_GPIO_CHIP
[ -e "$VBOARD_GPIO_SYSFS/sim_gpio0/pull" ] || fail "no $VBOARD_GPIO_SYSFS/sim_gpio0/pull"
export VBOARD_I2C_BUS VBOARD_I2C_ADDRS VBOARD_GPIO_CHIP VBOARD_GPIO_SYSFS VBOARD_GPIO_LINES VBOARD_ARCH

ip link set lo up
hostname vboard
echo "vboard-init: $VBOARD_ARCH ready in $(cut -d' ' -f1 /proc/uptime) s: i2c $VBOARD_I2C_BUS ($VBOARD_I2C_ADDRS)," \
     "gpio $VBOARD_GPIO_CHIP ($VBOARD_GPIO_LINES lines) at $VBOARD_GPIO_SYSFS"

cd /root
sh /scenario.sh
status=$?
echo "SCENARIO-EXIT $status"
sync
poweroff -f
