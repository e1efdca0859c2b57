import CSQLite

/// One connection to the journal file over SQLite's C API: the thin layer the journal is written on.
///
/// Not thread-safe by itself (opened `SQLITE_OPEN_NOMUTEX`): `ReadingJournal` keeps it behind a lock. Prepared
/// statements of the hot paths (the tick's insert, the publisher's unsent query, marking sent) are compiled
/// once and kept in `cache`, so a drain does not parse SQL per pack.
final class SQLiteConnection {
    let path: String
    private let handle: OpaquePointer
    private var cache: [String: SQLiteStatement] = [:]
    /// What this connection's prepared statements cost SQLite (statements run through `execute` are not counted).
    let work = StatementWork()

    /// Opens (creating if needed) `path`. A lock held by another process is waited for up to `busyTimeoutMilliseconds`.
    /// `readOnly` opens an existing file without ever writing to it (a WAL reader beside the running daemon).
    init(path: String, busyTimeoutMilliseconds: Int32, readOnly: Bool = false) throws(JournalError) {
        self.path = path
        var opened: OpaquePointer?
        let mode = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let code = sqlite3_open_v2(path, &opened, mode | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            if let opened { sqlite3_close_v2(opened) }
            throw JournalError.sqlite(path: path, code: code, message: message, statement: "sqlite3_open_v2")
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        cache.removeAll()  // finalizes them before the connection closes
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return nothing the caller needs (schema, pragmas, transaction control).
    func execute(_ sql: String) throws(JournalError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw JournalError.sqlite(path: path, code: code, message: text, statement: sql)
        }
    }

    /// A statement compiled for this one use (finalized when the caller lets go of it).
    func prepare(_ sql: String) throws(JournalError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw failure(code, sql) }
        return SQLiteStatement(handle: statement, path: path, sql: sql, work: work)
    }

    /// Runs `body` with the cached statement for `sql` (compiled on first use), then resets it, so a
    /// half-read query never keeps a read snapshot open that would hold back the WAL checkpoint.
    func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws(JournalError) -> T) throws(JournalError) -> T {
        let statement: SQLiteStatement
        if let cached = cache[sql] {
            statement = cached
        } else {
            statement = try prepare(sql)
            cache[sql] = statement
        }
        defer { statement.reset() }
        return try body(statement)
    }

    /// The first column of the first row of `sql` as an integer, or nil for no row or NULL.
    func integer(_ sql: String) throws(JournalError) -> Int64? {
        try withStatement(sql) { (s) throws(JournalError) -> Int64? in
            try s.step() ? s.optionalInteger(0) : nil
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// `body` inside `BEGIN IMMEDIATE … COMMIT`: the write lock is taken (waiting on other processes) before
    /// anything is read, and anything thrown rolls every change back.
    func transaction<T>(_ body: () throws(JournalError) -> T) throws(JournalError) -> T {
        try inside("BEGIN IMMEDIATE", body)
    }

    /// A read of several statements that must see one state of the file.
    func snapshot<T>(_ body: () throws(JournalError) -> T) throws(JournalError) -> T {
        try inside("BEGIN DEFERRED", body)
    }

    /// `body` between `begin` and `COMMIT`; anything thrown rolls back whatever the transaction did.
    private func inside<T>(_ begin: String, _ body: () throws(JournalError) -> T) throws(JournalError) -> T {
        try execute(begin)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }

    func failure(_ code: Int32, _ sql: String) -> JournalError {
        JournalError.sqlite(path: path, code: code, message: String(cString: sqlite3_errmsg(handle)), statement: sql)
    }
}
