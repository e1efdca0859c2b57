import CSystem
import GatewayCore
import Platform

/// The board's durable store-and-forward queue: every reading is committed here before it is offered to MQTT
/// and is marked sent only when the broker's PUBACK arrives.
///
/// SQLite in WAL mode with `synchronous=FULL`: each commit is durable against power loss once it returns, and
/// a torn WAL tail is discarded by SQLite's own checksums on the next open. Writes are batched: one
/// transaction per sampling tick, which also carries the PUBACKs that arrived since the last one, so an SD
/// card sees one fsync per tick, not one per reading or per acknowledgement.
public final class ReadingJournal: Sendable {
    public let path: String
    /// The one connection, used by the sampler and the publisher threads in turn.
    private let connection: Locked<SQLiteConnection>
    let pending: PendingMarks
    private let reservations: SequenceReservation
    public let recoveredFrom: String?
    /// Whether this opening ran `PRAGMA quick_check` (false when the file had passed it in this boot already).
    public let integrityChecked: Bool
    /// Why the sequence reservations beside the journal could not be read, if they could not.
    public var reservationProblem: String? { reservations.problem }

    /// Another process (a field tool, an audit) may hold the lock for a moment: wait, never give up at once.
    static let busyTimeoutMilliseconds: Int32 = 10_000

    /// `markDelay` bounds how long an acknowledgement may wait for a tick's commit before it is written alone,
    /// and `markLimit` how many may wait; `.zero` writes each one at once.
    ///
    /// `bootID` (the kernel's `boot_id`) lets the opening skip `PRAGMA quick_check` when the file already passed it
    /// in this boot (`BootIntegrityCheck`); without it every opening checks the whole file.
    public init(path: String, markDelay: Swift.Duration = .seconds(5), markLimit: Int = 5000,
                bootID: String? = nil) throws(JournalError) {
        self.path = path
        pending = PendingMarks(delay: markDelay, limit: markLimit)
        reservations = SequenceReservation(path: path + ".sequences")
        do {
            let (db, aside, checked) = try ReadingJournal.openOrRecover(path: path, bootID: bootID)
            connection = Locked(db)
            recoveredFrom = aside
            integrityChecked = checked
        } catch {
            var failure = error
            if failure.sqliteResultCode != nil { failure.operation = "open" }
            throw failure
        }
    }

    private static func open(path: String, bootID: String?) throws(JournalError) -> (SQLiteConnection, checked: Bool) {
        let db = try SQLiteConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        try db.execute("PRAGMA page_size=\(JournalSchema.pageSize)")
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA synchronous=FULL")
        let checked = try db.transaction { () throws(JournalError) -> Bool in
            let needed = BootIntegrityCheck.isNeeded(bootID: bootID, db)
            if needed {
                let verdict = try db.withStatement("PRAGMA quick_check") { (s) throws(JournalError) -> String in
                    try s.step() ? s.text(0) : "no answer"
                }
                guard verdict == "ok" else {
                    throw JournalError(path: path, operation: "integrity check", reason: verdict, sqliteResultCode: nil, isDamage: true)
                }
            }
            try JournalSchema.migrate(db)
            if needed { try BootIntegrityCheck.record(bootID: bootID, db) }
            return needed
        }
        return (db, checked)
    }

    /// A corrupt journal must never stop the board measuring: move it aside (kept for forensics) and start
    /// a new one. Only a file SQLite itself calls corrupt (or a layout this firmware must not touch) is set
    /// aside; any other failure (a lock held too long, a full disk, permissions) is reported as it is, and the
    /// file is left alone.
    private static func openOrRecover(path: String, bootID: String?) throws(JournalError) -> (SQLiteConnection, String?, Bool) {
        do {
            let (db, checked) = try open(path: path, bootID: bootID)
            return (db, nil, checked)
        } catch {
            guard DurableFile.exists(path), error.isDamage else { throw error }
            let aside = path + ".corrupt-\(time(nil))"
            for suffix in ["", "-wal", "-shm"] where DurableFile.exists(path + suffix) {
                guard rename(path + suffix, aside + suffix) == 0 else {
                    throw JournalError(path: path, operation: "set the damaged journal aside",
                                       reason: "cannot rename \(path + suffix) to \(aside + suffix): \(String(cString: strerror(sgw_errno()))) (after: \(error.reason))")
                }
            }
            let (db, checked) = try open(path: path, bootID: bootID)
            return (db, aside, checked)
        }
    }

