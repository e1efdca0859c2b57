import CSystem
import BoardLog
import DaemonSupport

/// What a new version must show, within the gate's time, before it is kept: its process up (started after
/// the switch, not exiting), READY=1 and a watchdog pet after it (sd_notify, through the supervisor), a reading
/// journaled after the switch, and (when the broker answers) its retained status `online` with its version.
public struct HealthGate {
    public let root: InstallRoot
    public let version: String
    public let switchedMilliseconds: Int64
    public let seconds: Int
    public let journalBaseline: Int64
    public let broker: String?
    public let login: BrokerLogin
    public let statusTopic: String?

    public init(root: InstallRoot, version: String, switchedMilliseconds: Int64, seconds: Int, journalBaseline: Int64,
                broker: String?, login: BrokerLogin = BrokerLogin(), statusTopic: String?) {
        self.login = login
        self.root = root
        self.version = version
        self.switchedMilliseconds = switchedMilliseconds
        self.seconds = seconds
        self.journalBaseline = journalBaseline
        self.broker = broker
        self.statusTopic = statusTopic
    }

    /// Exits of the new version that count as a failed start.
    public static let exitsAllowed: Int64 = 3

    /// Nil when the new version proved itself; otherwise why not.
    public func await(log: Logger) -> String? {
        let deadline = switchedMilliseconds + Int64(seconds) * 1000
        var probe: StatusProbe?
        if let broker, let statusTopic {
            let p = StatusProbe(broker: broker, login: login, topic: statusTopic, version: version)
            if p.reachable {
                probe = p
            } else {
                log.warning("broker \(broker) cannot be used (\(p.problem ?? "no answer")): the health gate does without the retained status")
            }
        }
        defer { probe?.close() }
        var missing: [String] = []
        while true {
            KillPoint.healthGate.reach()
            missing = []
            let health = HealthRecord.read(root.health) ?? HealthRecord()
            let supervisorRuns = FileOperations.readText(root.supervisorPID).flatMap { Int32($0.prefix(while: { $0 != "\n" })) }
                .map { kill($0, 0) == 0 } ?? false
            if !supervisorRuns { missing.append("no supervisor runs the gateway (\(root.supervisorPID))") }
            let isNew = health.version == version && health.startedMilliseconds >= switchedMilliseconds
            if health.version == version, health.exits >= HealthGate.exitsAllowed {
                return "the new version exited \(health.exits) times at start (last status \(health.lastExitStatus))"
            }
            if !isNew || health.pid <= 0 || kill(pid_t(health.pid), 0) != 0 {
                missing.append("the new version's process is not up")
            } else {
                if health.readyMilliseconds < health.startedMilliseconds { missing.append("it never said READY=1") }
                if health.watchdogMilliseconds <= health.readyMilliseconds { missing.append("it never petted its watchdog") }
            }
            if JournalProbe.newestReadingID(root.journal) <= journalBaseline {
                missing.append("it journaled no reading")
            }
            if let probe, !probe.check(milliseconds: 10) {
                missing.append("no retained status `online` with firmware \(version) on \(probe.topic)"
                               + (probe.lastSeen.map { " (last seen: \($0))" } ?? ""))
            }
            if missing.isEmpty { return nil }
            if FileOperations.nowMilliseconds() >= deadline {
                return "within \(seconds) s: " + missing.joined(separator: "; ")
            }
            if let probe { _ = probe.check(milliseconds: 250) } else { FileOperations.sleep(milliseconds: 250) }
        }
    }
}
