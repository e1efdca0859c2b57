#!/usr/bin/env bash
# Issues (or renews) the broker's TLS certificate. Boards check the name they dial against its
# subjectAltName, so list every DNS name and IP address boards use.
# Usage: issue-broker-cert.sh --name DNS [--name DNS]... [--ip ADDR]... [--days N]
#          [--valid-from YYYYMMDDHHMMSSZ] [--valid-until YYYYMMDDHHMMSSZ] [--ca-dir DIR] [--out DIR]
# Writes OUT/broker.key and OUT/broker.crt (default OUT: the CA folder).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-ca.sh"

ca_dir=$default_ca_dir
out=""; days=825; from=""; until=""; names=(); san=()
while [ $# -gt 0 ]; do
  case "$1" in
    --name) names+=("$2"); san+=("DNS:$2"); shift 2 ;;
    --ip) san+=("IP:$2"); shift 2 ;;
    --days) days=$2; shift 2 ;;
    --valid-from) from=$2; shift 2 ;;
    --valid-until) until=$2; shift 2 ;;
    --ca-dir) ca_dir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) die "unknown argument $1 (see the usage at the top of this script)" ;;
  esac
done
[ ${#san[@]} -gt 0 ] || die "give at least one --name or --ip"
require_ca "$ca_dir"
out=${out:-$ca_dir}
refuse_inside_checkout "$out"
mkdir -p "$out"
cn=${names[0]:-${san[0]#IP:}}
new_key_and_request "$out/broker.key" "$out/broker.csr" "$cn"
SGW_SAN=$(IFS=,; echo "${san[*]}") sign_request "$ca_dir" "$out/broker.csr" "$out/broker.crt" broker_cert "$days" "$from" "$until"
rm -f "$out/broker.csr"
echo "broker certificate: $out/broker.crt ($(openssl x509 -in "$out/broker.crt" -noout -enddate))"