    /// Runs `body` on the connection under the journal's lock; a failure is reported as `operation`.
    func run<T>(_ operation: @autoclosure () -> String, _ body: (SQLiteConnection) throws(JournalError) -> T) throws(JournalError) -> T {
        do {
            return try connection.withLock { (db) throws(JournalError) -> T in try body(db) }
        } catch {
            if error.isDamage { connection.withLock { (db) in BootIntegrityCheck.forget(db) } }
            var failure = error
            failure.operation = operation()
            throw failure
        }
    }

    /// The connection itself, for tests that inspect or tune the file (under the journal's lock).
    func withConnection<T>(_ body: (SQLiteConnection) throws(JournalError) -> T) throws(JournalError) -> T {
        try connection.withLock { (db) throws(JournalError) -> T in try body(db) }
    }

    /// Each channel's last sequence and pulse total. A channel the journal has no state for (a new journal
    /// after a corrupt one was moved aside, or one deleted by hand) continues above its reserved sequence
    /// numbers, so the city never takes its new readings for old ones.
    public func channelStates() throws(JournalError) -> [ChannelState] {
        let stored = try run("read channel state") { (db) throws(JournalError) -> [ChannelState] in
            try db.withStatement("SELECT device, channel, last_seq, pulse_total, pulse_checkpoint, metered_total FROM channel_state") { (s) throws(JournalError) in
                var states: [ChannelState] = []
                while try s.step() {
                    states.append(ChannelState(device: DeviceID(s.text(0)), channel: ChannelID(s.text(1)),
                                               lastSequence: UInt64(bitPattern: s.integer(2)),
                                               pulseTotal: UInt64(bitPattern: s.integer(3)),
                                               pulseCheckpoint: UInt64(bitPattern: s.integer(4)),
                                               meteredTotal: s.optionalDouble(5)))
                }
                return states
            }
        }
        var known = Set<ReadingKey>()
        for s in stored { known.insert(ReadingKey(device: s.device, channel: s.channel, sequence: 0)) }
        var result = stored
        for e in reservations.entries
        where !known.contains(ReadingKey(device: DeviceID(e.device), channel: ChannelID(e.channel), sequence: 0)) {
            result.append(ChannelState(device: DeviceID(e.device), channel: ChannelID(e.channel), lastSequence: e.reserved, pulseTotal: 0))
        }
        return result
    }

