#!/usr/bin/env bash
# The main job, on one machine: a private Mosquitto on a free loopback port, the gateway running the three
# example sites on the simulated board, the city aggregator storing everything, then the KPI report.
# Usage: bash Board/demo/run.sh [seconds-to-run, default 40]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-40}"
bash Deploy/dev/install-build-deps.sh
echo "== building (release)"
# Static Swift stdlib, as deployed on boards (and as the footprint benchmark measures).
swift build -c release --static-swift-stdlib --product sensor-gateway >/dev/null
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"
# The city's program runs on a city machine with Swift's runtime; its HTTP pages link Foundation's networking.
swift build -c release --product kpi-aggregator >/dev/null
city_bin="$(swift build -c release --show-bin-path)"

work="$(mktemp -d /tmp/sgw-demo.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat > "$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 0
CONF
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 & pids+=($!)
for _ in $(seq 50); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
echo "== broker on 127.0.0.1:$port, work folder $work"

"$city_bin/kpi-aggregator" run --broker "127.0.0.1:$port" --db "$work/city.sqlite" 2>"$work/aggregator.log" & agg=$!
# Boards' readings are queued for the aggregator only once its subscriptions exist.
for _ in $(seq 100); do grep -q "subscribed to" "$work/aggregator.log" && break; sleep 0.1; done
gateways=()
for site in Board/sites/*.yaml; do
  name="$(basename "$site" .yaml)"
  "$bin/sensor-gateway" check --config "$site" --calibration "Calibration/records/$name"
  "$bin/sensor-gateway" run --config "$site" --simulate --speedup 10 --broker "127.0.0.1:$port" \
    --state-dir "$work/state-$name" --calibration "Calibration/records/$name" \
    2>"$work/gateway-$name.log" & gateways+=($!)
done
echo "== sampling for $seconds s (intervals sped up 10x); logs in $work"
sleep "$seconds"
for p in "${gateways[@]}"; do kill -TERM "$p"; done
for p in "${gateways[@]}"; do wait "$p" || true; done
sleep 1
kill -TERM "$agg"; wait "$agg" || true
echo
"$city_bin/kpi-aggregator" report --db "$work/city.sqlite" --format table

# The plans' own KPIs: Kumamoto's recharge and Sapporo's CO₂, EUI and PV, as a city officer reads them.
echo
"$city_bin/kpi-aggregator" report --db "$work/city.sqlite" --city Deploy/cities/kumamoto.yaml --format table | head -40
for city in kumamoto sapporo; do
  "$city_bin/kpi-aggregator" report --db "$work/city.sqlite" --city "Deploy/cities/$city.yaml" --format html >"$work/$city-kpis.html"
done
webport="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# Left running after the demo so the pages can be opened; the line below says how to stop it.
setsid nohup "$city_bin/kpi-aggregator" serve --db "$work/city.sqlite" --city Deploy/cities/kumamoto.yaml \
  --city Deploy/cities/sapporo.yaml --listen "127.0.0.1:$webport" >"$work/serve.log" 2>&1 </dev/null & web=$!
for _ in $(seq 50); do grep -q "serving" "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
echo
echo "== HTML reports (self-contained, to mail): $work/kumamoto-kpis.html $work/sapporo-kpis.html"
echo "== KPI pages: http://127.0.0.1:$webport/  (kpi-aggregator serve, pid $web; stop it with: kill $web)"
