import GatewayCore
import Testing
@testable import SiteConfig

@Suite struct RechargeSectionTests {
    static let channel = """
          - id: inflow
            driver: pulse-flow
            line: pulse-1
            quantity: volume
            role: inflow
            unit: m3
            interval: 15s
            pulses-per-litre: 0.1

        """

    func site(kind: String, recharge: String) throws -> TempSite {
        try TempSite(site: TempSite.header.replacingOccurrences(of: "kind: well", with: "kind: \(kind)")
            + Self.channel + recharge)
    }

    @Test func paddyExampleCarriesItsWaterBalanceSettings() throws {
        let loaded = try ExampleSiteTests.load("kumamoto-paddy-01")
        let r = try #require(loaded.site.recharge)
        #expect(r == PaddyRechargeSettings(area: SquareMetres(12000), evaporationPerDay: Millimetres(4),
                                           minimumFloodedDepth: Metres(0.02)))
    }

    @Test func minimumDepthDefaultsToTwoCentimetres() throws {
        let s = try site(kind: "recharge-paddy", recharge: "recharge: { area-m2: 5000, evaporation-mm-per-day: 3 }\n")
        let loaded = try s.load().get()
        #expect(loaded.site.recharge?.minimumFloodedDepth == Metres(0.02))
    }

    @Test func rechargeOnAWellIsRejected() throws {
        let s = try site(kind: "well", recharge: "recharge: { area-m2: 5000, evaporation-mm-per-day: 3 }\n")
        let errors = s.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.contains("test.yaml:16:11: recharge: ") == true)
        #expect(errors.first?.contains("a recharge section belongs to a recharge-paddy site, not a well site") == true)
    }

    @Test func implausibleValuesAreNamedWithTheirKeys() throws {
        let s = try site(kind: "recharge-paddy", recharge: """
            recharge:
              area-m2: 0
              evaporation-mm-per-day: 35
              flooded-depth-min-m: 2
              seepage: 5

            """)
        let text = s.errors().joined(separator: "\n")
        #expect(text.contains("recharge.area-m2: the flooded area must be positive, not 0.0 m²"))
        #expect(text.contains("recharge.evaporation-mm-per-day: 35.0 mm/day is not a plausible evaporation (0–20)"))
        #expect(text.contains("recharge.flooded-depth-min-m: 2.0 m is not a plausible minimum ponded depth (0–1 m)"))
        #expect(text.contains("seepage"))
    }

    @Test func missingAreaIsReported() throws {
        let s = try site(kind: "recharge-paddy", recharge: "recharge: { evaporation-mm-per-day: 3 }\n")
        #expect(s.errors().joined().contains("area-m2"))
    }
}
