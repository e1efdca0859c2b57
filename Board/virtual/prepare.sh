#!/bin/bash
# Prepare everything the virtual board needs, on a Debian 12 host, as root.
# Idempotent: every step leaves its result under .work/ and is skipped when that result exists,
# so a second run only checks stamps. Network use: Debian's apt repositories only.
# VBOARD_ARCH=x86_64 (default) or aarch64 picks the flavour (see arch.sh).
#
# Results (all under Board/virtual/.work/, or .work-aarch64/ for aarch64):
#   kernel/vmlinuz          the Debian 6.1 kernel the VM boots
#   modules/*.ko            uncompressed modules to insmod, in load order (modules/load-order);
#                           out-of-tree ones last: gpio-sim (+ irq_sim), and i2c-stub when the kernel lacks it
#   bin/toggler             static pulse generator for inside the VM
#   bin/probe               dynamic C program: a pthread opening the I2C and GPIO devices (libc check)
#   busybox                 static busybox
#   pkgs/<name>/            aarch64 only: unpacked arm64 packages (tools for the VM, their libraries)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/arch.sh"
mkdir -p "$WORK"
log() { printf 'prepare: %s\n' "$*" >&2; }

[ "$(id -u)" = 0 ] || { log "must run as root (apt-get, insmod-free build)"; exit 1; }
export DEBIAN_FRONTEND=noninteractive

# --- 1. kernel ABI: the image linux-image-<arch> currently depends on ---------------------
resolve_abi() {
    apt-cache depends "linux-image-$DEB_ARCH:$DEB_ARCH" 2>/dev/null \
        | sed -n "s/^ *Depends: linux-image-\(6\.1\.0-[0-9]*\)-$DEB_ARCH\(:$DEB_ARCH\)\?$/\1/p" | head -n1
}
if [ "$VBOARD_FOREIGN" = 1 ] && ! dpkg --print-foreign-architectures | grep -qx "$DEB_ARCH"; then
    log "dpkg --add-architecture $DEB_ARCH"
    dpkg --add-architecture "$DEB_ARCH"
    rm -f "$WORK/abi"                   # forces the apt-get update below
fi
if [ ! -s "$WORK/abi" ] || [ ! -s "$WORK/kver" ]; then
    # First run: refresh the lists, so the ABI named is one the mirror still serves (security
    # uploads replace the image and headers packages; stale lists would point at deleted files).
    log "first run: apt-get update"
    apt-get update -qq
    ABI=$(resolve_abi)
    [ -n "$ABI" ] || { log "cannot resolve linux-image-6.1.0-NN-$DEB_ARCH from linux-image-$DEB_ARCH"; exit 1; }
    # Source and headers must come from the same upload as the image, or the module's vermagic
    # and struct layouts drift from the kernel we boot.
    KVER=$(apt-cache show "linux-image-$ABI-$DEB_ARCH:$DEB_ARCH" | sed -n 's/^Version: //p' | head -n1)
    [ -n "$KVER" ] || { log "no version for linux-image-$ABI-$DEB_ARCH"; exit 1; }
    echo "$ABI" > "$WORK/abi"
    echo "$KVER" > "$WORK/kver"
fi
ABI=$(cat "$WORK/abi")
KVER=$(cat "$WORK/kver")
KREL="$ABI-$DEB_ARCH"
log "$VBOARD_ARCH: kernel $KREL (package version $KVER)"

# --- 2. host packages ---------------------------------------------------------------------
# Natively, the VM's tools are the host's own; a foreign flavour unpacks its arch's tools in step 3.
PKGS=("$QEMU_PKG" xz-utils cpio kmod tzdata)
[ "$VBOARD_FOREIGN" = 1 ] || PKGS+=(i2c-tools gpiod mosquitto mosquitto-clients)
[ "$VBOARD_FOREIGN" = 0 ] || PKGS+=("gcc-$MULTIARCH" binutils qemu-user-static "libc6:$DEB_ARCH")
# The kernel build packages matter only until the out-of-tree modules exist. A foreign flavour
# unpacks its arch's headers (step 6) and builds against them with the host's -common headers
# and kbuild tools, all three from the same upload as the image.
PINNED=(linux-source-6.1)
if [ ! -s "$WORK/modules/gpio-sim.ko" ]; then
    PKGS+=(linux-source-6.1 build-essential)
    if [ "$VBOARD_FOREIGN" = 1 ]; then
        PKGS+=("linux-headers-$ABI-common" linux-kbuild-6.1)
        PINNED+=("linux-headers-$ABI-common" linux-kbuild-6.1)
    else
        PKGS+=("linux-headers-$KREL")
    fi
