/// How a command that was started ends badly.
public enum CommandFailure: Error, Sendable {
    /// A problem with what was typed, found only while running (`--points` that do not parse): reported like
    /// a usage error, with the program's usage, exit status 64.
    case usage(String)
    /// The command has said what went wrong itself; exit with this status.
    case exit(Int32)
    /// Reported as `Error: …` on stderr, exit status 1.
    case failed(String)
}
