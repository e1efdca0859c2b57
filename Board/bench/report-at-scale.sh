#!/usr/bin/env bash
# Issue 14 item 5: a fiscal year's report at city scale, from a generated database (rows written directly
# with sqlite3, not pushed through MQTT): BOARDS boards × 1 energy channel sampled every MINUTES minutes for
# FY2026. The readings are written first and the rollups are then built by the aggregator's own migration
# (the path an existing database takes); the report reads only the day rollups, whose count (boards × 365) is
# the same at any sampling interval. Prints the report's time and the bytes per reading.
# Usage: bash Board/bench/report-at-scale.sh [BOARDS=100] [MINUTES=10] [KPI_AGGREGATOR=release build]
set -euo pipefail
cd "$(dirname "$0")/../.."
boards="${1:-100}" minutes="${2:-10}"
echo "command: bash Board/bench/report-at-scale.sh $boards $minutes   ($(date -u +%FT%TZ), $(nproc) cores, $(git rev-parse --short HEAD))"
agg="${3:-}"
if [ -z "$agg" ]; then
    swift build -c release --scratch-path .build-bench --product kpi-aggregator 2>&1 | tail -1
    agg="$(swift build -c release --scratch-path .build-bench --show-bin-path)/kpi-aggregator"
fi
work="$(mktemp -d /tmp/sgw-scale.XXXXXX)"
trap 'rm -rf "$work"' EXIT
db="$work/city.sqlite"
sqlite3 "$db" "CREATE TABLE t (x); DROP TABLE t;"
"$agg" report --db "$db" --fiscal-year 2026 --format json >/dev/null    # creates the tables
start_ms=1774969200000  # 2026-04-01T00:00+09:00
per_board=$(( 365 * 24 * 60 / minutes ))
t0=$(date +%s.%N)
sqlite3 "$db" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
DROP TABLE rollup_hour; DROP TABLE rollup_day;
WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i + 1 < $boards)
INSERT INTO device (device, site, site_kind, municipality, state, since_ms, status_json)
SELECT printf('gw%03d', i), printf('site-%03d', i), 'building', 'Sapporo', 'online', $start_ms, '{}' FROM b;
INSERT INTO channel (site, device, channel, quantity, role, unit, interval_s, driver)
SELECT site, device, 'grid-import', 'energy', 'import', 'kWh', $minutes * 60, 'pulse-energy' FROM device;
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $per_board)
INSERT INTO reading (site, device, channel, seq, t_ms, value, sum, unit, quality, received_ms)
SELECT d.site, d.device, 'grid-import', s.n, $start_ms + (s.n - 1) * $minutes * 60000, 0.25, s.n * 0.25, 'kWh', 'good',
       $start_ms + (s.n - 1) * $minutes * 60000
FROM s, device d;
SQL
readings=$(sqlite3 "$db" "SELECT count(*) FROM reading")
echo "generated $readings readings in $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s"
t0=$(date +%s.%N)
"$agg" report --db "$db" --fiscal-year 2025 --format json >/dev/null    # first open: builds the rollups
echo "rollups built from the readings in $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s ($(sqlite3 "$db" "SELECT count(*) FROM rollup_day") day rows, $(sqlite3 "$db" "SELECT count(*) FROM rollup_hour") hour rows)"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
for i in 1 2 3; do
    t0=$(date +%s.%N)
    "$agg" report --db "$db" --fiscal-year 2026 --format json >"$work/report.json"
    echo "report FY2026 (run $i): $(python3 -c "print(f'{$(date +%s.%N) - $t0:.3f}')") s, $(python3 -c "import json; r=json.load(open('$work/report.json')); print(len(r['sites']), 'sites,', round(sum(s['energyImportedKWh'] for s in r['sites'])), 'kWh')")"
done
bytes=$(( $(sqlite3 "$db" 'PRAGMA page_count') * $(sqlite3 "$db" 'PRAGMA page_size') ))
echo "database: $bytes bytes, $(( bytes / readings )) bytes per reading (readings, their two indexes, hour and day rollups)"
