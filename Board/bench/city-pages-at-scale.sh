#!/usr/bin/env bash
# Issue 14 item 5 at 1-minute sampling: a fiscal year (FY2026) of BOARDS boards × 1 energy meter read every
# minute (100 boards: 52,560,000 readings), in SQLite and in PostgreSQL 15, and how fast the per-site report,
# the plan KPIs (`report --city`) and the served pages answer from them, with the bytes per reading.
#
# Fast path, said plainly: the readings are generated straight into each store's `reading` table by SQL (not
# through MQTT and the intake), and so are the hour and day rollups, written from the generator's own pattern
# (minute m of the year holds reading m, 0.25 kWh; the bucket rows are what ingest writes for it: n, sequences,
# totals, latest reading). The first open of a database whose rollups predate it builds them from the
# readings instead, which takes ~35 s per million readings on this machine (see BENCHMARKS.md).
# The report's kWh total is checked against the readings' own Σ.
#
# Usage: bash Board/bench/city-pages-at-scale.sh [BOARDS=100] [WORK=new temporary folder, kept when given]
#   KPI_AGGREGATOR=path   the binary to measure (default: this checkout's debug build)
#   ROLLUPS_ONLY=1        write the year's hour and day rollups of BOARDS boards but no readings (minutes instead
#                         of ~45 min at 100 boards): the per-site report, the plan KPIs and the pages read only the
#                         rollups (SiteReportQueryTests.theReportNeverReadsTheReadings checks the report), so they
#                         answer as at full scale; the bytes per reading are then not measured.
set -euo pipefail
cd "$(dirname "$0")/../.."
boards="${1:-100}"
work="${2:-}"
agg="${KPI_AGGREGATOR:-}"
if [ -z "$agg" ]; then
    swift build --product kpi-aggregator 2>&1 | tail -1
    agg="$(swift build --show-bin-path)/kpi-aggregator"
fi
rollups_only="${ROLLUPS_ONLY:-}"
generated="boards and readings"; [ -z "$rollups_only" ] || generated="boards (no readings)"
echo "command: ${rollups_only:+ROLLUPS_ONLY=1 }bash Board/bench/city-pages-at-scale.sh $boards   ($(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD))"
if [ -z "$work" ]; then work="$(mktemp -d /tmp/sgw-pages-scale.XXXXXX)"; trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT; fi
mkdir -p "$work"
start_ms=1774969200000  # 2026-04-01T00:00+09:00
minutes=525600          # readings per board: FY2026, one a minute; reading m at start + m minutes

# A city of the generated boards: CO₂, energy-use intensity and energy totals over every site.
{
    printf 'city:\n  id: bench\n  name: "Bench city (%s boards)"\n  plan: "generated"\nsites:\n' "$boards"
    for i in $(seq 0 $((boards - 1))); do
        printf '  - { id: site-%03d, facility: building, floor-area-m2: 5000, public-building: true }\n' "$i"
    done
    cat <<'YAML'
emission-factors:
  - id: grid
    energy: electricity
    supplier: "regional utility"
    versions:
      - version: v1
        source: "generated"
        published: 2020-04-01
        applies-from: 2012
        factors:
          - { from: 2012, to: 2050, kg-co2-per-kwh: 0.5 }
kpis:
YAML
    for kpi in "co2 t-CO2 electricity , factors: grid" "energy-use-intensity kWh/m2 import" "energy-total MWh import"; do
        set -- $kpi
        printf '  - id: %s\n    title: "%s"\n    method: %s\n    unit: %s\n    direction: lower-is-better\n    feeds:\n' "$1" "$1" "$1" "$2"
        for i in $(seq 0 $((boards - 1))); do
            printf '      - { site: site-%03d, channel: grid-import, role: %s%s }\n' "$i" "$3" "${*:4}"
        done
    done
} > "$work/bench.yaml"

