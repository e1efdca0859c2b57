import BoardLog

/// The loggers handed to GatewayRuntime: BoardLog's, in both build modes, so the board's log lines look the same
/// on a developer's terminal, in tests and under journald.
enum RuntimeLog {
    static func logger(label: String) -> BoardLog.Logger { BoardLog.Logger(label: label) }
}
