#!/bin/bash
# Build the virtual board's initramfs: busybox, the kernel modules from prepare.sh, the tools
# the scenarios use (i2c-tools, gpiod, mosquitto), the toggler, any extra binaries with their
# shared libraries, and a scenario script that /init runs.
#
#   build-initramfs.sh --out FILE --scenario FILE [--extra BIN]... [--file SRC:DEST]...
#                      [--i2c-addrs 0x48,0x76] [--gpio-lines 8]
#
# --extra BIN       copied to /usr/local/bin/<name>, with every library it needs (ldd natively; for a
#                   foreign flavour the NEEDED entries, resolved from the arch's multiarch directories)
# --file SRC:DEST   any other file (site config, calibration) copied to DEST inside the VM
# --i2c-addrs, --gpio-lines override the scenario's "# vboard: i2c-addrs=... gpio-lines=..." line.
# The archive is an uncompressed newc cpio: decompressing under TCG costs more than copying.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/arch.sh"
die() { printf 'build-initramfs: %s\n' "$*" >&2; exit 1; }

OUT= SCENARIO= I2C_ADDRS= GPIO_LINES=
EXTRAS=() FILES=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) OUT=$2; shift 2 ;;
        --scenario) SCENARIO=$2; shift 2 ;;
        --extra) EXTRAS+=("$2"); shift 2 ;;
        --file) FILES+=("$2"); shift 2 ;;
        --i2c-addrs) I2C_ADDRS=$2; shift 2 ;;
        --gpio-lines) GPIO_LINES=$2; shift 2 ;;
        *) die "unknown argument $1" ;;
    esac
done
[ -n "$OUT" ] && [ -n "$SCENARIO" ] || die "usage: build-initramfs.sh --out FILE --scenario FILE [--extra BIN]..."
[ -r "$SCENARIO" ] || die "scenario $SCENARIO not readable"
[ -s "$WORK/modules/load-order" ] || die "run prepare.sh first"

# Scenario defaults, from a header line such as "# vboard: i2c-addrs=0x48,0x76 gpio-lines=8".
header=$(sed -n 's/^# *vboard: *//p' "$SCENARIO" | head -n1)
for setting in $header; do
    case "$setting" in
        i2c-addrs=*) : "${I2C_ADDRS:=${setting#*=}}" ;;
        gpio-lines=*) : "${GPIO_LINES:=${setting#*=}}" ;;
        *) die "$SCENARIO: unknown vboard setting '$setting'" ;;
    esac
done
I2C_ADDRS=${I2C_ADDRS:-0x48,0x76}
GPIO_LINES=${GPIO_LINES:-8}

ROOT=$(mktemp -d "$WORK/initramfs.XXXXXX")
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,lib/modules,etc,proc,sys,dev,tmp,run,var/lib/mosquitto,root}

# busybox applets first, so the real tools copied below replace any applet of the same name.
cp "$WORK/busybox" "$ROOT/bin/busybox"
# A foreign busybox lists its applets under qemu-user (no binfmt registration is assumed).
RUN_FOREIGN=()
[ "$VBOARD_FOREIGN" = 0 ] || RUN_FOREIGN=("qemu-$VBOARD_ARCH-static")
applets=$("${RUN_FOREIGN[@]}" "$WORK/busybox" --list-full) && [ -n "$applets" ] || die "busybox --list-full failed"
for applet in $applets; do
    [ -e "$ROOT/$applet" ] || ln -s /bin/busybox "$ROOT/$applet"
done

# copy_with_libs SRC DEST: the file, plus the dynamic loader and every library it needs.
copy_with_libs() {
    local src=$1 dest=$2 lib machine
    [ -f "$src" ] || die "binary $src not found"
    machine=$(elf_machine "$src")
    [ "$machine" = "$ELF_MACHINE" ] || die "$src is a '${machine:-non-ELF}' file, not $ELF_MACHINE ($VBOARD_ARCH)"
    mkdir -p "$(dirname "$ROOT/$dest")"
    rm -f "$ROOT/$dest"
    cp -L "$src" "$ROOT/$dest"
    if [ "$VBOARD_FOREIGN" = 1 ]; then copy_foreign_libs "$src"; return; fi
    # A static binary makes ldd exit non-zero ("not a dynamic executable"): nothing to copy.
    for lib in $(ldd "$src" 2>/dev/null | grep -o '/[^ ]*' || true); do
        [ -e "$ROOT/$lib" ] && continue
        [ -e "$lib" ] || die "$src needs $lib, which is missing on this host"
        mkdir -p "$(dirname "$ROOT/$lib")"
        cp -L "$lib" "$ROOT/$lib"
    done
    if ldd "$src" 2>/dev/null | grep -q 'not found'; then
        die "$src: $(ldd "$src" | grep 'not found' | tr -s ' \t' ' ')"
    fi
}

