import Foundation
import GRDB
import GatewayCore
import SenML

public struct AggregatorError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// PostgreSQL's SQLSTATE, when the error is one (40P01: deadlock, 40001: serialization failure).
    public var sqlState: String?
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The city's SQLite store: every reading once (deduplicated on device, channel, sequence), the channel
/// metadata boards announce in their birth messages, and each board's online/offline history.
public final class AggregatorStore: CityStore, @unchecked Sendable {
    public let path: String
    public var location: String { path }
    let db: DatabaseQueue
    /// Each channel's highest sequence and interval between intake batches (`ChannelMemory`).
    var memory = ChannelMemory()

    public init(path: String) throws(AggregatorError) {
        self.path = path
        do {
            var config = Configuration()
            // `report` (or a second reader) opens the file while `run` writes: wait for the lock, don't fail. Tried
            // every millisecond for 10 s: SQLite's own timeout sleeps up to 100 ms between tries, and the aggregators
            // of one `$share` group, taking turns at the one writer's lock, left it idle most of the time.
            config.busyMode = .callback { tries in
                guard tries < 10_000 else { return false }
                usleep(1000)
                return true
            }
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode=WAL")
                try db.execute(sql: "PRAGMA synchronous=NORMAL")
                // 64 MiB of page cache instead of SQLite's 2 MiB: the readings' indexes (three then) outgrew 2 MiB within
                // minutes of intake, and every batch read its index pages back from the OS (5 % of its time).
                try db.execute(sql: "PRAGMA cache_size = -65536")
            }
            db = try DatabaseQueue(path: path, configuration: config)
            try db.write { db in try AggregatorStore.migrate(db) }
        } catch {
            throw AggregatorError("cannot open aggregator database \(path): \(error)")
        }
    }

    private static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS reading (
                arrival INTEGER PRIMARY KEY,
                site TEXT NOT NULL, device TEXT NOT NULL, channel TEXT NOT NULL, seq INTEGER NOT NULL,
                t_ms INTEGER NOT NULL, value REAL, sum REAL, unit TEXT, quality TEXT NOT NULL,
                cal TEXT, fault TEXT, method TEXT, received_ms INTEGER NOT NULL,
                UNIQUE (device, channel, seq)
            );
            -- The report and the pages read the rollups, never the readings by time: the (site, t_ms) and
            -- (device, channel, t_ms) indexes of earlier versions only made every stored reading cost four B-tree
            -- inserts instead of two (the table and its UNIQUE key).
            DROP INDEX IF EXISTS reading_site_time;
            DROP INDEX IF EXISTS reading_channel_time;
            CREATE TABLE IF NOT EXISTS channel (
                site TEXT NOT NULL, device TEXT NOT NULL, channel TEXT NOT NULL, quantity TEXT NOT NULL,
                role TEXT, unit TEXT NOT NULL, interval_s REAL NOT NULL, driver TEXT NOT NULL,
                PRIMARY KEY (device, channel)
            );
            CREATE TABLE IF NOT EXISTS device (
                device TEXT PRIMARY KEY, site TEXT NOT NULL, site_kind TEXT, municipality TEXT,
                state TEXT NOT NULL, since_ms INTEGER NOT NULL, firmware TEXT, config_hash TEXT,
                status_json TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS status_event (
                device TEXT NOT NULL, state TEXT NOT NULL, at_ms INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """)
        try db.execute(sql: SequenceGaps.schema)
        try db.execute(sql: IntakeLedger.schema)
        try db.execute(sql: ConflictingReadings.schema)
        try SQLiteRollups.migrate(db)
    }

    /// Stores the readings of one pack; returns how many were new (the rest were duplicates from QoS 1
    /// redelivery or a board resending after a lost PUBACK).
    @discardableResult
    public func store(_ readings: [Reading], site: String, receivedAt: UnixTime) throws(AggregatorError) -> Int {
        try store([IncomingPack(site: site, readings: readings, receivedAt: receivedAt)])[0]
    }

    /// Stores many packs in one transaction (the intake commits a batch of MQTT messages at once); returns
    /// how many readings of each pack were new. A pack that fails the checks below stops the whole batch
    /// before anything is written.
    public func store(_ packs: [IncomingPack]) throws(AggregatorError) -> [Int] {
        for pack in packs { try pack.checkStorable() }
        do {
            return try db.writeWithoutTransaction { db in
                var insertedPerPack: [Int] = []
                // IMMEDIATE: the write lock from the start, so `memory` is checked against the file as it will be
                // written (a deferred transaction could read an older snapshot, then fail to write on it).
                try db.inTransaction(.immediate) {
                    insertedPerPack = try store(packs, db)
                    return .commit
                }
                return insertedPerPack
            }
        } catch {
            memory.forget()
            throw AggregatorError("cannot store readings in \(path): \(error)")
        }
    }

    private func store(_ packs: [IncomingPack], _ db: Database) throws -> [Int] {
        try memory.revalidate(db)
        var insert = try SQLiteReadingInsert(db)
        var hours: [ReadingRollup] = [], days: [ReadingRollup] = []
        var insertedPerPack: [Int] = []
        insertedPerPack.reserveCapacity(packs.count)
        var duplicates = 0
        for pack in packs {
            let site = pack.site, now = pack.receivedAt.milliseconds
            var inserted = 0
            for r in pack.readings {
                let device = r.key.device.rawValue, channel = r.key.channel.rawValue, seq = Int64(r.key.sequence)
                try memory.noteSeen(db, site: site, device: device, at: pack.receivedAt)
                let slot = memory.slot(device: device, channel: channel)
                let highest = try memory.highest(db, slot, device: device, channel: channel)
                guard try insert.insert(r, site: site, device: device, channel: channel, receivedMilliseconds: now) else {
                    // Not a redelivery if the value differs: kept aside as a conflict, counted per board.
                    _ = try ConflictingReadings.keepIfConflicting(db, r, site: site, receivedAt: pack.receivedAt)
                    continue
                }
                inserted += 1
                memory.stored(slot, seq: seq)
                memory.rollUp(slot, r, site: site, intervalSeconds: try memory.declaredInterval(db, slot, device: device, channel: channel),
                              hours: &hours, days: &days)
                try SequenceGaps.arrived(db, site: site, device: device, channel: channel, seq: seq, highestBefore: highest,
                                         nowMilliseconds: now)
            }
            insertedPerPack.append(inserted)
            duplicates += pack.readings.count - inserted
        }
        memory.takeRollups(hours: &hours, days: &days)
        try SQLiteRollups.apply(hours: hours, days: days, db)
        if duplicates > 0 {
            try db.cachedStatement(sql: """
                INSERT INTO counter (name, value) VALUES ('duplicates', ?)
                ON CONFLICT(name) DO UPDATE SET value = value + excluded.value
                """).execute(arguments: [duplicates])
        }
        return insertedPerPack
    }

    /// Records a status built in code as if it had come on its own board's topic.
    public func recordStatus(_ status: DeviceStatus, receivedAt: UnixTime) throws(AggregatorError) {
        try recordStatus(BoardStatus(status), receivedAt: receivedAt)
    }

    /// Records a board's status. Its device and site are those of the topic it came on (`StatusIntake`
    /// makes sure), so it changes only that board's state and channels.
    public func recordStatus(_ status: BoardStatus, receivedAt: UnixTime) throws(AggregatorError) {
        let json = try status.storedJSON()
        let state = status.state.rawValue
        do {
            try db.write { db in
                let previous = try String.fetchOne(db, sql: "SELECT state FROM device WHERE device = ?", arguments: [status.device])
                let since = previous == state
                    ? (try Int64.fetchOne(db, sql: "SELECT since_ms FROM device WHERE device = ?", arguments: [status.device]) ?? receivedAt.milliseconds)
                    : receivedAt.milliseconds
                try db.execute(sql: """
                    INSERT INTO device (device, site, site_kind, municipality, state, since_ms, firmware, config_hash, status_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(device) DO UPDATE SET site = excluded.site,
                        site_kind = coalesce(excluded.site_kind, site_kind),
                        municipality = coalesce(excluded.municipality, municipality),
                        state = excluded.state, since_ms = excluded.since_ms,
                        firmware = coalesce(excluded.firmware, firmware),
                        config_hash = coalesce(excluded.config_hash, config_hash), status_json = excluded.status_json
                    """, arguments: [status.device, status.site, status.siteKind, status.municipality, state, since,
                                     status.firmware, status.configHash, json])
                if previous != state {
                    try db.execute(sql: "INSERT INTO status_event (device, state, at_ms) VALUES (?, ?, ?)",
                                   arguments: [status.device, state, receivedAt.milliseconds])
                }
                try IntakeLedger.noteSeen(db, site: status.site, device: status.device, at: receivedAt)
                try memory.declare(db, site: status.site, device: status.device, channels: status.channels ?? [])
            }
        } catch {
            memory.forget()  // what `declare` noted belongs to a transaction that did not happen
            throw AggregatorError("cannot record status in \(path): \(error)")
        }
    }

    public struct StoredReading: Sendable, Hashable {
        public var site: String
        public var reading: Reading
    }

    public func allReadings() throws(AggregatorError) -> [StoredReading] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM reading ORDER BY device, channel, seq").map { row in
                    let unit: String = row["unit"] ?? ""
                    let value: Double? = row["value"]
                    let sum: Double? = row["sum"]
                    return StoredReading(site: row["site"], reading: Reading(
                        key: ReadingKey(device: DeviceID(row["device"]), channel: ChannelID(row["channel"]),
                                        sequence: UInt64(row["seq"] as Int64)),
                        time: UnixTime(milliseconds: row["t_ms"]),
                        value: value.map { MeasuredValue($0, unit) }, sum: sum.map { MeasuredValue($0, unit) },
                        quality: ReadingQuality(rawValue: row["quality"]) ?? .good,
                        calibrationID: row["cal"], fault: row["fault"], method: row["method"]))
                }
            }
        } catch {
            throw AggregatorError("cannot read \(path): \(error)")
        }
    }

    /// Reading identities in the order they were stored (insertion order), for checking per-channel ordering.
    public func receptionOrder() throws(AggregatorError) -> [ReadingKey] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: "SELECT device, channel, seq FROM reading ORDER BY arrival").map {
                    ReadingKey(device: DeviceID($0["device"]), channel: ChannelID($0["channel"]), sequence: UInt64($0["seq"] as Int64))
                }
            }
        } catch {
            throw AggregatorError("cannot read \(path): \(error)")
        }
    }

    public struct StatusEvent: Sendable, Hashable {
        public var device: String
        public var state: String
        public var at: UnixTime
    }

    public func statusHistory() throws(AggregatorError) -> [StatusEvent] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: "SELECT device, state, at_ms FROM status_event ORDER BY rowid").map {
                    StatusEvent(device: $0["device"], state: $0["state"], at: UnixTime(milliseconds: $0["at_ms"]))
                }
            }
        } catch {
            throw AggregatorError("cannot read \(path): \(error)")
        }
    }

    public func readingCount() throws(AggregatorError) -> Int {
        do {
            return try db.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM reading") ?? 0 }
        } catch {
            throw AggregatorError("cannot read \(path): \(error)")
        }
    }
}
