import FieldText

/// Why broker login settings were refused before connecting. Each message names the command-line flag to fix,
/// since that is where a technician or an operator sets them.
public enum BrokerLoginError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Setting: String, Sendable {
        case passwordFile = "--password-file"
        case caFile = "--ca-file"
        case certFile = "--cert-file"
        case keyFile = "--key-file"
    }

    case usernameWithoutPasswordFile
    case certificateWithoutKey
    case certificateWithoutCA
    case plaintextContradictsCA
    /// Missing, or not readable by this user (check the service user's permissions).
    case unreadableFile(Setting, path: String)
    /// Readable a moment ago but not now, or not text.
    case passwordFileUnreadable(path: String)

    /// In English, for the city's daemon and the log.
    public var description: String { text(in: .english) }

    /// In the technician's language (the board's `check`), from the field catalogue.
    public func text(in language: FieldLanguage) -> String {
        switch self {
        case .usernameWithoutPasswordFile: FieldText.say(.brokerUsernameWithoutPasswordFile, in: language)
        case .certificateWithoutKey: FieldText.say(.brokerCertificateWithoutKey, in: language)
        case .certificateWithoutCA: FieldText.say(.brokerCertificateWithoutCA, in: language)
        case .plaintextContradictsCA: FieldText.say(.brokerPlaintextContradictsCA, in: language)
        case .unreadableFile(let setting, let path): FieldText.say(.brokerUnreadableFile, [setting.rawValue, path], in: language)
        case .passwordFileUnreadable(let path): FieldText.say(.brokerPasswordFileUnreadable, [path], in: language)
        }
    }
}