    /// Commits a tick's readings and the channel states they advance, atomically, with the acknowledgements
    /// waiting to be written: after a crash either all are there or none is, so a total never runs ahead of its
    /// readings. A sequence number at or below one already recorded for its channel is refused. `counts` are
    /// added to the journal's named counters in the same transaction (e.g. the pulses a channel's debounce
    /// rejected since its last reading, which `watch` reads beside the daemon).
    public func record(_ readings: [Reading], states: [ChannelState],
                       adding counts: [(counter: String, amount: Int64)] = []) throws(JournalError) {
        guard !readings.isEmpty || !states.isEmpty || !counts.isEmpty else { return }
        let marks = pending.snapshot()
        do { try reservations.cover(readings) } catch {
            var failure = error
            failure.operation = "reserve sequence numbers"
            throw failure
        }
        try run("record \(readings.count) readings") { (db) throws(JournalError) in
            try db.transaction { () throws(JournalError) in
                try Self.refuseReusedSequences(readings, db)
                try db.withStatement("""
                    INSERT INTO reading (device, channel, seq, t_ms, value, sum, unit, quality, cal, fault, method, mono_ns, boot_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """) { (insert) throws(JournalError) in
                    for r in readings {
                        try insert.bind(1, r.key.device.rawValue)
                        try insert.bind(2, r.key.channel.rawValue)
                        try insert.bind(3, Int64(r.key.sequence))
                        try insert.bind(4, r.time.milliseconds)
                        try insert.bind(5, r.value?.value)
                        try insert.bind(6, r.sum?.value)
                        try insert.bind(7, r.value?.unit ?? r.sum?.unit)
                        try insert.bind(8, r.quality.rawValue)
                        try insert.bind(9, r.calibrationID)
                        try insert.bind(10, r.fault)
                        try insert.bind(11, r.method)
                        try insert.bind(12, r.monotonicNanoseconds.map { Int64(bitPattern: $0) })
                        try insert.bind(13, r.bootID)
                        try insert.run()
                    }
                }
                // Every recorded channel's last sequence advances here, with or without a state from the caller,
                // so the check above holds for any writer.
                try db.withStatement("""
                    INSERT INTO channel_state (device, channel, last_seq, pulse_total) VALUES (?, ?, ?, 0)
                    ON CONFLICT(device, channel) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)
                    """) { (advance) throws(JournalError) in
                    for r in readings where !states.contains(where: { $0.device == r.key.device && $0.channel == r.key.channel }) {
                        try advance.bind(1, r.key.device.rawValue)
                        try advance.bind(2, r.key.channel.rawValue)
                        try advance.bind(3, Int64(r.key.sequence))
                        try advance.run()
                    }
                }
                try db.withStatement("""
                    INSERT INTO channel_state (device, channel, last_seq, pulse_total, metered_total) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(device, channel) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq),
                                                                pulse_total = excluded.pulse_total,
                                                                metered_total = excluded.metered_total
                    """) { (upsert) throws(JournalError) in
                    for s in states {
                        try upsert.bind(1, s.device.rawValue)
                        try upsert.bind(2, s.channel.rawValue)
                        try upsert.bind(3, Int64(s.lastSequence))
                        try upsert.bind(4, Int64(s.pulseTotal))
                        try upsert.bind(5, s.meteredTotal)
                        try upsert.run()
                    }
                }
                try db.withStatement("""
                    INSERT INTO counter (name, value) VALUES (?, ?)
                    ON CONFLICT(name) DO UPDATE SET value = value + excluded.value
                    """) { (add) throws(JournalError) in
                    for c in counts {
                        try add.bind(1, c.counter)
                        try add.bind(2, c.amount)
                        try add.run()
                    }
                }
                try Self.write(marks, db)
            }
        }
        pending.written(marks)
    }

    /// The UNIQUE index that used to guard this cost a dozen pages a tick; `channel_state` holds the same
    /// fact in one page the tick writes anyway.
    private static func refuseReusedSequences(_ readings: [Reading], _ db: SQLiteConnection) throws(JournalError) {
        var last: [ReadingKey: UInt64] = [:]
        try db.withStatement("SELECT device, channel, last_seq FROM channel_state") { (s) throws(JournalError) in
            while try s.step() {
                last[ReadingKey(device: DeviceID(s.text(0)), channel: ChannelID(s.text(1)), sequence: 0)] = UInt64(bitPattern: s.integer(2))
            }
        }
        for r in readings {
            let channel = ReadingKey(device: r.key.device, channel: r.key.channel, sequence: 0)
            if let previous = last[channel], r.key.sequence <= previous {
                throw JournalError(
                    path: db.path, operation: "record",
                    reason: "channel \(r.key.channel) of \(r.key.device): sequence \(r.key.sequence) is already taken (the last recorded is \(previous)); nothing of this tick was written")
            }
            last[channel] = r.key.sequence
        }
    }

    /// Writes acknowledgements as ranges of row ids (`SentRanges`), in the order they arrived: a drain's
    /// thousands of PUBACKs extend a range row or two, the readings' own rows are not touched.
    private static func write(_ marks: PendingMarks.Batch, _ db: SQLiteConnection) throws(JournalError) {
        guard !marks.isEmpty else { return }
        try SentRanges.add(marks.ranges, db)
    }

