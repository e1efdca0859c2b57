import GatewayCore
import Testing

/// Issue 15: the clock counted as synchronised when it read after 2020. A Pi restoring its last shutdown time
/// reads a plausible date hours or days behind; only the kernel's STA_UNSYNC tells the two apart.
@Suite struct WallClockTrustTests {
    static let november = CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12)

    @Test func aPlausibleDateIsNotTrustedWhileTheKernelSaysUnsynchronised() {
        var trust = WallClockTrust()
        let seen = trust.observe(wall: Self.november, monotonicNanoseconds: 5_000_000_000, kernelSynchronised: false)
        #expect(!seen.trusted && !seen.restampPending)
        #expect(!trust.observe(wall: UnixTime(milliseconds: 5_000), monotonicNanoseconds: 6_000_000_000,
                               kernelSynchronised: true).trusted, "1970 is never trusted")
    }

    @Test func becomingSynchronisedAsksForARestampOnce() {
        var trust = WallClockTrust()
        _ = trust.observe(wall: Self.november, monotonicNanoseconds: 1_000_000_000, kernelSynchronised: false)
        let synced = trust.observe(wall: Self.november.adding(seconds: 1), monotonicNanoseconds: 2_000_000_000, kernelSynchronised: true)
        #expect(synced.trusted && synced.restampPending && synced.stepMilliseconds == nil)
        let next = trust.observe(wall: Self.november.adding(seconds: 2), monotonicNanoseconds: 3_000_000_000, kernelSynchronised: true)
        #expect(next.trusted && !next.restampPending)
    }

    @Test(arguments: [3_600_000, -3_600_000, 600, -600])
    func aStepOfTheWallClockAgainstTheMonotonicClockIsSeen(stepMilliseconds: Int64) {
        var trust = WallClockTrust()
        _ = trust.observe(wall: Self.november, monotonicNanoseconds: 1_000_000_000, kernelSynchronised: true)
        let later = UnixTime(milliseconds: Self.november.milliseconds + 1000 + stepMilliseconds)
        let seen = trust.observe(wall: later, monotonicNanoseconds: 2_000_000_000, kernelSynchronised: true)
        #expect(seen.stepMilliseconds == stepMilliseconds && seen.restampPending && seen.trusted)
    }

    @Test func aSlewIsNotAStep() {
        var trust = WallClockTrust()
        _ = trust.observe(wall: Self.november, monotonicNanoseconds: 1_000_000_000, kernelSynchronised: true)
        // chrony's fastest slew, 83 ms in a second, and a drift of a few ms.
        let seen = trust.observe(wall: Self.november.adding(seconds: 1.083), monotonicNanoseconds: 2_000_000_000, kernelSynchronised: true)
        #expect(seen.stepMilliseconds == nil && !seen.restampPending)
    }
}
