import Foundation
import GRDB
import GatewayCore

/// The board's durable store-and-forward queue: every reading is committed here before it is offered to MQTT
/// and is marked sent only when the broker's PUBACK arrives.
///
/// SQLite in WAL mode with `synchronous=FULL`: each commit is durable against power loss once it returns, and
/// a torn WAL tail is discarded by SQLite's own checksums on the next open. Writes are batched by the caller
/// (one transaction per sampling tick), so an SD card sees one fsync per tick, not one per reading.
public final class ReadingJournal: @unchecked Sendable {
    public let path: String
    private let db: DatabaseQueue
    public private(set) var recoveredFrom: String?

    public init(path: String) throws(JournalError) {
        self.path = path
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
            try db.execute(sql: "PRAGMA journal_mode=WAL")
            try db.execute(sql: "PRAGMA synchronous=FULL")
        }
        let q = try DatabaseQueue(path: path, configuration: config)
        try q.write { db in
            let ok = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer"
            guard ok == "ok" else { throw JournalError(path: path, operation: "integrity check", reason: ok) }
            try JournalSchema.migrate(db)
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

    private func run<T>(_ operation: String, _ body: () throws -> T) throws(JournalError) -> T {
        do { return try body() } catch { throw JournalError(path: path, operation: operation, reason: "\(error)") }
    }

    public func channelStates() throws(JournalError) -> [ChannelState] {
        try run("read channel state") {
            try db.read { db in
                try Row.fetchAll(db, sql: "SELECT device, channel, last_seq, pulse_total FROM channel_state").map {
                    ChannelState(device: DeviceID($0["device"]), channel: ChannelID($0["channel"]),
                                 lastSequence: UInt64($0["last_seq"] as Int64),
                                 pulseTotal: UInt64($0["pulse_total"] as Int64))
                }
            }
        }
    }

    /// Commits a tick's readings and the channel states they advance, atomically: after a crash either both
    /// are there or neither is, so a sequence number is never reused and a total never runs ahead of its
    /// readings.
    public func record(_ readings: [Reading], states: [ChannelState]) throws(JournalError) {
        guard !readings.isEmpty || !states.isEmpty else { return }
        try run("record \(readings.count) readings") {
            try db.write { db in
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
                let upsert = try db.makeStatement(sql: """
                    INSERT INTO channel_state (device, channel, last_seq, pulse_total) VALUES (?, ?, ?, ?)
                    ON CONFLICT(device, channel) DO UPDATE SET last_seq = excluded.last_seq,
                                                                pulse_total = excluded.pulse_total
                    """)
                for s in states {
                    try upsert.execute(arguments: [s.device.rawValue, s.channel.rawValue, Int64(s.lastSequence), Int64(s.pulseTotal)])
                }
            }
        }
    }

    /// Unsent readings in journal order, after `rowID` and up to `lastRowID`.
    public func unsent(after rowID: Int64, through lastRowID: Int64 = .max, limit: Int) throws(JournalError) -> [JournaledReading] {
        try run("read unsent readings") {
            try db.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM reading WHERE sent_at_ms IS NULL AND id > ? AND id <= ? ORDER BY id LIMIT ?",
                                 arguments: [rowID, lastRowID, limit]).map(JournalSchema.decode)
            }
        }
    }

    /// The newest row's id (0 for an empty journal): the line between backlog and live readings at a reconnect.
    public func lastRowID() throws(JournalError) -> Int64 {
        try run("read the last row id") {
            try db.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM reading") ?? 0 }
        }
    }

    /// Sum of a channel's values in [from, to): reseeds running windows (30-minute energy) after a restart.
    public func total(device: DeviceID, channel: ChannelID, from: UnixTime, to: UnixTime) throws(JournalError) -> Double {
        try run("sum \(channel)") {
            try db.read { db in
                try Double.fetchOne(db, sql: """
                    SELECT coalesce(sum(value), 0) FROM reading
                    WHERE device = ? AND channel = ? AND t_ms >= ? AND t_ms < ? AND quality != 'fault'
                    """, arguments: [device.rawValue, channel.rawValue, from.milliseconds, to.milliseconds]) ?? 0
            }
        }
    }

    /// The newest reading of a channel, for derived running totals that continue after a restart.
    public func latest(device: DeviceID, channel: ChannelID) throws(JournalError) -> Reading? {
        try run("read latest \(channel)") {
            try db.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM reading WHERE device = ? AND channel = ? ORDER BY seq DESC LIMIT 1",
                                 arguments: [device.rawValue, channel.rawValue]).map { JournalSchema.decode($0).reading }
            }
        }
    }

    /// Gives readings of `bootID` that were taken before the clock was synchronised their true wall time:
    /// `wall` was read at monotonic `atMonotonicNanoseconds`, so a reading's time is `wall` minus how long
    /// before that it was taken. Readings already sent keep the marked time they were sent with.
    public func restamp(bootID: String, wall: UnixTime, atMonotonicNanoseconds now: UInt64) throws(JournalError) -> Int {
        try run("restamp readings of boot \(bootID)") {
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

    /// Prunes delivered readings past their retention, then, while over budget, applies the policy to
    /// undelivered ones. Every dropped undelivered reading is added to the loss counter in the same transaction.
    public func enforce(_ budget: JournalBudget, now: UnixTime) throws(JournalError) -> BudgetOutcome {
        var outcome = BudgetOutcome(prunedSent: 0, dropped: 0, usedBytes: 0)
        try run("enforce the disk budget") {
            let cutoff = now.milliseconds - Int64(budget.keepSentSeconds * 1000)
            try db.write { db in
                try db.execute(sql: "DELETE FROM reading WHERE sent_at_ms IS NOT NULL AND sent_at_ms < ?", arguments: [cutoff])
                outcome.prunedSent += db.changesCount
            }
            outcome.usedBytes = try usedBytes()
            if outcome.usedBytes > budget.bytes {
                // Over budget even so: delivered readings go first, whatever their age.
                try db.write { db in
                    try db.execute(sql: "DELETE FROM reading WHERE sent_at_ms IS NOT NULL")
                    outcome.prunedSent += db.changesCount
                }
                outcome.usedBytes = try usedBytes()
            }
            guard outcome.usedBytes > budget.bytes else { return }
            // Deleting scattered rows frees space inside pages, not whole pages, so the cut is sized in readings
            // from the measured bytes per reading; the freed space is reused by the readings that follow.
            let rows = try db.read { db in try Int64.fetchOne(db, sql: "SELECT count(*) FROM reading") ?? 0 }
            guard rows > 0 else { return }
            let bytesPerRow = max(1, outcome.usedBytes / rows)
            let target = Int((outcome.usedBytes - budget.bytes + bytesPerRow - 1) / bytesPerRow)
            // Thinning goes by levels on each channel's sequence numbers, which never change: first every
            // odd-numbered sample (halving), then every second of the rest (quartering), always oldest first.
            var level: Int64 = 1
            while outcome.dropped < target, level <= 40 {
                let dropped = try db.write { db -> Int in
                    let victims: String
                    switch budget.policy {
                    case .thinRawOldestFirst:
                        victims = """
                            SELECT id FROM reading WHERE sent_at_ms IS NULL AND sum IS NULL AND method IS NULL
                            AND seq % \(Int64(1) << level) = \(Int64(1) << (level - 1)) ORDER BY id
                            LIMIT \(min(500, target - outcome.dropped))
                            """
                    case .dropOldest:
                        victims = "SELECT id FROM reading WHERE sent_at_ms IS NULL ORDER BY id LIMIT \(min(500, target - outcome.dropped))"
                    }
                    try db.execute(sql: "DELETE FROM reading WHERE id IN (\(victims))")
                    let n = db.changesCount
                    try db.execute(sql: """
                        INSERT INTO counter (name, value) VALUES ('losses', ?)
                        ON CONFLICT(name) DO UPDATE SET value = value + excluded.value
                        """, arguments: [n])
                    return n
                }
                outcome.dropped += dropped
                if dropped == 0 {
                    // This level is exhausted: thin the survivors further, or stop when the policy has nothing
                    // left it may drop (the budget stays exceeded and status shows it).
                    guard budget.policy == .thinRawOldestFirst else { break }
                    level += 1
                }
            }
            let remaining = try db.read { db in try Int64.fetchOne(db, sql: "SELECT count(*) FROM reading") ?? 0 }
            outcome.usedBytes = remaining * bytesPerRow
        }
        return outcome
    }

    public func markSent(_ rowIDs: [Int64], at time: UnixTime) throws(JournalError) {
        guard !rowIDs.isEmpty else { return }
        try run("mark \(rowIDs.count) readings sent") {
            try db.write { db in
                let stmt = try db.makeStatement(sql: "UPDATE reading SET sent_at_ms = ? WHERE id = ?")
                for id in rowIDs { try stmt.execute(arguments: [time.milliseconds, id]) }
            }
        }
    }

    /// Every reading, sent or not, in journal order (for audits, `sensor-gateway journal` and tests).
    public func all() throws(JournalError) -> [JournaledReading] {
        try run("read readings") {
            try db.read { db in try Row.fetchAll(db, sql: "SELECT * FROM reading ORDER BY id").map(JournalSchema.decode) }
        }
    }

    public func summary() throws(JournalError) -> JournalSummary {
        try run("summarise") {
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
