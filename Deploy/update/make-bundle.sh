#!/usr/bin/env bash
# Builds and signs an update bundle for sgw-update: a tar of manifest.json, sensor-gateway and signature
# (Ed25519 over manifest.json, made with OpenSSL; the manifest holds the program's SHA-256 and size).
# Usage: Deploy/update/make-bundle.sh --binary BIN --key PRIVATE.pem --out FILE.bundle
#            [--version X.Y.Z --arch ARCH]   (default: what `BIN --version` says; give both for a cross build)
#            [--journal-layout N]            (the journal layout the binary writes; default 1)
set -euo pipefail
binary="" key="" out="" version="" arch="" layout=1
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$2; shift 2 ;;
        --key) key=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --arch) arch=$2; shift 2 ;;
        --journal-layout) layout=$2; shift 2 ;;
        *) echo "make-bundle: unknown argument $1" >&2; exit 64 ;;
    esac
done
[ -n "$binary" ] && [ -n "$key" ] && [ -n "$out" ] || { echo "usage: $0 --binary BIN --key PRIVATE.pem --out FILE.bundle" >&2; exit 64; }
if [ -z "$version" ] || [ -z "$arch" ]; then
    said=$("$binary" --version)   # "sensor-gateway 0.1.0 (x86_64, Embedded Swift)"
    [[ "$said" =~ ^sensor-gateway\ ([0-9.]+)\ \(([a-z0-9_]+), ]] || { echo "make-bundle: '$binary --version' said '$said'" >&2; exit 1; }
    version=${version:-${BASH_REMATCH[1]}}
    arch=${arch:-${BASH_REMATCH[2]}}
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$binary" "$work/sensor-gateway"
chmod 755 "$work/sensor-gateway"
digest=$(sha256sum "$work/sensor-gateway" | cut -d' ' -f1)
size=$(stat -c %s "$work/sensor-gateway")
printf '{"architecture":"%s","format":1,"journalLayout":%d,"payloadBytes":%d,"payloadSHA256":"%s","program":"sensor-gateway","version":"%s"}\n' \
    "$arch" "$layout" "$size" "$digest" "$version" > "$work/manifest.json"
openssl pkeyutl -sign -rawin -inkey "$key" -in "$work/manifest.json" -out "$work/signature"
tar -cf "$out.tmp" --owner=0 --group=0 --numeric-owner -C "$work" manifest.json sensor-gateway signature
mv "$out.tmp" "$out"
echo "$out: sensor-gateway $version ($arch), SHA-256 $digest"
