import SystemdNotify

/// The watchdog period `sgw-update supervise` works to. Under systemd it is the unit's (`WatchdogSec=`, given as
/// `WATCHDOG_USEC`): the gateway is offered the same period, pets the supervisor at half of it, and each pet is
/// passed on at once, so systemd hears one every half period. `--watchdog-seconds` counts only when systemd
/// watches nothing (outside systemd, or `WATCHDOG_PID` naming another process).
public struct SupervisorWatchdog: Sendable, Equatable {
    public let microseconds: UInt64
    /// Whether systemd set the period (and restarts the unit when the pets stop).
    public let fromSystemd: Bool

    /// The gateway pets at half the period from a sampling loop that wakes at least once a second, so a
    /// shorter period would have it restarted while it works.
    public static let shortestSeconds = 2
    /// The longest `--watchdog-seconds` taken: an hour (a wedged gateway goes unnoticed that long).
    public static let longestSeconds = 3600

    public init(microseconds: UInt64, fromSystemd: Bool) {
        self.microseconds = microseconds
        self.fromSystemd = fromSystemd
    }

    /// The period for this process, from its environment (`SystemdWatchdog.current()`).
    public static func choose(fallbackSeconds: Int) throws(UpdateError) -> SupervisorWatchdog {
        try choose(SystemdWatchdog.current(), fallbackSeconds: fallbackSeconds)
    }

    /// systemd's period when it set one, otherwise `fallbackSeconds` (already checked to lie within
    /// `shortestSeconds...longestSeconds`).
    public static func choose(_ systemd: SystemdWatchdog, fallbackSeconds: Int) throws(UpdateError) -> SupervisorWatchdog {
        switch systemd {
        case .none:
            return SupervisorWatchdog(microseconds: UInt64(fallbackSeconds) * 1_000_000, fromSystemd: false)
        case let .period(microseconds):
            guard microseconds >= UInt64(shortestSeconds) * 1_000_000 else {
                throw UpdateError(.failed, "systemd's watchdog period (WatchdogSec=) of \(microseconds / 1000) ms is too short for the gateway",
                                  at: "sensor-gateway.service, WATCHDOG_USEC=\(microseconds)",
                                  cause: "the gateway pets at half the period from a sampling loop that wakes once a second, so systemd would restart it while it works",
                                  action: "Set WatchdogSec= to \(shortestSeconds) s or more (the package ships 30) in the unit or its drop-in, then run systemctl daemon-reload and restart sensor-gateway.")
            }
            return SupervisorWatchdog(microseconds: microseconds, fromSystemd: true)
        case let .unreadable(usec, pid):
            let found = ["WATCHDOG_USEC=" + (usec ?? "(unset)"), "WATCHDOG_PID=" + (pid ?? "(unset)")]
            throw UpdateError(.failed, "systemd's watchdog setting cannot be read",
                              at: "the supervisor's environment, " + found[0] + " " + found[1],
                              cause: "systemd sets WATCHDOG_USEC to a whole number of microseconds above 0 and WATCHDOG_PID to a process id; these were most likely set by hand (an Environment= line, or /etc/sensor-gateway/gateway.env)",
                              action: "Remove WATCHDOG_USEC and WATCHDOG_PID from the unit's environment and set the period with WatchdogSec= in the unit, then run systemctl daemon-reload and restart sensor-gateway.")
        }
    }
}
