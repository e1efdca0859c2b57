import GRDB

/// Each channel's declared sampling interval (from the channel list of its board's status), looked up once per
/// intake batch: a totalizer increment counts in the period holding its middle (`ReadingRollup.attributedInstant`).
struct DeclaredIntervals {
    private struct Key: Hashable { var device: String, channel: String }
    private var known: [Key: Double?] = [:]

    mutating func declared(_ db: Database, device: String, channel: String) throws -> Double? {
        let key = Key(device: device, channel: channel)
        if let interval = known[key] { return interval }
        let interval = try Double.fetchOne(db, sql: "SELECT interval_s FROM channel WHERE device = ? AND channel = ?",
                                           arguments: [device, channel])
        known[key] = interval
        return interval
    }
}
