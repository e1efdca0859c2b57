import BoardLog
import Foundation
import GatewayCore
import Journal
import Testing
@testable import GatewayRuntime

/// Issue 15: a sensor was first read one interval after every start, so a clean restart (an update, a config
/// change, the FY run's stop at half year) back a moment before a sensor's next reading was due skipped it: an
/// hourly sensor read at 23:00, restarted at 23:59:59.999, was next read at 00:59:59.999 and the 00:00 reading
/// was missing. Back before the reading is due, the loop now takes it when due; down over it, it is missing.
@Suite(.serialized) struct SensorRestartRhythmTests {
    typealias CountingSampler = SamplingIntervalTests.CountingSampler

    static let spec = ChannelSpec(id: "indoor", driver: .tmp117(I2CDeviceAddress(busRole: "s", busPath: "/dev/i2c-1", address: 0x48)),
                                  quantity: .temperature, role: nil, unit: "Cel", interval: Duration(3600))
    static let site = Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                           board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: [:]), topicPrefix: "sgw",
                           channels: [spec])
    static let lastRead = CivilTime.jstInstant(year: 2027, month: 9, day: 30, hour: 23, minute: 0)

    /// A journal whose last reading of the sensor was at 23:00, and a loop started on it at `start` (wall),
    /// monotonic 0.
    func restarted(at start: UnixTime, lastQuality: ReadingQuality = .good) throws -> (SamplingLoop, CountingSampler) {
        let dir = NSTemporaryDirectory() + "sensor-restart-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        try journal.record([Reading(key: ReadingKey(device: "gw", channel: "indoor", sequence: 7), time: Self.lastRead,
                                    value: MeasuredValue(21, "Cel"), quality: lastQuality)],
                           states: [ChannelState(device: "gw", channel: "indoor", lastSequence: 7, pulseTotal: 0)])
        let sampler = CountingSampler(Self.spec)
        let loop = SamplingLoop(site: Self.site, samplers: [sampler], derivations: [],
                                calibrations: try LiveCalibrations(directory: nil, log: Logger(label: "t")),
                                journal: journal, states: try journal.channelStates(),
                                log: Logger(label: "t", threshold: .critical),
                                wallClock: { start }, monotonicNanoseconds: { 0 })
        return (loop, sampler)
    }

    @Test func backBeforeTheNextReadingItIsTakenWhenDue() throws {
        let (loop, _) = try restarted(at: Self.lastRead.adding(seconds: 3600 - 0.001))
        #expect(loop.nextDueNanoseconds == [1_000_000], "the 00:00 reading is due 1 ms after the start")
    }

    @Test func downOverTheNextReadingItIsMissingAndTheRhythmRestarts() throws {
        let (loop, _) = try restarted(at: Self.lastRead.adding(seconds: 3600 + 60))
        #expect(loop.nextDueNanoseconds == [3_600_000_000_000])
    }

    @Test func aClockBehindTheLastReadingNeverDelaysBeyondAnInterval() throws {
        let (loop, _) = try restarted(at: Self.lastRead.adding(seconds: -7200))
        #expect(loop.nextDueNanoseconds == [3_600_000_000_000])
    }

    @Test func aReadingStampedOnAnUnsynchronisedClockSetsNoRhythm() throws {
        let (loop, _) = try restarted(at: Self.lastRead.adding(seconds: 1800), lastQuality: .clockUnsynchronised)
        #expect(loop.nextDueNanoseconds == [3_600_000_000_000])
    }
}
