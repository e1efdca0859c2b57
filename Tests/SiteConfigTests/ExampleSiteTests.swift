import Foundation
import GatewayCore
import Testing
@testable import SiteConfig

/// The example sites shipped in Board/sites/ are what technicians copy; each must load as written.
@Suite struct ExampleSiteTests {
    static let boardFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Board").path

    static func load(_ name: String) throws -> LoadedSite {
        try SiteLoader.load(siteFile: boardFolder + "/sites/" + name + ".yaml")
    }

    @Test(arguments: ["kumamoto-paddy-01", "kumamoto-well-07", "sapporo-cityhall"])
    func exampleLoads(name: String) throws {
        let loaded = try Self.load(name)
        #expect(loaded.site.id == SiteID(name))
        #expect(loaded.site.board.name == "rpi4-sgw")
        #expect(loaded.boardFile == Self.boardFolder + "/rpi4-sgw.yaml")
        #expect(loaded.configHash.count == 16)
        #expect(loaded.site.channels.allSatisfy { (5...60).contains($0.interval.value) })
    }

    @Test func paddyResolvesPulseLinesAndLoopScaling() throws {
        let site = try Self.load("kumamoto-paddy-01").site
        #expect(site.kind == .rechargePaddy)
        #expect(site.location == Location(latitude: 32.83, longitude: 130.78,
                                          description: "Shirakawa middle basin, converted paddy 3"))
        #expect(site.topicPrefix == "sgw")
        let inflow = try #require(site.channel("inflow"))
        let pulse1 = GPIOLineReference(role: "pulse-1", line: GPIOLineAddress(chip: "gpiochip0", offset: 17))
        #expect(inflow.driver == .pulseFlow(pulse1, pulsesPerLitre: 0.1, debounceMilliseconds: 10))
        #expect(inflow.unit == "m3")
        #expect(inflow.interval == Duration(15))
        #expect(inflow.simulation == SimulationProfile(pulsesPerSecond: 0.5))
        let level = try #require(site.channel("paddy-level"))
        let adc = I2CDeviceAddress(busRole: "sensors", busPath: "/dev/i2c-1", address: 0x48)
        #expect(level.driver == .ads1115(adc, input: .ain0, fullScaleVolts: 4.096, samplesPerSecond: 128,
                                         shunt: Ohms(150), scaling: LoopScaling(lowerRangeValue: 0, upperRangeValue: 0.5)))
        #expect(level.role == .paddyLevel)
    }

    @Test func wellReadsTheBarometerTwice() throws {
        let site = try Self.load("kumamoto-well-07").site
        let bme = I2CDeviceAddress(busRole: "sensors", busPath: "/dev/i2c-1", address: 0x76)
        #expect(site.channel("barometer")?.driver == .bme280(bme, .pressure))
        #expect(site.channel("enclosure-temperature")?.driver == .bme280(bme, .temperature))
        #expect(site.channel("enclosure-temperature")?.role == nil)
        #expect(site.channel("water-column")?.quantity == .waterLevel)
    }

    @Test func cityHallMultiplierIsOnTheSecondarySide() throws {
        let site = try Self.load("sapporo-cityhall").site
        let pulse1 = GPIOLineReference(role: "pulse-1", line: GPIOLineAddress(chip: "gpiochip0", offset: 17))
        #expect(site.channel("grid-import")?.driver == .pulseEnergy(pulse1, impulsesPerKWh: 1000, multiplier: 2400,
                                                                    side: .secondary, debounceMilliseconds: 5))
        guard case .pulseEnergy(_, _, let multiplier, .primary, _)? = site.channel("grid-export")?.driver else {
            Issue.record("grid-export should be a primary-side pulse-energy channel")
            return
        }
        #expect(multiplier == 1)
        #expect(site.channel("outdoor-humidity")?.unit == "%RH")
        #expect(site.channel("indoor-temperature")?.driver
                == .tmp117(I2CDeviceAddress(busRole: "sensors", busPath: "/dev/i2c-1", address: 0x49)))
    }
}
