import Foundation
import GRDB
import GatewayCore

/// The board's durable store-and-forward queue: every reading is committed here before it is offered to MQTT
/// and is marked sent only when the broker's PUBACK arrives.
///
/// SQLite in WAL mode with `synchronous=FULL`: each commit is durable against power loss once it returns, and
/// a torn WAL tail is discarded by SQLite's own checksums on the next open. Writes are batched: one
/// transaction per sampling tick, which also carries the PUBACKs that arrived since the last one, so an SD
/// card sees one fsync per tick, not one per reading or per acknowledgement.
public final class ReadingJournal: @unchecked Sendable {
    public let path: String
    let db: DatabaseQueue
    private let pending: PendingMarks
    private let reservations: SequenceReservation
    public private(set) var recoveredFrom: String?
    /// Why the sequence reservations beside the journal could not be read, if they could not.
    public var reservationProblem: String? { reservations.problem }

    /// `markDelay` bounds how long an acknowledgement may wait for a tick's commit before it is written alone,
    /// and `markLimit` how many may wait; `.zero` writes each one at once.
    public init(path: String, markDelay: Swift.Duration = .seconds(5), markLimit: Int = 5000) throws(JournalError) {
        self.path = path
        pending = PendingMarks(delay: markDelay, limit: markLimit)
        reservations = SequenceReservation(path: path + ".sequences")
        do {
            (db, recoveredFrom) = try ReadingJournal.openOrRecover(path: path)
        } catch let e as JournalError {
            throw e
        } catch {
            throw JournalError(path: path, operation: "open", reason: "\(error)")
        }
    }

