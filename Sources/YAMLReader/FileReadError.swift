/// Why a configuration file could not be read, in the terms a technician checks first.
public enum FileReadError: Error, Sendable, Equatable {
    case notFound
    /// A folder where a file was expected.
    case isFolder
    /// Bigger than any file of its kind can be; nothing of it was parsed.
    case tooLarge(bytes: Int, limitBytes: Int)
    /// The system's reason (permissions, I/O error), from `strerror`.
    case cannotRead(reason: String)
}
