#!/usr/bin/env bash
# Issues a board's TLS client certificate. The certificate's common name is the device id; the broker uses it
# as the MQTT user name (use_identity_as_username), so the ACL lets this board publish only as itself.
# Usage: issue-board-cert.sh <device-id> [--days N] [--out DIR] [--ca-dir DIR]
#          [--valid-from YYYYMMDDHHMMSSZ] [--valid-until YYYYMMDDHHMMSSZ]
# Writes OUT/<device-id>.key, OUT/<device-id>.crt and OUT/ca.crt (default OUT: ./boards/<device-id>).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-ca.sh"

[ $# -ge 1 ] || die "usage: issue-board-cert.sh <device-id> [--days N] [--out DIR] [--ca-dir DIR]"
device=$1; shift
ca_dir=${SGW_CA_DIR:-./city-ca}
out="./boards/$device"; days=730; from=""; until=""
while [ $# -gt 0 ]; do
  case "$1" in
    --days) days=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --ca-dir) ca_dir=$2; shift 2 ;;
    --valid-from) from=$2; shift 2 ;;
    --valid-until) until=$2; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
# The id becomes an ACL topic level: '/', '+' and '#' would let it reach other boards' topics, and
# "aggregator" is the city's reading account.
[[ "$device" =~ ^[a-z0-9][a-z0-9._-]{0,62}$ ]] \
  || die "device id \"$device\" must be lower-case letters, digits, '.', '_' or '-' (no '/', '+', '#')"
[ "$device" != aggregator ] || die "\"aggregator\" is reserved for the city's aggregator account"
require_ca "$ca_dir"
mkdir -p "$out"
new_key_and_request "$out/$device.key" "$out/$device.csr" "$device"
sign_request "$ca_dir" "$out/$device.csr" "$out/$device.crt" board_cert "$days" "$from" "$until"
rm -f "$out/$device.csr"
cp "$ca_dir/ca.crt" "$out/ca.crt"
echo "board certificate for $device: $out/$device.crt ($(openssl x509 -in "$out/$device.crt" -noout -enddate))"
