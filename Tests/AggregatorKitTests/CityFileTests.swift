import AggregatorKit
import Foundation
import GatewayCore
import Testing

@Suite struct CityFileTests {
    @Test(arguments: ["kumamoto", "sapporo", "kamisunagawa", "kaga", "kamishihoro"])
    func shippedCityFilesLoad(_ name: String) throws {
        let plan = try CityFileReader.load(Paths.city(name))
        #expect(plan.id == name && !plan.kpis.isEmpty && !plan.sites.isEmpty)
    }

    @Test func kumamotoStatesThePlansRechargeKPI() throws {
        let kpi = try #require(try CityFileReader.load(Paths.city("kumamoto")).kpis.first { $0.id == "groundwater-recharge" })
        #expect(kpi.base == PlanFigure(year: 2017, value: 1317.1) && kpi.target == PlanFigure(year: 2021, value: 1400))
        #expect(kpi.method == .rechargeWaterBalance && kpi.unit == "万m3" && kpi.direction == .higherIsBetter)
    }

    func problems(_ yaml: String) throws -> [String] {
        let path = NSTemporaryDirectory() + "city-\(UUID().uuidString).yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try CityFileReader.load(path)
            return []
        } catch {
            return error.description.split(separator: "\n").map { String($0).replacingOccurrences(of: path, with: "city.yaml") }
        }
    }

    @Test func mistakesAreReportedWithLineAndColumn() throws {
        let found = try problems("""
            city:
              id: testville
              name: Testville
              plan: "Test plan"
            sites:
              - id: hall
                facility: building
                floor-area: 100
            kpis:
              - id: co2
                title: CO2
                method: co2
                unit: t
                direction: lower-is-better
                base: { year: 2013, value: 100 }
                target: { year: 2030, value: 120 }
                feeds:
                  - { site: hal, channel: grid-import, role: electricity, factors: nowhere }
            """)
        #expect(found.contains("city.yaml:8:5: sites[0].floor-area: unknown key \"floor-area\" (allowed here: disaster-base, facility, flooded-depth-min-m, floor-area-m2, id, name, paddy-area-m2, public-building, pv-capacity-kw, season-cap-days)"), "\(found)")
        #expect(found.contains("city.yaml:13:5: kpis[0].unit: co2 gives t-CO2, not t; write unit: t-CO2"), "\(found)")
        #expect(found.contains("city.yaml:16:5: kpis[0].target: target 120 (FY2030) must be below the base 100 (FY2013) of a lower-is-better KPI, and later"), "\(found)")
        #expect(found.contains { $0.hasPrefix("city.yaml:18:11: kpis[0].feeds[0].site: no site hal") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("city.yaml:18:") && $0.contains("kpis[0].feeds[0].factors: no emission-factors series nowhere") }, "\(found)")
    }

    @Test func brokenYAMLAndMissingFilesSaySo() throws {
        #expect(try problems("city: [\n") .first?.hasPrefix("city.yaml:2:1: not valid YAML") == true)
        #expect(try problems("").first == "city.yaml: file is empty")
        do {
            _ = try CityFileReader.load("/nonexistent/city.yaml")
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/city.yaml: file cannot be read"))
        }
    }
}
