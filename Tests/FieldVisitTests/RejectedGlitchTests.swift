import GatewayCore
import Testing

/// Issue 17: pulses the debounce rejects were neither counted nor logged; the counter now counts them.
@Suite struct RejectedGlitchTests {
    @Test func aBounceShorterThanTheDebounceIsCountedAsRejectedNotAsAPulse() {
        var counter = PulseCounter(debounce: Duration(0.010))
        let ms: UInt64 = 1_000_000
        counter.record([EdgeEvent(.rising, at: 100 * ms), EdgeEvent(.falling, at: 102 * ms)])
        #expect(counter.total == 0)
        #expect(counter.rejectedGlitches == 1)
        counter.record([EdgeEvent(.rising, at: 200 * ms), EdgeEvent(.falling, at: 260 * ms),
                        EdgeEvent(.rising, at: 300 * ms), EdgeEvent(.falling, at: 301 * ms)])
        counter.settle(now: 400 * ms)
        #expect(counter.total == 1)
        #expect(counter.rejectedGlitches == 2)
    }

    @Test func aShortDropoutInsideAPulseIsNotARejectedPulse() {
        var counter = PulseCounter(debounce: Duration(0.010))
        let ms: UInt64 = 1_000_000
        counter.record([EdgeEvent(.rising, at: 100 * ms), EdgeEvent(.falling, at: 150 * ms),
                        EdgeEvent(.rising, at: 151 * ms), EdgeEvent(.falling, at: 200 * ms)])
        counter.settle(now: 300 * ms)
        #expect(counter.total == 1)
        #expect(counter.rejectedGlitches == 0)
    }
}
