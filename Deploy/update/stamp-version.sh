#!/usr/bin/env bash
# Stamps a release version into a built sensor-gateway: rewrites the bytes after the marker
# "SGW-FIRMWARE-VERSION:" (Sources/CEmbeddedSupport/FirmwareStamp.c) in a copy of the binary, so
# `--version` and the retained status report the version the bundle's manifest names.
# Usage: Deploy/update/stamp-version.sh BINARY VERSION OUTPUT
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BINARY VERSION OUTPUT" >&2; exit 64; }
binary=$1 version=$2 output=$3
[[ "$version" =~ ^[0-9]{1,6}\.[0-9]{1,6}\.[0-9]{1,6}$ ]] || { echo "stamp-version: '$version' is not MAJOR.MINOR.PATCH" >&2; exit 64; }
marker="SGW-FIRMWARE-VERSION:"
offsets=$(LC_ALL=C grep -obUaF "$marker" "$binary" | cut -d: -f1)
[ "$(printf '%s\n' "$offsets" | grep -c .)" -eq 1 ] || {
    echo "stamp-version: $binary has $(printf '%s\n' "$offsets" | grep -c .) version markers, expected exactly 1" >&2; exit 1; }
cp "$binary" "$output.tmp"
# 64 bytes in all: the marker (21), the version, NUL padding.
{ printf '%s' "$version"; head -c $((64 - ${#marker} - ${#version})) /dev/zero; } |
    dd of="$output.tmp" bs=1 seek=$((offsets + ${#marker})) conv=notrunc status=none
chmod 755 "$output.tmp"
mv "$output.tmp" "$output"
