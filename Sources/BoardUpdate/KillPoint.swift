import CSystem

/// Named moments of an install at which the tests kill the installer with SIGKILL (`SGW_UPDATE_KILL_AT=name`),
/// to prove that a power cut at each step leaves the old or the new version whole. Unset on a board.
public enum KillPoint: String, CaseIterable, Sendable {
    case verified = "verified"
    case slotWritten = "slot-written"
    case trialRecorded = "trial-recorded"
    case linkWritten = "link-written"
    case switched = "switched"
    case restartRequested = "restart-requested"
    case healthGate = "health-gate"
    case rolledBack = "rolled-back"

    public func reach() {
        guard let wanted = getenv("SGW_UPDATE_KILL_AT"), String(cString: wanted) == rawValue else { return }
        _ = kill(getpid(), SIGKILL)
    }
}
