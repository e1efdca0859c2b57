import AggregatorKit
import Foundation
import GatewayCore
import GRDB
@testable import MQTTTransport
import SenML
import Testing

/// The report reads per-day rollups kept on ingest; these check them against the readings themselves.
@Suite struct ReadingRollupTests {
    func newStore() throws -> (AggregatorStore, String) {
        let dir = NSTemporaryDirectory() + "rollup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (try AggregatorStore(path: dir + "/city.sqlite"), dir + "/city.sqlite")
    }

    static let channels: [DeviceStatus.Channel] = [
        .init(id: "import", quantity: "energy", role: "import", unit: "kWh", intervalSeconds: 60, driver: "pulse-energy"),
        .init(id: "pv", quantity: "energy", role: "generation", unit: "Wh", intervalSeconds: 60, driver: "pulse-energy"),
        .init(id: "inflow", quantity: "volume", role: "inflow", unit: "l", intervalSeconds: 60, driver: "pulse-flow"),
        .init(id: "import-demand", quantity: "demand", role: nil, unit: "kW", intervalSeconds: 1800, driver: "derived:demand"),
        .init(id: "depth-below-mp", quantity: "water-level", role: nil, unit: "m", intervalSeconds: 60, driver: "derived:well"),
    ]

    /// A city's worth of readings around two fiscal-year boundaries: out of order, in several batches, with
    /// duplicates, faults and gaps. Values are multiples of 1/4 so every order of summation gives the same sum.
    static func fill(_ store: any CityStore) throws -> [Reading] {
        var rng = SplitMix64(seed: 14)
        let boundary = FiscalYear(2026).start
        var readings: [Reading] = []
        for device in ["gw1", "gw2"] {
            for c in Self.channels {
                var sum = 0.0
                for seq in 1...400 where rng.next() % 10 != 0 {
                    // ±3 days around 2026-04-01 00:00 JST, 20 minutes apart.
                    let t = boundary.adding(seconds: Double(seq) * 1200 - 3 * 86_400)
                    let v = Double(rng.next() % 4000) / 4
                    sum += v
                    let totalizer = c.driver.hasPrefix("pulse")
                    readings.append(Reading(key: ReadingKey(device: DeviceID(device), channel: ChannelID(c.id), sequence: UInt64(seq)),
                                            time: t, value: MeasuredValue(v, c.unit), sum: totalizer ? MeasuredValue(sum, c.unit) : nil,
                                            quality: rng.next() % 17 == 0 ? .fault : .good))
                }
            }
        }
        for device in ["gw1", "gw2"] {
            try store.recordStatus(BoardStatus(DeviceStatus(state: "online", site: "site-\(device)", siteKind: "building", device: device,
                                                            channels: Self.channels)), receivedAt: boundary)
        }
        var shuffled = readings
        for i in shuffled.indices.reversed() { shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        var packs: [IncomingPack] = []
        for chunk in stride(from: 0, to: shuffled.count, by: 37) {
            let part = Array(shuffled[chunk..<min(chunk + 37, shuffled.count)])
            for device in ["gw1", "gw2"] {
                let mine = part.filter { $0.key.device.rawValue == device }
                if !mine.isEmpty { packs.append(IncomingPack(site: "site-\(device)", readings: mine, receivedAt: boundary)) }
            }
            // Every fifth pack again: QoS 1 redelivery.
            if chunk % 5 == 0, let again = packs.last { packs.append(again) }
            if packs.count >= 9 {
                _ = try store.store(packs)
                packs = []
            }
        }
        _ = try store.store(packs)
        return readings
    }

    /// Where the report counts a reading: a totalizer increment read at t covers (t − interval, t] and counts at
    /// its middle; every other reading at t.
    static func countedAt(_ r: Reading) -> UnixTime {
        guard r.sum != nil, let c = channels.first(where: { $0.id == r.key.channel.rawValue }) else { return r.time }
        return UnixTime(milliseconds: r.time.milliseconds - Int64(c.intervalSeconds * 500))
    }

    @Test func theReportsSumsFromRollupsEqualSumsOverTheReadings() throws {
        let (store, _) = try newStore()
        let readings = try Self.fill(store)
        let asOf = FiscalYear(2026).end
        for fy in [FiscalYear(2025), FiscalYear(2026)] {
            let report = try store.report(fiscalYear: fy, asOf: asOf)
            for device in ["gw1", "gw2"] {
                let all = readings.filter { $0.key.device.rawValue == device }
                let mine = all.filter { fy.contains(Self.countedAt($0)) }
                func total(_ channel: String) -> Double {
                    mine.filter { $0.key.channel.rawValue == channel && $0.quality != .fault }.reduce(0) { $0 + ($1.value?.value ?? 0) }
                }
                let site = try #require(report.sites.first { $0.site == "site-\(device)" })
                #expect(site.energyImportedKWh == total("import"))
                #expect(site.energyGeneratedKWh == total("pv") / 1000)
                #expect(site.rechargeInflowCubicMetres == total("inflow") / 1000)
                let demand = mine.filter { $0.key.channel == "import-demand" && $0.quality != .fault }.compactMap { $0.value?.value }
                #expect(site.peakDemandKW == demand.max())
                // The newest good depth of the year stands; a fault never does.
                let depth = mine.filter { $0.key.channel == "depth-below-mp" && $0.quality != .fault }.max { $0.time < $1.time }
                #expect(site.latestDepthToWaterMetres == depth?.value?.value)
                let d = try #require(site.devices.first)
                // A fault reading (a failed sensor's, without a value) is a missing measurement, not data received.
                #expect(d.received == mine.filter { $0.quality != .fault }.count)
                // Expected by each channel's declared interval, from the hour of the board's first reading (or the
                // year start) to the year end; never fewer than arrived.
                let firstMs = all.map { Self.countedAt($0).milliseconds }.min()!
                let appeared = firstMs - firstMs % 3_600_000
                let from = max(fy.start.milliseconds, appeared), to = fy.end.milliseconds
                let expected = Self.channels.map { c in
                    let due = to > from ? Int((Double(to - from) / 1000 / c.intervalSeconds).rounded(.down)) : 0
                    return max(due, mine.filter { $0.key.channel.rawValue == c.id && $0.quality != .fault }.count)
                }.reduce(0, +)
                #expect(d.expected == expected)
            }
        }
    }

    @Test func rollupsKeptOnIngestEqualRollupsComputedAfresh() throws {
        let (store, path) = try newStore()
        _ = try Self.fill(store)
        let fresh = path + ".afresh.sqlite"
        // A copy with the WAL's content (a file copy would miss the last commits).
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [fresh]) }
        try DatabaseQueue(path: fresh).write { db in
            try db.execute(sql: "DROP TABLE rollup_hour; DROP TABLE rollup_day")
        }
        let recomputed = try AggregatorStore(path: fresh)
        let span = (FiscalYear(2025).start, FiscalYear(2027).end)
        for resolution in ReadingRollup.Resolution.allCases {
            let kept = try store.rollups(resolution, from: span.0, to: span.1)
            #expect(!kept.isEmpty)
            let afresh = try recomputed.rollups(resolution, from: span.0, to: span.1)
            #expect(kept.count == afresh.count)
            for (a, b) in zip(kept, afresh) where a != b { Issue.record("kept \(a)\nafresh \(b)"); break }
        }
        #expect(try store.report(fiscalYear: FiscalYear(2026)) == (try recomputed.report(fiscalYear: FiscalYear(2026))))
    }

    @Test func bucketsAreWholeJSTHoursAndDays() {
        let fyStart = FiscalYear(2026).start
        #expect(ReadingRollup.Resolution.day.bucket(containing: fyStart) == fyStart)
        #expect(ReadingRollup.Resolution.day.bucket(containing: fyStart.adding(seconds: -0.001)) == fyStart.adding(seconds: -86_400))
        #expect(ReadingRollup.Resolution.day.bucket(containing: fyStart.adding(seconds: 86_399.999)) == fyStart)
        #expect(ReadingRollup.Resolution.hour.bucket(containing: fyStart.adding(seconds: 3_599)) == fyStart)
        // Before 1970 (a board's unset clock, quarantined but still arithmetic): floor, not truncation.
        let early = UnixTime(milliseconds: -1)
        #expect(ReadingRollup.Resolution.hour.bucket(containing: early) == UnixTime(milliseconds: -3_600_000))
    }
}
