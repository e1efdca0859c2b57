#!/usr/bin/env bash
# Builds the board program, `sensor-gateway`, in Embedded Swift: an ordinary Linux executable with no Swift
# runtime library, linked only against Debian's C libraries, and its updater `sgw-update` beside it. Prints the
# board program's path on the last line.
#
# Why a script around SwiftPM rather than a separate build system: the same Package.swift and the same
# sources build both ways (`SGW_EMBEDDED=1` switches the board targets to Embedded mode and drops everything
# else), so `swift test` keeps testing exactly the code this script ships; the script only supplies the
# Embedded settings and a build path of its own (Embedded modules cannot mix with full-Swift ones).
#
# Usage: bash Board/build-embedded.sh            (x86_64 release build into .build-embedded/)
set -euo pipefail
cd "$(dirname "$0")/.."
toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")"
triple="$(uname -m)-unknown-linux-gnu"
export SGW_EMBEDDED=1
export SGW_EMBEDDED_LIB="$toolchain/lib/swift/embedded/$triple"
[ -f "$SGW_EMBEDDED_LIB/libswiftUnicodeDataTables.a" ] || {
    echo "build-embedded: this Swift toolchain has no Embedded standard library for $triple ($SGW_EMBEDDED_LIB)" >&2
    exit 1
}
# Code layout (Board/layout/README.md): every function in a section of its own, and lld placing the functions the
# running program executes side by side (Board/layout/sensor-gateway.order), so the pages it maps are few.
layout=(-Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections -Xswiftc -use-ld=lld
        -Xlinker "--symbol-ordering-file=$PWD/Board/layout/sensor-gateway.order" -Xlinker --no-warn-symbol-ordering)
bash Board/layout/drop-unsectioned-objects.sh .build-embedded
swift build -c release --build-path .build-embedded --product sensor-gateway -Xswiftc -Osize "${layout[@]}" >&2
# The board's updater (Deploy/update/README.md) ships beside it, built from the same board modules.
swift build -c release --build-path .build-embedded --product sgw-update -Xswiftc -Osize "${layout[@]}" >&2
bin="$PWD/.build-embedded/release/sensor-gateway"
for program in "$bin" "$PWD/.build-embedded/release/sgw-update"; do
    if ldd "$program" | grep -q 'libswiftCore'; then
        echo "build-embedded: $program links the Swift runtime; the Embedded settings did not apply" >&2
        exit 1
    fi
done
echo "$bin"
