import CSystem
import SystemdNotify
import Testing

/// The watchdog read from the environment as systemd gives it. In ServiceManagerTests' serialized suite, as both
/// set the same variables of this process.
extension ServiceManagerTests {
    @Test(arguments: [
        // WATCHDOG_USEC, WATCHDOG_PID (nil: unset; "self": this process's pid), what it means.
        ("10000000", nil, SystemdWatchdog.period(microseconds: 10_000_000)),
        ("10000000", "self", .period(microseconds: 10_000_000)),
        ("10000000", "1", .none),
        (nil, nil, .none),
        ("30s", nil, .unreadable(watchdogUsec: "30s", watchdogPID: nil)),
        ("0", nil, .unreadable(watchdogUsec: "0", watchdogPID: nil)),
        ("10000000", "init", .unreadable(watchdogUsec: "10000000", watchdogPID: "init")),
    ] as [(String?, String?, SystemdWatchdog)])
    func watchdogFromTheEnvironment(usec: String?, pid: String?, expected: SystemdWatchdog) {
        defer { unsetenv("WATCHDOG_USEC"); unsetenv("WATCHDOG_PID") }
        if let usec { setenv("WATCHDOG_USEC", usec, 1) } else { unsetenv("WATCHDOG_USEC") }
        if let pid { setenv("WATCHDOG_PID", pid == "self" ? "\(getpid())" : pid, 1) } else { unsetenv("WATCHDOG_PID") }
        #expect(SystemdWatchdog.current() == expected)
    }
}
