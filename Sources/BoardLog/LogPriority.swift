/// syslog(3) priorities, which journald reads from a `<N>` prefix on each line a service writes to stderr.
public enum LogPriority: Int, Comparable, Sendable {
    case critical = 2
    case error = 3
    case warning = 4
    case notice = 5
    case info = 6
    case debug = 7

    public static func < (a: LogPriority, b: LogPriority) -> Bool { a.rawValue < b.rawValue }

    /// The word a person reads on a terminal.
    public var word: String {
        switch self {
        case .critical: "critical"
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }
}
