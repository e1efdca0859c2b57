import BoardLog
import Foundation
import GatewayCore
import Journal
import Testing
@testable import GatewayRuntime

/// Issue 16: `check` accepted intervals of `999999999999999h` (the conversion to nanoseconds trapped) and
/// `0.0000001ms` (every pass of the loop sampled). `run` bounds whatever it is given.
@Suite struct SamplingIntervalTests {
    final class CountingSampler: ChannelSampler {
        let spec: ChannelSpec
        var samples = 0
        init(_ spec: ChannelSpec) { self.spec = spec }
        func sample() -> ChannelSample { samples += 1; return .value(MeasuredValue(1, "Cel")) }
        func close() {}
    }

    func loop(_ intervals: [Double]) throws -> (SamplingLoop, [CountingSampler]) {
        let dir = NSTemporaryDirectory() + "interval-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let samplers = intervals.enumerated().map { i, seconds in
            CountingSampler(ChannelSpec(id: ChannelID("c\(i)"),
                                        driver: .tmp117(I2CDeviceAddress(busRole: "s", busPath: "/dev/i2c-1", address: 0x48)),
                                        quantity: .temperature, role: nil, unit: "Cel", interval: Duration(seconds)))
        }
        let site = Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                        board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: [:]), topicPrefix: "sgw",
                        channels: samplers.map(\.spec))
        let loop = SamplingLoop(site: site, samplers: samplers, derivations: [],
                                calibrations: try LiveCalibrations(directory: nil, log: Logger(label: "t")),
                                journal: try ReadingJournal(path: dir + "/journal.sqlite"), states: [],
                                log: Logger(label: "t", threshold: .critical),
                                wallClock: { UnixTime(milliseconds: 1_790_000_000_000) }, monotonicNanoseconds: { 0 })
        return (loop, samplers)
    }

    @Test func anEnormousIntervalIsAYearNotATrap() throws {
        let (loop, samplers) = try loop([999_999_999_999_999 * 3600, .infinity])
        #expect(loop.tick(now: 86_400_000_000_000) == false)
        #expect(samplers.allSatisfy { $0.samples == 0 })
        #expect(loop.tick(now: SamplingInterval.longestNanoseconds))
    }

    @Test func aVanishingIntervalSamplesAtMostEveryTenMilliseconds() throws {
        let (loop, samplers) = try loop([0.0000001 / 1000])
        #expect(loop.tick(now: 1_000_000) == false)
        #expect(loop.tick(now: 10_000_000))
        #expect(loop.tick(now: 11_000_000) == false)
        #expect(samplers[0].samples == 1)
    }
}
