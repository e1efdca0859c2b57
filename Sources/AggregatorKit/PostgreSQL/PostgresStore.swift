import Foundation
import GatewayCore

/// The city's PostgreSQL store (`--db postgres://…`): the same tables and meaning as the SQLite store, for
/// several aggregator instances sharing the boards' data through an MQTT shared subscription. Each batch is
/// one transaction of a few statements whatever its size (readings, rollups and first sightings pass as
/// arrays); the unique constraint on (device, channel, seq) with ON CONFLICT DO NOTHING stores a message two
/// instances both received once, and a repeated key with another value or sum is kept aside in
/// `conflicting_reading`, as the SQLite store does. Rows are written in key order so concurrent batches lock in the same order;
/// a deadlock or serialization failure all the same is retried.
///
/// Gaps between instances: batches touching the same channel take turns on a per-channel advisory lock, so
/// each sees the channel's highest sequence as the other left it, and a gap is one in the shared database.
///
/// An instance that owns a partition of the boards (`own(_:)`, `kpi-aggregator run --partition K/N`) is the only
/// writer of its boards' channels while it holds the partition's session advisory lock: it takes no per-channel
/// lock, keeps each channel's highest sequence and interval in memory between batches, writes rows in the order
/// they arrived, and leaves out `RETURNING` when the memory shows every reading of the batch is new.
public final class PostgresStore: CityStore, @unchecked Sendable {
    public let location: String
    private let connection: PostgresConnection
    private let lock = NSLock()
    /// The partition this connection holds the lock of, if any.
    private var owned: BoardPartition?
    /// With a partition owned: each channel's highest stored sequence and declared interval, as the last committed
    /// batch left them. Forgotten when a transaction fails and, for a board's channels, when its status arrives.
    private var memory: [ChannelKey: ChannelState] = [:]
    private struct ChannelState { var highest: Int64?, interval: Double? }
    /// The reading and rollup columns of a batch, as array literals in buffers reused from batch to batch.
    private let readingColumns = (0..<13).map { _ in PostgresBatchText(capacity: 1 << 16) }
    /// The readings of a batch known to be new, as COPY rows.
    private let readingRows = PostgresBatchText(.copy, capacity: 1 << 20)
    private let rollupColumns = (0..<15).map { _ in PostgresBatchText(capacity: 1 << 14) }
    /// The first key of the partition locks (`pg_try_advisory_lock(int, int)`); the second is N × 64 + K.
    static let partitionLockClass: Int32 = 14_014

