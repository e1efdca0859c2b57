import Foundation
import GatewayCore
import Journal
import BoardLog
import Testing
@testable import GatewayRuntime

/// A board without an RTC boots in 1970. Readings taken before the clock is set are marked, and once it is
/// they are restamped from their monotonic time; none goes out with a 1970 date as if it were real.
@Suite struct ClockSynchronisationTests {
    final class FixedSampler: ChannelSampler {
        let spec: ChannelSpec
        init(_ spec: ChannelSpec) { self.spec = spec }
        func sample() -> ChannelSample { .value(MeasuredValue(21.5, "Cel")) }
        func close() {}
    }

    final class Clocks: @unchecked Sendable {
        var wall = UnixTime(milliseconds: 5_000)   // 1970-01-01T00:00:05Z: no RTC, no NTP yet
        var monotonic: UInt64 = 1_000_000_000
    }

    /// A new journal and a site with one thermometer read every 10 s.
    static func thermometerSite() throws -> (ReadingJournal, Site, ChannelSpec) {
        let dir = NSTemporaryDirectory() + "clock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        let spec = ChannelSpec(id: "temp", driver: .tmp117(I2CDeviceAddress(busRole: "s", busPath: "/dev/i2c-1", address: 0x48)),
                               quantity: .temperature, role: nil, unit: "Cel", interval: Duration(10))
        let site = Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                        board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: [:]), topicPrefix: "sgw", channels: [spec])
        return (journal, site, spec)
    }

    @Test func readingsBeforeSyncAreMarkedThenRestamped() throws {
        let (journal, site, spec) = try Self.thermometerSite()
        let clocks = Clocks()
        let loop = SamplingLoop(site: site, samplers: [FixedSampler(spec)], derivations: [],
                                calibrations: try LiveCalibrations(directory: nil, log: Logger(label: "t")),
                                journal: journal, states: [], log: Logger(label: "t"),
                                wallClock: { clocks.wall }, monotonicNanoseconds: { clocks.monotonic })
        loop.bootID = "boot-1"
        // Three samples 10 s apart with the clock still at 1970.
        for _ in 0..<3 {
            clocks.monotonic += 10_000_000_000
            clocks.wall = clocks.wall.adding(seconds: 10)
            loop.tick(now: clocks.monotonic)
        }
        let before = try journal.all().map(\.reading)
        #expect(before.count == 3 && before.allSatisfy { $0.quality == .clockUnsynchronised })
        // NTP sets the clock; the next sample triggers the restamp.
        let synced = CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12)
        clocks.monotonic += 10_000_000_000
        clocks.wall = synced
        loop.tick(now: clocks.monotonic)
        let after = try journal.all().map(\.reading)
        #expect(after.count == 4)
        #expect(after.allSatisfy { $0.quality == .good })
        // Each earlier reading is stamped by how long before the sync instant it was taken: 30, 20 and 10 s.
        #expect(after.map(\.time) == [synced.adding(seconds: -30), synced.adding(seconds: -20), synced.adding(seconds: -10), synced])
        #expect(after.allSatisfy { $0.bootID == "boot-1" && $0.monotonicNanoseconds != nil })
    }

    @Test func sentReadingsAndOtherBootsAreLeftAlone() throws {
        let dir = NSTemporaryDirectory() + "clock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        func r(_ seq: UInt64, boot: String) -> Reading {
            var x = Reading(key: ReadingKey(device: "gw", channel: "c", sequence: seq), time: UnixTime(milliseconds: 1000),
                            value: MeasuredValue(1, "m"), quality: .clockUnsynchronised)
            x.monotonicNanoseconds = 5_000_000_000
            x.bootID = boot
            return x
        }
        try journal.record([r(1, boot: "old"), r(2, boot: "now"), r(3, boot: "now")], states: [])
        let rows = try journal.all()
        try journal.markSent([rows[1].rowID], at: UnixTime(milliseconds: 2000))
        let n = try journal.restamp(bootID: "now", wall: UnixTime(milliseconds: 1_790_000_010_000), atMonotonicNanoseconds: 15_000_000_000)
        #expect(n == 1)
        let after = try journal.all().map(\.reading)
        #expect(after[0].quality == .clockUnsynchronised, "another boot's monotonic clock is not comparable")
        #expect(after[1].quality == .clockUnsynchronised, "already sent as marked")
        #expect(after[2].time == UnixTime(milliseconds: 1_790_000_000_000) && after[2].quality == .good)
    }
}
