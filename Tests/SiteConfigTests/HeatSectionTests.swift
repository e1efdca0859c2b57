import GatewayCore
import Testing
@testable import SiteConfig

@Suite struct HeatSectionTests {
    @Test func buildingExampleHasItsDistrictHeatMeter() throws {
        let site = try ExampleSiteTests.load("sapporo-cityhall").site
        #expect(site.heatMeters == [HeatMeterSpec(id: "district-heat", flow: "heating-flow", supply: "supply-temperature",
                                                  returnTemperature: "return-temperature", meterPipe: .return, circuit: .heating)])
    }

    static let channels = """
          - id: flow
            driver: pulse-flow
            line: pulse-1
            quantity: volume
            unit: m3
            interval: 60s
            pulses-per-litre: 0.1
          - id: supply
            driver: tmp117
            bus: sensors
            address: 0x4A
            quantity: temperature
            unit: Cel
            interval: 60s

        """

    @Test func referencesMustNameChannelsOfTheRightQuantity() throws {
        let site = try TempSite(site: TempSite.header + Self.channels + """
            heat:
              - id: flow
                flow: supply
                supply: supply
                return: nowhere
                meter-pipe: middle
                circuit: heating

            """)
        let text = site.errors().joined(separator: "\n")
        #expect(text.contains("heat[0].flow: channel supply measures temperature, not volume"))
        #expect(text.contains("heat[0].return: no channel \"nowhere\" in this site"))
        #expect(text.contains("heat[0].meter-pipe: unknown meter pipe \"middle\" (known: supply, return)"))
        #expect(text.contains("test.yaml:"))
    }

    @Test func aHeatMeterCannotTakeAChannelsId() throws {
        let site = try TempSite(site: TempSite.header + Self.channels + """
            heat:
              - { id: flow, flow: flow, supply: supply, return: supply, meter-pipe: return, circuit: heating }

            """)
        #expect(site.errors().joined().contains("heat[0].id: \"flow\" is already a channel id"))
    }
}
