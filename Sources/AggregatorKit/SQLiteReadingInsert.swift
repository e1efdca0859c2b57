import GRDB
import GatewayCore

/// The intake's `INSERT OR IGNORE INTO reading`, prepared once per batch and bound through SQLite's C calls
/// (`SQLitePrepared`).
struct SQLiteReadingInsert: ~Copyable {
    private var statement: SQLitePrepared

    init(_ db: Database) throws {
        statement = try SQLitePrepared(db, """
            INSERT OR IGNORE INTO reading (site, device, channel, seq, t_ms, value, sum, unit, quality, cal, fault, method, received_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Inserts `r`; returns false when a reading with its (device, channel, seq) is already stored.
    mutating func insert(_ r: Reading, site: String, device: String, channel: String, receivedMilliseconds: Int64) throws -> Bool {
        statement.bind(1, site)
        statement.bind(2, device)
        statement.bind(3, channel)
        statement.bind(4, Int64(r.key.sequence))
        statement.bind(5, r.time.milliseconds)
        statement.bind(6, r.value?.value)
        statement.bind(7, r.sum?.value)
        statement.bind(8, r.value?.unit ?? r.sum?.unit)
        statement.bind(9, r.quality.rawValue)
        statement.bind(10, r.calibrationID)
        statement.bind(11, r.fault)
        statement.bind(12, r.method)
        statement.bind(13, receivedMilliseconds)
        return try statement.step() == 1
    }
}