fi
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Source (and, for a foreign kernel, kbuild and -common headers) must be the same version as the
# image (several 6.1 uploads sit in the archive).
for p in "${PINNED[@]}"; do
    if [[ " ${PKGS[*]} " == *" $p "* ]] && [[ " ${missing[*]} " != *" $p "* ]] \
        && [ "$(dpkg-query -W -f='${Version}' "$p")" != "$KVER" ]; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    install=()
    for p in "${missing[@]}"; do
        [[ " ${PINNED[*]} " == *" $p "* ]] && p="$p=$KVER"
        install+=("$p")
    done
    # Other builds may hold the dpkg lock for a while: wait for it rather than fail.
    apt-get install -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends "${install[@]}" >/dev/null \
        || { apt-get update -qq && apt-get install -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends \
                 "${install[@]}" >/dev/null; }
fi

# --- 3. kernel image, busybox (and a foreign flavour's tools), unpacked (not installed) ---
# busybox-static is unpacked rather than installed: it Conflicts with the host's busybox,
# which initramfs-tools pulls in, and we only need the one file. Foreign packages are unpacked
# because they could not be installed beside the host's own (i2c-tools, mosquitto are not
# Multi-Arch: same).
mkdir -p "$WORK/debs"
fetch_deb() {   # fetch_deb PACKAGE[:ARCH][=VERSION] DEST
    local pkg=$1 dest=$2 name
    [ -d "$dest" ] && return 0
    name=${pkg%%=*}; name=${name%%:*}
    # Sandbox user root: _apt cannot write into a root-owned worktree.
    ( cd "$WORK/debs" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" )
    local deb
    deb=$(ls -t "$WORK/debs/${name}"_*.deb | head -n1)
    mkdir -p "$dest.tmp" && dpkg-deb -x "$deb" "$dest.tmp" && mv "$dest.tmp" "$dest"
}
if [ "$VBOARD_FOREIGN" = 1 ]; then
    fetch_deb "linux-image-$KREL:$DEB_ARCH=$KVER" "$WORK/image"
    fetch_deb "busybox-static:$DEB_ARCH" "$WORK/busybox-pkg"
    # The VM's tools, unpacked. Their libraries come from the host's :arm64 packages (libc6:arm64,
    # and what the -dev packages brought); the few not installed are unpacked beside the tools, and
    # build-initramfs.sh looks there after /usr/lib/<multiarch>.
    for p in i2c-tools gpiod mosquitto mosquitto-clients; do fetch_deb "$p:$DEB_ARCH" "$WORK/pkgs/$p"; done
    for p in libwrap0 libdlt2 libcjson1 libi2c0 libgpiod2 libmosquitto1 libssl3 libsystemd0 libcap2 \
             libgcrypt20 libgpg-error0 liblz4-1 liblzma5 libzstd1; do
        dpkg-query -W -f='${Status}' "$p:$DEB_ARCH" 2>/dev/null | grep -q 'install ok installed' \
            || fetch_deb "$p:$DEB_ARCH" "$WORK/pkgs/$p"
    done
else
    fetch_deb "linux-image-$KREL=$KVER" "$WORK/image"
    fetch_deb busybox-static "$WORK/busybox-pkg"
fi
mkdir -p "$WORK/kernel"
cp -u "$WORK/image/boot/vmlinuz-$KREL" "$WORK/kernel/vmlinuz"
cp -u "$WORK/image/boot/config-$KREL" "$WORK/kernel/config"
cp -u "$WORK/busybox-pkg/bin/busybox" "$WORK/busybox"
[ "$(elf_machine "$WORK/busybox")" = "$ELF_MACHINE" ] || { log "busybox is not a $ELF_MACHINE binary"; exit 1; }

# --- 4. check the kernel config assumptions the VM relies on -----------------------------
cfg() { sed -n "s/^$1=//p" "$WORK/kernel/config"; }
for want in CONFIG_GPIO_CDEV=y CONFIG_CONFIGFS_FS=[ym] CONFIG_I2C=[ym] CONFIG_I2C_CHARDEV=m; do
    name=${want%%=*}; val=$(cfg "$name")
    [[ "$val" =~ ^${want#*=}$ ]] || { log "kernel $KREL: $name=$val, expected ${want#*=}"; exit 1; }
done
if [ -n "$(cfg CONFIG_GPIO_SIM)" ]; then log "note: kernel has CONFIG_GPIO_SIM=$(cfg CONFIG_GPIO_SIM)"; fi
# i2c-stub comes from the image when the kernel has it as a module (amd64), else it is built out
# of tree beside gpio-sim (arm64 has neither).
case "$(cfg CONFIG_I2C_STUB)" in
    m) STUB_IN_TREE=1 ;;
    y) log "kernel $KREL: CONFIG_I2C_STUB=y, but i2c-stub must be a module (chip_addr)"; exit 1 ;;
    *) STUB_IN_TREE=0 ;;
esac

# --- 5. modules: resolve dependencies from modules.dep, and keep them uncompressed --------
# (busybox insmod cannot read compressed modules; this upload ships plain .ko, later ones .ko.xz)
MODDIR="$WORK/image/lib/modules/$KREL"
mkdir -p "$WORK/modules"
if [ ! -s "$WORK/modules/load-order" ]; then
    # The package ships no modules.dep (its postinst runs depmod); generate it in the unpacked tree.
    [ -s "$MODDIR/modules.dep" ] || depmod -b "$WORK/image" "$KREL"
    wanted=(i2c-dev)
    [ "$STUB_IN_TREE" = 0 ] || wanted+=(i2c-stub)
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

# --- 6. out-of-tree modules: gpio-sim, and i2c-stub where the kernel lacks it --------------
OOT=(gpio-sim.ko)
[ "$STUB_IN_TREE" = 1 ] || OOT=(i2c-stub.ko gpio-sim.ko)
if [ ! -s "$WORK/modules/gpio-sim.ko" ] || { [ "$STUB_IN_TREE" = 0 ] && [ ! -s "$WORK/modules/i2c-stub.ko" ]; }; then
    if [ "$VBOARD_FOREIGN" = 1 ]; then
        HEADERS=$WORK/headers/usr/src/linux-headers-$KREL
        if [ ! -d "$HEADERS" ]; then
            rm -rf "$WORK/headers"
            fetch_deb "linux-headers-$KREL:$DEB_ARCH=$KVER" "$WORK/headers"
            # The package's links point at the -common headers and kbuild tools by relative paths
            # from /usr/src; unpacked elsewhere they must name the host's copies instead.
            for link in $(find "$HEADERS" -maxdepth 2 -type l); do
                target=$(readlink "$link")
                case "$target" in
                    /*) ;;
                    *) ln -sfn "$(realpath -m "/usr/src/linux-headers-$KREL/${link#"$HEADERS"/}/../$target")" "$link" ;;
                esac
            done
        fi
        export ARCH=${DEB_ARCH} CROSS_COMPILE=$CROSS
    else
        HEADERS=/usr/src/linux-headers-$KREL
    fi
    STUB=$([ "$STUB_IN_TREE" = 1 ] || echo i2c-stub)
    VBOARD_OOT_MODULES="$STUB" "$HERE/gpio-sim/build.sh" "$WORK/gpio-sim-build" "$HEADERS" "$KREL"
    for m in "${OOT[@]}"; do cp "$WORK/gpio-sim-build/$m" "$WORK/modules/$m"; done
fi
printf '%s\n' "${OOT[@]}" > "$WORK/modules/oot-order"

# --- 7. helpers for inside the VM ---------------------------------------------------------
mkdir -p "$WORK/bin"
if [ ! -x "$WORK/bin/toggler" ] || [ "$HERE/toggler.c" -nt "$WORK/bin/toggler" ]; then
    "${CROSS}gcc" -O2 -static -Wall -Wextra -Werror -o "$WORK/bin/toggler" "$HERE/toggler.c"
fi
# The probe is linked dynamically on purpose: in the VM it runs on the loader and libc that
# build-initramfs.sh copies (libc6:arm64's for aarch64), which is what it checks.
if [ ! -x "$WORK/bin/probe" ] || [ "$HERE/probe.c" -nt "$WORK/bin/probe" ]; then
    "${CROSS}gcc" -O2 -pthread -Wall -Wextra -Werror -o "$WORK/bin/probe" "$HERE/probe.c"
fi

log "ready: $VBOARD_ARCH kernel $KREL, modules: $(cat "$WORK/modules/load-order" "$WORK/modules/oot-order" | tr '\n' ' ')"
