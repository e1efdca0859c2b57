import Foundation
import Testing
@testable import SiteConfig

/// Issue 16 item 3: `check` refuses what `run` cannot do, naming the bound it holds the value to.
@Suite struct CheckBoundsTests {
    @Test(arguments: [
        ("interval: 999999999999999h", "\"999999999999999h\" is longer than the longest sampling interval, 24h"),
        ("interval: 25h", "\"25h\" is longer than the longest sampling interval, 24h"),
        ("interval: 0.0000001ms", "\"0.0000001ms\" is shorter than the shortest sampling interval, 100ms"),
        ("interval: 99ms", "\"99ms\" is shorter than the shortest sampling interval, 100ms"),
    ])
    func intervalOutsideItsBounds(line: String, message: String) throws {
        let site = try TempSite(channels: channel(replacing("interval", with: line, in: pulseFlowKeys)))
        expectSiteErrors(site, ["13:5: channels[0].interval: \(message)"])
    }

    @Test func intervalAtItsBoundsIsAccepted() throws {
        for line in ["interval: 100ms", "interval: 24h"] {
            let site = try TempSite(channels: channel(replacing("interval", with: line, in: pulseFlowKeys)))
            #expect(site.errors() == [], "\(line)")
        }
    }

    @Test func simulatedPulseRateThatWouldFloodMemory() throws {
        let site = try TempSite(channels: channel(pulseFlowKeys + ["simulate: { pulses-per-second: 1e308 }"]))
        expectSiteErrors(site, ["15:17: channels[0].simulate.pulses-per-second: 1e+308 pulses/s is above the most a "
                                + "pulse input counts, 1000 pulses/s"])
    }

    @Test func simulatedValueOutOfBounds() throws {
        let keys = ads1115Keys + ["simulate: { value: -2e9 }"]
        let site = try TempSite(channels: channel(keys))
        expectSiteErrors(site, ["20:17: channels[0].simulate.value: -2000000000 is outside what a simulated value may be, "
                                + "−1000000000 to 1000000000"])
    }

    @Test func ads1115RangeThatWouldOverflow() throws {
        let keys = replacing("range", with: "range: { lrv: -1.7e308, urv: 1.7e308 }", in: ads1115Keys)
        let site = try TempSite(channels: channel(keys))
        expectSiteErrors(site, [
            "16:14: channels[0].range.lrv: -1.7e+308 is outside what a 4–20 mA range may span, −1000000000 to 1000000000",
            "16:29: channels[0].range.urv: 1.7e+308 is outside what a 4–20 mA range may span, −1000000000 to 1000000000",
        ])
    }

    @Test func shuntTooSmallToMeasure() throws {
        let site = try TempSite(channels: channel(replacing("shunt-ohms", with: "shunt-ohms: 0.001", in: ads1115Keys)))
        expectSiteErrors(site, ["15:5: channels[0].shunt-ohms: 0.001 Ω is below the smallest usable shunt, 1 Ω: "
                                + "20 mA across it is too small a voltage to measure"])
    }

    @Test(arguments: [
        ("pulses-per-litre: 1e-320", "pulses per litre must be between 0.0001 and 100000, found 1e-320"),
        ("pulses-per-litre: 1e308", "pulses per litre must be between 0.0001 and 100000, found 1e+308"),
    ])
    func pulsesPerLitreOutOfBounds(line: String, message: String) throws {
        let site = try TempSite(channels: channel(replacing("pulses-per-litre", with: line, in: pulseFlowKeys)))
        expectSiteErrors(site, ["14:5: channels[0].pulses-per-litre: \(message)"])
    }

    @Test func energyMultiplierThatWouldOverflow() throws {
        let keys = replacing("side", with: "side: secondary", in: pulseEnergyKeys) + ["multiplier: 1e308"]
        let site = try TempSite(channels: channel(keys))
        expectSiteErrors(site, ["16:5: channels[0].multiplier: multiplier must be between 0.001 and 1000000, found 1e+308"])
    }

    @Test func impulsesPerKWhOutOfBounds() throws {
        let keys = replacing("impulses-per-kwh", with: "impulses-per-kwh: 1e-9", in: pulseEnergyKeys)
        let site = try TempSite(channels: channel(keys))
        expectSiteErrors(site, ["14:5: channels[0].impulses-per-kwh: impulses per kWh must be between 0.001 and 100000, "
                                + "found 1e-09"])
    }

    @Test func rechargeAreaOutOfBounds() throws {
        let header = TempSite.header.replacingOccurrences(of: "kind: well", with: "kind: recharge-paddy")
        let site = try TempSite(site: header + channel(pulseFlowKeys)
                                + "recharge:\n  area-m2: 1e12\n  evaporation-mm-per-day: 4\n")
        expectSiteErrors(site, ["16:3: recharge.area-m2: 1000000000000 m² is larger than a paddy can be "
                                + "(at most 100000000 m², 100 km²)"])
    }

    @Test func tooManyChannels() throws {
        let channels = (0...256).map { i in channel(replacing("id", with: "id: c\(i)", in: pulseFlowKeys)) }.joined()
        let site = try TempSite(channels: channels)
        expectSiteErrors(site, ["7:1: channels: 257 channels is more than one gateway samples; at most 256 are allowed"])
    }
}
