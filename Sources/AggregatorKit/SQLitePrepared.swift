import GRDB
import GRDBSQLite

/// A statement of the intake's hot path, prepared once per batch and bound through SQLite's C calls.
///
/// GRDB's `setUncheckedArguments` boxes each argument into an existential and an array before binding it; for
/// the 13 columns of every stored reading and the 15 of every rollup row that was a large share of the store's
/// time. Binding straight from the fields stores the same row (same columns, same types: text, integer, real or NULL).
///
/// Texts are copied into `arena`, which lives as long as the statement, and bound from there as static: bound as
/// transient, SQLite allocated and freed a copy of every text of every row (8 % of the intake's time). A row's
/// texts that do not fit the arena are bound as transient.
struct SQLitePrepared: ~Copyable {
    private let connection: SQLiteConnection
    private let statement: SQLiteStatement
    private let sql: String
    private let arena: UnsafeMutableBufferPointer<UInt8>
    /// Bytes of `arena` holding the texts bound since the last `step`.
    private var used = 0

    /// The texts bound here stay where they are until the next row is bound.
    private static var unmanaged: sqlite3_destructor_type? { nil }
    /// SQLite copies the bytes of a bound text before the call returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed")
        }
        var prepared: SQLiteStatement?
        let rc = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard rc == SQLITE_OK, let prepared else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.connection = connection
        statement = prepared
        self.sql = sql
        arena = .allocate(capacity: 4096)
    }

    deinit {
        sqlite3_finalize(statement)
        arena.deallocate()
    }

    /// Runs the bound statement once; returns how many rows it changed.
    mutating func step() throws -> Int32 {
        defer {
            sqlite3_reset(statement)
            used = 0
        }
        let rc = sqlite3_step(statement)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        return sqlite3_changes(connection)
    }

    func bind(_ index: Int32, _ number: Int64) {
        sqlite3_bind_int64(statement, index, number)
    }

    func bind(_ index: Int32, _ number: Double?) {
        if let number { sqlite3_bind_double(statement, index, number) } else { sqlite3_bind_null(statement, index) }
    }

    mutating func bind(_ index: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(statement, index); return }
        let arena = self.arena, start = used
        let stored: Bool = text.withUTF8 { bytes in
            // An empty string is text '', not NULL: give SQLite a valid pointer even for zero bytes.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                sqlite3_bind_text(statement, index, "", 0, Self.transient)
                return false
            }
            if bytes.count <= arena.count - start {
                let copy = arena.baseAddress! + start
                copy.update(from: base, count: bytes.count)
                copy.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), Self.unmanaged)
                }
                return true
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), Self.transient)
            }
            return false
        }
        if stored { used += text.utf8.count }
    }
}
