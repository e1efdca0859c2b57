import CSystem
import BoardLog
import DaemonSupport

/// `sgw-update install`: verify, unpack into a slot beside the running version, switch `current` with one
/// rename, restart, and keep the new version only if it passes the health gate; otherwise switch back.
public struct Installer {
    public struct Options: Sendable {
        public var allowDowngrade = false
        public var healthSeconds = 60
        public var broker: String?
        /// How to log in to `broker` (TLS files, password); the gateway's own when taken from its supervisor.
        public var login = BrokerLogin()
        public var statusTopic: String?
        public init() {}
    }

    public enum Outcome: Sendable, Equatable {
        case installed(version: String, previous: String?)
        case alreadyRunning(version: String)
    }

    public let root: InstallRoot
    public let options: Options
    public let log: Logger

    public init(root: InstallRoot, options: Options, log: Logger) {
        self.root = root
        self.options = options
        self.log = log
    }

    public func install(bundle: String) throws(UpdateError) -> Outcome {
        try root.prepare()
        if let trial = TrialRecord.read(root.trialRecord), trial.installerRuns {
            throw UpdateError(.refused, "update refused: another update is running", at: root.trialRecord,
                              cause: "installer \(trial.installerPID) is installing \(trial.version)",
                              action: "Wait for it to finish (sgw-update status).")
        }
        Recovery(root: root, log: log).recover()
        let staging = root.updateState + "/staging"
        let verified: VerifiedBundle
        do throws(UpdateError) {
            verified = try VerifiedBundle(bundle: bundle, staging: staging, root: root)
        } catch {
            FileOperations.removeFlatFolder(staging)
            throw error
        }
        KillPoint.verified.reach()
        let version = verified.manifest.version.description
        let current = root.currentVersion()
        if let current, current == version {
            FileOperations.removeFlatFolder(staging)
            return .alreadyRunning(version: version)
        }
        if let current, let running = ReleaseVersion(current), verified.manifest.version < running {
            guard options.allowDowngrade else {
                FileOperations.removeFlatFolder(staging)
                throw UpdateError(.refused, "update refused: \(version) is older than the running \(current)", at: bundle,
                                  cause: "a downgrade", action: "Pass --allow-downgrade if this is meant (it is logged).")
            }
            log.warning("downgrade from \(current) to \(version) allowed by --allow-downgrade")
        }
        let slot = root.slot(version)
        FileOperations.removeFlatFolder(slot)
        guard rename(staging, slot) == 0 else { throw UpdateError.system("moving the new version into its slot", at: slot) }
        FileOperations.syncDirectory(root.slotsDirectory)
        KillPoint.slotWritten.reach()

        guard let previous = current else {
            try SlotSwitch.point(root, to: version)
            UpdateResult.write(root, "\(version) installed at \(FileOperations.nowMilliseconds() / 1000) (first install)")
            return .installed(version: version, previous: nil)
        }
        let baseline = JournalProbe.newestReadingID(root.journal)
        let switched = FileOperations.nowMilliseconds()
        try TrialRecord(version: version, previous: previous, installerPID: Int64(getpid()), switchedMilliseconds: switched)
            .write(root.trialRecord)
        KillPoint.trialRecorded.reach()
        try SlotSwitch.point(root, to: version)
        SlotSwitch.requestRestart(root)
        KillPoint.restartRequested.reach()
        log.notice("switched to \(version); health gate of \(options.healthSeconds) s")

        let gate = HealthGate(root: root, version: version, switchedMilliseconds: switched, seconds: options.healthSeconds,
                              journalBaseline: baseline, broker: options.broker, login: options.login, statusTopic: options.statusTopic)
        if let reason = gate.await(log: log) {
            try rollBack(from: version, to: previous, reason: reason)
            throw UpdateError(.rolledBack, "update to \(version) rolled back to \(previous)", at: root.currentLink,
                              cause: reason, action: "Read the gateway's log of \(version); the board runs \(previous) again.")
        }
        try? FileOperations.writeAtomically(root.updateState + "/previous", text: previous + "\n")
        UpdateResult.write(root, "\(version) installed over \(previous) at \(FileOperations.nowMilliseconds() / 1000)")
        unlink(root.trialRecord)
        pruneSlots(keeping: [version, previous])
        return .installed(version: version, previous: previous)
    }

    /// Switches back, tells the status why, restarts the old version, then clears the trial.
    public func rollBack(from version: String, to previous: String, reason: String) throws(UpdateError) {
        log.error("rolling back \(version) to \(previous): \(reason)")
        try SlotSwitch.point(root, to: previous)
        UpdateResult.write(root, "\(version) rolled back to \(previous) at \(FileOperations.nowMilliseconds() / 1000): \(reason)")
        SlotSwitch.requestRestart(root)
        KillPoint.rolledBack.reach()
        unlink(root.trialRecord)
    }

    func pruneSlots(keeping: [String]) {
        for name in FileOperations.list(root.slotsDirectory) where !keeping.contains(name) {
            FileOperations.removeFlatFolder(root.slot(name))
        }
    }
}
