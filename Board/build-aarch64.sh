#!/usr/bin/env bash
# Cross-builds the Embedded board program for aarch64 Linux (Raspberry Pi 4/5, CM4, i.MX8) on this x86_64 machine,
# against Debian's arm64 libraries, with its updater `sgw-update` beside it. Prints the board program's path on
# the last line.
#
# SwiftPM compiles every board target for `aarch64-none-none-elf` (the toolchain's Embedded standard library for
# 64-bit ARM); its own link step would link for bare metal, so the objects are linked here by Debian's cross gcc
# into an ordinary aarch64 Linux PIE, with the arm64 C libraries from multiarch `:arm64` packages.
# Usage: bash Board/build-aarch64.sh
set -euo pipefail
cd "$(dirname "$0")/.."
arm_libs=(libmosquitto-dev libsqlite3-dev libyaml-dev libgpiod-dev libi2c-dev libcjson-dev libssl-dev libsystemd-dev)
need=()
command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
command -v qemu-aarch64-static >/dev/null || need+=(qemu-user-static)
for p in libc6 "${arm_libs[@]}"; do
    dpkg-query -W -f='${Status}' "$p:arm64" 2>/dev/null | grep -q "install ok installed" || need+=("$p:arm64")
done
if [ ${#need[@]} -gt 0 ]; then
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    dpkg --print-foreign-architectures | grep -qx arm64 || $sudo_cmd dpkg --add-architecture arm64
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")"
export SGW_EMBEDDED=1
export SGW_EMBEDDED_LIB="$toolchain/lib/swift/embedded/aarch64-none-none-elf"
objects=.build-aarch64/aarch64-none-none-elf/release
# The link step SwiftPM attempts for an executable fails (bare-metal crt0); the objects are all there by then.
# The board's updater `sgw-update` (Deploy/update/README.md) is built from the same board modules beside it.
bash Board/layout/drop-unsectioned-objects.sh .build-aarch64
for product in sensor-gateway sgw-update; do
    swift build -c release --triple aarch64-none-none-elf --toolset Board/toolset-aarch64.json \
        --build-path .build-aarch64 --product "$product" -Xswiftc -Osize \
        -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections >&2 || true
done
# Links one program from its own module's objects and the library modules' objects (not the other program's).
link_program() { # PROGRAM MODULE OTHER_MODULE
    local program=$1 module=$2 other=$3
    [ -n "$(find "$objects/$module.build" -name '*.o' 2>/dev/null)" ] || {
        echo "build-aarch64: compiling $program for aarch64 failed (see above)" >&2; exit 1; }
    mapfile -t objs < <(find "$objects" -name '*.o' -path '*.build/*' ! -path "*/$other.build/*" | sort |
        while read -r o; do
            # An object whose Swift source was deleted or renamed since the last build stays in the build folder;
            # linking it too would define its symbols twice. Only objects of sources that still exist are linked.
            case "$o" in *.swift.o)
                module_dir="Sources/$(basename "$(dirname "$o")" .build | tr _ -)"
                [ -d "$module_dir" ] || module_dir="Sources/$(basename "$(dirname "$o")" .build)"
                [ -n "$(find "$module_dir" -name "$(basename "$o" .o)" -print -quit 2>/dev/null)" ] || continue ;;
            esac
            echo "$o"
        done)
    # lld, as Board/build-embedded.sh links: the executed functions side by side (Board/layout/README.md).
    aarch64-linux-gnu-gcc -pie -fuse-ld=lld -B "$toolchain/bin" -o ".build-aarch64/$program" "${objs[@]}" \
        -Wl,--defsym,main="${module}_main" \
        -Wl,--symbol-ordering-file=Board/layout/sensor-gateway.order -Wl,--no-warn-symbol-ordering \
        "$SGW_EMBEDDED_LIB/libswiftUnicodeDataTables.a" -L/usr/lib/aarch64-linux-gnu \
        -lmosquitto -lsqlite3 -lyaml -lcjson -lgpiod -li2c -lsystemd -lssl -lcrypto -lm -lpthread
}
link_program sgw-update sgw_update sensor_gateway
link_program sensor-gateway sensor_gateway sgw_update
echo "$PWD/.build-aarch64/sensor-gateway"
