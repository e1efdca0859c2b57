import GatewayCore
import PropertyBased
import Testing

@Suite struct CounterDeltaTests {
    @Test func sixteenBitRollover() {
        #expect(CounterDelta.between(previous: 65530, current: 12, modulus: .bits(16)) == .increment(18))
    }

    @Test func sixDigitRegisterRollover() {
        #expect(CounterDelta.between(previous: 999_950, current: 30, modulus: .digits(6)) == .increment(80))
    }

    @Test func sixtyFourBitCounterWraps() {
        #expect(CounterDelta.between(previous: .max - 1, current: 3, modulus: .bits(64)) == .increment(5))
    }

    @Test func implausibleWrapIsFlaggedAsReset() {
        // A meter swapped for a new one at 120: the "wrap" would be 65,406 pulses in one interval.
        let d = CounterDelta.between(previous: 250, current: 120, modulus: .bits(16), maximumIncrement: 1000)
        #expect(d == .reset(CounterReset(previous: 250, current: 120, reason: .implausibleIncrement(65_406, limit: 1000))))
    }

    @Test func readingTheRegisterCannotHoldIsFlagged() {
        let d = CounterDelta.between(previous: 10, current: 1_000_000, modulus: .digits(6))
        #expect(d == .reset(CounterReset(previous: 10, current: 1_000_000, reason: .readingAboveModulus)))
    }

    /// One rule for pulse counts and visit readings: a register read with its last drum part-turned wraps,
    /// fits and is bounded exactly as a whole count does.
    @Test func fractionalReadingsFollowTheSameRule() {
        let five = CounterModulus.digits(5)
        #expect(five.advance(from: 99_999.5, to: 0.25, mostPossible: 25.0) == .counted(0.75, wrapped: true))
        #expect(five.advance(from: UInt64(99_990), to: 12, mostPossible: 25) == .counted(22, wrapped: true))
        #expect(five.advance(from: 99_990.0, to: 12.0, mostPossible: 25.0) == .counted(22, wrapped: true))
        #expect(five.advance(from: 1_200.0, to: 1_250.5) == .counted(50.5, wrapped: false))
        #expect(five.advance(from: 99_999.9, to: 100_000.0) == .notOnRegister)
        #expect(five.advance(from: -0.5, to: 3.0) == .notOnRegister)
        #expect(five.advance(from: Double.nan, to: 3.0) == .notOnRegister)
        #expect(five.advance(from: 40_000.0, to: 5.0, mostPossible: 600.0) == .implausible(60_005, limit: 600))
    }

    @Test func rolloverArithmetic() async {
        await propertyCheck(input: Gen.int(in: 1...63), Gen.uint64(in: 0 ... .max), Gen.uint64(in: 0 ... .max)) { bits, a, b in
            let m = UInt64(1) << UInt64(bits)
            let previous = a % m, current = b % m
            guard case .increment(let delta) = CounterDelta.between(previous: previous, current: current, modulus: .bits(bits)) else {
                Issue.record("a wrap with no plausibility limit is always an increment")
                return
            }
            #expect(delta < m)
            #expect((previous &+ delta) % m == current)
        }
    }

    @Test func decimalRolloverArithmetic() async {
        await propertyCheck(input: Gen.int(in: 1...12), Gen.uint64(in: 0 ... .max), Gen.uint64(in: 0 ... .max)) { digits, a, b in
            let m = (0..<digits).reduce(UInt64(1)) { r, _ in r * 10 }
            let previous = a % m, current = b % m
            guard case .increment(let delta) = CounterDelta.between(previous: previous, current: current, modulus: .digits(digits)) else {
                Issue.record("a wrap with no plausibility limit is always an increment")
                return
            }
            #expect(delta < m)
            #expect((previous + delta) % m == current)
        }
    }

    @Test func totalsNeverDecreaseWithoutAFlaggedReset() async {
        await propertyCheck(input: Gen.uint64(in: 0...65_535).array(of: 2...40)) { readings in
            var total = MeterTotal()
            for (previous, current) in zip(readings, readings.dropFirst()) {
                let before = total.counts, resetsBefore = total.resets.count
                let delta = CounterDelta.between(previous: previous, current: current, modulus: .bits(16), maximumIncrement: 5000)
                total.record(delta)
                #expect(total.counts >= before)
                if current < previous && previous - current < 65_536 - 5000 {
                    // A fall that a plausible wrap cannot explain must be flagged, not swallowed.
                    #expect(total.resets.count == resetsBefore + 1)
                }
            }
        }
    }

    @Test func resetsAreKeptInOrder() {
        var total = MeterTotal(counts: 100)
        total.record(.increment(5))
        total.record(CounterDelta.between(previous: 9000, current: 3, modulus: .digits(4), maximumIncrement: 100))
        total.record(.increment(7))
        total.record(.replacement(previous: 10, newMeterReading: 0))
        total.record(.increment(1))
        #expect(total.counts == 113)
        #expect(total.resets.map(\.previous) == [9000, 10])
        #expect(total.resets.last?.reason == .declaredReplacement)
    }
}

@Suite struct S0PulseTests {
    @Test func conformingMeterCannotExceedSixteenPointSevenHertz() {
        #expect(S0Pulse.maximumPulses(in: Duration(900)) == 15_001)
        #expect(S0Pulse.maximumPulses(in: Duration(0.059)) == 1)
        #expect(S0Pulse.maximumPulses(in: Duration(0)) == 0)
    }

    @Test func plausibilityLimitFlagsAResetOverAFifteenMinuteRead() {
        let limit = S0Pulse.maximumPulses(in: Duration(900))
        #expect(CounterDelta.between(previous: 65_000, current: 1_000, modulus: .bits(16), maximumIncrement: limit) == .increment(1_536))
        guard case .reset = CounterDelta.between(previous: 40_000, current: 1_000, modulus: .bits(16), maximumIncrement: limit) else {
            Issue.record("26,536 pulses in 15 minutes is beyond an S0 meter")
            return
        }
    }
}
