import GatewayCore
import Testing

/// Milliseconds to kernel nanoseconds, starting well after boot.
private func ms(_ milliseconds: Double) -> UInt64 { 5_000_000_000 + UInt64(milliseconds * 1_000_000) }
private func rise(_ at: Double) -> EdgeEvent { EdgeEvent(.rising, at: ms(at)) }
private func fall(_ at: Double) -> EdgeEvent { EdgeEvent(.falling, at: ms(at)) }

/// Clean pulses of `width` ms every `period` ms, starting at `start`.
private func pulses(_ count: Int, period: Double, width: Double = 50, start: Double = 0) -> [EdgeEvent] {
    (0..<count).flatMap { i in [rise(start + Double(i) * period), fall(start + Double(i) * period + width)] }
}

@Suite struct PulseCounterTests {
    @Test func countsEveryCleanPulseExactly() {
        var counter = PulseCounter()
        #expect(counter.record(pulses(10, period: 1000)) == 10)
        #expect(counter.total == 10)
        #expect(counter.lastInterval == Duration(1.0))
        #expect(counter.lastPulseNanoseconds == ms(9000))
    }

    @Test func intervalGivesS0Power() {
        var counter = PulseCounter(debounce: Duration(0.005))
        counter.record(pulses(3, period: 3600, width: 30))
        let interval = try! #require(counter.lastInterval)
        #expect(abs(PulseRate.power(interval: interval, impulsesPerKWh: 1000).value - 1.0) < 1e-12)
    }

    @Test func flowFromPulseInterval() {
        // 0.1 pulse/L, 1,234 pulses in 15 min → 49.36 m³/h.
        let flow = PulseRate.flow(interval: Duration(900.0 / 1234), pulsesPerLitre: 0.1)
        #expect(abs(flow.value - 49.36) < 1e-9)
    }

    @Test func glitchShorterThanDebounceIsIgnoredEntirely() {
        var counter = PulseCounter(debounce: Duration(0.010))
        #expect(counter.record([rise(0), fall(3)]) == 0)
        #expect(counter.settle(now: ms(1000)) == 0)
        #expect(counter.total == 0)
        #expect(!counter.hasPendingLevel)
    }

    @Test func contactBounceAtBothEdgesCountsOnce() {
        var counter = PulseCounter(debounce: Duration(0.010))
        let bouncy = [rise(0), fall(1), rise(2), fall(3.5), rise(4),  // closing bounce
                      fall(60), rise(61), fall(62.5)]                  // opening bounce
        #expect(counter.record(bouncy) == 1)
        #expect(counter.record(pulses(1, period: 1000, start: 500)) == 1)
        #expect(counter.total == 2)
        // Stamped at the edge that began the stable level, after the bounce.
        #expect(counter.lastInterval == Duration(0.496))
    }

    @Test func shortDropoutInsideAPulseDoesNotSplitIt() {
        // The low level must also hold for the debounce: a 4 ms dropout mid-pulse is one pulse, not two.
        var counter = PulseCounter(debounce: Duration(0.010))
        #expect(counter.record([rise(0), fall(40), rise(44), fall(90), rise(1000)]) == 1)
        #expect(counter.settle(now: ms(1020)) == 1)
        #expect(counter.total == 2)
    }

    @Test func pulseSpanningBatchesCountsOnceWhenConfirmed() {
        var counter = PulseCounter(debounce: Duration(0.010))
        #expect(counter.record([rise(0)]) == 0)
        #expect(counter.hasPendingLevel)
        #expect(counter.record([fall(50)]) == 1)
        #expect(counter.record([rise(1000)]) == 0)
        #expect(counter.record([fall(1003)]) == 0)  // glitch split across batches
        #expect(counter.record([rise(2000), fall(2050)]) == 1)
        #expect(counter.total == 2)
        #expect(counter.lastInterval == Duration(2.0))
    }

    @Test func settleConfirmsALevelThatHasHeld() {
        var counter = PulseCounter(debounce: Duration(0.020))
        counter.record([rise(0)])
        #expect(counter.settle(now: ms(19)) == 0)
        #expect(counter.settle(now: ms(20)) == 1)
        #expect(counter.record([fall(300)]) == 0)
        #expect(counter.total == 1)
    }

    @Test func lineThatStartsActiveIsNotAPulse() {
        var counter = PulseCounter()
        // The first edge is falling: the line was already active at start-up, mid-pulse.
        #expect(counter.record([fall(0), rise(500), fall(550)]) == 1)
        #expect(counter.lastPulseNanoseconds == ms(500))
    }

    @Test func repeatedEdgeFromADroppedEventIsIgnored() {
        var counter = PulseCounter()
        #expect(counter.record([rise(0), rise(30), fall(60)]) == 1)
        #expect(counter.lastPulseNanoseconds == ms(0))
    }

    @Test func restartContinuesFromPersistedTotal() {
        var before = PulseCounter(startingTotal: 0)
        before.record(pulses(7, period: 500))
        var after = PulseCounter(startingTotal: before.total)
        #expect(after.record(pulses(3, period: 500, start: 60_000)) == 3)
        #expect(after.total == 10)
    }

    @Test func zeroDebounceCountsEveryRisingLevel() {
        var counter = PulseCounter(debounce: .zero)
        #expect(counter.record([rise(0), fall(1), rise(2), fall(3)]) == 2)
    }
}

@Suite struct ActiveEdgeCountingTests {
    @Test func everyActiveEdgeIsOnePulseAndOthersAreIgnored() {
        var counter = PulseCounter(debounce: Duration(0), startingTotal: 7)
        let events = (0..<1000).map { EdgeEvent(.rising, at: UInt64($0) * 100_000) } + [EdgeEvent(.falling, at: 200_000_000)]
        #expect(counter.recordActiveEdges(events) == 1000)
        #expect(counter.total == 1007)
        #expect(counter.lastInterval == Duration(0.0001))
    }
}