# SQLite ------------------------------------------------------------------------------------------------
db="$work/city.sqlite"
if [ ! -s "$db" ]; then
    t0=$(date +%s)
    sqlite3 "$db" "CREATE TABLE t (x); DROP TABLE t;"
    "$agg" report --db "$db" --fiscal-year 2026 --format json >/dev/null    # creates the tables
    sqlite3 "$db" <<SQL
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;
WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i + 1 < $boards)
INSERT INTO device (device, site, site_kind, municipality, state, since_ms, status_json)
SELECT printf('gw%03d', i), printf('site-%03d', i), 'building', 'Bench', 'online', $start_ms, '{}' FROM b;
INSERT INTO channel (site, device, channel, quantity, role, unit, interval_s, driver)
SELECT site, device, 'grid-import', 'energy', 'import', 'kWh', 60, 'pulse-energy' FROM device;
SQL
    [ -n "$rollups_only" ] || sqlite3 "$db" <<SQL
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;
DROP INDEX reading_site_time; DROP INDEX reading_channel_time;
INSERT INTO reading (site, device, channel, seq, t_ms, value, sum, unit, quality, received_ms)
SELECT d.site, d.device, 'grid-import', s.value, $start_ms + s.value * 60000, 0.25, s.value * 0.25, 'kWh', 'good',
       $start_ms + s.value * 60000
FROM device d CROSS JOIN generate_series(1, $minutes) s;
SQL
    echo "SQLite: $generated generated in $(( $(date +%s) - t0 )) s"
fi
rollup_rows() {  # $1 table, $2 bucket width in minutes, $3 "AS value" for PostgreSQL (SQLite's generate_series names it so)
    local w=$2 n=$((minutes / $2))
    cat <<SQL
INSERT INTO $1 (site, device, channel, unit, bucket_ms, n, lo_seq, hi_seq, increment_total, value_total, value_max,
                latest_t_ms, latest_value, latest_fault, value_n)
SELECT d.site, d.device, 'grid-import', 'kWh', $start_ms + b.k * $w * 60000, $w, b.k * $w + 1, b.k * $w + $w,
       $w * 0.25, $w * 0.25, 0.25, $start_ms + (b.k * $w + $w) * 60000, 0.25, 0, $w
FROM device d CROSS JOIN (SELECT CAST(value AS BIGINT) AS k FROM generate_series(0, $((n - 1))) ${3:-}) b;
SQL
}
"$agg" report --db "$db" --fiscal-year 2026 --format json >/dev/null    # the rollup tables, empty
if [ "$(sqlite3 "$db" "SELECT count(*) FROM rollup_day")" = 0 ]; then
    t0=$(date +%s)
    { echo "PRAGMA synchronous=OFF; BEGIN;"; rollup_rows rollup_hour 60; rollup_rows rollup_day 1440; echo "COMMIT;"; } | sqlite3 "$db"
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    echo "SQLite: rollups written in $(( $(date +%s) - t0 )) s"
fi

