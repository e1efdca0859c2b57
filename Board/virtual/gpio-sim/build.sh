#!/bin/bash
# Build gpio-sim as one out-of-tree module for a Debian 6.1 kernel that has neither
# CONFIG_GPIO_SIM nor CONFIG_IRQ_SIM.
#   build.sh BUILD_DIR HEADERS_DIR KERNEL_RELEASE
# Sources come from the installed linux-source-6.1 tarball at build time; only this script is
# committed. The module bundles three upstream files:
#   drivers/gpio/gpio-sim.c  the simulator (renamed gpio-sim-main.c: the module is gpio-sim.ko)
#   drivers/gpio/gpiolib.h   gpiolib internals gpio-sim reaches into
#   kernel/irq/irq_sim.c     the interrupt simulator, absent from this kernel
# With VBOARD_OOT_MODULES=i2c-stub it also builds drivers/i2c/i2c-stub.c, unchanged, as i2c-stub.ko
# (Debian's arm64 kernel lacks CONFIG_I2C_STUB). For another architecture export ARCH and
# CROSS_COMPILE (e.g. arm64, aarch64-linux-gnu-): kbuild takes them from the environment.
set -euo pipefail
BUILD=$1 HEADERS=$2 KREL=$3
TARBALL=/usr/src/linux-source-6.1.tar.xz
[ -r "$TARBALL" ] || { echo "gpio-sim: $TARBALL missing (apt-get install linux-source-6.1)" >&2; exit 1; }
[ -d "$HEADERS" ] || { echo "gpio-sim: headers $HEADERS missing" >&2; exit 1; }

mkdir -p "$BUILD"
cd "$BUILD"
if [ ! -s src/drivers/gpio/gpio-sim.c ] || [ ! -s src/drivers/i2c/i2c-stub.c ]; then
    rm -rf src && mkdir src
    # Extracting four members still decompresses the whole tarball (about 20 s).
    tar -xJf "$TARBALL" -C src --strip-components=1 \
        linux-source-6.1/drivers/gpio/gpio-sim.c \
        linux-source-6.1/drivers/gpio/gpiolib.h \
        linux-source-6.1/kernel/irq/irq_sim.c \
        linux-source-6.1/drivers/i2c/i2c-stub.c
fi
cp src/drivers/gpio/gpio-sim.c gpio-sim-main.c
cp src/drivers/gpio/gpiolib.h gpiolib.h
cp src/kernel/irq/irq_sim.c irq_sim.c

# irq_to_desc() is not exported to modules. The simulated interrupt's flow handler is
# handle_simple_irq (set in irq_sim_domain_map), so generic_handle_irq() takes the same path.
grep -q 'handle_simple_irq(irq_to_desc(irqnum));' irq_sim.c \
    || { echo "gpio-sim: irq_sim.c no longer matches the expected 6.1 source" >&2; exit 1; }
sed -i 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' irq_sim.c
# The bundled irq_sim serves only this module; exporting it would claim kernel symbol names.
sed -i '/^EXPORT_SYMBOL_GPL(.*);$/d' irq_sim.c

modules=(gpio-sim)
cat > Kbuild <<'KBUILD'
obj-m := gpio-sim.o
gpio-sim-y := gpio-sim-main.o irq_sim.o
KBUILD
for extra in ${VBOARD_OOT_MODULES:-}; do
    case "$extra" in
        i2c-stub) cp src/drivers/i2c/i2c-stub.c i2c-stub.c; echo 'obj-m += i2c-stub.o' >> Kbuild ;;
        *) echo "gpio-sim: cannot build module '$extra'" >&2; exit 1 ;;
    esac
    modules+=("$extra")
done
make -s -C "$HEADERS" M="$BUILD" modules

for module in "${modules[@]}"; do
    magic=$(modinfo -F vermagic "$module.ko")
    case "$magic" in
        "$KREL "*) ;;
        *) echo "gpio-sim: $module.ko vermagic '$magic' does not match $KREL" >&2; exit 1 ;;
    esac
    echo "gpio-sim: built $BUILD/$module.ko ($magic)" >&2
done
