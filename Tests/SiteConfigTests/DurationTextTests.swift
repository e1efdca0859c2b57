import Testing
@testable import SiteConfig

@Suite struct DurationTextTests {
    @Test func readsEachUnit() {
        #expect(DurationText.seconds("500ms") == 0.5)
        #expect(DurationText.seconds("15s") == 15)
        #expect(DurationText.seconds("5m") == 300)
        #expect(DurationText.seconds("1h") == 3600)
        #expect(DurationText.seconds("1.5s") == 1.5)
    }

    @Test func refusesNumbersWithoutAUnitAndOddText() {
        for text in ["15", "", "s", "-1s", "1 s", "15sec", "1e3ms", "m5"] {
            #expect(DurationText.seconds(text) == nil, "\(text)")
        }
    }
}
