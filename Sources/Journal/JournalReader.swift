import GatewayCore

/// The journal of a running gateway, read from another process (`sensor-gateway watch`, `commission`) without
/// stopping it: the file is opened read-only, and SQLite's WAL lets a reader see the last committed tick while
/// the daemon keeps writing. Nothing here can change the file.
public final class JournalReader {
    private let db: SQLiteConnection

    public init(path: String) throws(JournalError) {
        db = try SQLiteConnection(path: path, busyTimeoutMilliseconds: 2000, readOnly: true)
    }

    /// The newest `limit` readings of a channel, oldest first.
    public func recent(device: DeviceID, channel: ChannelID, limit: Int) throws(JournalError) -> [Reading] {
        do {
            return try db.withStatement("""
                SELECT \(JournalSchema.readingSelection) FROM reading WHERE device = ? AND channel = ? ORDER BY id DESC LIMIT ?
                """) { (s) throws(JournalError) -> [Reading] in
                try s.bind(1, device.rawValue)
                try s.bind(2, channel.rawValue)
                try s.bind(3, Int64(limit))
                var decoder = JournalSchema.Decoder()
                var readings: [Reading] = []
                while try s.step() { readings.append(decoder.decode(s).reading) }
                return readings.reversed()
            }
        } catch {
            var failure = error
            failure.operation = "read recent \(channel)"
            throw failure
        }
    }

    /// A named counter the gateway keeps in the journal (nil when it has never been written).
    public func counter(_ name: String) throws(JournalError) -> Int64? {
        try db.withStatement("SELECT value FROM counter WHERE name = ?") { (s) throws(JournalError) -> Int64? in
            try s.bind(1, name)
            return try s.step() ? s.integer(0) : nil
        }
    }
}
