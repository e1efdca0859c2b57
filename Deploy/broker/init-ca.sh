#!/usr/bin/env bash
# Creates the city CA that signs the broker's and every board's certificate, then the broker's certificate.
# Usage: init-ca.sh --broker-name DNS [--broker-name DNS]... [--broker-ip ADDR]... [--days N] [--out DIR]
#   --out DIR   where the CA lives (default $SGW_CA_DIR or ~/sgw-city-ca; never inside the checkout). Keep
#               DIR/private offline: it can mint boards.
#   --days N    broker certificate lifetime (default 825); the CA itself lasts 10 years.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-ca.sh"

out=$default_ca_dir
broker_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --broker-name) broker_args+=(--name "$2"); shift 2 ;;
    --broker-ip) broker_args+=(--ip "$2"); shift 2 ;;
    --days) broker_args+=(--days "$2"); shift 2 ;;
    *) die "unknown argument $1 (see the usage at the top of this script)" ;;
  esac
done
[ ${#broker_args[@]} -gt 0 ] || die "--broker-name is required: the name boards use to reach the broker"
refuse_inside_checkout "$out"
[ -e "$out/ca.crt" ] && die "$out already holds a CA; refusing to replace it (every board trusts it)"

mkdir -p "$out/private" "$out/issued"
chmod 700 "$out/private"
: > "$out/index.txt"
echo 1000 > "$out/serial"
echo 1000 > "$out/crlnumber"
(umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/private/ca.key" 2>/dev/null)
SGW_CA_DIR="$out" SGW_SAN="DNS:unused" openssl req -new -x509 -config "$here/openssl-ca.cnf" \
  -extensions ca_self -key "$out/private/ca.key" -subj "/CN=SensorGateway City CA" -days 3650 -out "$out/ca.crt"
echo "city CA: $out/ca.crt"
"$here/issue-broker-cert.sh" --ca-dir "$out" --out "$out" "${broker_args[@]}"
