#!/bin/bash
# Prepare everything the virtual board needs, on a Debian 12 host, as root.
# Idempotent: every step leaves its result under .work/ and is skipped when that result exists,
# so a second run only checks stamps. Network use: Debian's apt repositories only.
#
# Results (all under Board/virtual/.work/):
#   kernel/vmlinuz          the Debian 6.1 kernel the VM boots
#   modules/*.ko            uncompressed modules to insmod, in load order (modules/load-order)
#   modules/gpio-sim.ko     gpio-sim + irq_sim built out of tree against the matching headers
#   bin/toggler             static pulse generator for inside the VM
#   busybox                 static busybox
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${VBOARD_WORK:-$HERE/.work}
mkdir -p "$WORK"
log() { printf 'prepare: %s\n' "$*" >&2; }

[ "$(id -u)" = 0 ] || { log "must run as root (apt-get, insmod-free build)"; exit 1; }
export DEBIAN_FRONTEND=noninteractive

# --- 1. kernel ABI: the image linux-image-amd64 currently depends on -----------------------
resolve_abi() {
    apt-cache depends linux-image-amd64 2>/dev/null \
        | sed -n 's/^ *Depends: linux-image-\(6\.1\.0-[0-9]*\)-amd64$/\1/p' | head -n1
}
if [ ! -s "$WORK/abi" ] || [ ! -s "$WORK/kver" ]; then
    # First run: refresh the lists, so the ABI named is one the mirror still serves (security
    # uploads replace the image and headers packages; stale lists would point at deleted files).
    log "first run: apt-get update"
    apt-get update -qq
    ABI=$(resolve_abi)
    [ -n "$ABI" ] || { log "cannot resolve linux-image-6.1.0-NN-amd64 from linux-image-amd64"; exit 1; }
    # Source and headers must come from the same upload as the image, or the module's vermagic
    # and struct layouts drift from the kernel we boot.
    KVER=$(apt-cache show "linux-image-$ABI-amd64" | sed -n 's/^Version: //p' | head -n1)
    [ -n "$KVER" ] || { log "no version for linux-image-$ABI-amd64"; exit 1; }
    echo "$ABI" > "$WORK/abi"
    echo "$KVER" > "$WORK/kver"
fi
ABI=$(cat "$WORK/abi")
KVER=$(cat "$WORK/kver")
KREL="$ABI-amd64"
log "kernel $KREL (package version $KVER)"

# --- 2. host packages ---------------------------------------------------------------------
PKGS=(qemu-system-x86 i2c-tools gpiod mosquitto mosquitto-clients xz-utils cpio kmod tzdata)
# The kernel build packages matter only until gpio-sim.ko exists.
[ -s "$WORK/modules/gpio-sim.ko" ] || PKGS+=(linux-source-6.1 "linux-headers-$KREL" build-essential)
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# linux-source must be the same version as the image (several 6.1 uploads sit in the archive).
if [[ " ${PKGS[*]} " == *" linux-source-6.1 "* ]] && [[ " ${missing[*]} " != *" linux-source-6.1 "* ]] \
    && [ "$(dpkg-query -W -f='${Version}' linux-source-6.1)" != "$KVER" ]; then
    missing+=("linux-source-6.1")
fi
if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    install=()
    for p in "${missing[@]}"; do
        [ "$p" = linux-source-6.1 ] && p="linux-source-6.1=$KVER"
        install+=("$p")
    done
    apt-get install -y -qq --no-install-recommends "${install[@]}" >/dev/null \
        || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${install[@]}" >/dev/null; }
fi

