import BoardIO
import GatewayCore
import SimulatedBoard
import Testing

/// Issue 16: `pulses-per-second: 1e308` took 5 GB of memory in 15 s; a rate so small that pulse times overflow
/// trapped. The simulated meter plays any rate it is given within bounds, and never traps.
@Suite struct PulseProfileBoundsTests {
    @Test func anAbsurdlyFastScriptPlaysAtTheFastestSimulatedMeter() throws {
        let clock = ManualClock()
        let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)
        let profile = PulseProfile(pulsesPerSecond: 1e308, startNanoseconds: clock.nowNanoseconds())
        #expect(profile.pulsesPerSecond == PulseProfile.maximumPulsesPerSecond)
        let source = SimulatedEdgeSource(line: line, profile: profile, clock: clock, detect: .rising)
        clock.advance(by: Duration(1))
        let events = try source.waitForEvents(timeoutMilliseconds: 0)
        #expect((999...1001).contains(events.count))
    }

    @Test(arguments: [1e-300, 5e-324, -1, -.infinity, .infinity, .nan])
    func aRateThatCannotBePlayedIsAMeterThatNeverPulses(rate: Double) {
        let profile = PulseProfile(pulsesPerSecond: rate, startNanoseconds: 1_000_000_000)
        #expect(profile.pulsesPerSecond == 0)
        #expect(profile.start(ofPulse: 1) == nil)
        #expect(profile.pulsesStarted(by: .max) == 0)
    }

    @Test func theSlowestPlayableMeterStopsAtTheEndOfTheClockInsteadOfTrapping() {
        let profile = PulseProfile(pulsesPerSecond: PulseProfile.minimumPulsesPerSecond, startNanoseconds: 1_000_000_000)
        #expect(profile.start(ofPulse: 1) == 1_000_000_000 + 1_000_000_000_000_000)
        #expect(profile.start(ofPulse: 100_000) == nil)
    }
}
