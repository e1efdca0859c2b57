#!/usr/bin/env bash
# Builds sensor-gateway_<version>_<arch>.deb from a built board binary with dpkg-deb (no debhelper: the
# package is one binary plus configuration, and the build runs on CI machines that cross-build).
# Dependencies come from dpkg-shlibdeps on the binary itself, so the arm64 package names exactly the arm64
# libraries the cross build linked against.
# The gateway goes into a slot (/usr/lib/sensor-gateway/slots/VERSION, `current` pointing at it) and the unit runs
# it through `sgw-update supervise`, so a board set up from the package takes signed slot updates with the health
# gate and rollback (Deploy/update/README.md); /usr/bin/sensor-gateway is a link to the current slot's program.
# Usage: Deploy/debian/build-deb.sh ARCH BINARY [OUTDIR]     ARCH: amd64 | arm64
#        sgw-update is taken from beside BINARY (both build scripts put it there), or from $SGW_UPDATE_BIN.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
arch="$1" binary="$2" out="${3:-$root/.build-deb}"
updater="${SGW_UPDATE_BIN:-$(dirname "$binary")/sgw-update}"
[ -x "$updater" ] || { echo "build-deb: no sgw-update beside $binary (build it with Board/build-embedded.sh or Board/build-aarch64.sh, or set SGW_UPDATE_BIN)" >&2; exit 1; }
bash "$root/Deploy/dev/install-build-deps.sh" dpkg-dev fakeroot >/dev/null
case "$arch" in
    amd64) strip=strip; machine="x86-64" ;;
    arm64) strip=aarch64-linux-gnu-strip; machine="aarch64" ;;
    *) echo "build-deb: unknown architecture $arch (amd64 or arm64)" >&2; exit 2 ;;
esac
for program in "$binary" "$updater"; do
    file -L "$program" | grep -q "$machine" || { echo "build-deb: $program is not an $arch executable: $(file -bL "$program")" >&2; exit 1; }
done
# The slot is named by the version the program itself reports (stamped after linking; see stamp-version.sh).
marker="SGW-FIRMWARE-VERSION:"
firmware="$(LC_ALL=C grep -aoE "$marker[0-9]+\.[0-9]+\.[0-9]+" "$binary" | head -1 | cut -d: -f2 || true)"
[[ "$firmware" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "build-deb: $binary carries no firmware version after $marker" >&2; exit 1; }
version="${SGW_DEB_VERSION:-$firmware}"

stage="$(mktemp -d /tmp/sgw-deb.XXXXXX)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/pkg"
slot="usr/lib/sensor-gateway/slots/$firmware"
install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/$slot" "$pkg/lib/systemd/system" "$pkg/lib/udev/rules.d" \
    "$pkg/etc/sensor-gateway" "$pkg/usr/share/doc/sensor-gateway/examples/sites" "$pkg/usr/share/lintian/overrides"
install -m 0755 "$binary" "$pkg/$slot/sensor-gateway"
install -m 0755 "$updater" "$pkg/usr/bin/sgw-update"
for program in "$pkg/$slot/sensor-gateway" "$pkg/usr/bin/sgw-update"; do
    $strip --strip-unneeded --remove-section=.comment --remove-section=.note "$program"
done
ln -s "slots/$firmware" "$pkg/usr/lib/sensor-gateway/current"
ln -s ../lib/sensor-gateway/current/sensor-gateway "$pkg/usr/bin/sensor-gateway"
install -m 0644 "$root/Deploy/systemd/sensor-gateway.service" "$pkg/lib/systemd/system/"
install -m 0644 "$root/Deploy/udev/60-sensor-gateway.rules" "$pkg/lib/udev/rules.d/"
install -m 0644 "$root/Deploy/systemd/gateway.env.example" "$pkg/etc/sensor-gateway/gateway.env"
install -m 0644 "$root/Board/rpi4-sgw.yaml" "$pkg/etc/sensor-gateway/board.yaml"
install -m 0644 "$root"/Board/sites/*.yaml "$pkg/usr/share/doc/sensor-gateway/examples/sites/"
install -m 0644 "$here/copyright" "$pkg/usr/share/doc/sensor-gateway/copyright"
install -m 0644 "$here/lintian-overrides" "$pkg/usr/share/lintian/overrides/sensor-gateway"
{
    echo "sensor-gateway ($version) bookworm; urgency=medium"
    echo
    echo "  * Board program release $version."
    echo
    echo " -- SensorGateway maintainers <maintainers@sensorgateway.invalid>  $(date -R -d @"${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}")"
} | gzip -9n > "$pkg/usr/share/doc/sensor-gateway/changelog.gz"
for script in postinst prerm postrm; do install -m 0755 "$here/$script" "$pkg/DEBIAN/$script"; done
printf '/etc/sensor-gateway/gateway.env\n/etc/sensor-gateway/board.yaml\n' > "$pkg/DEBIAN/conffiles"

# Shared-library dependencies of the binary, as Debian names them for this architecture.
mkdir -p "$stage/debian"
printf 'Source: sensor-gateway\n\nPackage: sensor-gateway\nArchitecture: %s\n' "$arch" > "$stage/debian/control"
shlibs="$(cd "$stage" && dpkg-shlibdeps -O -e"$pkg/$slot/sensor-gateway" -e"$pkg/usr/bin/sgw-update" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$shlibs" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies for $binary" >&2; exit 1; }
size="$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: sensor-gateway
Version: $version
Architecture: $arch
Maintainer: SensorGateway maintainers <maintainers@sensorgateway.invalid>
Installed-Size: $size
Depends: $shlibs, adduser, init-system-helpers (>= 1.54~)
Section: net
Priority: optional
Description: field sensor gateway for groundwater, recharge and building energy
 Reads flow meters, well-level transducers, electricity and heat meters and
 temperature sensors over I2C and GPIO, computes recharge volumes and energy
 use on the board, keeps every reading in a crash-safe journal and publishes
 it as SenML over MQTT (TLS) to the city's aggregation service.
CONTROL
(cd "$pkg" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) > "$pkg/DEBIAN/md5sums"
mkdir -p "$out"
deb="$out/sensor-gateway_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "$deb"
