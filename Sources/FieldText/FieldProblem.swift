/// A problem a technician must act on, kept in catalogue ids rather than in words, so one fault can be written
/// in the technician's language on a terminal or in the log and in English for the city's record. Every error
/// the board program shows a technician becomes one of these (the daemon's and the drivers' faults included).
public struct FieldProblem: Sendable, Hashable {
    /// The channel, chip, bus, address, line or file, in the field's own names (not translated).
    public var what: String
    public var happened: FieldMessage
    /// Filled into `happened` as `{1}`, `{2}` ….
    public var values: [String]
    public var cause: FieldMessage
    public var action: FieldMessage

    public init(what: String, happened: FieldMessage, _ values: [String] = [], cause: FieldMessage,
                action: FieldMessage) {
        self.what = what
        self.happened = happened
        self.values = values
        self.cause = cause
        self.action = action
    }

    /// The same problem, about a channel: `water-column (ADS1115 on /dev/i2c-1 address 0x48, read ain0)`.
    public func about(_ channel: String) -> FieldProblem {
        var problem = self
        problem.what = "\(channel) (\(what))"
        return problem
    }

    public func notice(in language: FieldLanguage = FieldLanguage.current) -> TechnicianNotice {
        TechnicianNotice(what: what, happened: happened, values, cause: cause, action: action, language: language)
    }

    /// The notice as one line, for the log (journald keeps one entry per line) and a reading's `fault`.
    public func line(in language: FieldLanguage = FieldLanguage.current) -> String {
        notice(in: language).line(in: language)
    }

    /// The notice as a technician reads it on a terminal: what happened, then the likely cause and what to do.
    public func text(in language: FieldLanguage = FieldLanguage.current) -> String {
        notice(in: language).text(in: language)
    }
}
