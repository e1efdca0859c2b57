import CSystem
import CSystemd

/// The watchdog systemd set on this process, read the way libsystemd reads it (sd_watchdog_enabled(3)):
/// `WATCHDOG_USEC` (the unit's `WatchdogSec=`), when `WATCHDOG_PID` is unset or names this process.
public enum SystemdWatchdog: Sendable, Equatable {
    /// systemd restarts the unit unless this process pets it at least once per period.
    case period(microseconds: UInt64)
    /// No watchdog on this process: `WATCHDOG_USEC` is unset, or `WATCHDOG_PID` names another process.
    case none
    /// `WATCHDOG_USEC` or `WATCHDOG_PID` is set to something systemd never sets (text, 0, a pid that is not a
    /// number): the two values as found, nil when unset.
    case unreadable(watchdogUsec: String?, watchdogPID: String?)

    /// What this process's environment says now.
    public static func current() -> SystemdWatchdog {
        var usec: UInt64 = 0
        let result = sd_watchdog_enabled(0, &usec)
        if result > 0 { return .period(microseconds: usec) }
        if result == 0 { return .none }
        return .unreadable(watchdogUsec: variable("WATCHDOG_USEC"), watchdogPID: variable("WATCHDOG_PID"))
    }

    private static func variable(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
