import Testing
import GatewayCore
import PropertyBased

@Suite struct FiscalYearTests {
    @Test func aprilFirstJSTStartsTheYear() {
        let t = CivilTime.jstInstant(year: 2019, month: 4, day: 1)
        #expect(FiscalYear(containing: t) == FiscalYear(2019))
        #expect(FiscalYear(containing: t.adding(seconds: -0.001)) == FiscalYear(2018))
    }

    @Test func boardClockInUTCStillBucketsByJST() {
        // 2020-03-31T15:00:00Z is 2020-04-01T00:00 JST: FY2020, although the UTC date is still March.
        let t = CivilTime.instant(year: 2020, month: 3, day: 31, hour: 15, offsetSeconds: 0)
        #expect(FiscalYear(containing: t) == FiscalYear(2020))
        #expect(FiscalYear(containing: t.adding(seconds: -1)) == FiscalYear(2019))
    }

    @Test func civilRoundTrip() {
        let t = CivilTime.instant(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 58, offsetSeconds: 0)
        let c = CivilTime(t, offsetSeconds: 0)
        #expect((c.year, c.month, c.day, c.hour, c.minute, c.second) == (2024, 2, 29, 23, 59, 58))
        #expect(t.description == "2024-02-29T23:59:58.000Z")
    }
}

@Suite struct FiscalYearPropertyTests {
    @Test func everyInstantIsInItsFiscalYear() async {
        // 1950–2150, in milliseconds.
        await propertyCheck(input: Gen.int64(in: -631_152_000_000 ... 5_680_281_600_000)) { ms in
            let t = UnixTime(milliseconds: ms)
            let fy = FiscalYear(containing: t)
            #expect(fy.start <= t && t < fy.end)
            #expect(fy.contains(t))
            #expect(!FiscalYear(fy.startYear - 1).contains(t) && !FiscalYear(fy.startYear + 1).contains(t))
        }
    }
}