# --- 3. kernel image and busybox, unpacked (not installed) --------------------------------
# busybox-static is unpacked rather than installed: it Conflicts with the host's busybox,
# which initramfs-tools pulls in, and we only need the one file.
mkdir -p "$WORK/debs"
fetch_deb() {   # fetch_deb PACKAGE[=VERSION] DEST
    local pkg=$1 dest=$2
    [ -d "$dest" ] && return 0
    # Sandbox user root: _apt cannot write into a root-owned worktree.
    ( cd "$WORK/debs" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" )
    local deb
    deb=$(ls -t "$WORK/debs/${pkg%%=*}"_*.deb | head -n1)
    mkdir -p "$dest.tmp" && dpkg-deb -x "$deb" "$dest.tmp" && mv "$dest.tmp" "$dest"
}
fetch_deb "linux-image-$KREL=$KVER" "$WORK/image"
fetch_deb busybox-static "$WORK/busybox-pkg"
mkdir -p "$WORK/kernel"
cp -u "$WORK/image/boot/vmlinuz-$KREL" "$WORK/kernel/vmlinuz"
cp -u "$WORK/image/boot/config-$KREL" "$WORK/kernel/config"
cp -u "$WORK/busybox-pkg/bin/busybox" "$WORK/busybox"

# --- 4. check the kernel config assumptions the VM relies on -----------------------------
cfg() { sed -n "s/^$1=//p" "$WORK/kernel/config"; }
for want in CONFIG_GPIO_CDEV=y CONFIG_CONFIGFS_FS=[ym] CONFIG_I2C=[ym] CONFIG_I2C_CHARDEV=m CONFIG_I2C_STUB=m; do
    name=${want%%=*}; val=$(cfg "$name")
    [[ "$val" =~ ^${want#*=}$ ]] || { log "kernel $KREL: $name=$val, expected ${want#*=}"; exit 1; }
done
if [ -n "$(cfg CONFIG_GPIO_SIM)" ]; then log "note: kernel has CONFIG_GPIO_SIM=$(cfg CONFIG_GPIO_SIM)"; fi

# --- 5. modules: resolve dependencies from modules.dep, and keep them uncompressed --------
# (busybox insmod cannot read compressed modules; this upload ships plain .ko, later ones .ko.xz)
MODDIR="$WORK/image/lib/modules/$KREL"
mkdir -p "$WORK/modules"
if [ ! -s "$WORK/modules/load-order" ]; then
    # The package ships no modules.dep (its postinst runs depmod); generate it in the unpacked tree.
    [ -s "$MODDIR/modules.dep" ] || depmod -b "$WORK/image" "$KREL"
    wanted=(i2c-dev i2c-stub)
    [ "$(cfg CONFIG_CONFIGFS_FS)" = m ] && wanted=(configfs "${wanted[@]}")
    [ "$(cfg CONFIG_I2C)" = m ] && wanted=(i2c-core "${wanted[@]}")
    order=()
    for name in "${wanted[@]}"; do
        line=$(grep -E "/$name\.ko(\.xz|\.zst)?:" "$MODDIR/modules.dep") \
            || { log "module $name not in $KREL"; exit 1; }
        # "mod: dep1 dep2 ...": the last dependency must load first.
        for d in $(echo "${line#*:}" | tr ' ' '\n' | tac) "${line%%:*}"; do
            [[ " ${order[*]} " == *" $d "* ]] || order+=("$d")
        done
    done
    : > "$WORK/modules/load-order.tmp"
    for m in "${order[@]}"; do
        base=$(basename "$m"); base=${base%.xz}; base=${base%.zst}
        case "$m" in
            *.xz)  xz -dc "$MODDIR/$m" ;;
            *.zst) zstd -dc "$MODDIR/$m" ;;
            *)     cat "$MODDIR/$m" ;;
        esac > "$WORK/modules/$base"
        echo "$base" >> "$WORK/modules/load-order.tmp"
    done
    mv "$WORK/modules/load-order.tmp" "$WORK/modules/load-order"
fi

# --- 6. gpio-sim, out of tree ------------------------------------------------------------
if [ ! -s "$WORK/modules/gpio-sim.ko" ]; then
    "$HERE/gpio-sim/build.sh" "$WORK/gpio-sim-build" "/usr/src/linux-headers-$KREL" "$KREL"
    cp "$WORK/gpio-sim-build/gpio-sim.ko" "$WORK/modules/gpio-sim.ko"
fi

# --- 7. static helpers for inside the VM --------------------------------------------------
mkdir -p "$WORK/bin"
if [ ! -x "$WORK/bin/toggler" ] || [ "$HERE/toggler.c" -nt "$WORK/bin/toggler" ]; then
    gcc -O2 -static -Wall -Wextra -Werror -o "$WORK/bin/toggler" "$HERE/toggler.c"
fi

log "ready: kernel $KREL, modules: $(tr '\n' ' ' < "$WORK/modules/load-order")gpio-sim.ko"