    /// Unsent readings in journal order, after `rowID` and up to `lastRowID`. Readings whose PUBACK is still
    /// waiting to be written count as sent. The gaps between acknowledged ranges are read by row id straight
    /// from the table (`NOT INDEXED`: every row of a gap is unsent, unless a layout-1 firmware marked it).
    public func unsent(after rowID: Int64, through lastRowID: Int64 = .max, limit: Int) throws(JournalError) -> [JournaledReading] {
        try run("read unsent readings") { (db) throws(JournalError) -> [JournaledReading] in
            var found: [JournaledReading] = []
            var decoder = JournalSchema.Decoder()
            guard rowID < lastRowID else { return found }
            try SentRanges.forEachGap(rowID + 1, lastRowID, db) { (first, last) throws(JournalError) -> Bool in
                var cursor = first - 1
                while found.count < limit {
                    let rows = try db.withStatement("""
                        SELECT \(JournalSchema.readingSelection) FROM reading NOT INDEXED
                        WHERE id > ? AND id <= ? AND sent_at_ms IS NULL ORDER BY id LIMIT ?
                        """) { (s) throws(JournalError) -> [JournaledReading] in
                        try s.bind(1, cursor)
                        try s.bind(2, last)
                        try s.bind(3, Int64(limit - found.count))
                        var rows: [JournaledReading] = []
                        rows.reserveCapacity(limit - found.count)
                        while try s.step() { rows.append(decoder.decode(s)) }
                        return rows
                    }
                    guard let newest = rows.last else { break }
                    found += pending.withoutAcknowledged(rows)
                    cursor = newest.rowID
                }
                return found.count < limit
            }
            return found
        }
    }

    /// Unsent rows with ids in `first…last`, counted on the unsent index within the gaps between acknowledged
    /// ranges, so a count touches neither a reading's row nor the index entries of acknowledged rows.
    static func unsentCount(_ first: Int64, _ last: Int64, _ db: SQLiteConnection) throws(JournalError) -> Int {
        var count = 0
        try SentRanges.forEachGap(first, last, db) { (from, to) throws(JournalError) -> Bool in
            count += try db.withStatement("SELECT count(*) FROM reading WHERE sent_at_ms IS NULL AND id BETWEEN ? AND ?") { (s) throws(JournalError) -> Int in
                try s.bind(1, from)
                try s.bind(2, to)
                return try s.step() ? Int(s.integer(0)) : 0
            }
            return true
        }
        return count
    }

    /// The newest row's id (0 for an empty journal): the line between backlog and live readings at a reconnect.
    public func lastRowID() throws(JournalError) -> Int64 {
        try run("read the last row id") { (db) throws(JournalError) -> Int64 in try db.integer("SELECT max(id) FROM reading") ?? 0 }
    }

    /// Sum of a channel's values in [from, to): reseeds running windows (30-minute energy) after a restart.
    /// Reads backwards from the newest row and stops at the channel's first synchronised reading before
    /// `from`, since a channel's readings are journaled in time order; there is no index on channel or time
    /// to keep up on every tick.
    public func total(device: DeviceID, channel: ChannelID, from: UnixTime, to: UnixTime) throws(JournalError) -> Double {
        try run("sum \(channel)") { (db) throws(JournalError) -> Double in
            try db.withStatement("SELECT t_ms, value, quality FROM reading WHERE device = ? AND channel = ? ORDER BY id DESC") { (s) throws(JournalError) -> Double in
                try s.bind(1, device.rawValue)
                try s.bind(2, channel.rawValue)
                var sum = 0.0
                while try s.step() {
                    let t = s.integer(0)
                    let quality = s.text(2)
                    if t < from.milliseconds {
                        if quality == ReadingQuality.clockUnsynchronised.rawValue { continue }
                        break
                    }
                    if t < to.milliseconds, quality != ReadingQuality.fault.rawValue, let v = s.optionalDouble(1) { sum += v }
                }
                return sum
            }
        }
    }

    /// The newest reading of a channel, for derived running totals that continue after a restart.
    public func latest(device: DeviceID, channel: ChannelID) throws(JournalError) -> Reading? {
        try run("read latest \(channel)") { (db) throws(JournalError) -> Reading? in
            try db.withStatement("""
                SELECT \(JournalSchema.readingSelection) FROM reading WHERE device = ? AND channel = ? ORDER BY id DESC LIMIT 1
                """) { (s) throws(JournalError) -> Reading? in
                try s.bind(1, device.rawValue)
                try s.bind(2, channel.rawValue)
                var decoder = JournalSchema.Decoder()
                return try s.step() ? decoder.decode(s).reading : nil
            }
        }
    }

    /// Bytes the journal's live pages occupy (free pages are reused before the file grows).
    public func usedBytes() throws(JournalError) -> Int64 {
        try run("measure size") { (db) throws(JournalError) -> Int64 in try Self.usedBytes(db) }
    }