# A foreign binary cannot be run by ldd. Its program interpreter and NEEDED entries are read with
# readelf and resolved, recursively, in the arch's multiarch directories: the host's installed
# :arm64 packages first (libc6:arm64 brings the loader and libc, which must come from one glibc
# build), then the packages prepare.sh unpacked. The cross toolchain's own glibc
# (/usr/<multiarch>/lib) is never searched: its loader with libc6's libc hangs in pthread_create.
LIBDIRS=(/usr/lib/$MULTIARCH /lib/$MULTIARCH)
for d in "$WORK"/pkgs/*/usr/lib/"$MULTIARCH" "$WORK"/pkgs/*/lib/"$MULTIARCH"; do [ -d "$d" ] && LIBDIRS+=("$d"); done
needed() { LC_ALL=C readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*Shared library: \[\(.*\)\]/\1/p'; }
copy_foreign_libs() {
    local src=$1 interp name dir found
    interp=$(LC_ALL=C readelf -l "$src" 2>/dev/null | sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p')
    [ -n "$interp" ] || return 0        # static
    if [ ! -e "$ROOT/$interp" ]; then
        # The loader as the binary names it (/lib/ld-linux-aarch64.so.1), taken from libc6:<arch>.
        [ -e "/usr/lib/$MULTIARCH/$(basename "$interp")" ] || die "$src needs $interp: install libc6:$DEB_ARCH"
        mkdir -p "$(dirname "$ROOT/$interp")"
        cp -L "/usr/lib/$MULTIARCH/$(basename "$interp")" "$ROOT/$interp"
    fi
    local queue=("$src")
    while [ ${#queue[@]} -gt 0 ]; do
        local current=${queue[0]}
        queue=("${queue[@]:1}")
        for name in $(needed "$current"); do
            [ "$name" = "$(basename "$interp")" ] && continue
            [ -e "$ROOT/usr/lib/$MULTIARCH/$name" ] && continue
            found=
            for dir in "${LIBDIRS[@]}"; do
                [ -e "$dir/$name" ] && { found=$dir/$name; break; }
            done
            [ -n "$found" ] || die "$src needs $name (via $(basename "$current")), not in ${LIBDIRS[*]}"
            mkdir -p "$ROOT/usr/lib/$MULTIARCH"
            cp -L "$found" "$ROOT/usr/lib/$MULTIARCH/$name"
            queue+=("$found")
        done
    done
}

# The VM's tools: the host's own natively, a foreign flavour's from the packages prepare.sh unpacked.
tool_source() {
    local path=$1 d
    if [ "$VBOARD_FOREIGN" = 0 ]; then echo "$path"; return; fi
    for d in "$WORK"/pkgs/*; do [ -e "$d$path" ] && { echo "$d$path"; return; }; done
    die "no $VBOARD_ARCH build of $path under $WORK/pkgs (run prepare.sh)"
}
for tool in /usr/sbin/i2cdetect /usr/sbin/i2cget /usr/sbin/i2cset /usr/sbin/i2cdump \
            /usr/bin/gpiomon /usr/bin/gpiodetect /usr/bin/gpioinfo /usr/bin/gpioget \
            /usr/bin/gpioset /usr/bin/gpiofind /usr/sbin/mosquitto /usr/bin/mosquitto_sub \
            /usr/bin/mosquitto_pub; do
    copy_with_libs "$(tool_source "$tool")" "$tool"
done
cp "$WORK/bin/toggler" "$ROOT/usr/bin/toggler"
copy_with_libs "$WORK/bin/probe" /usr/bin/probe
for extra in "${EXTRAS[@]}"; do
    copy_with_libs "$extra" "/usr/local/bin/$(basename "$extra")"
done
for pair in "${FILES[@]}"; do
    src=${pair%%:*} dest=${pair#*:}
    [ -r "$src" ] && [ "${dest:0:1}" = / ] || die "--file $pair: need a readable SRC and an absolute DEST"
    mkdir -p "$(dirname "$ROOT/$dest")"
    cp -L "$src" "$ROOT/$dest"
done
# Shell helpers every scenario may source (preloading the stub chips).
mkdir -p "$ROOT/etc/vboard"
cp "$HERE/scenarios/lib/"*.sh "$ROOT/etc/vboard/"

# modules, in load order: the image's, then the ones built out of tree
[ -s "$WORK/modules/oot-order" ] || die "run prepare.sh first (no modules/oot-order)"
cat "$WORK/modules/load-order" "$WORK/modules/oot-order" > "$ROOT/lib/modules/load-order"
while read -r module; do cp "$WORK/modules/$module" "$ROOT/lib/modules/"; done < "$ROOT/lib/modules/load-order"

# users: mosquitto drops root privileges to "mosquitto" and refuses to start without it
cat > "$ROOT/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
mosquitto:x:100:100:mosquitto:/var/lib/mosquitto:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$ROOT/etc/group" <<'GROUP'
root:x:0:
mosquitto:x:100:
nogroup:x:65534:
GROUP
chown 100:100 "$ROOT/var/lib/mosquitto"
# Time zones: Foundation's TimeZone reads zoneinfo, and a Swift binary traps (SIGILL) when
# a zone it asks for is missing. The VM's own clock runs in UTC, as the gateway's boards do.
mkdir -p "$ROOT/usr/share/zoneinfo"
tar -C /usr/share/zoneinfo --exclude=./right --exclude=./posix -cf - . | tar -C "$ROOT/usr/share/zoneinfo" -xf -
ln -s /usr/share/zoneinfo/Etc/UTC "$ROOT/etc/localtime"
printf '127.0.0.1 localhost vboard\n::1 localhost\n' > "$ROOT/etc/hosts"
printf 'passwd: files\ngroup: files\nhosts: files\n' > "$ROOT/etc/nsswitch.conf"
printf 'listener 1883 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n' \
    > "$ROOT/etc/mosquitto.conf"
cat > "$ROOT/etc/vboard.conf" <<CONF
VBOARD_I2C_ADDRS=$I2C_ADDRS
VBOARD_GPIO_LINES=$GPIO_LINES
VBOARD_ARCH=$VBOARD_ARCH
CONF

cp "$HERE/init.sh" "$ROOT/init"
cp "$SCENARIO" "$ROOT/scenario.sh"
chmod 755 "$ROOT/init" "$ROOT/scenario.sh"

( cd "$ROOT" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc ) > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
printf 'build-initramfs: %s (%s MB)\n' "$OUT" "$(( $(stat -c %s "$OUT") / 1048576 ))" >&2
