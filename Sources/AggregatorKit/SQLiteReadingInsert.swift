import GRDB
import GRDBSQLite
import GatewayCore

/// The intake's `INSERT OR IGNORE INTO reading`, prepared once per batch and bound through SQLite's C calls.
///
/// GRDB's `setUncheckedArguments` boxes each of a reading's 13 columns into an existential and an array before
/// binding it; at 20,000 readings a batch that was a large share of the store's time. Binding straight from
/// the reading's fields stores the same row (same columns, same types: text, integer, real or NULL).
struct SQLiteReadingInsert: ~Copyable {
    private let connection: SQLiteConnection
    private let statement: SQLiteStatement

    /// SQLite copies the bytes of a bound text before the call returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    init(_ db: Database) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed")
        }
        var prepared: SQLiteStatement?
        let rc = sqlite3_prepare_v2(connection, """
            INSERT OR IGNORE INTO reading (site, device, channel, seq, t_ms, value, sum, unit, quality, cal, fault, method, received_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, -1, &prepared, nil)
        guard rc == SQLITE_OK, let prepared else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)))
        }
        self.connection = connection
        statement = prepared
    }

    deinit { sqlite3_finalize(statement) }

    /// Inserts `r`; returns false when a reading with its (device, channel, seq) is already stored.
    func insert(_ r: Reading, site: String, receivedMilliseconds: Int64) throws -> Bool {
        defer { sqlite3_reset(statement) }
        bind(1, site)
        bind(2, r.key.device.rawValue)
        bind(3, r.key.channel.rawValue)
        sqlite3_bind_int64(statement, 4, Int64(r.key.sequence))
        sqlite3_bind_int64(statement, 5, r.time.milliseconds)
        bind(6, r.value?.value)
        bind(7, r.sum?.value)
        bind(8, r.value?.unit ?? r.sum?.unit)
        bind(9, r.quality.rawValue)
        bind(10, r.calibrationID)
        bind(11, r.fault)
        bind(12, r.method)
        sqlite3_bind_int64(statement, 13, receivedMilliseconds)
        let rc = sqlite3_step(statement)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)),
                                sql: "INSERT OR IGNORE INTO reading")
        }
        return sqlite3_changes(connection) == 1
    }

    private func bind(_ index: Int32, _ number: Double?) {
        if let number { sqlite3_bind_double(statement, index, number) } else { sqlite3_bind_null(statement, index) }
    }

    private func bind(_ index: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(statement, index); return }
        text.withUTF8 { bytes in
            // An empty string is text '', not NULL: give SQLite a valid pointer even for zero bytes.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                sqlite3_bind_text(statement, index, "", 0, Self.transient)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), Self.transient)
            }
        }
    }
}
