/// The PostgreSQL store's tables: the SQLite store's, column for column (both stores run the same report
/// query, `SiteReportQuery`), with PostgreSQL's types.
enum PostgresSchema {
    static let tables = """
        CREATE TABLE IF NOT EXISTS reading (
            arrival bigserial PRIMARY KEY,
            site text NOT NULL, device text NOT NULL, channel text NOT NULL, seq bigint NOT NULL,
            t_ms bigint NOT NULL, value float8, sum float8, unit text, quality text NOT NULL,
            cal text, fault text, method text, received_ms bigint NOT NULL,
            UNIQUE (device, channel, seq)
        );
        -- No (site, t_ms) index: the report and the pages read the rollups, and it cost every reading a third
        -- B-tree insert (dropped from existing databases, as the SQLite store dropped its time indexes).
        DROP INDEX IF EXISTS reading_site_time;
        CREATE TABLE IF NOT EXISTS channel (
            site text NOT NULL, device text NOT NULL, channel text NOT NULL, quantity text NOT NULL,
            role text, unit text NOT NULL, interval_s float8 NOT NULL, driver text NOT NULL,
            PRIMARY KEY (device, channel)
        );
        CREATE TABLE IF NOT EXISTS device (
            device text PRIMARY KEY, site text NOT NULL, site_kind text, municipality text,
            state text NOT NULL, since_ms bigint NOT NULL, firmware text, config_hash text, status_json text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS status_event (
            id bigserial PRIMARY KEY, device text NOT NULL, state text NOT NULL, at_ms bigint NOT NULL
        );
        CREATE TABLE IF NOT EXISTS counter (name text PRIMARY KEY, value bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS gap (
            site text NOT NULL, device text NOT NULL, channel text NOT NULL,
            from_seq bigint NOT NULL, to_seq bigint NOT NULL,
            changed_ms bigint NOT NULL, requested_ms bigint, requests integer NOT NULL DEFAULT 0,
            PRIMARY KEY (device, channel, from_seq)
        );
        CREATE TABLE IF NOT EXISTS board_seen (device text PRIMARY KEY, site text NOT NULL, first_seen_ms bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS commissioning (
            device text PRIMARY KEY, site text NOT NULL, visit_id text NOT NULL, at_ms bigint NOT NULL,
            measured_by text NOT NULL, instruments text NOT NULL, scan_matched boolean NOT NULL,
            drift_json text NOT NULL, received_ms bigint NOT NULL
        );
        CREATE TABLE IF NOT EXISTS quarantined_reading (
            site text NOT NULL, device text NOT NULL, channel text NOT NULL, seq bigint NOT NULL,
            t_s float8 NOT NULL, value float8, sum float8, unit text, quality text NOT NULL, reason text NOT NULL,
            received_ms bigint NOT NULL,
            UNIQUE (device, channel, seq)
        );
        CREATE INDEX IF NOT EXISTS quarantined_reading_device ON quarantined_reading (device, received_ms);
        CREATE TABLE IF NOT EXISTS intake_refusal (
            site text NOT NULL, device text NOT NULL, topic text NOT NULL, reason text NOT NULL,
            records integer NOT NULL, detail text NOT NULL, received_ms bigint NOT NULL
        );
        CREATE INDEX IF NOT EXISTS intake_refusal_device ON intake_refusal (device, received_ms);
        CREATE TABLE IF NOT EXISTS conflicting_reading (
            site text NOT NULL, device text NOT NULL, channel text NOT NULL, seq bigint NOT NULL,
            t_ms bigint NOT NULL, value float8, sum float8, unit text, quality text NOT NULL,
            stored_value float8, stored_sum float8, received_ms bigint NOT NULL
        );
        CREATE INDEX IF NOT EXISTS conflicting_reading_device ON conflicting_reading (device, t_ms);
        """

    static func rollup(_ table: String) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(table) (
            site text NOT NULL, device text NOT NULL, channel text NOT NULL, unit text NOT NULL,
            bucket_ms bigint NOT NULL, n bigint NOT NULL, lo_seq bigint NOT NULL, hi_seq bigint NOT NULL,
            increment_total float8, value_total float8, value_max float8,
            latest_t_ms bigint NOT NULL, latest_value float8, latest_fault integer NOT NULL,
            value_n bigint NOT NULL DEFAULT 0,
            PRIMARY KEY (device, channel, unit, bucket_ms, site)
        );
        CREATE INDEX IF NOT EXISTS \(table)_bucket ON \(table) (bucket_ms);
        CREATE INDEX IF NOT EXISTS \(table)_site_channel ON \(table) (site, channel, bucket_ms);
        """
    }
}
