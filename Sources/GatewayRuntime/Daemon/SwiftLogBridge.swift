// Until the publisher (Publishing/, rewritten on its own branch) and the command line take BoardLog's `Logger`,
// full Swift keeps swift-log at those two seams: the daemon and the probe accept a swift-log `Logger` and log
// through BoardLog with the same label and level, and the publisher is handed a swift-log `Logger`. Delete this
// file, and `logging` from GatewayRuntime's fullSwiftOnly, once neither imports Logging.
import BoardLog
import GatewayCore

#if canImport(Logging)
import Logging

extension BoardLog.Logger {
    init(_ swiftLog: Logging.Logger) {
        let threshold: LogPriority = switch swiftLog.logLevel {
        case .trace, .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
        self.init(label: swiftLog.label, threshold: threshold)
    }
}

extension GatewayDaemon {
    public convenience init(site: Site, configHash: String, options: GatewayOptions,
                            log: Logging.Logger) throws(GatewayStartupError) {
        try self.init(site: site, configHash: configHash, options: options, log: BoardLog.Logger(log))
    }

    var publisherLog: Logging.Logger { Logging.Logger(label: log.label) }
}

extension ChannelProbe {
    public convenience init(site: Site, channel: ChannelID, simulate: Bool,
                            log: Logging.Logger) throws(GatewayStartupError) {
        try self.init(site: site, channel: channel, simulate: simulate, log: BoardLog.Logger(log))
    }
}
#else
extension GatewayDaemon {
    var publisherLog: BoardLog.Logger { log }
}
#endif
