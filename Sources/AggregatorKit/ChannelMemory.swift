import GRDB
import GatewayCore

/// What the SQLite intake remembers of each channel from one batch to the next: its highest stored sequence (gap
/// tracking) and its declared interval (rollups), and the boards whose first appearance is already recorded.
///
/// Asked of the database afresh for every batch, these were a `SELECT max(seq)` and a `SELECT interval_s` per
/// channel per batch: with 100 boards × 10 channels a 2,000-reading batch holds two readings of each channel, so
/// the lookups cost as much as the readings' inserts. They are kept only while this connection is the file's
/// only writer: SQLite's `data_version` changes when another connection commits (a second aggregator of a
/// `$share` group, a repair by hand), and then everything is asked again. A failed transaction forgets too,
/// as it may have taken back what it had noted. A board's status declares its channels' intervals through this
/// same connection, which `data_version` does not count: it is written through `declare`, which forgets the
/// intervals it rewrites, so no writer of the channel table can leave an old interval remembered.
///
/// A channel is found once per reading (`slot`), and everything the batch needs of it is reached by that slot.
struct ChannelMemory {
    /// Something asked of the database: not yet, or asked and answered (the answer may be "none").
    enum Asked<Value> {
        case notAsked
        case answered(Value?)
    }

    private struct Key: Hashable { var device: String, channel: String }
    struct Channel {
        var highest: Asked<Int64> = .notAsked
        var interval: Asked<Double> = .notAsked
        /// The rollup rows this batch adds to the channel's current hour and day (`rollUp`).
        var hour: ReadingRollup?
        var day: ReadingRollup?
    }
    private var slots: [Key: Int] = [:]
    private(set) var channels: [Channel] = []
    private var seen: Set<String> = []
    /// The device of the last `noteSeen`: a pack's readings are all of one board, so the set is asked once a pack.
    private var lastSeen: String?
    private var dataVersion: Int64?

    /// Call first in every write transaction that uses the memory, once it holds the write lock (BEGIN
    /// IMMEDIATE): from then on no other connection can commit until it ends.
    mutating func revalidate(_ db: Database) throws {
        let version = try Int64.fetchOne(db, sql: "PRAGMA data_version")
        if version != dataVersion {
            forget()
            dataVersion = version
        }
    }

    mutating func forget() {
        slots.removeAll(keepingCapacity: true)
        channels.removeAll(keepingCapacity: true)
        seen.removeAll(keepingCapacity: true)
        lastSeen = nil
        dataVersion = nil
    }

    /// The channel's place in `channels`, made on its first reading: the one hash of its name a reading costs.
    mutating func slot(device: String, channel: String) -> Int {
        let key = Key(device: device, channel: channel)
        if let known = slots[key] { return known }
        channels.append(Channel())
        slots[key] = channels.count - 1
        return channels.count - 1
    }

    /// The channel's highest stored sequence, or nil before its first reading.
    mutating func highest(_ db: Database, _ slot: Int, device: String, channel: String) throws -> Int64? {
        if case .answered(let known) = channels[slot].highest { return known }
        channels[slot].highest = .answered(try Self.ask(db, "SELECT max(seq) FROM reading WHERE device = ? AND channel = ?", device, channel))
        return try highest(db, slot, device: device, channel: channel)
    }

    /// Notes that `seq` of the channel was stored (after `highest` was asked for it).
    mutating func stored(_ slot: Int, seq: Int64) {
        if case .answered(let before?) = channels[slot].highest, before >= seq { return }
        channels[slot].highest = .answered(seq)
    }

    /// The channel's declared sampling interval (from its board's status), if the city has one.
    mutating func declaredInterval(_ db: Database, _ slot: Int, device: String, channel: String) throws -> Double? {
        if case .answered(let known) = channels[slot].interval { return known }
        channels[slot].interval = .answered(try Self.ask(db, "SELECT interval_s FROM channel WHERE device = ? AND channel = ?", device, channel))
        return try declaredInterval(db, slot, device: device, channel: channel)
    }

    /// What the database answers `sql` of one channel (its device and channel the two arguments).
    private static func ask<Value: DatabaseValueConvertible>(_ db: Database, _ sql: String, _ device: String, _ channel: String) throws -> Value? {
        try Value.fetchOne(db.cachedStatement(sql: sql), arguments: [device, channel])
    }

    /// Writes the channels a board's status declares, and forgets the intervals remembered of them: the only way
    /// the intake writes the channel table, so the next batch reads each rewritten interval again.
    mutating func declare(_ db: Database, site: String, device: String, channels declared: [BoardStatus.Channel]) throws {
        for c in declared {
            try db.execute(sql: """
                INSERT INTO channel (site, device, channel, quantity, role, unit, interval_s, driver)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(device, channel) DO UPDATE SET site = excluded.site, quantity = excluded.quantity,
                    role = excluded.role, unit = excluded.unit, interval_s = excluded.interval_s, driver = excluded.driver
                """, arguments: [site, device, c.id, c.quantity, c.role, c.unit, c.intervalSeconds, c.driver])
            if let known = slots[Key(device: device, channel: c.id)] { channels[known].interval = .notAsked }
        }
    }

    /// Hands the batch's rollup rows over (to be written) and clears them from every channel.
    mutating func takeRollups(hours: inout [ReadingRollup], days: inout [ReadingRollup]) {
        for i in channels.indices {
            if let h = channels[i].hour { hours.append(h); channels[i].hour = nil }
            if let d = channels[i].day { days.append(d); channels[i].day = nil }
        }
    }

    /// Adds one stored reading to its channel's hour and day rows: per channel, not per (channel, bucket) key, so
    /// no hash. A row of another bucket, site or unit is handed to `hours` or `days` first; its upsert adds to
    /// what is stored, so a key written twice in a batch sums as if once.
    mutating func rollUp(_ slot: Int, _ r: Reading, site: String, intervalSeconds: Double?,
                         hours: inout [ReadingRollup], days: inout [ReadingRollup]) {
        let attributed = r.sum != nil ? ReadingRollup.attributedInstant(of: r.time, intervalSeconds: intervalSeconds) : r.time
        var one = ReadingRollup(site: site, reading: r, bucketStart: ReadingRollup.Resolution.hour.bucket(containing: attributed))
        Self.add(one, to: &channels[slot].hour, finished: &hours)
        one.bucketStart = ReadingRollup.Resolution.day.bucket(containing: attributed)
        Self.add(one, to: &channels[slot].day, finished: &days)
    }

    private static func add(_ one: ReadingRollup, to current: inout ReadingRollup?, finished: inout [ReadingRollup]) {
        if let c = current, c.bucketStart.milliseconds == one.bucketStart.milliseconds, c.unit == one.unit, c.site == one.site {
            current!.absorb(one)
        } else {
            if let done = current { finished.append(done) }
            current = one
        }
    }

    /// Records when the city first heard of `device`, unless already recorded.
    mutating func noteSeen(_ db: Database, site: String, device: String, at: UnixTime) throws {
        if lastSeen == device { return }
        if !seen.contains(device) {
            try IntakeLedger.noteSeen(db, site: site, device: device, at: at)
            seen.insert(device)
        }
        lastSeen = device
    }
}