    /// Takes the lock of `partition` for this connection's session if no other session holds it; true once held.
    /// PostgreSQL releases it when the connection ends (the process stopped or was killed), so a standby
    /// instance asking again then takes over.
    public func own(_ partition: BoardPartition) throws(AggregatorError) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if owned == partition { return true }
        guard owned == nil else {
            throw AggregatorError("this PostgreSQL connection owns partition \(owned!) already, not \(partition)")
        }
        let held = try connection.execute("SELECT pg_try_advisory_lock($1::int, $2::int)", [
            String(Self.partitionLockClass), String(partition.count * BoardPartition.maximumCount + partition.index),
        ]).rows.first?[0] == "t"
        if held {
            owned = partition
            memory = [:]
        }
        return held
    }

    public init(conninfo: String) throws(AggregatorError) {
        connection = try PostgresConnection(conninfo)
        location = connection.target
        try transaction { c throws(AggregatorError) in
            // Instances starting together must not create the tables twice.
            try c.execute("SELECT pg_advisory_xact_lock(14014)")
            try c.execute(PostgresSchema.tables)
            var rebuild = false
            for r in ReadingRollup.Resolution.allCases {
                let existed = try c.execute("SELECT to_regclass($1) IS NOT NULL", [r.table]).rows.first?[0] == "t"
                if existed, try c.execute("""
                    SELECT 1 FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'value_n'
                    """, [r.table]).rows.isEmpty {
                    // Rollups from before `valueCount`: built again from the readings below.
                    try c.execute("ALTER TABLE \(r.table) ADD COLUMN value_n bigint NOT NULL DEFAULT 0")
                    rebuild = true
                }
                try c.execute(PostgresSchema.rollup(r.table))
            }
            if rebuild { try rebuildRollups(c) }
        }
    }

    /// Sums the stored readings into the rollups again, in the order they arrived (as on ingest), a chunk at a time.
    private func rebuildRollups(_ c: PostgresConnection) throws(AggregatorError) {
        for r in ReadingRollup.Resolution.allCases { try c.execute("DELETE FROM \(r.table)") }
        var intervals: [ChannelKey: Double] = [:]
        for row in try c.execute("SELECT device, channel, interval_s FROM channel").rows {
            intervals[ChannelKey(device: row[0]!, channel: row[1]!)] = row[2].flatMap(Double.init)
        }
        var after = "0"
        while true {
            let rows = try c.execute("""
                SELECT arrival, site, device, channel, seq, t_ms, value, sum, unit, quality FROM reading
                WHERE arrival > $1 ORDER BY arrival LIMIT 100000
                """, [after]).rows
            guard let last = rows.last else { return }
            var batch = ReadingRollup.Batch()
            for row in rows {
                let unit = row[8] ?? ""
                let reading = Reading(key: ReadingKey(device: DeviceID(row[2]!), channel: ChannelID(row[3]!), sequence: UInt64(row[4]!) ?? 0),
                                      time: UnixTime(milliseconds: Int64(row[5]!) ?? 0),
                                      value: row[6].flatMap(Double.init).map { MeasuredValue($0, unit) },
                                      sum: row[7].flatMap(Double.init).map { MeasuredValue($0, unit) },
                                      quality: ReadingQuality(rawValue: row[9]!) ?? .good)
                batch.add(reading, site: row[1]!, intervalSeconds: intervals[ChannelKey(device: row[2]!, channel: row[3]!)])
            }
            try applyRollups(batch, c)
            after = last[0]!
        }
    }

    /// Runs `body` in a transaction, again (up to 5 times) when PostgreSQL ends it for a deadlock or a
    /// serialization failure.
    private func transaction<T>(_ body: (PostgresConnection) throws(AggregatorError) -> T) throws(AggregatorError) -> T {
        lock.lock()
        defer { lock.unlock() }
        var attempt = 0
        while true {
            attempt += 1
            do {
                try connection.execute("BEGIN")
                let value = try body(connection)
                try connection.execute("COMMIT")
                return value
            } catch {
                _ = try? connection.execute("ROLLBACK")
                // What the failed transaction wrote is gone, and the memory may hold some of it.
                memory.removeAll()
                guard attempt < 5, error.sqlState == "40P01" || error.sqlState == "40001" else { throw error }
            }
        }
    }

    // MARK: intake

    public func store(_ packs: [IncomingPack]) throws(AggregatorError) -> [Int] {
        for pack in packs { try pack.checkStorable() }
        return try transaction { c throws(AggregatorError) in try storeBatch(packs, c) }
    }

    private struct Key: Hashable { var device: String, channel: String, seq: Int64 }
    private struct ChannelKey: Hashable, Comparable {
        var device: String, channel: String
        static func < (a: Self, b: Self) -> Bool { (a.device, a.channel) < (b.device, b.channel) }
    }

    private func storeBatch(_ packs: [IncomingPack], _ c: PostgresConnection) throws(AggregatorError) -> [Int] {
        // First sightings, one row per board.
        var firstPack: [String: IncomingPack] = [:]
        for pack in packs { for r in pack.readings where firstPack[r.key.device.rawValue] == nil { firstPack[r.key.device.rawValue] = pack } }
        let devices = firstPack.keys.sorted()
        try c.execute("""
            INSERT INTO board_seen (device, site, first_seen_ms) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
            ON CONFLICT DO NOTHING
            """, [postgresArray(devices), postgresArray(devices.map { firstPack[$0]!.site }),
                  postgresArray(devices.map { String(firstPack[$0]!.receivedAt.milliseconds) })], prepareAs: "note_seen")
        var channels = Set<ChannelKey>()
        for pack in packs { for r in pack.readings { channels.insert(ChannelKey(device: r.key.device.rawValue, channel: r.key.channel.rawValue)) } }
        // Each channel's highest sequence and declared interval before the batch: from memory for an owned
        // partition's channels seen before, else asked.
        var highest: [ChannelKey: Int64?] = [:]
        var intervals: [ChannelKey: Double?] = [:]
        var unknown: [ChannelKey] = []
        if owned == nil {
            unknown = channels.sorted()
            // Batches of two instances that touch the same channel take turns (a lock per channel, taken in one
            // order): the second then sees the first's readings, so neither opens a gap the other is filling.
            try c.execute("""
                SELECT count(pg_advisory_xact_lock(h)) FROM (
                    SELECT DISTINCT hashtextextended(k.device || ':' || k.channel, 14) AS h
                    FROM unnest($1::text[], $2::text[]) AS k(device, channel) ORDER BY h) AS locks
                """, [postgresArray(unknown.map(\.device)), postgresArray(unknown.map(\.channel))], prepareAs: "channel_locks")
        } else {
            for channel in channels {
                if let known = memory[channel] {
                    highest[channel] = .some(known.highest)
                    intervals[channel] = .some(known.interval)
                } else {
                    unknown.append(channel)
                }
            }
        }
        if !unknown.isEmpty {
            // In one round trip: the interval asked channel by channel cost 1,000 round trips a batch of 100 boards' readings.
            for row in try c.execute("""
                SELECT k.device, k.channel, (SELECT max(seq) FROM reading r WHERE r.device = k.device AND r.channel = k.channel),
                       (SELECT interval_s FROM channel c WHERE c.device = k.device AND c.channel = k.channel)
                FROM unnest($1::text[], $2::text[]) AS k(device, channel)
                """, [postgresArray(unknown.map(\.device)), postgresArray(unknown.map(\.channel))], prepareAs: "highest_and_interval").rows {
                let channel = ChannelKey(device: row[0]!, channel: row[1]!)
                highest[channel] = .some(row[2].flatMap { Int64($0) })
                intervals[channel] = .some(row[3].flatMap(Double.init))
            }
        }
        // With the partition owned, a reading above its channel's highest sequence (and above the batch's earlier
        // ones) is certainly new: when all are, the insert need not return the keys it stored.
        var allNew = owned != nil
        if allNew {
            var running = highest
            check: for pack in packs {
                for r in pack.readings {
                    let channel = ChannelKey(device: r.key.device.rawValue, channel: r.key.channel.rawValue)
                    let seq = Int64(r.key.sequence)
                    if let high = running[channel] ?? nil, seq <= high { allNew = false; break check }
                    running[channel] = .some(seq)
                }
            }
        }
        // The readings: in key order when instances share channels (the same lock order), else as they arrived;
        // as COPY rows when all are new (no conflict to resolve), else as one array per column.
        let columns = allNew ? Array(repeating: readingRows, count: 13) : readingColumns
        if allNew { readingRows.start() } else { for column in columns { column.start() } }
        var total = 0
        func add(_ site: String, _ receivedAt: Int64, _ r: Reading) {
            columns[0].text(site); columns[1].text(r.key.device.rawValue); columns[2].text(r.key.channel.rawValue)
            columns[3].integer(Int64(r.key.sequence)); columns[4].integer(r.time.milliseconds)
            columns[5].double(r.value?.value); columns[6].double(r.sum?.value)
            columns[7].text(r.value?.unit ?? r.sum?.unit); columns[8].text(r.quality.rawValue)
            columns[9].text(r.calibrationID); columns[10].text(r.fault); columns[11].text(r.method)
            columns[12].integer(receivedAt)
            if allNew { readingRows.endRow() }
            total += 1
        }
        if owned == nil {
            var all: [(site: String, receivedAt: Int64, reading: Reading)] = []
            for pack in packs { for r in pack.readings { all.append((pack.site, pack.receivedAt.milliseconds, r)) } }
            all.sort { ($0.reading.key.device.rawValue, $0.reading.key.channel.rawValue, $0.reading.key.sequence)
                < ($1.reading.key.device.rawValue, $1.reading.key.channel.rawValue, $1.reading.key.sequence) }
            for row in all { add(row.site, row.receivedAt, row.reading) }
        } else {
            for pack in packs { for r in pack.readings { add(pack.site, pack.receivedAt.milliseconds, r) } }
        }
        if !allNew { for column in columns { column.finish() } }
        let insert = """
            INSERT INTO reading (site, device, channel, seq, t_ms, value, sum, unit, quality, cal, fault, method, received_ms)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::float8[], $7::float8[],
                                 $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bigint[])
            ON CONFLICT (device, channel, seq) DO NOTHING
            """
        var new = Set<Key>()
        if allNew {
            let stored: Int
            do {
                stored = try c.copy("""
                    COPY reading (site, device, channel, seq, t_ms, value, sum, unit, quality, cal, fault, method, received_ms) FROM STDIN
                    """, readingRows)
            } catch where error.sqlState == "23505" {
                stored = -1  // a key stored already: the unique constraint refused the COPY
            }
            guard stored == total else {
                throw AggregatorError("PostgreSQL at \(location): readings of partition \(owned!) were stored already though this instance owns the partition and had not stored them. Another writer stores these boards: an aggregator without --partition, or one with another N, on the same database. Give every instance the same N and a part of its own")
            }
        } else {
            for row in try c.execute(insert + " RETURNING device, channel, seq", arrays: columns, prepareAs: "insert_readings").rows {
                new.insert(Key(device: row[0]!, channel: row[1]!, seq: Int64(row[2]!)!))
            }
        }
        // Gaps and rollups follow the readings in the order they arrived, as in the SQLite store.
        var rollups = ReadingRollup.Batch()
        var counts: [Int] = []
        var duplicates = 0
        var repeated = RepeatedReadings()
        for pack in packs {
            var n = 0
            for r in pack.readings {
                let key = Key(device: r.key.device.rawValue, channel: r.key.channel.rawValue, seq: Int64(r.key.sequence))
                guard allNew || new.remove(key) != nil else {
                    repeated.add(r, site: pack.site, receivedAt: pack.receivedAt)
                    continue
                }
                n += 1
                let channel = ChannelKey(device: key.device, channel: key.channel)
                rollups.add(r, site: pack.site, intervalSeconds: intervals[channel] ?? nil)
                let before = highest[channel] ?? nil
                try arrived(c, site: pack.site, device: key.device, channel: key.channel, seq: key.seq, highestBefore: before,
                            now: pack.receivedAt.milliseconds)
                highest[channel] = .some(max(before ?? key.seq, key.seq))
            }
            counts.append(n)
            duplicates += pack.readings.count - n
        }
        try applyRollups(rollups, c)
        try keepConflicting(repeated, c)
        if duplicates > 0 {
            try c.execute("""
                INSERT INTO counter (name, value) VALUES ('duplicates', $1)
                ON CONFLICT (name) DO UPDATE SET value = counter.value + excluded.value
                """, [String(duplicates)], prepareAs: "count_duplicates")
        }
        if owned != nil {
            // Kept for the next batch; a failed commit forgets it (`transaction`).
            for channel in channels { memory[channel] = ChannelState(highest: highest[channel] ?? nil, interval: intervals[channel] ?? nil) }
        }
        return counts
    }

    /// Readings of a batch whose (device, channel, seq) was stored already, each version once.
    private struct RepeatedReadings {
        private struct Version: Hashable { var key: Key, value: Double?, sum: Double? }
        private var seen = Set<Version>()
        var rows: [(site: String, receivedAt: Int64, reading: Reading)] = []

        mutating func add(_ r: Reading, site: String, receivedAt: UnixTime) {
            let version = Version(key: Key(device: r.key.device.rawValue, channel: r.key.channel.rawValue, seq: Int64(r.key.sequence)),
                                  value: r.value?.value, sum: r.sum?.value)
            if seen.insert(version).inserted { rows.append((site, receivedAt.milliseconds, r)) }
        }
    }

    /// `ConflictingReadings.keepIfConflicting` for a whole batch: a repeated key whose value or sum differs from
    /// the stored reading's is kept aside (never counted), unless this version was kept already.
    private func keepConflicting(_ repeated: RepeatedReadings, _ c: PostgresConnection) throws(AggregatorError) {
        let rows = repeated.rows
        guard !rows.isEmpty else { return }
        func column(_ f: ((site: String, receivedAt: Int64, reading: Reading)) -> String?) -> String? { postgresArray(rows.map(f)) }
        try c.execute("""
            INSERT INTO conflicting_reading (site, device, channel, seq, t_ms, value, sum, unit, quality, stored_value, stored_sum, received_ms)
            SELECT k.site, k.device, k.channel, k.seq, k.t_ms, k.value, k.sum, k.unit, k.quality, r.value, r.sum, k.received_ms
            FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::float8[], $7::float8[], $8::text[],
                        $9::text[], $10::bigint[]) AS k(site, device, channel, seq, t_ms, value, sum, unit, quality, received_ms)
            JOIN reading r ON r.device = k.device AND r.channel = k.channel AND r.seq = k.seq
            WHERE (r.value IS DISTINCT FROM k.value OR r.sum IS DISTINCT FROM k.sum)
              AND NOT EXISTS (SELECT 1 FROM conflicting_reading x WHERE x.device = k.device AND x.channel = k.channel
                              AND x.seq = k.seq AND x.value IS NOT DISTINCT FROM k.value AND x.sum IS NOT DISTINCT FROM k.sum)
            """, [
                column { $0.site }, column { $0.reading.key.device.rawValue }, column { $0.reading.key.channel.rawValue },
                column { String($0.reading.key.sequence) }, column { String($0.reading.time.milliseconds) },
                column { $0.reading.value.map { "\($0.value)" } }, column { $0.reading.sum.map { "\($0.value)" } },
                column { $0.reading.value?.unit ?? $0.reading.sum?.unit }, column { $0.reading.quality.rawValue },
                column { String($0.receivedAt) },
            ], prepareAs: "keep_conflicting")
    }

    /// `SequenceGaps.arrived` in PostgreSQL's words.
    private func arrived(_ c: PostgresConnection, site: String, device: String, channel: String, seq: Int64,
                         highestBefore: Int64?, now: Int64) throws(AggregatorError) {
        guard let high = highestBefore else { return }
        if high < Int64.max, seq > high + 1 {
            try c.execute("""
                INSERT INTO gap (site, device, channel, from_seq, to_seq, changed_ms) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING
                """, [site, device, channel, String(high + 1), String(seq - 1), String(now)], prepareAs: "open_gap")
        } else if seq < high {
            guard let row = try c.execute("""
                SELECT from_seq, to_seq, requested_ms, requests FROM gap
                WHERE device = $1 AND channel = $2 AND from_seq <= $3 ORDER BY from_seq DESC LIMIT 1
                """, [device, channel, String(seq)], prepareAs: "gap_holding").rows.first,
                  let from = Int64(row[0]!), let to = Int64(row[1]!), to >= seq else { return }
            try c.execute("DELETE FROM gap WHERE device = $1 AND channel = $2 AND from_seq = $3",
                          [device, channel, String(from)], prepareAs: "close_gap")
            for (a, b) in [(from, seq - 1), (seq + 1, to)] where a <= b && seq > Int64.min && seq < Int64.max {
                try c.execute("""
                    INSERT INTO gap (site, device, channel, from_seq, to_seq, changed_ms, requested_ms, requests)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """, [site, device, channel, String(a), String(b), String(now), row[2], row[3]], prepareAs: "split_gap")
            }
        }
    }

    private func applyRollups(_ batch: ReadingRollup.Batch, _ c: PostgresConnection) throws(AggregatorError) {
        for resolution in ReadingRollup.Resolution.allCases {
            // Sorted where instances share channels (the same lock order); an owned partition's rows are its own.
            let rows: [ReadingRollup] = owned == nil ? batch.rows(resolution) : Array(batch.unorderedRows(resolution))
            guard !rows.isEmpty else { continue }
            let columns = rollupColumns
            for column in columns { column.start() }
            for r in rows {
                columns[0].text(r.site); columns[1].text(r.device); columns[2].text(r.channel); columns[3].text(r.unit)
                columns[4].integer(r.bucketStart.milliseconds); columns[5].integer(r.count)
                columns[6].integer(r.lowestSequence); columns[7].integer(r.highestSequence)
                columns[8].double(r.incrementTotal); columns[9].double(r.valueTotal); columns[10].double(r.valueMaximum)
                columns[11].integer(r.latestTime.milliseconds); columns[12].double(r.latestValue)
                columns[13].integer(r.latestIsFault ? 1 : 0); columns[14].integer(r.valueCount)
            }
            for column in columns { column.finish() }
            try c.execute("""
                INSERT INTO \(resolution.table) AS r (site, device, channel, unit, bucket_ms, n, lo_seq, hi_seq, increment_total,
                                                     value_total, value_max, latest_t_ms, latest_value, latest_fault, value_n)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[],
                                     $8::bigint[], $9::float8[], $10::float8[], $11::float8[], $12::bigint[], $13::float8[], $14::integer[],
                                     $15::bigint[])
                ON CONFLICT (device, channel, unit, bucket_ms, site) DO UPDATE SET
                    n = r.n + excluded.n, value_n = r.value_n + excluded.value_n, lo_seq = least(r.lo_seq, excluded.lo_seq), hi_seq = greatest(r.hi_seq, excluded.hi_seq),
                    increment_total = coalesce(r.increment_total + excluded.increment_total, r.increment_total, excluded.increment_total),
                    value_total = coalesce(r.value_total + excluded.value_total, r.value_total, excluded.value_total),
                    value_max = greatest(r.value_max, excluded.value_max),
                    -- the newest good reading stands for the bucket; a fault or saturated one only while there is none
                    latest_value = CASE WHEN (excluded.latest_fault < r.latest_fault OR (excluded.latest_fault = r.latest_fault AND excluded.latest_t_ms >= r.latest_t_ms)) THEN excluded.latest_value ELSE r.latest_value END,
                    latest_fault = CASE WHEN (excluded.latest_fault < r.latest_fault OR (excluded.latest_fault = r.latest_fault AND excluded.latest_t_ms >= r.latest_t_ms)) THEN excluded.latest_fault ELSE r.latest_fault END,
                    latest_t_ms = CASE WHEN (excluded.latest_fault < r.latest_fault OR (excluded.latest_fault = r.latest_fault AND excluded.latest_t_ms >= r.latest_t_ms)) THEN excluded.latest_t_ms ELSE r.latest_t_ms END
                """, arrays: columns, prepareAs: "rollup_\(resolution.rawValue)")
        }
    }

    public func recordCommissioning(_ visit: BoardCommissioning, receivedAt: UnixTime) throws(AggregatorError) {
        let drift = try visit.driftJSON()
        try transaction { c throws(AggregatorError) in
            // A retained message comes again on every reconnect: an older visit never replaces a newer one.
            try c.execute("""
                INSERT INTO commissioning (device, site, visit_id, at_ms, measured_by, instruments, scan_matched,
                                           drift_json, received_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (device) DO UPDATE SET site = excluded.site, visit_id = excluded.visit_id,
                    at_ms = excluded.at_ms, measured_by = excluded.measured_by, instruments = excluded.instruments,
                    scan_matched = excluded.scan_matched, drift_json = excluded.drift_json, received_ms = excluded.received_ms
                WHERE excluded.at_ms >= commissioning.at_ms
                """, [visit.device, visit.site, visit.id, String(visit.time.milliseconds), visit.measuredBy,
                      visit.instruments, visit.scanMatched ? "true" : "false", drift, String(receivedAt.milliseconds)])
        }
    }

    public func commissioning() throws(AggregatorError) -> [BoardCommissioning] {
        let result = try transaction { c throws(AggregatorError) in
            try c.execute("""
                SELECT site, device, visit_id, at_ms, measured_by, instruments, scan_matched, drift_json
                FROM commissioning ORDER BY site, device
                """)
        }
        return result.rows.map { r in
            BoardCommissioning(site: r[0] ?? "", device: r[1] ?? "", id: r[2] ?? "",
                               time: UnixTime(milliseconds: Int64(r[3] ?? "") ?? 0), measuredBy: r[4] ?? "",
                               instruments: r[5] ?? "", scanMatched: r[6] == "t", drift: BoardCommissioning.drift(json: r[7] ?? ""))
        }
    }

    public func recordStatus(_ status: BoardStatus, receivedAt: UnixTime) throws(AggregatorError) {
        let json = try status.storedJSON()
        let state = status.state.rawValue, at = String(receivedAt.milliseconds)
        try transaction { c throws(AggregatorError) in
            // A status may declare other intervals: its board's channels are asked again at their next batch.
            if !memory.isEmpty { memory = memory.filter { $0.key.device != status.device } }
            // Locks the board's row, so two instances recording its statuses record each transition once.
            let previous = try c.execute("SELECT state, since_ms FROM device WHERE device = $1 FOR UPDATE", [status.device]).rows.first
            let since = previous?[0] == state ? (previous?[1] ?? at) : at
            try c.execute("""
                INSERT INTO device (device, site, site_kind, municipality, state, since_ms, firmware, config_hash, status_json)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (device) DO UPDATE SET site = excluded.site,
                    site_kind = coalesce(excluded.site_kind, device.site_kind),
                    municipality = coalesce(excluded.municipality, device.municipality),
                    state = excluded.state, since_ms = excluded.since_ms,
                    firmware = coalesce(excluded.firmware, device.firmware),
                    config_hash = coalesce(excluded.config_hash, device.config_hash), status_json = excluded.status_json
                """, [status.device, status.site, status.siteKind, status.municipality, state, since, status.firmware,
                      status.configHash, json])
            if previous?[0] != state {
                try c.execute("INSERT INTO status_event (device, state, at_ms) VALUES ($1, $2, $3)", [status.device, state, at])
            }
            try c.execute("INSERT INTO board_seen (device, site, first_seen_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                          [status.device, status.site, at])
            for ch in status.channels ?? [] {
                try c.execute("""
                    INSERT INTO channel (site, device, channel, quantity, role, unit, interval_s, driver)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    ON CONFLICT (device, channel) DO UPDATE SET site = excluded.site, quantity = excluded.quantity,
                        role = excluded.role, unit = excluded.unit, interval_s = excluded.interval_s, driver = excluded.driver
                    """, [status.site, status.device, ch.id, ch.quantity, ch.role, ch.unit, "\(ch.intervalSeconds)", ch.driver])
            }
        }
    }

    public func firstSeen(device: String) throws(AggregatorError) -> UnixTime? {
        try transaction { c throws(AggregatorError) in
            try c.execute("SELECT first_seen_ms FROM board_seen WHERE device = $1", [device]).rows.first?[0]
                .flatMap { Int64($0) }.map(UnixTime.init(milliseconds:))
        }
    }

    public func noteSeen(_ board: BoardTopic, at: UnixTime) throws(AggregatorError) {
        try transaction { c throws(AggregatorError) in
            try c.execute("INSERT INTO board_seen (device, site, first_seen_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                          [board.device, board.site, String(at.milliseconds)])
        }
    }

    public func quarantine(_ readings: [QuarantinedReading], from board: BoardTopic, receivedAt: UnixTime) throws(AggregatorError) {
        guard !readings.isEmpty else { return }
        try transaction { c throws(AggregatorError) in
            for q in readings {
                try c.execute("""
                    INSERT INTO quarantined_reading (site, device, channel, seq, t_s, value, sum, unit, quality, reason, received_ms)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING
                    """, [board.site, board.device, q.channel, String(q.sequence), "\(q.timeSeconds)", q.value.map { "\($0)" },
                          q.sum.map { "\($0)" }, q.unit, q.quality, q.reason.rawValue, String(receivedAt.milliseconds)])
            }
        }
    }

    public func recordRefusal(_ refusal: IntakeRefusal, records: Int, from board: BoardTopic, receivedAt: UnixTime) throws(AggregatorError) {
        try transaction { c throws(AggregatorError) in
            try c.execute("""
                INSERT INTO intake_refusal (site, device, topic, reason, records, detail, received_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, [board.site, board.device, board.topic, refusal.reason, String(records),
                      String(refusal.description.prefix(1000)), String(receivedAt.milliseconds)])
        }
    }

    // MARK: gaps

    public func dueResends(now: UnixTime, quiet: Swift.Duration, maximumRequests: Int, maximumSpans: Int,
                           maximumReadings: UInt64) throws(AggregatorError) -> [ResendDue] {
        let before = String(now.milliseconds - quiet.components.seconds * 1000 - quiet.components.attoseconds / 1_000_000_000_000_000)
        let rows = try transaction { c throws(AggregatorError) in
            try c.execute("""
                SELECT g.site, g.device, g.channel, g.from_seq, g.to_seq FROM gap g JOIN device d ON d.device = g.device
                WHERE d.state = 'online' AND g.requests < $1 AND g.changed_ms <= $2 AND coalesce(g.requested_ms, 0) <= $2
                ORDER BY g.device, g.channel, g.from_seq
                """, [String(maximumRequests), before]).rows
        }
        return ResendDue.grouped(rows.map { (site: $0[0]!, device: $0[1]!, channel: $0[2]!, from: Int64($0[3]!)!, to: Int64($0[4]!)!) },
                                 maximumSpans: maximumSpans, maximumReadings: maximumReadings)
    }

    public func markRequested(_ due: ResendDue, now: UnixTime) throws(AggregatorError) {
        try transaction { c throws(AggregatorError) in
            for span in due.spans {
                try c.execute("""
                    UPDATE gap SET requests = requests + 1, requested_ms = $1 WHERE device = $2 AND channel = $3 AND from_seq = $4
                    """, [String(now.milliseconds), due.device, due.channel, String(span.lowerBound)])
            }
        }
    }

    public func gaps() throws(AggregatorError) -> [SequenceGap] {
        try transaction { c throws(AggregatorError) in
            try c.execute("SELECT device, channel, from_seq, to_seq, requests FROM gap ORDER BY device, channel, from_seq").rows.map {
                SequenceGap(device: $0[0]!, channel: $0[1]!, sequences: UInt64($0[2]!)!...UInt64($0[3]!)!, requests: Int($0[4]!)!)
            }
        }
    }

    // MARK: queries

    /// The per-site report: `SiteReportQuery`, the text the SQLite store runs, over the rollups.
    public func report(fiscalYear fy: FiscalYear) throws(AggregatorError) -> KPIReport {
        try report(fiscalYear: fy, asOf: .current)
    }

    public func report(fiscalYear fy: FiscalYear, asOf now: UnixTime) throws(AggregatorError) -> KPIReport {
        let result = try transaction { c throws(AggregatorError) in
            try c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            return try c.execute(SiteReportQuery.sql(fy))
        }
        guard result.columns == SiteReportQuery.columns else {
            throw AggregatorError("the report query on \(location) returned the columns \(result.columns), not \(SiteReportQuery.columns)")
        }
        let rows = result.rows.map { r in
            SiteReportQuery.Row(part: SiteReportQuery.Row.Part(rawValue: r[0] ?? "") ?? .site, site: r[1] ?? "", device: r[2],
                                name: r[3], unit: r[4], note: r[5], x: r[6].flatMap(Double.init), y: r[7].flatMap(Double.init),
                                n: r[8].flatMap { Int64($0) }, lo: r[9].flatMap { Int64($0) }, hi: r[10].flatMap { Int64($0) },
                                t1: r[11].flatMap { Int64($0) }, t2: r[12].flatMap { Int64($0) })
        }
        return SiteReportQuery.report(fy, asOf: now, rows: rows)
    }

    public func rollups(_ resolution: ReadingRollup.Resolution, from: UnixTime, to: UnixTime,
                        device: String?) throws(AggregatorError) -> [ReadingRollup] {
        try rollupRows(resolution, "($3::text IS NULL OR device = $3)", [String(from.milliseconds), String(to.milliseconds), device])
    }

    public func rollups(_ resolution: ReadingRollup.Resolution, from: UnixTime, to: UnixTime, site: String,
                        channel: String) throws(AggregatorError) -> [ReadingRollup] {
        try rollupRows(resolution, "site = $3 AND channel = $4", [String(from.milliseconds), String(to.milliseconds), site, channel])
    }

    public func monthlySums(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> [ReadingRollup] {
        try rollupRows(ReadingRollup.monthlySumsSQL(year, site: "$1", channel: "$2"), [site, channel])
    }

    public func declaredFeeds(site: String, channel: String) throws(AggregatorError) -> [DeclaredFeed] {
        let rows = try transaction { c throws(AggregatorError) in
            try c.execute(DeclaredFeed.sql(site: "$1", channel: "$2"), [site, channel]).rows
        }
        return rows.map { r in
            DeclaredFeed(device: r[0]!, intervalSeconds: r[1].flatMap(Double.init) ?? 0,
                         firstSeen: r[2].flatMap { Int64($0) }.map(UnixTime.init(milliseconds:)),
                         firstReadingHour: r[3].flatMap { Int64($0) }.map(UnixTime.init(milliseconds:)))
        }
    }

    private func rollupRows(_ resolution: ReadingRollup.Resolution, _ filter: String,
                            _ parameters: [String?]) throws(AggregatorError) -> [ReadingRollup] {
        try rollupRows("""
            SELECT site, device, channel, unit, bucket_ms, n, lo_seq, hi_seq, increment_total, value_total, value_max,
                   latest_t_ms, latest_value, latest_fault, value_n
            FROM \(resolution.table) WHERE bucket_ms >= $1 AND bucket_ms < $2 AND \(filter)
            ORDER BY device, channel, unit, bucket_ms
            """, parameters)
    }

    /// Rows of the rollup tables' columns, in their order.
    private func rollupRows(_ sql: String, _ parameters: [String?]) throws(AggregatorError) -> [ReadingRollup] {
        let result = try transaction { c throws(AggregatorError) in try c.execute(sql, parameters) }
        return result.rows.map { r in
            ReadingRollup(site: r[0]!, device: r[1]!, channel: r[2]!, unit: r[3]!, bucketStart: UnixTime(milliseconds: Int64(r[4]!)!),
                          count: Int64(r[5]!)!, lowestSequence: Int64(r[6]!)!, highestSequence: Int64(r[7]!)!,
                          incrementTotal: r[8].flatMap(Double.init), valueTotal: r[9].flatMap(Double.init),
                          valueMaximum: r[10].flatMap(Double.init), latestTime: UnixTime(milliseconds: Int64(r[11]!)!),
                          latestValue: r[12].flatMap(Double.init), latestIsFault: r[13] == "1", valueCount: Int64(r[14]!) ?? 0)
        }
    }

    public func boardHistory(site: String, in year: FiscalYear) throws(AggregatorError) -> [BoardStateChange] {
        let start = String(year.start.milliseconds)
        let (before, during) = try transaction { c throws(AggregatorError) in
            try c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            // Each board's state when the year began, then the year's changes.
            let before = try c.execute("""
                SELECT DISTINCT ON (d.device) d.device, e.state FROM device d JOIN status_event e ON e.device = d.device
                WHERE d.site = $1 AND e.at_ms < $2 ORDER BY d.device, e.at_ms DESC, e.id DESC
                """, [site, start]).rows
            let during = try c.execute("""
                SELECT e.device, e.state, e.at_ms FROM status_event e JOIN device d ON d.device = e.device
                WHERE d.site = $1 AND e.at_ms >= $2 AND e.at_ms < $3 ORDER BY e.at_ms, e.id
                """, [site, start, String(year.end.milliseconds)]).rows
            return (before, during)
        }
        return before.map { BoardStateChange(device: $0[0]!, state: $0[1]!, atMilliseconds: year.start.milliseconds) }
            + during.map { BoardStateChange(device: $0[0]!, state: $0[1]!, atMilliseconds: Int64($0[2]!)!) }
    }

    public func conflictingReadings(device: String) throws(AggregatorError) -> [ConflictingReading] {
        let rows = try transaction { c throws(AggregatorError) in
            try c.execute("""
                SELECT device, channel, seq, t_ms, value, sum, unit, quality, stored_value, stored_sum, received_ms
                FROM conflicting_reading WHERE device = $1 ORDER BY channel, seq, received_ms
                """, [device]).rows
        }
        return rows.map { r in
            ConflictingReading(device: r[0]!, channel: r[1]!, sequence: Int64(r[2]!)!, timeMilliseconds: Int64(r[3]!)!,
                               value: r[4].flatMap(Double.init), sum: r[5].flatMap(Double.init), unit: r[6], quality: r[7]!,
                               storedValue: r[8].flatMap(Double.init), storedSum: r[9].flatMap(Double.init),
                               receivedMilliseconds: Int64(r[10]!)!)
        }
    }

    public func readingCount() throws(AggregatorError) -> Int {
        try transaction { c throws(AggregatorError) in
            Int(try c.execute("SELECT count(*) FROM reading").rows.first?[0] ?? "0") ?? 0
        }
    }
}
