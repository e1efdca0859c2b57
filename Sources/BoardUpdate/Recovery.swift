import CSystem
import BoardLog

/// Finishes what an interrupted update left: a temporary link or staging folder is removed, and a trial whose
/// installer is gone (killed, power cut) is undone by switching back to the version before it. Runs when the
/// supervisor starts, every second while it runs, and before every install.
public struct Recovery {
    public let root: InstallRoot
    public let log: Logger

    public init(root: InstallRoot, log: Logger) {
        self.root = root
        self.log = log
    }

    /// True when it switched back (the gateway needs a restart). `cleaning` also removes a temporary link and
    /// staging folder: only where no installer can be at work on them (at start, before an install).
    @discardableResult
    public func recover(cleaning: Bool = true) -> Bool {
        guard let trial = TrialRecord.read(root.trialRecord) else {
            if FileOperations.exists(root.trialRecord) {
                // A torn write cannot happen (written by rename), but a hand-edited file can.
                log.warning("ignoring unreadable \(root.trialRecord)")
                unlink(root.trialRecord)
            }
            if cleaning { cleanLeftovers() }
            return false
        }
        if trial.installerRuns { return false }
        if cleaning { cleanLeftovers() }
        let current = root.currentVersion()
        if current != trial.previous, FileOperations.exists(root.slot(trial.previous) + "/sensor-gateway") {
            log.error("the install of \(trial.version) was interrupted; switching back to \(trial.previous)")
            do throws(UpdateError) {
                try SlotSwitch.point(root, to: trial.previous)
            } catch {
                log.error(error.description)
                return false
            }
            UpdateResult.write(root, "\(trial.version) rolled back to \(trial.previous) at \(FileOperations.nowMilliseconds() / 1000): the install was interrupted before the new version was confirmed")
            unlink(root.trialRecord)
            return true
        }
        unlink(root.trialRecord)
        return false
    }

    private func cleanLeftovers() {
        if FileOperations.exists(root.nextLink) { unlink(root.nextLink) }
        let staging = root.updateState + "/staging"
        if FileOperations.exists(staging) { FileOperations.removeFlatFolder(staging) }
    }
}
