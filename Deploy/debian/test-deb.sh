#!/usr/bin/env bash
# Installs, upgrades and purges the amd64 package in a minimal Debian 12 chroot made by debootstrap (cached in
# Deploy/debian/.work), the way a field technician's `apt install ./sensor-gateway_*.deb` would, and checks what
# each step must leave behind. Also runs lintian on both packages and `systemd-analyze verify` on the unit as
# installed. Prints PASS/FAIL lines and "debian-package: N passed, N failed".
# Usage: Deploy/debian/test-deb.sh AMD64_BINARY [ARM64_BINARY]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
amd64_bin="$1" arm64_bin="${2:-}"
work="$here/.work"
mkdir -p "$work"
bash "$root/Deploy/dev/install-build-deps.sh" debootstrap lintian dpkg-dev fakeroot systemd file >/dev/null || exit 1

passed=0 failed=0
check() { # description command...
    local what=$1; shift
    if "$@" >/dev/null 2>&1; then echo "PASS $what"; passed=$((passed + 1)); else echo "FAIL $what"; failed=$((failed + 1)); fi
}

# Packages: the one under test, and the same binary labelled one version older, to upgrade from.
version="$(sed -n 's/.*SGW_FIRMWARE_MARKER "\([0-9.]*\)".*/\1/p' "$root/Sources/CEmbeddedSupport/FirmwareStamp.c")"
new_deb="$(bash "$here/build-deb.sh" amd64 "$amd64_bin" "$work/debs")" || exit 1
old_deb="$(SGW_DEB_VERSION="$version~old1" bash "$here/build-deb.sh" amd64 "$amd64_bin" "$work/debs-old")" || exit 1
debs=("$new_deb")
if [ -n "$arm64_bin" ]; then
    arm_deb="$(bash "$here/build-deb.sh" arm64 "$arm64_bin" "$work/debs")" || exit 1
    debs+=("$arm_deb")
    check "arm64 package is for arm64" sh -c "dpkg-deb -f '$arm_deb' Architecture | grep -qx arm64"
    check "arm64 package depends on the arm64 build's libraries" sh -c "dpkg-deb -f '$arm_deb' Depends | grep -q libmosquitto1"
fi
for deb in "${debs[@]}"; do
    lintian --fail-on error,warning --suppress-tags-from-file /dev/null "$deb" > "$work/lintian.$(basename "$deb").log" 2>&1
    status=$?
    check "lintian clean (errors and warnings) on $(basename "$deb")" test "$status" = 0
    [ "$status" = 0 ] || cat "$work/lintian.$(basename "$deb").log"
done

# A minimal bookworm, made once and kept as a tarball; each run unpacks a fresh copy.
base="$work/bookworm-minbase-systemd.tar"
if [ ! -f "$base" ]; then
    rm -rf "$work/base"
    debootstrap --variant=minbase --include=adduser,init-system-helpers,systemd bookworm "$work/base" >"$work/debootstrap.log" 2>&1 \
        || { echo "FAIL debootstrap (see $work/debootstrap.log)"; exit 1; }
    tar -C "$work/base" -cf "$base" . && rm -rf "$work/base"
fi
chroot_dir="$(mktemp -d /tmp/sgw-chroot.XXXXXX)"
cleanup() { umount "$chroot_dir/proc" 2>/dev/null; rm -rf "$chroot_dir"; }
trap cleanup EXIT
tar -C "$chroot_dir" -xf "$base"
mount -t proc proc "$chroot_dir/proc"
cp "$old_deb" "$new_deb" "$chroot_dir/tmp/"
in_chroot() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive sh -c "$1"; }
# The package's library dependencies come from the same archive; apt resolves them as a technician's would.
in_chroot "apt-get install -y -qq /tmp/$(basename "$old_deb")" >"$work/install.log" 2>&1
check "first install of the older package succeeds" grep -q "Setting up sensor-gateway ($version~old1)" "$work/install.log"
check "service user exists" in_chroot "getent passwd sensor-gateway"
check "service user is in i2c and gpio" in_chroot "id -nG sensor-gateway | grep -qw i2c && id -nG sensor-gateway | grep -qw gpio"
check "state directory owned by the service user" in_chroot "test \$(stat -c %U /var/lib/sensor-gateway) = sensor-gateway"
check "binary runs and reports its version" in_chroot "/usr/bin/sensor-gateway --version | grep -q '$version'"
check "current points at the packaged slot" in_chroot "test \$(readlink /usr/lib/sensor-gateway/current) = slots/$version && test -x /usr/lib/sensor-gateway/slots/$version/sensor-gateway"
check "/usr/bin/sensor-gateway runs the current slot's program" in_chroot "test \$(readlink -f /usr/bin/sensor-gateway) = /usr/lib/sensor-gateway/slots/$version/sensor-gateway"
check "sgw-update status reads the packaged install" in_chroot "sgw-update status --root / | grep -q '\"version\":\"$version\"'"
check "the supervisor may switch current back (folder group-writable by sensor-gateway)" in_chroot "test \$(stat -c %G:%a /usr/lib/sensor-gateway) = sensor-gateway:775"
check "the unit runs the gateway through sgw-update supervise" grep -q '^ExecStart=/usr/bin/sgw-update supervise' "$chroot_dir/lib/systemd/system/sensor-gateway.service"
check "unit installed" test -f "$chroot_dir/lib/systemd/system/sensor-gateway.service"
check "unit passes systemd-analyze verify" systemd-analyze verify --root="$chroot_dir" sensor-gateway.service
in_chroot "echo 'BROKER=technician.example:8883' >> /etc/sensor-gateway/gateway.env; echo journal > /var/lib/sensor-gateway/journal.sqlite"
in_chroot "apt-get install -y -qq -o Dpkg::Options::=--force-confold /tmp/$(basename "$new_deb")" >"$work/upgrade.log" 2>&1
check "upgrade to $version succeeds" in_chroot "dpkg-query -W -f='\${Version}' sensor-gateway | grep -qx '$version'"
check "upgrade keeps the technician's gateway.env" in_chroot "grep -q technician.example /etc/sensor-gateway/gateway.env"
check "upgrade keeps the journal" in_chroot "test -f /var/lib/sensor-gateway/journal.sqlite"
check "after the upgrade current still points at a whole slot" in_chroot "test -x /usr/lib/sensor-gateway/current/sensor-gateway && sgw-update status --root / | grep -q '\"version\":\"$version\"'"
in_chroot "apt-get remove -y -qq sensor-gateway" >"$work/remove.log" 2>&1
check "remove keeps the journal and configuration" in_chroot "test -f /var/lib/sensor-gateway/journal.sqlite && test -f /etc/sensor-gateway/gateway.env"
in_chroot "dpkg --purge sensor-gateway" >"$work/purge.log" 2>&1
check "purge removes configuration, state and the user" in_chroot "! test -e /etc/sensor-gateway && ! test -e /var/lib/sensor-gateway && ! getent passwd sensor-gateway"
check "purge leaves no package files" in_chroot "! test -e /usr/bin/sensor-gateway && ! test -L /usr/bin/sensor-gateway && ! test -e /usr/bin/sgw-update && ! test -e /usr/lib/sensor-gateway && ! test -e /lib/systemd/system/sensor-gateway.service"

echo "debian-package: $passed passed, $failed failed"
[ "$failed" = 0 ]
