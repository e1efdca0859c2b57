# Shared by the certificate scripts: signs a request with the city CA through `openssl ca`.
# Sourced, not run.

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# Private keys never go into the SensorGateway checkout, where one `git add -A` publishes them: the default
# folders are under $HOME, and a folder inside the checkout these scripts run from is refused.
default_ca_dir=${SGW_CA_DIR:-$HOME/sgw-city-ca}
checkout="$(cd "$here/../.." && pwd)"
refuse_inside_checkout() {
  [ -f "$checkout/Package.swift" ] && [ -d "$checkout/Deploy/broker" ] || return 0
  local dir
  dir=$(realpath -m -- "$1")
  case "$dir/" in
    "$checkout"/*) die "$1 is inside the SensorGateway checkout $checkout: private keys must not be written there (give --out/--ca-dir a folder outside it, e.g. $HOME/sgw-city-ca)" ;;
  esac
}

require_ca() {
  [ -f "$1/ca.crt" ] && [ -f "$1/private/ca.key" ] || die "no city CA in $1 (run init-ca.sh first, or pass --ca-dir)"
}

# sign_request CA_DIR CSR OUT_CERT EXT_SECTION DAYS VALID_FROM VALID_UNTIL
# VALID_FROM/VALID_UNTIL (YYYYMMDDHHMMSSZ) override DAYS when given, e.g. to end on a maintenance visit.
sign_request() {
  local ca_dir=$1 csr=$2 out=$3 ext=$4 days=$5 from=$6 until=$7
  local dates=(-days "$days")
  [ -n "$from" ] && dates+=(-startdate "$from")
  [ -n "$until" ] && dates=(-enddate "$until" ${from:+-startdate "$from"})
  SGW_CA_DIR="$ca_dir" SGW_SAN="${SGW_SAN:-DNS:unused}" openssl ca -batch -notext \
    -config "$here/openssl-ca.cnf" -extensions "$ext" "${dates[@]}" -in "$csr" -out "$out" 2>"$out.log" \
    || { cat "$out.log" >&2; die "openssl ca refused to sign $csr"; }
  rm -f "$out.log"
}

# new_key_and_request KEY CSR COMMON_NAME: an EC P-256 key (cheap on ARM boards) and its request.
new_key_and_request() {
  (umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null) \
    || die "cannot create key $1"
  openssl req -new -key "$1" -subj "/CN=$3" -out "$2" || die "cannot create request for $3"
}
