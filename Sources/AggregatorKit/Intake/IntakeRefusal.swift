/// Why a message or one of its records was not stored. Each case says what was wrong; `description` adds
/// where to look and what to do, for the log line a technician reads.
public enum IntakeRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The payload names another board or site than the topic the broker granted the sender.
    case namesAnotherBoard(field: String, named: String)
    case payloadTooLarge(bytes: Int, limit: Int)
    case tooManyRecords(count: Int, limit: Int)
    case tooManyChannels(count: Int, limit: Int)
    /// Not JSON of the expected shape.
    case malformed(String)
    /// A record without a usable name, sequence number, value or string.
    case invalidRecord(index: Int, reason: String)
    /// A status whose fields are out of range.
    case invalidStatus(reason: String)
    /// A technician-visit message with a field out of bounds (`CommissioningIntake`).
    case invalidCommissioning(reason: String)

    /// Short, stable name for counting refusals per board.
    public var reason: String {
        switch self {
        case .namesAnotherBoard: "names-another-board"
        case .payloadTooLarge: "payload-too-large"
        case .tooManyRecords: "too-many-records"
        case .tooManyChannels: "too-many-channels"
        case .malformed: "malformed"
        case .invalidRecord: "invalid-record"
        case .invalidStatus: "invalid-status"
        case .invalidCommissioning: "invalid-commissioning"
        }
    }

    public var description: String {
        switch self {
        case .namesAnotherBoard(let field, let named):
            "the payload's \(field) names \(IntakeName.quoted(named)), not the board whose topic it came on; "
                + "refused: a board files readings and status only as itself (check that board's firmware and "
                + "site file, and whether its certificate is in the wrong hands)"
        case .payloadTooLarge(let bytes, let limit):
            "payload of \(bytes) bytes is larger than the \(limit) bytes a message may have; refused unread"
        case .tooManyRecords(let count, let limit):
            "pack of \(count) records is more than the \(limit) a pack may have; refused"
        case .tooManyChannels(let count, let limit):
            "status announces \(count) channels, more than the \(limit) a board may have; refused"
        case .malformed(let what):
            "not a valid message: \(what)"
        case .invalidRecord(let index, let reason):
            "record \(index): \(reason)"
        case .invalidStatus(let reason):
            "status: \(reason)"
        case .invalidCommissioning(let reason):
            "commissioning: \(reason)"
        }
    }
}
