import CSystemd

/// What the daemon tells systemd (sd_notify(3)) when its unit is `Type=notify`: ready once sampling runs,
/// alive from the sampling loop (so a wedged sampler is restarted by `WatchdogSec=`), stopping on a clean stop.
/// Outside systemd (`NOTIFY_SOCKET` unset) every call does nothing.
public struct ServiceManager: Sendable {
    /// How often to pet the watchdog: half the unit's `WatchdogSec=`, or nil when no watchdog is set.
    public let watchdogIntervalNanoseconds: Int64?

    public init() {
        var usec: UInt64 = 0
        if sd_watchdog_enabled(0, &usec) > 0, usec > 0 {
            watchdogIntervalNanoseconds = Int64(clamping: usec / 2) * 1000
        } else {
            watchdogIntervalNanoseconds = nil
        }
    }

    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    public func status(_ text: String) { send("STATUS=\(text)") }
    public func alive() { send("WATCHDOG=1") }
    public func stopping() { send("STOPPING=1") }

    private func send(_ state: String) {
        _ = state.withCString { sd_notify(0, $0) }
    }
}
