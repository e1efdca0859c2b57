#!/usr/bin/env bash
# Issues a board's TLS client certificate and grants it its topics. The certificate's common name is the
# device id; the broker uses it as the MQTT user name (use_identity_as_username), and the block appended to
# the ACL lets that user write only <prefix>/<site>/<device>/data and /status, and read only …/resend.
# Usage: issue-board-cert.sh <device-id> --site SITE-ID [--acl FILE] [--prefix sgw] [--days N] [--out DIR]
#          [--ca-dir DIR] [--valid-from YYYYMMDDHHMMSSZ] [--valid-until YYYYMMDDHHMMSSZ]
# Writes OUT/<device-id>.key, OUT/<device-id>.crt and OUT/ca.crt (default OUT: ~/sgw-boards/<device-id>;
# never inside the checkout), and
# with --acl appends the board's block to FILE (then reload Mosquitto). Renewing a board's certificate at
# the same site leaves its block as it is (adding the resend line to a block from before it); another site
# is refused.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-ca.sh"

[ $# -ge 1 ] || die "usage: issue-board-cert.sh <device-id> --site SITE-ID [--acl FILE] [--days N] [--out DIR] [--ca-dir DIR]"
device=$1; shift
ca_dir=$default_ca_dir
out="$HOME/sgw-boards/$device"; days=730; from=""; until=""; site=""; acl=""; prefix=sgw
while [ $# -gt 0 ]; do
  case "$1" in
    --site) site=$2; shift 2 ;;
    --acl) acl=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
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
[ -n "$site" ] || die "--site is required: the board may publish only under its site's topics"
for level in "$site" "$prefix"; do
  [[ "$level" =~ ^[a-z0-9][a-z0-9._-]{0,62}$ ]] \
    || die "\"$level\" must be lower-case letters, digits, '.', '_' or '-' (no '/', '+', '#')"
done
if [ -n "$acl" ]; then
  [ -f "$acl" ] || die "no ACL file $acl"
  # A board already in the ACL keeps its block: the same site is a renewal, another site a mistake.
  granted=$(awk -v u="$device" '$1 == "user" { cur = $2 } cur == u && $1 == "topic" { print $3 }' "$acl")
  if [ -n "$granted" ] && ! grep -qx "$prefix/$site/$device/data" <<<"$granted"; then
    die "$device is already granted $(head -1 <<<"$granted") in $acl; move it by editing the ACL, not by issuing again"
  fi
fi
require_ca "$ca_dir"
refuse_inside_checkout "$out"
mkdir -p "$out"
new_key_and_request "$out/$device.key" "$out/$device.csr" "$device"
sign_request "$ca_dir" "$out/$device.csr" "$out/$device.crt" board_cert "$days" "$from" "$until"
rm -f "$out/$device.csr"
cp "$ca_dir/ca.crt" "$out/ca.crt"
echo "board certificate for $device: $out/$device.crt ($(openssl x509 -in "$out/$device.crt" -noout -enddate))"
if [ -n "$acl" ] && [ -z "$granted" ]; then
  printf '\nuser %s\ntopic write %s/%s/%s/data\ntopic write %s/%s/%s/status\ntopic read %s/%s/%s/resend\n' \
    "$device" "$prefix" "$site" "$device" "$prefix" "$site" "$device" "$prefix" "$site" "$device" >> "$acl"
  echo "granted $device $prefix/$site/$device/{data,status}, and reading …/resend, in $acl; reload Mosquitto (systemctl reload mosquitto)"
elif [ -n "$acl" ] && ! grep -qx "$prefix/$site/$device/resend" <<<"$granted"; then
  # A block from before resend requests existed: a renewal brings it up to date.
  awk -v u="$device" -v line="topic read $prefix/$site/$device/resend" '
    { print }
    $1 == "user" { cur = $2 }
    cur == u && $1 == "topic" && $3 ~ /\/status$/ { print line }' "$acl" > "$acl.new" && mv "$acl.new" "$acl"
  echo "granted $device reading $prefix/$site/$device/resend in $acl; reload Mosquitto (systemctl reload mosquitto)"
fi
