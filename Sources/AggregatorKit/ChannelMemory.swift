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
/// as it may have taken back what it had noted. A status from a board can change its channels' intervals
/// through this same connection, which `data_version` does not count: `forgetIntervals` is called then.
struct ChannelMemory {
    private struct Key: Hashable { var device: String, channel: String }
    private struct Channel {
        var highest: Int64??
        var interval: Double??
    }
    private var channels: [Key: Channel] = [:]
    private var seen: Set<String> = []
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
        channels.removeAll(keepingCapacity: true)
        seen.removeAll(keepingCapacity: true)
        dataVersion = nil
    }

    /// The channel's highest stored sequence, or nil before its first reading.
    mutating func highest(_ db: Database, device: String, channel: String) throws -> Int64? {
        try remembered(\.highest, db, device, channel, "SELECT max(seq) FROM reading WHERE device = ? AND channel = ?")
    }

    mutating func stored(device: String, channel: String, seq: Int64) {
        let key = Key(device: device, channel: channel)
        let before = channels[key]?.highest ?? nil
        channels[key, default: Channel()].highest = .some(max(before ?? seq, seq))
    }

    /// The channel's declared sampling interval (from its board's status), if the city has one.
    mutating func declaredInterval(_ db: Database, device: String, channel: String) throws -> Double? {
        try remembered(\.interval, db, device, channel, "SELECT interval_s FROM channel WHERE device = ? AND channel = ?")
    }

    /// `field` of the channel as remembered, or as the database answers `sql` (device and channel its arguments).
    private mutating func remembered<Value: DatabaseValueConvertible>(_ field: WritableKeyPath<Channel, Value??>, _ db: Database,
                                                                     _ device: String, _ channel: String, _ sql: String) throws -> Value? {
        let key = Key(device: device, channel: channel)
        if let known = channels[key]?[keyPath: field] { return known }
        let value = try Value.fetchOne(db.cachedStatement(sql: sql), arguments: [device, channel])
        channels[key, default: Channel()][keyPath: field] = .some(value)
        return value
    }

    /// A status rewrote the board's channel list.
    mutating func forgetIntervals(device: String) {
        for (key, _) in channels where key.device == device { channels[key]?.interval = nil }
    }

    /// Records when the city first heard of `device`, unless already recorded.
    mutating func noteSeen(_ db: Database, site: String, device: String, at: UnixTime) throws {
        guard !seen.contains(device) else { return }
        try IntakeLedger.noteSeen(db, site: site, device: device, at: at)
        seen.insert(device)
    }
}
