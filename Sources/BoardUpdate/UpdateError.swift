/// Why an update step did not happen, in the words a maintainer reads over SSH: what was refused or failed,
/// where (a file, a slot), the likely cause and what to do. The running version is untouched whenever one of
/// these is thrown before the switch.
public struct UpdateError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The bundle is not acceptable (unsigned, other key, tampered, truncated, other architecture, older).
        case refused
        /// The board could not carry out a step (disk, permissions, a missing file).
        case failed
        /// The new version did not prove itself and the board switched back.
        case rolledBack
    }

    public let kind: Kind
    public let what: String
    public let location: String
    public let cause: String
    public let action: String

    public init(_ kind: Kind, _ what: String, at location: String, cause: String, action: String) {
        self.kind = kind
        self.what = what
        self.location = location
        self.cause = cause
        self.action = action
    }

    public var description: String { "\(what) (\(location)): \(cause). \(action)" }

    static func system(_ operation: String, at path: String, action: String = "Check the install root's permissions and free space.") -> UpdateError {
        UpdateError(.failed, operation + " failed", at: path, cause: FileOperations.errnoText(), action: action)
    }
}
