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

    public var description: String {
        switch self {
        case .usernameWithoutPasswordFile: "--username and --password-file go together"
        case .certificateWithoutKey: "--cert-file and --key-file go together"
        case .certificateWithoutCA: "--cert-file needs --ca-file: the CA that signed the broker's certificate"
        case .plaintextContradictsCA: "--insecure-plaintext and --ca-file contradict each other"
        case .unreadableFile(let setting, let path): "\(setting.rawValue) \(path): no such readable file"
        case .passwordFileUnreadable(let path): "--password-file \(path): cannot read it"
        }
    }
}