# PostgreSQL (a private cluster in $work/pg, unix socket only) -----------------------------------------------
pgbin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
uri="postgresql:///city?host=$work/pg&user=sgw"
if [ ! -d "$work/pg/data" ]; then
    mkdir -p "$work/pg"; [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
    as_pg "$pgbin/initdb" -D "$work/pg/data" -A trust -U sgw --no-sync -E UTF8 --locale=C >/dev/null
fi
if ! as_pg "$pgbin/pg_ctl" -D "$work/pg/data" status >/dev/null; then
    as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -o "-k $work/pg -c listen_addresses= -F \
        -c shared_buffers=512MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c wal_level=minimal -c max_wal_senders=0" start >/dev/null
    as_pg "$pgbin/createdb" -h "$work/pg" -U sgw city 2>/dev/null || true
fi
if [ "$(psql "$uri" -Atc "SELECT count(*) FROM pg_tables WHERE tablename = 'reading'")" = 0 ]; then
    t0=$(date +%s)
    "$agg" report --db "$uri" --fiscal-year 2026 --format json >/dev/null    # creates the tables
    psql "$uri" -v ON_ERROR_STOP=1 -q <<SQL
INSERT INTO device (device, site, site_kind, municipality, state, since_ms, status_json)
SELECT format('gw%s', lpad(i::text, 3, '0')), format('site-%s', lpad(i::text, 3, '0')), 'building', 'Bench', 'online', $start_ms, '{}'
FROM generate_series(0, $((boards - 1))) i;
INSERT INTO channel (site, device, channel, quantity, role, unit, interval_s, driver)
SELECT site, device, 'grid-import', 'energy', 'import', 'kWh', 60, 'pulse-energy' FROM device;
SQL
    [ -n "$rollups_only" ] || psql "$uri" -v ON_ERROR_STOP=1 -q <<SQL
ALTER TABLE reading DROP CONSTRAINT reading_device_channel_seq_key; DROP INDEX reading_site_time;
ALTER TABLE reading DROP CONSTRAINT reading_pkey;
INSERT INTO reading (site, device, channel, seq, t_ms, value, sum, unit, quality, received_ms)
SELECT d.site, d.device, 'grid-import', s, $start_ms + s * 60000, 0.25, s * 0.25, 'kWh', 'good', $start_ms + s * 60000
FROM device d CROSS JOIN generate_series(1::bigint, $minutes::bigint) s;
ALTER TABLE reading ADD PRIMARY KEY (arrival);
ALTER TABLE reading ADD CONSTRAINT reading_device_channel_seq_key UNIQUE (device, channel, seq);
CREATE INDEX reading_site_time ON reading (site, t_ms);
SQL
    echo "PostgreSQL: $generated generated in $(( $(date +%s) - t0 )) s"
fi
"$agg" report --db "$uri" --fiscal-year 2026 --format json >/dev/null
if [ "$(psql "$uri" -Atc "SELECT count(*) FROM rollup_day")" = 0 ]; then
    t0=$(date +%s)
    { rollup_rows rollup_hour 60 "AS value"; rollup_rows rollup_day 1440 "AS value"; echo "VACUUM ANALYZE;"; } \
        | psql "$uri" -v ON_ERROR_STOP=1 -q
    echo "PostgreSQL: rollups written in $(( $(date +%s) - t0 )) s"
fi

# Measurements ------------------------------------------------------------------------------------------
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$(date +%s.%N)"; }
expected_kwh=$(python3 -c "print(round($boards * $minutes * 0.25))")
port=18080
for store in sqlite postgres; do
    if [ $store = sqlite ]; then at="$db"; readings=$(sqlite3 "$db" "SELECT count(*) FROM reading")
        bytes=$(( $(sqlite3 "$db" 'PRAGMA page_count') * $(sqlite3 "$db" 'PRAGMA page_size') ))
    else at="$uri"; readings=$(psql "$uri" -Atc "SELECT count(*) FROM reading"); bytes=$(psql "$uri" -Atc "SELECT pg_database_size('city')")
    fi
    if [ "$readings" -gt 0 ]; then
        echo "$store: $readings readings; database $bytes bytes, $(( bytes / readings )) bytes per reading (readings, indexes, rollups)"
    else
        echo "$store: no readings (ROLLUPS_ONLY); database $bytes bytes (rollups and boards)"
    fi
    for i in 1 2 3; do
        t0=$(date +%s.%N)
        "$agg" report --db "$at" --fiscal-year 2026 --format json >"$work/report.json"
        echo "  report FY2026 (run $i): $(seconds "$t0") s, $(python3 -c "import json; r=json.load(open('$work/report.json')); print(len(r['sites']), 'sites,', round(sum(s['energyImportedKWh'] for s in r['sites'])), 'kWh (readings: $expected_kwh)')")"
    done
    for i in 1 2 3; do
        t0=$(date +%s.%N)
        "$agg" report --db "$at" --city "$work/bench.yaml" --fiscal-year 2026 --format json >"$work/city.json"
        echo "  report --city FY2026 (run $i): $(seconds "$t0") s, $(python3 -c "import json; r=json.load(open('$work/city.json')); k={x['id']: x for x in r['kpis']}; print('energy-total', k['energy-total']['value'], 'MWh,', 'co2', k['co2']['value'], 't')")"
    done
    port=$((port + 1))
    "$agg" serve --db "$at" --city "$work/bench.yaml" --listen 127.0.0.1:$port --fiscal-year 2026 >"$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
    for page in / /city/bench /city/bench/report.json; do
        for i in 1 2 3; do
            echo "  GET $page (run $i): $(curl -s -o /dev/null -w '%{time_total} s, %{size_download} bytes, HTTP %{http_code}' "http://127.0.0.1:$port$page")"
        done
    done
    kill "$server"; wait "$server" 2>/dev/null || true
done
as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null
