import CLibPQ
import Glibc

/// One libpq connection, used from one thread at a time (the store serialises its callers). Parameters and
/// results travel as text, which PostgreSQL converts to and from the columns' types; float8 text is the
/// shortest form that reads back to the same double (PostgreSQL 12 and later).
final class PostgresConnection {
    let target: String
    private let handle: OpaquePointer
    private var prepared: Set<String> = []

    /// `conninfo`: a libpq connection string or URI (`postgres://user@host/db`, `host=/run/pg dbname=city`).
    init(_ conninfo: String) throws(AggregatorError) {
        target = PostgresConnection.redacted(conninfo)
        guard let h = PQconnectdb(conninfo) else {
            throw AggregatorError("cannot connect to PostgreSQL at \(target): out of memory")
        }
        handle = h
        guard PQstatus(h) == CONNECTION_OK else {
            let why = String(cString: PQerrorMessage(h)).trimmingSuffixWhitespace
            PQfinish(h)
            throw AggregatorError("cannot connect to PostgreSQL at \(target): \(why). Check that the server runs, that the database exists and that this user may log in (pg_hba.conf)")
        }
        _ = try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// Runs `sql` with `$1…` bound to `parameters` (nil is NULL). Statements named by `prepareAs` are
    /// parsed and planned once per connection.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = [], prepareAs name: String? = nil) throws(AggregatorError) -> PostgresRows {
        if let name, !prepared.contains(name) {
            let r = PQprepare(handle, name, sql, Int32(parameters.count), nil)
            defer { PQclear(r) }
            try check(r, sql)
            prepared.insert(name)
        }
        var cStrings: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { for p in cStrings { free(p) } }
        let result: OpaquePointer? = cStrings.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { values in
                if parameters.isEmpty, name == nil {
                    // Several statements (a schema) are allowed only without parameters.
                    PQexec(handle, sql)
                } else if let name {
                    PQexecPrepared(handle, name, Int32(parameters.count), values.baseAddress, nil, nil, 0)
                } else {
                    PQexecParams(handle, sql, Int32(parameters.count), nil, values.baseAddress, nil, nil, 0)
                }
            }
        }
        defer { PQclear(result) }
        try check(result, sql)
        return PostgresRows(result!)
    }

    /// Runs the prepared statement `sql` with each `$n` bound to the finished array literal `arrays[n-1]`:
    /// a batch's columns passed without copying. Returns the rows and how many the statement inserted or changed.
    @discardableResult
    func execute(_ sql: String, arrays: [PostgresBatchText], prepareAs name: String) throws(AggregatorError) -> PostgresRows {
        if !prepared.contains(name) {
            let r = PQprepare(handle, name, sql, Int32(arrays.count), nil)
            defer { PQclear(r) }
            try check(r, sql)
            prepared.insert(name)
        }
        var values: [UnsafePointer<CChar>?] = arrays.map(\.parameter)
        let result = values.withUnsafeMutableBufferPointer { v in
            PQexecPrepared(handle, name, Int32(arrays.count), v.baseAddress, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, sql)
        return PostgresRows(result!)
    }

    /// Runs `sql`, a `COPY … FROM STDIN` in text format, with the rows of `data`; returns how many it stored.
    func copy(_ sql: String, _ data: PostgresBatchText) throws(AggregatorError) -> Int {
        let started = PQexec(handle, sql)
        guard PQresultStatus(started) == PGRES_COPY_IN else {
            defer { PQclear(started) }
            try check(started, sql)
            throw AggregatorError("PostgreSQL at \(target) did not start \(sql.prefix(80))")
        }
        PQclear(started)
        let sent = PQputCopyData(handle, UnsafeRawPointer(data.pointer).assumingMemoryBound(to: CChar.self), Int32(data.length))
        let ended = PQputCopyEnd(handle, sent == 1 ? nil : "the client could not send the rows")
        var result = PQgetResult(handle)
        defer { while let r = result { PQclear(r); result = PQgetResult(handle) } }
        guard sent == 1, ended == 1 else {
            throw AggregatorError("PostgreSQL at \(target): \(String(cString: PQerrorMessage(handle)).trimmingSuffixWhitespace)")
        }
        try check(result, sql)
        return Int(String(cString: PQcmdTuples(result!))) ?? 0
    }

    private func check(_ result: OpaquePointer?, _ sql: String) throws(AggregatorError) {
        guard let result else {
            throw AggregatorError("PostgreSQL at \(target): \(String(cString: PQerrorMessage(handle)).trimmingSuffixWhitespace)")
        }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            var e = AggregatorError("PostgreSQL at \(target) refused \(sql.split(separator: "\n").first.map { $0.prefix(80) } ?? ""): \(String(cString: PQresultErrorMessage(result)).trimmingSuffixWhitespace)")
            e.sqlState = state
            throw e
        }
    }

    /// The connection string without its password, for messages.
    static func redacted(_ conninfo: String) -> String {
        var out = conninfo
        if let scheme = out.range(of: "://"), let at = out[scheme.upperBound...].firstIndex(of: "@"),
           let colon = out[scheme.upperBound..<at].firstIndex(of: ":") {
            out.replaceSubrange(out.index(after: colon)..<at, with: "***")
        }
        return out.split(separator: " ").map { $0.hasPrefix("password=") ? "password=***" : String($0) }.joined(separator: " ")
    }
}

/// A result as text: `rows[i][column]`.
struct PostgresRows {
    let columns: [String]
    let rows: [[String?]]
    /// Rows an INSERT, UPDATE or DELETE touched (`PQcmdTuples`), 0 otherwise.
    let affected: Int

    init(_ result: OpaquePointer) {
        affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        let n = Int(PQntuples(result)), m = Int(PQnfields(result))
        columns = (0..<m).map { String(cString: PQfname(result, Int32($0))) }
        rows = (0..<n).map { i in
            (0..<m).map { j in
                PQgetisnull(result, Int32(i), Int32(j)) != 0 ? nil : String(cString: PQgetvalue(result, Int32(i), Int32(j)))
            }
        }
    }

    func index(_ column: String) -> Int { columns.firstIndex(of: column) ?? -1 }
}

/// A PostgreSQL array literal of text (`{"a","b",NULL}`), for passing a batch as one parameter.
func postgresArray(_ values: [String?]) -> String {
    var out = "{"
    for (i, v) in values.enumerated() {
        if i > 0 { out += "," }
        guard let v else { out += "NULL"; continue }
        out += "\""
        for ch in v.unicodeScalars {
            if ch == "\"" || ch == "\\" { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        out += "\""
    }
    return out + "}"
}

extension String {
    var trimmingSuffixWhitespace: String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
