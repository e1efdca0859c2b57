import GatewayCore
import Testing

/// Issue 15: an increment read just after a 30-minute or fiscal-year edge was attributed wholly to the new
/// window. Totalizers are now read on wall-clock multiples of their interval, counted from JST midnight.
@Suite struct AlignedSamplingTests {
    /// FY2026 ends as April 1, 2027 begins in JST (15:00 UTC on March 31).
    static let fiscalYearEdge = CivilTime.jstInstant(year: 2027, month: 4, day: 1)

    @Test(arguments: [1, 7, 15, 30, 45, 60, 77, 300, 900, 1800, 3600])
    func theFiscalYearEdgeIsASamplingInstant(intervalSeconds: Int64) {
        let interval = intervalSeconds * 1000
        let justBefore = UnixTime(milliseconds: Self.fiscalYearEdge.milliseconds - 1)
        #expect(AlignedSampling.nextInstant(after: justBefore, intervalMilliseconds: interval) == Self.fiscalYearEdge)
        // Walking the instants across the edge from an hour before lands on it too.
        var t = AlignedSampling.nextInstant(after: Self.fiscalYearEdge.adding(seconds: -3600), intervalMilliseconds: interval)
        var instants: [UnixTime] = []
        while t <= Self.fiscalYearEdge.adding(seconds: Double(intervalSeconds)) {
            instants.append(t)
            t = AlignedSampling.nextInstant(after: t, intervalMilliseconds: interval)
        }
        #expect(instants.contains(Self.fiscalYearEdge))
        #expect(instants.first(where: { $0 > Self.fiscalYearEdge }) == Self.fiscalYearEdge.adding(seconds: Double(intervalSeconds)))
    }

    @Test func instantsAreWallClockMultiplesOfTheInterval() {
        let t = CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12, minute: 29).adding(seconds: 47.3)
        #expect(AlignedSampling.nextInstant(after: t, intervalMilliseconds: 30_000)
                == CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12, minute: 30))
        #expect(AlignedSampling.nextInstant(after: t, intervalMilliseconds: 60_000)
                == CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12, minute: 30))
        let onInstant = CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12, minute: 30)
        #expect(AlignedSampling.nextInstant(after: onInstant, intervalMilliseconds: 30_000) == onInstant.adding(seconds: 30),
                "strictly after")
    }

    @Test func anIncrementReadJustAfterAnEdgeBelongsToTheWindowBeforeIt() {
        // Read 3 ms after 12:30:00 JST, covering 12:29:30–12:30:00: its middle is in the 12:00 window.
        let edge = CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12, minute: 30)
        let at = AlignedSampling.attributionInstant(readAt: edge.adding(seconds: 0.003), intervalMilliseconds: 30_000)
        #expect(TimeBucket(.halfHour, containing: at).start == CivilTime.jstInstant(year: 2026, month: 11, day: 22, hour: 12))
        let fy = AlignedSampling.attributionInstant(readAt: Self.fiscalYearEdge.adding(seconds: 0.003), intervalMilliseconds: 60_000)
        #expect(FiscalYear(containing: fy).startYear == 2026)
    }
}
