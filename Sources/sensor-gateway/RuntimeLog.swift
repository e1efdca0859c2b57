import BoardLog
#if canImport(Logging)
import Logging

/// The loggers handed to GatewayRuntime. Until GatewayRuntime takes BoardLog's `Logger` (the runtime's own
/// change), the full-Swift build still owes it swift-log's, so that one writes through BoardLog: the board's
/// log lines look the same in both modes. The Embedded build (no swift-log) hands over BoardLog's directly.
enum RuntimeLog {
    static func logger(label: String) -> Logging.Logger {
        Logging.Logger(label: label) { BoardLogHandler(board: BoardLog.Logger(label: $0, threshold: .debug)) }
    }
}

/// swift-log's handler interface over BoardLog: levels map to syslog priorities, metadata is appended.
struct BoardLogHandler: LogHandler {
    let board: BoardLog.Logger
    var metadata: Logging.Logger.Metadata = [:]
    var logLevel: Logging.Logger.Level = .info

    subscript(metadataKey key: String) -> Logging.Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var text = event.message.description
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if !all.isEmpty {
            text += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        board.log(BoardLogHandler.priority(event.level), text)
    }

    static func priority(_ level: Logging.Logger.Level) -> LogPriority {
        switch level {
        case .trace, .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}
#else
/// The loggers handed to GatewayRuntime: BoardLog's (see the full-Swift branch above).
enum RuntimeLog {
    static func logger(label: String) -> BoardLog.Logger { BoardLog.Logger(label: label) }
}
#endif
