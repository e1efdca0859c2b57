/// A journal failure, naming the file so a technician knows which card or folder to look at, and, when SQLite
/// refused, its result code and message with what that usually means on a board and what to do about it.
public struct JournalError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var operation: String
    public var reason: String
    /// SQLite's extended result code, when the failure came from SQLite (`SQLITE_FULL` is 13, and so on).
    public var sqliteResultCode: Int32?
    /// The file holds something this firmware must not write to (damage, or a newer layout): the journal sets
    /// it aside and starts a new one rather than stop the board measuring.
    var isDamage: Bool

    public init(path: String, operation: String, reason: String) {
        self.init(path: path, operation: operation, reason: reason, sqliteResultCode: nil, isDamage: false)
    }

    init(path: String, operation: String, reason: String, sqliteResultCode: Int32?, isDamage: Bool) {
        self.path = path
        self.operation = operation
        self.reason = reason
        self.sqliteResultCode = sqliteResultCode
        self.isDamage = isDamage
    }

    /// A failure SQLite reported: `code` and `message` as SQLite gave them, `statement` the SQL that failed.
    static func sqlite(path: String, code: Int32, message: String, statement: String) -> JournalError {
        let primary = code & 0xFF
        var reason = "SQLite result \(code) (\(message)) in `\(Self.abridged(statement))`"
        if let hint = Self.hint(primaryCode: primary) { reason += "; " + hint }
        return JournalError(path: path, operation: "SQLite", reason: reason, sqliteResultCode: code,
                            isDamage: primary == 11 || primary == 26)  // SQLITE_CORRUPT, SQLITE_NOTADB
    }

    /// What a result code usually means on a board, and what to do.
    static func hint(primaryCode: Int32) -> String? {
        switch primaryCode {
        case 5, 6: return "another process (a field tool, a backup) held the journal locked too long; stop it and retry"
        case 8, 23: return "the journal or its folder is not writable by the gateway; check ownership and the mount"
        case 10: return "the card failed a read or write; check dmesg and replace the card if errors repeat"
        case 11, 26: return "the file is damaged; the gateway sets it aside and starts a new journal at its next start"
        case 13: return "the card is full; free space or lower the journal budget"
        case 14: return "the journal cannot be opened; check that the state directory exists and is writable"
        default: return nil
        }
    }

    private static func abridged(_ statement: String) -> String {
        let flat = statement.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
        return flat.utf8.count <= 120 ? flat : String(flat.prefix(117)) + "..."
    }

    public var description: String { "journal \(path): \(operation) failed: \(reason)" }
}
