/// Where a board keeps its versions and update state, under one configurable root ("/" on a board; a folder per
/// simulated board in the tests):
///
///     ROOT/usr/lib/sensor-gateway/slots/VERSION/{sensor-gateway,manifest.json,signature}   one whole version each
///     ROOT/usr/lib/sensor-gateway/current -> slots/VERSION                                 switched by rename(2)
///     ROOT/etc/sensor-gateway/update.pub                                                   the pinned public key
///     ROOT/var/lib/sgw-update/{trial.json,incoming.bundle,staging-PID}                     update state
///     ROOT/var/lib/sensor-gateway/{journal.sqlite,update-result}                           the gateway's state
///     ROOT/run/sgw-update/{supervisor.pid,health.json,notify,restart,broker.json}          the supervisor
public struct InstallRoot: Sendable {
    public let path: String

    public init(_ path: String) {
        var p = path
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        self.path = p == "/" ? "" : p
    }

    public var programDirectory: String { path + "/usr/lib/sensor-gateway" }
    public var slotsDirectory: String { programDirectory + "/slots" }
    public var currentLink: String { programDirectory + "/current" }
    /// The name the temporary link has before it is renamed over `current`.
    public var nextLink: String { programDirectory + "/current.next" }
    public var currentProgram: String { currentLink + "/sensor-gateway" }
    public func slot(_ version: String) -> String { slotsDirectory + "/" + version }
    public var publicKey: String { path + "/etc/sensor-gateway/update.pub" }
    public var updateState: String { path + "/var/lib/sgw-update" }
    public var trialRecord: String { updateState + "/trial.json" }
    public var incomingBundle: String { updateState + "/incoming.bundle" }
    public var gatewayState: String { path + "/var/lib/sensor-gateway" }
    public var journal: String { gatewayState + "/journal.sqlite" }
    /// The last update's outcome, which the gateway puts in its retained status (`update`).
    public var updateResult: String { gatewayState + "/update-result" }
    public var runDirectory: String { path + "/run/sgw-update" }
    public var supervisorPID: String { runDirectory + "/supervisor.pid" }
    public var health: String { runDirectory + "/health.json" }
    public var notifySocket: String { runDirectory + "/notify" }
    public var restartRequest: String { runDirectory + "/restart" }
    /// The broker and login the supervisor runs the gateway with (GatewayBrokerRecord).
    public var gatewayBroker: String { runDirectory + "/broker.json" }

    /// Creates the folders an update needs (not the key: that is pinned by whoever sets up the board).
    public func prepare() throws(UpdateError) {
        for directory in [slotsDirectory, updateState, gatewayState, runDirectory] {
            try FileOperations.makeDirectories(directory)
        }
    }

    /// The version `current` points at, or nil on a board never installed through slots.
    public func currentVersion() -> String? {
        guard let target = FileOperations.readLink(currentLink) else { return nil }
        guard target.hasPrefix("slots/") else { return nil }
        return String(target.dropFirst("slots/".count))
    }
}
