import Testing
import GatewayCore
import PropertyBased

@Suite struct FiscalYearTests {
    @Test func aprilFirstJSTStartsTheYear() {
        let t = CivilTime.jstInstant(year: 2019, month: 4, day: 1)
        #expect(FiscalYear(containing: t) == FiscalYear(2019))
        #expect(FiscalYear(containing: t.adding(seconds: -0.001)) == FiscalYear(2018))
    }

    @Test func anInstantJustBeforeTheYearEndsStaysInThatYear() {
        // 0.4 ms before April 1 00:00 JST: rounding to the millisecond would put it in the next fiscal year.
        let end = FiscalYear(2024).end
        let t = UnixTime(seconds: end.seconds - 0.0004)
        #expect(t.milliseconds == end.milliseconds - 1)
        #expect(FiscalYear(containing: t) == FiscalYear(2024))
        #expect(UnixTime(seconds: -0.0004).milliseconds == -1)
    }

    @Test func timesWrittenInWholeMillisecondsKeepThem() {
        // What a board publishes ("t":1743433199.999) is read back as that millisecond, although the nearest
        // Double lies a hair below or above it.
        #expect(UnixTime(seconds: 1_743_433_199.999).milliseconds == 1_743_433_199_999)
        #expect(UnixTime(seconds: 0.001).milliseconds == 1)
        #expect(UnixTime(seconds: 1_711_929_599.3).milliseconds == 1_711_929_599_300)
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

    @Test func secondsFloorToTheirMillisecond() async {
        // Any whole millisecond written as decimal seconds reads back as itself; 0.4 ms earlier floors one below.
        await propertyCheck(input: Gen.int64(in: -631_152_000_000 ... 5_680_281_600_000)) { ms in
            #expect(UnixTime(seconds: Double(ms) / 1000).milliseconds == ms)
            #expect(UnixTime(seconds: Double(ms) / 1000 - 0.0004).milliseconds == ms - 1)
        }
    }
}