    private static func open(path: String) throws -> DatabaseQueue {
        var config = Configuration()
        // Another process (a field tool, an audit) may hold the lock for a moment: wait, never give up.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size=\(JournalSchema.pageSize)")
            try db.execute(sql: "PRAGMA journal_mode=WAL")
            try db.execute(sql: "PRAGMA synchronous=FULL")
        }
        let q = try DatabaseQueue(path: path, configuration: config)
        try q.write { db in
            let ok = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer"
            guard ok == "ok" else { throw JournalError(path: path, operation: "integrity check", reason: ok) }
            try JournalSchema.migrate(db, path: path)
        }
        return q
    }

    /// A corrupt journal must never stop the board measuring: move it aside (kept for forensics) and start
    /// a new one. Only a file SQLite itself calls corrupt is set aside; any other failure (a lock held too
    /// long, a full disk, permissions) is reported as it is, and the file is left alone.
    private static func openOrRecover(path: String) throws -> (DatabaseQueue, String?) {
        do {
            return (try open(path: path), nil)
        } catch {
            let fm = FileManager.default
            guard fm.fileExists(atPath: path), isCorruption(error) else { throw error }
            let aside = path + ".corrupt-\(Int(Date().timeIntervalSince1970))"
            for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
                try fm.moveItem(atPath: path + suffix, toPath: aside + suffix)
            }
            return (try open(path: path), aside)
        }
    }

    private static func isCorruption(_ error: Error) -> Bool {
        if error is JournalError { return true }  // the integrity check found damage
        guard let db = error as? DatabaseError else { return false }
        return db.resultCode == .SQLITE_CORRUPT || db.resultCode == .SQLITE_NOTADB
    }

    func run<T>(_ operation: String, _ body: () throws -> T) throws(JournalError) -> T {
        do { return try body() } catch { throw JournalError(path: path, operation: operation, reason: "\(error)") }
    }

    /// Each channel's last sequence and pulse total. A channel the journal has no state for (a new journal
    /// after a corrupt one was moved aside, or one deleted by hand) continues above its reserved sequence
    /// numbers, so the city never takes its new readings for old ones.
    public func channelStates() throws(JournalError) -> [ChannelState] {
        let stored = try run("read channel state") {
            try db.read { db in
                try Row.fetchAll(db, sql: "SELECT device, channel, last_seq, pulse_total FROM channel_state").map {
                    ChannelState(device: DeviceID($0["device"]), channel: ChannelID($0["channel"]),
                                 lastSequence: UInt64($0["last_seq"] as Int64),
                                 pulseTotal: UInt64($0["pulse_total"] as Int64))
                }
            }
        }
        let known = Set(stored.map { "\($0.device)/\($0.channel)" })
        return stored + reservations.entries.filter { !known.contains("\($0.device)/\($0.channel)") }.map {
            ChannelState(device: DeviceID($0.device), channel: ChannelID($0.channel), lastSequence: $0.reserved, pulseTotal: 0)
        }
    }

    /// Commits a tick's readings and the channel states they advance, atomically, with the acknowledgements
    /// waiting to be written: after a crash either all are there or none is, so a total never runs ahead of its
    /// readings. A sequence number at or below one already recorded for its channel is refused.
    public func record(_ readings: [Reading], states: [ChannelState]) throws(JournalError) {
        guard !readings.isEmpty || !states.isEmpty else { return }
        let marks = pending.snapshot()
        try run("reserve sequence numbers") { try reservations.cover(readings) }
        try run("record \(readings.count) readings") {
            try db.write { db in
                try Self.refuseReusedSequences(readings, db)
                let insert = try db.makeStatement(sql: """
                    INSERT INTO reading (device, channel, seq, t_ms, value, sum, unit, quality, cal, fault, method, mono_ns, boot_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for r in readings {
                    try insert.execute(arguments: [
                        r.key.device.rawValue, r.key.channel.rawValue, Int64(r.key.sequence), r.time.milliseconds,
                        r.value?.value, r.sum?.value, r.value?.unit ?? r.sum?.unit, r.quality.rawValue,
                        r.calibrationID, r.fault, r.method,
                        r.monotonicNanoseconds.map { Int64(bitPattern: $0) }, r.bootID,
                    ])
                }
                // Every recorded channel's last sequence advances here, with or without a state from the caller,
                // so the check above holds for any writer.
                let advance = try db.makeStatement(sql: """
                    INSERT INTO channel_state (device, channel, last_seq, pulse_total) VALUES (?, ?, ?, 0)
                    ON CONFLICT(device, channel) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)
                    """)
                for r in readings where !states.contains(where: { $0.device == r.key.device && $0.channel == r.key.channel }) {
                    try advance.execute(arguments: [r.key.device.rawValue, r.key.channel.rawValue, Int64(r.key.sequence)])
                }
                let upsert = try db.makeStatement(sql: """
                    INSERT INTO channel_state (device, channel, last_seq, pulse_total) VALUES (?, ?, ?, ?)
                    ON CONFLICT(device, channel) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq),
                                                                pulse_total = excluded.pulse_total
                    """)
                for s in states {
                    try upsert.execute(arguments: [s.device.rawValue, s.channel.rawValue, Int64(s.lastSequence), Int64(s.pulseTotal)])
                }
                try Self.write(marks, db)
            }
        }
        pending.written(marks)
    }

    /// The UNIQUE index that used to guard this cost a dozen pages a tick; `channel_state` holds the same
    /// fact in one page the tick writes anyway.
    private static func refuseReusedSequences(_ readings: [Reading], _ db: Database) throws {
        var last: [ReadingKey: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT device, channel, last_seq FROM channel_state") {
            last[ReadingKey(device: DeviceID(row["device"]), channel: ChannelID(row["channel"]), sequence: 0)] = UInt64(row["last_seq"] as Int64)
        }
        for r in readings {
            let channel = ReadingKey(device: r.key.device, channel: r.key.channel, sequence: 0)
            if let previous = last[channel], r.key.sequence <= previous {
                throw ReusedSequence(key: r.key, lastRecorded: previous)
            }
            last[channel] = r.key.sequence
        }
    }

    private struct ReusedSequence: Error, CustomStringConvertible {
        var key: ReadingKey
        var lastRecorded: UInt64
        var description: String {
            "channel \(key.channel) of \(key.device): sequence \(key.sequence) is already taken (the last recorded is \(lastRecorded)); nothing of this tick was written"
        }
    }

    private static func write(_ marks: [Int64: Int64], _ db: Database) throws {
        guard !marks.isEmpty else { return }
        let stmt = try db.makeStatement(sql: "UPDATE reading SET sent_at_ms = ? WHERE id = ?")
        for (row, sentAt) in marks { try stmt.execute(arguments: [sentAt, row]) }
    }

    /// Unsent readings in journal order, after `rowID` and up to `lastRowID`. Readings whose PUBACK is still
    /// waiting to be written count as sent.
    public func unsent(after rowID: Int64, through lastRowID: Int64 = .max, limit: Int) throws(JournalError) -> [JournaledReading] {
        try run("read unsent readings") {
            var found: [JournaledReading] = []
            var cursor = rowID
            while found.count < limit {
                let rows = try db.read { db in
                    try Row.fetchAll(db, sql: "SELECT * FROM reading WHERE sent_at_ms IS NULL AND id > ? AND id <= ? ORDER BY id LIMIT ?",
                                     arguments: [cursor, lastRowID, limit - found.count]).map(JournalSchema.decode)
                }
                guard let last = rows.last else { break }
                found += pending.isEmpty ? rows : rows.filter { !pending.contains($0.rowID) }
                cursor = last.rowID
            }
            return found
        }
    }

    /// The newest row's id (0 for an empty journal): the line between backlog and live readings at a reconnect.
    public func lastRowID() throws(JournalError) -> Int64 {
        try run("read the last row id") {
            try db.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM reading") ?? 0 }
        }
    }

    /// Sum of a channel's values in [from, to): reseeds running windows (30-minute energy) after a restart.
    /// Reads backwards from the newest row and stops at the channel's first synchronised reading before
    /// `from`, since a channel's readings are journaled in time order; there is no index on channel or time
    /// to keep up on every tick.
    public func total(device: DeviceID, channel: ChannelID, from: UnixTime, to: UnixTime) throws(JournalError) -> Double {
        try run("sum \(channel)") {
            try db.read { db in
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT t_ms, value, quality FROM reading WHERE device = ? AND channel = ? ORDER BY id DESC
                    """, arguments: [device.rawValue, channel.rawValue])
                var sum = 0.0
                while let row = try rows.next() {
                    let t: Int64 = row["t_ms"]
                    let quality: String = row["quality"]
                    if t < from.milliseconds {
                        if quality == ReadingQuality.clockUnsynchronised.rawValue { continue }
                        break
                    }
                    if t < to.milliseconds, quality != ReadingQuality.fault.rawValue, let v: Double = row["value"] { sum += v }
                }
                return sum
            }
        }
    }

    /// The newest reading of a channel, for derived running totals that continue after a restart.
    public func latest(device: DeviceID, channel: ChannelID) throws(JournalError) -> Reading? {
        try run("read latest \(channel)") {
            try db.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM reading WHERE device = ? AND channel = ? ORDER BY id DESC LIMIT 1",
                                 arguments: [device.rawValue, channel.rawValue]).map { JournalSchema.decode($0).reading }
            }
        }
    }

    /// Gives readings of `bootID` that were taken before the clock was synchronised their true wall time:
    /// `wall` was read at monotonic `atMonotonicNanoseconds`, so a reading's time is `wall` minus how long
    /// before that it was taken. Readings already sent keep the marked time they were sent with.
    public func restamp(bootID: String, wall: UnixTime, atMonotonicNanoseconds now: UInt64) throws(JournalError) -> Int {
        try flushMarks()
        return try run("restamp readings of boot \(bootID)") {
            try db.write { db in
                try db.execute(sql: """
                    UPDATE reading SET t_ms = ? - (? - mono_ns) / 1000000, quality = 'good'
                    WHERE boot_id = ? AND quality = 'clock-unsync' AND sent_at_ms IS NULL AND mono_ns IS NOT NULL
                    """, arguments: [wall.milliseconds, Int64(bitPattern: now), bootID])
                return db.changesCount
            }
        }
    }

    /// Bytes the journal's live pages occupy (free pages are reused before the file grows).
    public func usedBytes() throws(JournalError) -> Int64 {
        try run("measure size") {
            try db.read { db in
                let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                return (pages - free) * pageSize
            }
        }
    }

    /// Takes note of a PUBACK. The mark is written with the next tick's commit, or alone once it has waited
    /// the journal's `markDelay`; until then `unsent` and `summary` already treat these readings as sent.
    public func markSent(_ rowIDs: [Int64], at time: UnixTime) throws(JournalError) {
        guard !rowIDs.isEmpty else { return }
        pending.add(rowIDs, sentAtMilliseconds: time.milliseconds)
        if pending.delay == .zero { try flushMarks() }
    }

    /// Writes acknowledgements that have waited `markDelay` for a tick, or once `markLimit` are waiting (the
    /// publisher calls this as it polls).
    public func flushMarksIfDue() throws(JournalError) {
        if pending.isDue { try flushMarks() }
    }

    /// Writes every acknowledgement still waiting: at shutdown, and before anything that reads or deletes
    /// by sent state.
    public func flushMarks() throws(JournalError) {
        let marks = pending.snapshot()
        guard !marks.isEmpty else { return }
        try run("mark \(marks.count) readings sent") {
            try db.write { db in try Self.write(marks, db) }
        }
        pending.written(marks)
    }

    /// Every reading, sent or not, in journal order (for audits, `sensor-gateway journal` and tests).
    public func all() throws(JournalError) -> [JournaledReading] {
        try flushMarks()
        return try run("read readings") {
            try db.read { db in try Row.fetchAll(db, sql: "SELECT * FROM reading ORDER BY id").map(JournalSchema.decode) }
        }
    }

    /// Unsent readings taken before the newest tick, as any reader of the file sees them. The newest tick's
    /// PUBACKs are written with the next tick, so from outside the gateway a drained backlog looks like that
    /// one tick unsent: this, not `summary().unsentCount`, says whether a backlog has gone.
    public func unsentBeforeNewestTick() throws(JournalError) -> Int {
        try flushMarks()
        return try run("count the backlog") {
            try db.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT id, mono_ns, boot_id FROM reading ORDER BY id DESC")
                guard let newest = try rows.next() else { return 0 }
                let tick: (Int64?, String?) = (newest["mono_ns"], newest["boot_id"])
                var firstOfTick: Int64 = newest["id"]
                while let row = try rows.next(), (row["mono_ns"] as Int64?) == tick.0, (row["boot_id"] as String?) == tick.1 {
                    firstOfTick = row["id"]
                }
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM reading WHERE sent_at_ms IS NULL AND id < ?",
                                        arguments: [firstOfTick]) ?? 0
            }
        }
    }

    public func summary() throws(JournalError) -> JournalSummary {
        try flushMarks()
        return try run("summarise") {
            try db.read { db in
                let unsent = try Int.fetchOne(db, sql: "SELECT count(*) FROM reading WHERE sent_at_ms IS NULL") ?? 0
                let oldest = try Int64.fetchOne(db, sql: "SELECT min(t_ms) FROM reading WHERE sent_at_ms IS NULL")
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM reading") ?? 0
                let losses = try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'losses'") ?? 0
                return JournalSummary(unsentCount: unsent, oldestUnsent: oldest.map { UnixTime(milliseconds: $0) },
                                      totalCount: total, losses: losses, recoveredFrom: recoveredFrom)
            }
        }
    }
}
