import BoardIO
import BoardLog
import Foundation
import GatewayCore
import Journal
import Platform
import SimulatedBoard
import Testing
@testable import GatewayRuntime

/// Issue 15: a new K-factor record took effect only after a restart, and then rescaled the channel's whole
/// running total, because the total was kept in pulses. Now the next reading uses the new record, and each
/// increment is converted with the record in force when it was counted.
@Suite(.serialized) struct LiveKFactorTests {
    /// Edges the test hands over, drained by the sampler's reader thread.
    final class HandFedLine: EdgeEventSource, EdgeLineProvider, @unchecked Sendable {
        let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)
        private let pending = Locked<[EdgeEvent]>([])
        private var nextTimestamp: UInt64 = 1_000_000
        func pulses(_ n: Int) {
            var events: [EdgeEvent] = []
            for _ in 0..<n {
                nextTimestamp += 1_000_000
                events.append(EdgeEvent(.rising, at: nextTimestamp))
            }
            pending.withLock { $0 += events }
        }
        func waitForEvents(timeoutMilliseconds: Int) throws(GPIOError) -> [EdgeEvent] {
            let taken = pending.withLock { p in defer { p = [] }; return p }
            if taken.isEmpty && timeoutMilliseconds > 0 { BoardThread.sleep(nanoseconds: 2_000_000) }
            return taken
        }
        func close() {}
        func requestEdges(_ line: GPIOLineAddress, detect: EdgeDetection, activeLow: Bool, bias: LineBias,
                          consumer: String) throws(GPIOError) -> EdgeEventSource { self }
    }

    static let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)
    static let site: Site = {
        // No debounce: every rising edge is a pulse. Nominally 1 pulse a litre.
        let channel = ChannelSpec(id: "inflow", driver: .pulseFlow(GPIOLineReference(role: "pulse-1", line: line),
                                                                   pulsesPerLitre: 1, debounceMilliseconds: 0),
                                  quantity: .volume, role: .inflow, unit: "L", interval: Duration(60))
        return Site(id: "s", kind: .building, municipality: "Kumamoto", location: nil, device: "gw",
                    board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: ["pulse-1": line]), topicPrefix: "sgw",
                    channels: [channel])
    }()

    func record(id: String, pulsesPerLitre: Double, validFrom: String) -> String {
        """
        - id: \(id)
          channel: inflow
          method: k-factor
          pulses-per-litre: \(pulsesPerLitre)
          valid-from: \(validFrom)
          measured-by: A. Tanaka (water section)
          reference-instrument: 20 L bucket

        """
    }

    func counted(_ sampler: ChannelSampler, _ n: UInt64) {
        for _ in 0..<500 where sampler.runningPulseTotal() != n { BoardThread.sleep(nanoseconds: 2_000_000) }
    }

    @Test func aNewRecordAppliesFromTheNextReadingWithoutRewritingEarlierLitres() throws {
        let dir = NSTemporaryDirectory() + "kfactor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/inflow.yaml"
        try record(id: "first", pulsesPerLitre: 1, validFrom: "2020-01-01T09:00:00+09:00").write(toFile: file, atomically: true, encoding: .utf8)
        let log = Logger(label: "t", threshold: .critical)
        let calibrations = try LiveCalibrations(directory: dir, log: log)
        let fed = HandFedLine()
        let clock = ManualClock()
        let board = SimulatedBoard(site: Self.site, clock: clock)
        let samplers = try SamplerFactory(site: Self.site, hardware: BoardHardware(i2c: board, gpio: fed, clock: clock),
                                          calibrations: calibrations, log: log).makeSamplers(states: [])
        let meter = try #require(samplers.first)
        defer { meter.close() }
        fed.pulses(100)
        counted(meter, 100)
        guard case .total(let first, let firstTotal, _, let firstID) = meter.sample() else { Issue.record("no total"); return }
        #expect(first.value == 100 && firstTotal.value == 100 && firstID == "first")

        // A bucket test at a visit: the meter gives 2 pulses a litre. `calibrate` appends the record.
        try (record(id: "first", pulsesPerLitre: 1, validFrom: "2020-01-01T09:00:00+09:00")
             + record(id: "bucket", pulsesPerLitre: 2, validFrom: "2020-06-01T09:00:00+09:00"))
            .write(toFile: file, atomically: true, encoding: .utf8)
        calibrations.refreshIfChanged()
        fed.pulses(100)
        counted(meter, 200)
        guard case .total(let second, let secondTotal, let pulses, let secondID) = meter.sample() else { Issue.record("no total"); return }
        #expect(secondID == "bucket", "the next reading uses the new record")
        #expect(second.value == 50)
        #expect(secondTotal.value == 150, "the 100 L counted before the record stay 100 L")
        #expect(pulses == 200)
    }

    @Test func aRestartContinuesTheTotalInLitres() throws {
        let dir = NSTemporaryDirectory() + "kfactor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try record(id: "bucket", pulsesPerLitre: 2, validFrom: "2020-06-01T09:00:00+09:00")
            .write(toFile: dir + "/inflow.yaml", atomically: true, encoding: .utf8)
        let log = Logger(label: "t", threshold: .critical)
        let fed = HandFedLine()
        let clock = ManualClock()
        let board = SimulatedBoard(site: Self.site, clock: clock)
        // Journaled: 200 pulses made 150 L (100 at 1 pulse/L, then 100 at 2 pulses/L).
        let state = ChannelState(device: "gw", channel: "inflow", lastSequence: 2, pulseTotal: 200, meteredTotal: 150)
        let samplers = try SamplerFactory(site: Self.site, hardware: BoardHardware(i2c: board, gpio: fed, clock: clock),
                                          calibrations: try LiveCalibrations(directory: dir, log: log), log: log)
            .makeSamplers(states: [state])
        let meter = try #require(samplers.first)
        defer { meter.close() }
        fed.pulses(20)
        counted(meter, 220)
        guard case .total(let increment, let total, _, _) = meter.sample() else { Issue.record("no total"); return }
        #expect(increment.value == 10 && total.value == 160, "not 220 pulses × 0.5 L = 110 L")
    }
}
