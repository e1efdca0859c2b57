import CSystem

/// The board program's log: one line per message to stderr (see `LogLine`), nothing buffered, safe from any
/// thread (each line is one `write`). Messages below `threshold` are dropped.
public struct Logger: Sendable {
    public let label: String
    public var threshold: LogPriority
    private let forJournal: Bool

    public init(label: String, threshold: LogPriority = .info) {
        self.label = label
        self.threshold = threshold
        forJournal = getenv("JOURNAL_STREAM") != nil
    }

    public func log(_ priority: LogPriority, _ message: String) {
        guard priority <= threshold else { return }
        var line = LogLine.format(priority, label: label, message, forJournal: forJournal)
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && sgw_errno() == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    public func critical(_ message: String) { log(.critical, message) }
    public func error(_ message: String) { log(.error, message) }
    public func warning(_ message: String) { log(.warning, message) }
    public func notice(_ message: String) { log(.notice, message) }
    public func info(_ message: String) { log(.info, message) }
    public func debug(_ message: String) { log(.debug, message) }
}
