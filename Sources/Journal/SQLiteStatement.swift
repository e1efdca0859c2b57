import CSQLite
import CSystem

/// A prepared statement: positional binds (1-based, as in the SQL's `?`s) and column reads by index (0-based,
/// as in the SELECT list), without a row object or column names in between.
final class SQLiteStatement {
    private let handle: OpaquePointer
    /// The journal file, for errors.
    let path: String
    let sql: String
    /// The connection's counters (see `StatementWork`).
    private let work: StatementWork

    init(handle: OpaquePointer, path: String, sql: String, work: StatementWork) {
        self.handle = handle
        self.path = path
        self.sql = sql
        self.work = work
    }

    deinit {
        work.collect(from: handle)
        sqlite3_finalize(handle)
    }

    // MARK: binding

    func bind(_ index: Int32, _ value: Int64) throws(JournalError) {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ index: Int32, _ value: Int64?) throws(JournalError) {
        if let value { try bind(index, value) } else { try bindNull(index) }
    }

    func bind(_ index: Int32, _ value: Double?) throws(JournalError) {
        if let value { try check(sqlite3_bind_double(handle, index, value)) } else { try bindNull(index) }
    }

    func bind(_ index: Int32, _ value: String) throws(JournalError) {
        try check(value.withCString { sgw_sqlite3_bind_text_copy(handle, index, $0, -1) })
    }

    func bind(_ index: Int32, _ value: String?) throws(JournalError) {
        if let value { try bind(index, value) } else { try bindNull(index) }
    }

    func bindNull(_ index: Int32) throws(JournalError) {
        try check(sqlite3_bind_null(handle, index))
    }

    // MARK: stepping

    /// Advances to the next row: true when there is one, false when the statement has finished.
    @discardableResult
    func step() throws(JournalError) -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW {
            work.rowReturned()
            return true
        }
        if code == SQLITE_DONE { return false }
        throw failure(code)
    }

    /// Runs a statement that returns no rows, to completion.
    func run() throws(JournalError) {
        while try step() {}
        reset()
    }

    /// Ready to run again; bindings are kept until bound anew.
    func reset() {
        work.collect(from: handle)
        sqlite3_reset(handle)
    }

    // MARK: columns

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInteger(_ column: Int32) -> Int64? { isNull(column) ? nil : integer(column) }

    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }

    func text(_ column: Int32) -> String { optionalText(column) ?? "" }

    func optionalText(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// `previous` again when the column holds the same text, so a drain does not build the same device, channel,
    /// unit and boot id strings anew for every row.
    func text(_ column: Int32, reusing previous: String?) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        if var previous, previous.utf8.count == count {
            let same = previous.withUTF8 { stored in count == 0 || memcmp(stored.baseAddress!, bytes, count) == 0 }
            if same { return previous }
        }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func failure(_ code: Int32) -> JournalError {
        let message = sqlite3_db_handle(handle).map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        return JournalError.sqlite(path: path, code: code, message: message, statement: sql)
    }

    private func check(_ code: Int32) throws(JournalError) {
        guard code == SQLITE_OK else { throw failure(code) }
    }
}
