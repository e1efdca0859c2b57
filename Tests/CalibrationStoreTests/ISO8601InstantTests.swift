@testable import CalibrationStore
import GatewayCore
import Testing

@Suite struct ISO8601InstantTests {
    @Test func readsTheOffset() {
        let jst = ISO8601Instant.parse("2026-11-20T10:15:00+09:00")
        #expect(jst == CivilTime.jstInstant(year: 2026, month: 11, day: 20, hour: 10, minute: 15))
        #expect(ISO8601Instant.parse("2026-11-20T01:15:00Z") == jst)
        #expect(ISO8601Instant.parse("2026-11-19T20:15-05:00") == jst)
        #expect(ISO8601Instant.parse("2026-11-20T10:15:00.250+09:00")?.milliseconds == jst.map { $0.milliseconds + 250 })
    }

    @Test(arguments: ["2026-11-20T10:15:00", "2026-11-20 10:15:00+09:00", "2026-13-01T00:00:00Z",
                      "2026-04-31T00:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T10:15:00+9:00",
                      "2026-11-20T10:15:00.1234Z", "2026-11-20T10:15:00+09:00x", "26-11-20T10:15:00Z"])
    func refuses(_ text: String) {
        #expect(ISO8601Instant.parse(text) == nil)
    }

    @Test func leapDayOnlyInLeapYears() {
        #expect(ISO8601Instant.parse("2028-02-29T00:00:00+09:00") != nil)
        #expect(ISO8601Instant.parse("2100-02-29T00:00:00+09:00") == nil)
    }

    @Test func writesJSTThatReadsBack() {
        let t = CivilTime.jstInstant(year: 2027, month: 1, day: 5, hour: 7, minute: 3)
        #expect(ISO8601Instant.format(t) == "2027-01-05T07:03:00+09:00")
        #expect(ISO8601Instant.parse(ISO8601Instant.format(t.adding(seconds: 0.5))) == t.adding(seconds: 0.5))
    }
}
