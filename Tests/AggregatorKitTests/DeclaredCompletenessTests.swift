import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing

/// Issue 15: completeness only counted gaps between the first and last sequence number seen inside the year,
/// so a board silent since November, gaps at the start or end of a year, and a gap across the year end were
/// all invisible. It is now measured against the hourly level channel's declared interval.
@Suite struct DeclaredCompletenessTests {
    let hour = 3600.0
    let fy2026Start = CivilTime.jstInstant(year: 2026, month: 4, day: 1)
    let fy2027Start = CivilTime.jstInstant(year: 2027, month: 4, day: 1)

    func store() throws -> AggregatorStore {
        let dir = NSTemporaryDirectory() + "agg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try AggregatorStore(path: dir + "/city.sqlite")
    }

    /// A well board that declares one level channel read hourly, first heard at `firstSeen`.
    func well(firstSeen: UnixTime) throws -> AggregatorStore {
        let s = try store()
        try s.recordStatus(DeviceStatus(state: "online", site: "well-3", siteKind: "well", device: "gw1", channels: [
            .init(id: "level", quantity: "water-level", role: nil, unit: "m", intervalSeconds: 3600, driver: "ads1115"),
        ]), receivedAt: firstSeen)
        return s
    }

    /// `count` hourly level readings from `from`, numbered from `firstSeq`.
    func hourly(_ s: AggregatorStore, from: UnixTime, count: Int, firstSeq: UInt64) throws {
        let readings = (0..<count).map { i in
            Reading(key: ReadingKey(device: "gw1", channel: "level", sequence: firstSeq + UInt64(i)),
                    time: from.adding(seconds: Double(i) * hour), value: MeasuredValue(6.5, "m"))
        }
        try s.store(readings, site: "well-3", receivedAt: from)
    }

    func board(_ s: AggregatorStore, _ fy: FiscalYear, asOf: UnixTime) throws -> KPIReport.DeviceCompleteness {
        try #require(try s.report(fiscalYear: fy, asOf: asOf).sites.first?.devices.first)
    }

    @Test func aBoardSilentSinceNovemberFallsBehind() throws {
        let s = try well(firstSeen: fy2026Start)
        let november = CivilTime.jstInstant(year: 2026, month: 11, day: 1)
        let sent = Int(november.seconds - fy2026Start.seconds) / 3600
        try hourly(s, from: fy2026Start, count: sent, firstSeq: 1)
        let newYear = CivilTime.jstInstant(year: 2027, month: 1, day: 1)
        let d = try board(s, FiscalYear(2026), asOf: newYear)
        #expect(d.received == sent)
        #expect(d.expected == Int(newYear.seconds - fy2026Start.seconds) / 3600)
    }

    @Test func readingsMissingAtTheStartOfTheYearCount() throws {
        let s = try well(firstSeen: fy2026Start)
        let may = CivilTime.jstInstant(year: 2026, month: 5, day: 1)
        try hourly(s, from: may, count: 24, firstSeq: 1)   // the board's journal lost April
        let d = try board(s, FiscalYear(2026), asOf: may.adding(seconds: 24 * hour))
        #expect(d.received == 24)
        #expect(d.expected == 30 * 24 + 24)
    }

    @Test func readingsMissingAtTheEndOfTheYearCount() throws {
        let s = try well(firstSeen: fy2026Start)
        let march = CivilTime.jstInstant(year: 2027, month: 3, day: 1)
        let sent = Int(march.seconds - fy2026Start.seconds) / 3600
        try hourly(s, from: fy2026Start, count: sent, firstSeq: 1)
        let d = try board(s, FiscalYear(2026), asOf: CivilTime.jstInstant(year: 2027, month: 5, day: 1))
        #expect(d.received == sent)
        #expect(d.expected == 365 * 24, "measured to the year end, not to the report's date")
    }

    @Test func aGapAcrossTheYearEndCountsInBothYears() throws {
        let s = try well(firstSeen: fy2026Start)
        let lastBefore = fy2027Start.adding(seconds: -4 * hour)   // 20:00 on 31 March is the last reading sent
        let sent = Int(lastBefore.seconds - fy2026Start.seconds) / 3600 + 1
        try hourly(s, from: fy2026Start, count: sent, firstSeq: 1)
        // Back at 03:00 on 1 April, after 6 hourly readings were lost (21:00 to 02:00).
        try hourly(s, from: fy2027Start.adding(seconds: 3 * hour), count: 21, firstSeq: UInt64(sent) + 7)
        let old = try board(s, FiscalYear(2026), asOf: fy2027Start.adding(seconds: 24 * hour))
        #expect(old.received == 365 * 24 - 3)
        #expect(old.expected == 365 * 24)
        let new = try board(s, FiscalYear(2027), asOf: fy2027Start.adding(seconds: 24 * hour))
        #expect(new.received == 21)
        #expect(new.expected == 24)
    }

    @Test func aBoardIsNotChargedForTheTimeBeforeItAppeared() throws {
        let july = CivilTime.jstInstant(year: 2026, month: 7, day: 1)
        let s = try well(firstSeen: july)
        try hourly(s, from: july, count: 48, firstSeq: 1)
        let d = try board(s, FiscalYear(2026), asOf: july.adding(seconds: 48 * hour))
        #expect(d.received == 48 && d.expected == 48)
    }

    /// A sensor that fails still has its board send a reading each interval, flagged as a fault and without a
    /// value: the measurement is missing all the same. They once counted as received, so a level transmitter
    /// whose loop was open for a day left the well 100 % complete (issue 15's scripted sensor faults).
    @Test func faultReadingsAreMissingData() throws {
        let july = CivilTime.jstInstant(year: 2026, month: 7, day: 1)
        let s = try well(firstSeen: july)
        try hourly(s, from: july, count: 24, firstSeq: 1)
        let faults = (0..<24).map { i in
            var r = Reading(key: ReadingKey(device: "gw1", channel: "level", sequence: 25 + UInt64(i)),
                            time: july.adding(seconds: Double(24 + i) * hour), value: nil, quality: .fault)
            r.fault = "4–20 mA loop open (0.0 mA)"
            return r
        }
        try s.store(faults, site: "well-3", receivedAt: july)
        try hourly(s, from: july.adding(seconds: 48 * hour), count: 24, firstSeq: 49)
        let d = try board(s, FiscalYear(2026), asOf: july.adding(seconds: 72 * hour))
        #expect(d.received == 48 && d.expected == 72, "\(d.received) of \(d.expected)")
    }
}