    static func usedBytes(_ db: SQLiteConnection) throws(JournalError) -> Int64 {
        try db.snapshot { () throws(JournalError) -> Int64 in
            let pageSize = try db.integer("PRAGMA page_size") ?? 4096
            let pages = try db.integer("PRAGMA page_count") ?? 0
            let free = try db.integer("PRAGMA freelist_count") ?? 0
            return (pages - free) * pageSize
        }
    }

    /// Takes note of a PUBACK. The mark is written with the next tick's commit, or alone once it has waited
    /// the journal's `markDelay`; until then `unsent` and `summary` already treat these readings as sent.
    public func markSent(_ rowIDs: [Int64], at time: UnixTime) throws(JournalError) {
        guard !rowIDs.isEmpty else { return }
        pending.add(rowIDs, sentAtMilliseconds: time.milliseconds)
        if pending.delayNanoseconds == 0 { try flushMarks() }
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
        try run("mark \(marks.count) readings sent") { (db) throws(JournalError) in
            try db.transaction { () throws(JournalError) in try Self.write(marks, db) }
        }
        pending.written(marks)
    }

    /// Every reading, sent or not, in journal order (for audits, `sensor-gateway journal` and tests).
    public func all() throws(JournalError) -> [JournaledReading] {
        try flushMarks()
        return try run("read readings") { (db) throws(JournalError) -> [JournaledReading] in
            let s = try db.prepare("SELECT \(JournalSchema.readingSelection) FROM reading_delivery ORDER BY id")
            var decoder = JournalSchema.Decoder()
            var rows: [JournaledReading] = []
            while try s.step() { rows.append(decoder.decode(s)) }
            return rows
        }
    }

    /// Unsent readings taken before the newest tick, as any reader of the file sees them. The newest tick's
    /// PUBACKs are written with the next tick, so from outside the gateway a drained backlog looks like that
    /// one tick unsent: this, not `summary().unsentCount`, says whether a backlog has gone.
    public func unsentBeforeNewestTick() throws(JournalError) -> Int {
        try flushMarks()
        return try run("count the backlog") { (db) throws(JournalError) -> Int in
            try db.snapshot { () throws(JournalError) -> Int in
                let firstOfTick = try db.withStatement("SELECT id, mono_ns, boot_id FROM reading ORDER BY id DESC") { (s) throws(JournalError) -> Int64? in
                    guard try s.step() else { return nil }
                    let tickMono = s.optionalInteger(1), tickBoot = s.optionalText(2)
                    var first = s.integer(0)
                    while try s.step(), s.optionalInteger(1) == tickMono, s.optionalText(2) == tickBoot {
                        first = s.integer(0)
                    }
                    return first
                }
                guard let firstOfTick else { return 0 }
                return try Self.unsentCount(1, firstOfTick - 1, db)
            }
        }
    }

    public func summary() throws(JournalError) -> JournalSummary {
        try flushMarks()
        return try run("summarise") { (db) throws(JournalError) -> JournalSummary in
            try db.snapshot { () throws(JournalError) -> JournalSummary in
                let unsent = try Self.unsentCount(1, .max, db)
                var oldest: Int64?
                try SentRanges.forEachGap(1, .max, db) { (first, last) throws(JournalError) -> Bool in
                    let inGap = try db.withStatement("SELECT min(t_ms) FROM reading WHERE sent_at_ms IS NULL AND id BETWEEN ? AND ?") { (s) throws(JournalError) -> Int64? in
                        try s.bind(1, first)
                        try s.bind(2, last)
                        return try s.step() ? s.optionalInteger(0) : nil
                    }
                    if let inGap { oldest = min(oldest ?? inGap, inGap) }
                    return true
                }
                let total = try db.integer("SELECT count(*) FROM reading") ?? 0
                let losses = try db.integer("SELECT value FROM counter WHERE name = 'losses'") ?? 0
                return JournalSummary(unsentCount: Int(unsent), oldestUnsent: oldest.map { UnixTime(milliseconds: $0) },
                                      totalCount: Int(total), losses: Int(losses), recoveredFrom: recoveredFrom)
            }
        }
    }
}
