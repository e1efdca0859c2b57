import GatewayCore
import PropertyBased
import Testing

@Suite struct TimeBucketTests {
    @Test func dayBucketIsTheJSTDayOnAUTCBoard() {
        // 2024-06-30T15:10Z on a UTC board is 2024-07-01 00:10 JST: it belongs to July 1st.
        let t = CivilTime.instant(year: 2024, month: 6, day: 30, hour: 15, minute: 10, offsetSeconds: 0)
        let day = TimeBucket(.day, containing: t)
        #expect(day.start == CivilTime.jstInstant(year: 2024, month: 7, day: 1))
        #expect(day.description == "2024-07-01T00:00+09:00")
        #expect(CivilDate(containing: t) == CivilDate(year: 2024, month: 7, day: 1))
    }

    @Test func hourAndHalfHour() {
        let t = CivilTime.jstInstant(year: 2024, month: 7, day: 1, hour: 9, minute: 29).adding(seconds: 59.999)
        #expect(TimeBucket(.halfHour, containing: t).start == CivilTime.jstInstant(year: 2024, month: 7, day: 1, hour: 9))
        #expect(TimeBucket(.halfHour, containing: t.adding(seconds: 0.001)).start
            == CivilTime.jstInstant(year: 2024, month: 7, day: 1, hour: 9, minute: 30))
        #expect(TimeBucket(.hour, containing: t).end == CivilTime.jstInstant(year: 2024, month: 7, day: 1, hour: 10))
    }

    @Test func nextBucketFollowsWithoutGap() {
        let b = TimeBucket(.day, containing: CivilTime.jstInstant(year: 2024, month: 2, day: 28, hour: 12))
        #expect(b.next.start == CivilTime.jstInstant(year: 2024, month: 2, day: 29))
        #expect(b.next.next.start == CivilTime.jstInstant(year: 2024, month: 3, day: 1))
    }

    @Test func everyInstantLiesInItsBucket() async {
        let sizes = TimeBucket.Size.allCases
        await propertyCheck(input: Gen.int64(in: -4_000_000_000_000 ... 4_000_000_000_000), Gen.int(in: 0...2)) { ms, i in
            let t = UnixTime(milliseconds: ms)
            let bucket = TimeBucket(sizes[i], containing: t)
            #expect(bucket.contains(t))
            #expect(!bucket.contains(bucket.end))
            let c = CivilTime.jst(bucket.start)
            #expect(c.second == 0 && c.millisecond == 0 && c.minute % 30 == 0)
            if sizes[i] == .day { #expect(c.hour == 0 && c.minute == 0) }
        }
    }

    @Test func civilDateRoundTrip() async {
        await propertyCheck(input: Gen.int64(in: -200_000 ... 200_000)) { n in
            let d = CivilDate(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(CivilDate(containing: d.start) == d)
            #expect(d.adding(days: 1) > d)
        }
    }
}
