import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing

/// The SQLite intake remembers each channel's highest sequence and declared interval from one batch to the next
/// (`ChannelMemory`): what it remembers must never outlive a change it did not make itself.
@Suite struct ChannelMemoryTests {
    let t = CivilTime.jstInstant(year: 2026, month: 5, day: 1, hour: 10).adding(seconds: 10)

    func store() throws -> AggregatorStore {
        let dir = NSTemporaryDirectory() + "memory-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try AggregatorStore(path: dir + "/city.sqlite")
    }

    func reading(_ seq: UInt64, at t: UnixTime) -> Reading {
        Reading(key: ReadingKey(device: "gw1", channel: "import", sequence: seq), time: t,
                value: MeasuredValue(1, "kWh"), sum: MeasuredValue(Double(seq), "kWh"))
    }

    func status(intervalSeconds: Double) -> DeviceStatus {
        DeviceStatus(state: "online", site: "site-a", siteKind: "building", municipality: "Sapporo", device: "gw1",
                     channels: [.init(id: "import", quantity: "energy", role: "import", unit: "kWh",
                                      intervalSeconds: intervalSeconds, driver: "pulse-energy")])
    }

    /// Two aggregators of one `$share` group on one file: what the other stored between two batches of this one
    /// is no gap.
    @Test func anotherWriterBetweenTwoBatchesIsSeenByGapTracking() throws {
        let first = try store()
        let second = try AggregatorStore(path: first.path)
        try first.store([reading(1, at: t)], site: "site-a", receivedAt: t)
        try second.store([reading(2, at: t), reading(3, at: t)], site: "site-a", receivedAt: t)
        try first.store([reading(5, at: t)], site: "site-a", receivedAt: t)
        #expect(try first.gaps().map(\.sequences) == [4...4])
        #expect(try first.readingCount() == 4)
    }

    /// A board's new status changes its channels' intervals through the intake's own connection: the next batch
    /// attributes a totalizer's increment with the new interval (10 s: 11:00:10 counts at 11:00:05, in the 11:00
    /// hour; the old 60 s would put it at 10:59:40).
    @Test func aStatusThatChangesAnIntervalIsUsedByTheNextBatch() throws {
        let s = try store()
        try s.recordStatus(status(intervalSeconds: 60), receivedAt: t)
        try s.store([reading(1, at: t)], site: "site-a", receivedAt: t)
        try s.recordStatus(status(intervalSeconds: 10), receivedAt: t)
        let later = t.adding(seconds: 3600)
        try s.store([reading(2, at: later)], site: "site-a", receivedAt: later)
        let hours = try s.rollups(.hour, from: t.adding(seconds: -7200), to: t.adding(seconds: 7200))
        #expect(hours.map(\.bucketStart) == [CivilTime.jstInstant(year: 2026, month: 5, day: 1, hour: 9),
                                              CivilTime.jstInstant(year: 2026, month: 5, day: 1, hour: 11)])
    }
}
