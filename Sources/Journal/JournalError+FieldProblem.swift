import FieldText

extension JournalError {
    /// The journal's failure as a technician's problem: the file, what failed, and by SQLite's result code the
    /// likely cause (another process, permissions, the card, damage, a full card) and what to do.
    public var fieldProblem: FieldProblem {
        let primary = sqliteResultCode.map { $0 & 0xFF }
        var detail = reason
        if let primary, let hint = Self.hint(primaryCode: primary), detail.hasSuffix("; " + hint) {
            detail.removeLast(hint.count + 2)
        }
        let (cause, action): (FieldMessage, FieldMessage) = switch primary {
        case 5?, 6?: (.journalBusyCause, .journalBusyAction)
        case 8?, 23?: (.journalNotWritableCause, .journalNotWritableAction)
        case 10?: (.journalCardCause, .journalCardAction)
        case 11?, 26?: (.journalDamagedCause, .journalDamagedAction)
        case 13?: (.journalFullCause, .journalFullAction)
        case 14?: (.journalCannotOpenCause, .journalCannotOpenAction)
        default: (.journalOtherCause, .journalOtherAction)
        }
        return FieldProblem(what: "journal \(path)", happened: .journalHappened, [operation, detail], cause: cause,
                            action: action)
    }
}
