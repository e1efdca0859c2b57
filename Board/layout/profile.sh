#!/usr/bin/env bash
# Writes Board/layout/sensor-gateway.order: the functions of the Embedded `sensor-gateway` that run on the building
# example (start-up, sampling, publishing, a broker outage, the reconnect and replay, the stop), most executed
# first, as lld's --symbol-ordering-file wants them. Measured with Valgrind's callgrind on the program with its
# symbol table (debug sections removed: Valgrind cannot read this compiler's DWARF). Takes about 3 minutes.
# Usage: bash Board/layout/profile.sh [gateway-binary]    (default: Board/build-embedded.sh's)
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Deploy/dev/install-build-deps.sh valgrind >/dev/null
gateway="${1:-$(bash Board/build-embedded.sh | tail -1)}"
work="$(mktemp -d /tmp/sgw-layout.XXXXXX)"
strip --strip-debug -o "$work/sensor-gateway" "$gateway"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$port" > "$work/m.conf"
mosquitto -c "$work/m.conf" >"$work/mosquitto.log" 2>&1 & broker=$!
gw=""
trap 'kill $broker $gw 2>/dev/null || true' EXIT
sleep 0.5
valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/callgrind.out" \
    "$work/sensor-gateway" run --config Board/sites/sapporo-cityhall.yaml --simulate --broker "127.0.0.1:$port" \
    --state-dir "$work/state" --calibration Calibration/records/sapporo-cityhall 2>"$work/gateway.log" & gw=$!
sleep 45                          # start-up, then sampling and publishing
kill $broker; wait $broker 2>/dev/null || true
sleep 40                          # the broker away: readings kept, reconnect attempts
mosquitto -c "$work/m.conf" >>"$work/mosquitto.log" 2>&1 & broker=$!
sleep 40                          # reconnected: the backlog replayed
kill -TERM $gw; wait $gw 2>/dev/null || true; gw=""
grep -q "connected to broker" "$work/gateway.log" || {
    echo "profile: the gateway never connected (see $work)" >&2; exit 1; }
python3 - "$work/callgrind.out" > Board/layout/sensor-gateway.order <<'PY'
import collections, re, sys
# callgrind's format: "ob=(id) name" / "fn=(id) name" open a function's block (names given once, then by id);
# cost lines "position instructions"; a "calls=" line is followed by the callee's inclusive cost (skipped).
cost = collections.Counter(); objects = {}; functions = {}
current_object = current = None; after_call = False
for line in open(sys.argv[1], errors="replace"):
    line = line.rstrip("\n")
    named = re.match(r"^(c?ob|c?fn|c?fl|fi|fe)=\((\d+)\)(?: (.*))?$", line)
    if named:
        kind, ident, name = named.groups()
        table = objects if kind in ("ob", "cob") else functions if kind in ("fn", "cfn") else None
        if table is not None and name is not None:
            table[ident] = name
        if kind == "ob":
            current_object = objects.get(ident)
        elif kind == "fn":
            current = (current_object, re.sub(r"'\d+$", "", functions.get(ident, "")))
            cost[current] += 0
        continue
    if line.startswith("calls="):
        after_call = True
    elif line[:1].isdigit() or line[:1] in "+-*":
        if not after_call and current and len(line.split()) > 1:
            cost[current] += int(line.split()[1])
        after_call = False
seen = set()
for (obj, name), _ in sorted(cost.items(), key=lambda item: -item[1]):
    if obj and obj.endswith("/sensor-gateway") and name and not name.startswith(("0x", "(")) and name not in seen:
        seen.add(name)
        print(name)
PY
echo "profile: $(wc -l < Board/layout/sensor-gateway.order) functions in Board/layout/sensor-gateway.order" >&2
rm -rf "$work"
