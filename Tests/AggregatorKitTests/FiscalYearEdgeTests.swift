import AggregatorKit
import GatewayCore
import SenML
import Testing

/// Issue 15: times were rounded, not floored, to milliseconds, so a reading 0.4 ms before the fiscal year ends
/// landed in the next year.
@Suite struct FiscalYearEdgeTests {
    @Test func aReadingJustBeforeTheYearEndsIsCountedInThatYear() throws {
        let end = FiscalYear(2025).end  // 2026-04-01T00:00 JST
        let t = "\(end.milliseconds / 1000 - 1).9996"
        let payload = Array("[{\"bn\":\"gw1:\",\"n\":\"import\",\"seq\":1,\"t\":\(t),\"v\":1,\"u\":\"kWh\"}]".utf8)
        let reading = try #require(try SenMLPack.decode(payload, topic: "sgw/site-a/gw1/data").first)
        #expect(reading.time.milliseconds == end.milliseconds - 1)
        #expect(FiscalYear(containing: reading.time) == FiscalYear(2025))
    }

    @Test func aBoardsMillisecondIsReadBackExactly() throws {
        let end = FiscalYear(2025).end
        let payload = Array("[{\"bn\":\"gw1:\",\"n\":\"import\",\"seq\":1,\"t\":\(end.milliseconds / 1000 - 1).999,\"v\":1}]".utf8)
        let reading = try #require(try SenMLPack.decode(payload, topic: "sgw/site-a/gw1/data").first)
        #expect(reading.time.milliseconds == end.milliseconds - 1)
    }
}
