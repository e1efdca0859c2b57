#!/usr/bin/env bash
# Revokes every valid certificate of a board (lost, stolen, replaced) and writes a fresh CRL.
# Usage: revoke-board-cert.sh <device-id> [--ca-dir DIR] [--crl FILE]
# Install FILE (default DIR/city-ca.crl) as /etc/mosquitto/sgw/city-ca.crl, enable `crlfile` in
# mosquitto.conf and restart Mosquitto. Rerun with --crl only (no device) within 30 days to renew the CRL:
#        revoke-board-cert.sh --renew [--ca-dir DIR] [--crl FILE]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-ca.sh"

[ $# -ge 1 ] || die "usage: revoke-board-cert.sh <device-id>|--renew [--ca-dir DIR] [--crl FILE]"
device=$1; shift
ca_dir=$default_ca_dir; crl=""
while [ $# -gt 0 ]; do
  case "$1" in
    --ca-dir) ca_dir=$2; shift 2 ;;
    --crl) crl=$2; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
require_ca "$ca_dir"
crl=${crl:-$ca_dir/city-ca.crl}
ca() { SGW_CA_DIR="$ca_dir" SGW_SAN="DNS:unused" openssl ca -config "$here/openssl-ca.cnf" "$@"; }

if [ "$device" != --renew ]; then
  # index.txt: status, expiry, revocation date, serial, file, subject; V = valid.
  serials=$(awk -F'\t' -v s="/CN=$device" '$1 == "V" && $6 == s { print $4 }' "$ca_dir/index.txt")
  [ -n "$serials" ] || die "no valid certificate for $device in $ca_dir/index.txt"
  for serial in $serials; do
    ca -revoke "$ca_dir/issued/$serial.pem" 2>/dev/null || die "cannot revoke serial $serial"
    echo "revoked $device (serial $serial)"
  done
fi
ca -gencrl -out "$crl" 2>/dev/null || die "cannot write the CRL $crl"
echo "CRL: $crl ($(openssl crl -in "$crl" -noout -nextupdate)); install it and restart Mosquitto"
