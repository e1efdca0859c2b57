import CSystem
import Synchronization

/// SIGTERM (systemd, `kill`) and SIGINT (Ctrl-C) ask a daemon for a clean stop by setting a flag its loops
/// watch. The signals are unblocked first: a parent that spawned us from a thread with them blocked (test
/// runners, some supervisors) would otherwise leave the daemon deaf to them.
public enum StopSignals {
    public static let requested = Atomic<Bool>(false)

    public static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        sgw_ignore_signal(SIGPIPE)
        signal(SIGTERM) { _ in StopSignals.requested.store(true, ordering: .relaxed) }
        signal(SIGINT) { _ in StopSignals.requested.store(true, ordering: .relaxed) }
        // Handlers first: a stop already pending must not meet the default action.
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
