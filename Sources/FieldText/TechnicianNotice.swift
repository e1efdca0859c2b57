/// The one shape of every problem a technician reads: what (channel, chip, bus, address or line), what happened,
/// the likely cause, and what to do, in the technician's language.
///
///     water-column (ADS1115 on /dev/i2c-1 address 0x48): loop current 3.2 mA, below the 3.6 mA of a working transmitter
///       likely cause: an open loop or a broken wire, or the transmitter has lost its loop supply
///       what to do: measure the loop current with a meter in series, check the terminals and the 24 V supply
public struct TechnicianNotice: Sendable, Hashable {
    public var what: String
    public var happened: String
    public var cause: String
    public var action: String

    public init(what: String, happened: String, cause: String, action: String) {
        self.what = what
        self.happened = happened
        self.cause = cause
        self.action = action
    }

    /// A notice whose sentences come from the catalogue: `happened` filled with `values`.
    public init(what: String, happened: FieldMessage, _ values: [String] = [], cause: FieldMessage,
                action: FieldMessage, language: FieldLanguage = FieldLanguage.current) {
        self.init(what: what, happened: FieldText.say(happened, values, in: language),
                  cause: FieldText.say(cause, in: language), action: FieldText.say(action, in: language))
    }

    public func text(in language: FieldLanguage = FieldLanguage.current, indent: String = "") -> String {
        "\(indent)\(what): \(happened)\n"
            + "\(indent)  \(FieldText.say(.likelyCause, in: language)): \(cause)\n"
            + "\(indent)  \(FieldText.say(.whatToDo, in: language)): \(action)"
    }

    /// One line: `what: happened; likely cause: …; what to do: …` (the log keeps one entry per line).
    public func line(in language: FieldLanguage = FieldLanguage.current) -> String {
        "\(what): \(happened); \(FieldText.say(.likelyCause, in: language)): \(cause); "
            + "\(FieldText.say(.whatToDo, in: language)): \(action)"
    }
}
