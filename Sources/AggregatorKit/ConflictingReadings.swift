import GRDB
import GatewayCore

/// Readings that came with the (device, channel, sequence) of a stored reading but another value or sum.
///
/// A board never sends two values under one sequence number unless something is wrong (a journal restored
/// from a backup, two boards configured with one device id, a firmware bug), so the second version is not
/// dropped as a redelivery: it is kept here beside the stored one, counted per board in the report, and never
/// reaches a KPI (the first version stored stays the one counted).
enum ConflictingReadings {
    static let schema = """
        CREATE TABLE IF NOT EXISTS conflicting_reading (
            site TEXT NOT NULL, device TEXT NOT NULL, channel TEXT NOT NULL, seq INTEGER NOT NULL,
            t_ms INTEGER NOT NULL, value REAL, sum REAL, unit TEXT, quality TEXT NOT NULL,
            stored_value REAL, stored_sum REAL, received_ms INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS conflicting_reading_device ON conflicting_reading (device, t_ms);
        """

    /// Keeps `r` aside when the stored reading with its key has another value or sum; a version already kept
    /// is not kept twice (QoS 1 redelivers conflicts too). Returns whether `r` was a new conflict.
    static func keepIfConflicting(_ db: Database, _ r: Reading, site: String, receivedAt: UnixTime) throws -> Bool {
        let device = r.key.device.rawValue, channel = r.key.channel.rawValue, seq = Int64(r.key.sequence)
        guard let stored = try Row.fetchOne(db, sql: "SELECT value, sum FROM reading WHERE device = ? AND channel = ? AND seq = ?",
                                            arguments: [device, channel, seq]) else { return false }
        let storedValue: Double? = stored["value"], storedSum: Double? = stored["sum"]
        if storedValue == r.value?.value && storedSum == r.sum?.value { return false }
        let known = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM conflicting_reading WHERE device = ? AND channel = ? AND seq = ?
                           AND value IS ? AND sum IS ?)
            """, arguments: [device, channel, seq, r.value?.value, r.sum?.value]) ?? false
        if known { return false }
        try db.execute(sql: """
            INSERT INTO conflicting_reading (site, device, channel, seq, t_ms, value, sum, unit, quality, stored_value, stored_sum, received_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [site, device, channel, seq, r.time.milliseconds, r.value?.value, r.sum?.value,
                             r.value?.unit ?? r.sum?.unit, r.quality.rawValue, storedValue, storedSum, receivedAt.milliseconds])
        return true
    }

    /// Conflicting readings per board dated inside [from, to).
    static func counts(_ db: Database, from: UnixTime, to: UnixTime) throws -> [(site: String, device: String, count: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT site, device, count(*) AS n FROM conflicting_reading WHERE t_ms >= ? AND t_ms < ?
            GROUP BY site, device ORDER BY device
            """, arguments: [from.milliseconds, to.milliseconds]).map { ($0["site"], $0["device"], $0["n"]) }
    }
}

/// A second version of a stored reading, as a board's history shows it.
public struct ConflictingReading: Sendable, Hashable {
    public var reading: Reading
    /// The value and sum of the version stored first, which the KPIs count.
    public var storedValue: Double?
    public var storedSum: Double?
    public var receivedAt: UnixTime

    /// A `conflicting_reading` row, in either store.
    init(device: String, channel: String, sequence: Int64, timeMilliseconds: Int64, value: Double?, sum: Double?, unit: String?,
         quality: String, storedValue: Double?, storedSum: Double?, receivedMilliseconds: Int64) {
        let unit = unit ?? ""
        reading = Reading(key: ReadingKey(device: DeviceID(device), channel: ChannelID(channel), sequence: UInt64(sequence)),
                          time: UnixTime(milliseconds: timeMilliseconds),
                          value: value.map { MeasuredValue($0, unit) }, sum: sum.map { MeasuredValue($0, unit) },
                          quality: ReadingQuality(rawValue: quality) ?? .good)
        self.storedValue = storedValue
        self.storedSum = storedSum
        receivedAt = UnixTime(milliseconds: receivedMilliseconds)
    }
}

extension AggregatorStore {
    /// The conflicting versions `device` sent, oldest reading first: part of the board's history.
    public func conflictingReadings(device: String) throws(AggregatorError) -> [ConflictingReading] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM conflicting_reading WHERE device = ? ORDER BY channel, seq, received_ms",
                                 arguments: [device]).map { row in
                    ConflictingReading(device: row["device"], channel: row["channel"], sequence: row["seq"], timeMilliseconds: row["t_ms"],
                                       value: row["value"], sum: row["sum"], unit: row["unit"], quality: row["quality"],
                                       storedValue: row["stored_value"], storedSum: row["stored_sum"],
                                       receivedMilliseconds: row["received_ms"])
                }
            }
        } catch {
            throw AggregatorError("cannot read \(path): \(error)")
        }
    }
}
