import BoardUpdate
import SystemdNotify
import Testing

/// The supervisor's watchdog period follows systemd's (`WatchdogSec=`), falls back to `--watchdog-seconds` only
/// when systemd sets none, and refuses a setting the gateway cannot keep with what to do about it.
@Suite struct SupervisorWatchdogTests {
    @Test func systemdsPeriodWinsOverTheOption() throws {
        let chosen = try SupervisorWatchdog.choose(.period(microseconds: 10_000_000), fallbackSeconds: 30)
        #expect(chosen == SupervisorWatchdog(microseconds: 10_000_000, fromSystemd: true))
    }

    @Test func theOptionCountsOnlyWithoutSystemdsWatchdog() throws {
        let chosen = try SupervisorWatchdog.choose(.none, fallbackSeconds: 30)
        #expect(chosen == SupervisorWatchdog(microseconds: 30_000_000, fromSystemd: false))
    }

    @Test func aPeriodTheGatewayCannotKeepIsRefused() {
        #expect(throws: UpdateError.self) { try SupervisorWatchdog.choose(.period(microseconds: 1_999_999), fallbackSeconds: 30) }
        do throws(UpdateError) {
            _ = try SupervisorWatchdog.choose(.period(microseconds: 500_000), fallbackSeconds: 30)
            Issue.record("WatchdogSec=0.5 was taken")
        } catch {
            #expect(error.what.contains("500 ms"), "\(error)")
            #expect(error.location.contains("WATCHDOG_USEC=500000"), "\(error)")
            #expect(error.action.contains("WatchdogSec= to 2 s or more"), "\(error)")
        }
        #expect(throws: Never.self) { try SupervisorWatchdog.choose(.period(microseconds: 2_000_000), fallbackSeconds: 30) }
    }

    @Test func anUnreadableSettingNamesWhatWasFound() {
        do throws(UpdateError) {
            _ = try SupervisorWatchdog.choose(.unreadable(watchdogUsec: "30s", watchdogPID: nil), fallbackSeconds: 30)
            Issue.record("WATCHDOG_USEC=30s was taken")
        } catch {
            #expect(error.location.contains("WATCHDOG_USEC=30s WATCHDOG_PID=(unset)"), "\(error)")
            #expect(error.cause.contains("set by hand"), "\(error)")
            #expect(error.action.contains("WatchdogSec="), "\(error)")
        }
    }
}
