import BoardUpdate
import Testing

/// Release numbers order numerically, so "older than the running version" means what a maintainer means.
@Suite struct ReleaseVersionTests {
    @Test func partsCompareAsNumbersNotText() throws {
        let v019 = try #require(ReleaseVersion("0.1.9"))
        let v0110 = try #require(ReleaseVersion("0.1.10"))
        #expect(v019 < v0110)
        #expect(try #require(ReleaseVersion("1.0.0")) > v0110)
        #expect(ReleaseVersion("0.1.9") == v019)
    }

    @Test func onlyThreeDecimalPartsAreAVersion() {
        for text in ["", "0.1", "0.1.0.1", "0.1.x", "0..1", "-1.0.0", "0.1.0 ", "1234567.0.0"] {
            #expect(ReleaseVersion(text) == nil, "\(text)")
        }
    }
}
