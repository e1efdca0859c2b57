@testable import GatewayRuntime
import Testing

@Suite struct ReplayPacerTests {
    @Test func startsWithOneSecondsWorthThenRefillsAtTheRate() {
        var pacer = ReplayPacer(readingsPerSecond: 100, readingsPerMessage: 50)
        do { let ok = pacer.take(50, nowSeconds: 0); #expect(ok) }
        do { let ok = pacer.take(50, nowSeconds: 0); #expect(ok) }
        do { let ok = pacer.take(50, nowSeconds: 0); #expect(!ok) }
        do { let ok = pacer.take(50, nowSeconds: 0.4); #expect(!ok) }
        do { let ok = pacer.take(50, nowSeconds: 0.5); #expect(ok) }
    }

    @Test func overALongRunTheRateHolds() {
        var pacer = ReplayPacer(readingsPerSecond: 1000, readingsPerMessage: 50)
        var sent = 0
        var t = 0.0
        while t < 60 {
            if pacer.take(50, nowSeconds: t) { sent += 50 }
            t += 0.001
        }
        // One second's burst on top of 60 s at the rate, never more.
        #expect(sent <= 61_000 && sent >= 59_000, "\(sent)")
    }

    @Test func anIdleSpellSavesUpNoMoreThanOneSecond() {
        var pacer = ReplayPacer(readingsPerSecond: 100, readingsPerMessage: 10)
        do { let ok = pacer.take(100, nowSeconds: 0); #expect(ok) }
        var burst = 0
        while pacer.take(10, nowSeconds: 3600) { burst += 10 }
        #expect(burst == 100)
    }

    @Test func aRateBelowOneMessageStillLetsWholeMessagesThrough() {
        var pacer = ReplayPacer(readingsPerSecond: 10, readingsPerMessage: 50)
        do { let ok = pacer.take(50, nowSeconds: 0); #expect(ok) }
        do { let ok = pacer.take(50, nowSeconds: 4.9); #expect(!ok) }
        do { let ok = pacer.take(50, nowSeconds: 5.0); #expect(ok) }
    }

    @Test func zeroMeansUnpaced() {
        var pacer = ReplayPacer(readingsPerSecond: 0, readingsPerMessage: 50)
        var all = true
        for _ in 0..<10_000 { all = all && pacer.take(50, nowSeconds: 0) }
        #expect(all)
    }
}
