import GatewayCore
import Testing
@testable import SiteConfig

/// pulse-flow and pulse-energy: GPIO line roles, constants, debounce and the meter side.
@Suite struct PulseChannelErrorTests {
    @Test func lineRoleTheBoardDoesNotHave() throws {
        let site = try TempSite(channels: channel(replacing("line", with: "line: pulse-9", in: pulseFlowKeys)))
        expectSiteErrors(site, [
            "10:5: channels[0].line: board test-board has no GPIO line \"pulse-9\" (it has: pulse-1, pulse-2, pulse-3)",
        ])
    }

    @Test func twoCountersOnOneLine() throws {
        let second = replacing("id", with: "id: grid-import", in: pulseEnergyKeys)
        let site = try TempSite(channels: channel(pulseFlowKeys) + channel(second))
        expectSiteErrors(site, [
            "17:5: channels[1].line: gpiochip0 line 17 (pulse-1) is already counted by channel \"inflow\" at "
                + "channels[0]; one input cannot feed two counters",
        ])
    }

    @Test(arguments: [
        ("pulses-per-litre: -0.1", "14:5: channels[0].pulses-per-litre: pulses per litre must be more than 0, found -0.1"),
        ("pulses-per-litre: 0", "14:5: channels[0].pulses-per-litre: pulses per litre must be more than 0, found 0"),
        ("pulses-per-litre: many", "14:5: channels[0].pulses-per-litre: expected a number, found \"many\""),
    ])
    func badPulsesPerLitre(line: String, expected: String) throws {
        let site = try TempSite(channels: channel(replacing("pulses-per-litre", with: line, in: pulseFlowKeys)))
        expectSiteErrors(site, [expected])
    }

    @Test func flowDebounceLongerThanASecond() throws {
        let site = try TempSite(channels: channel(pulseFlowKeys + ["debounce: 2s"]))
        expectSiteErrors(site, ["15:5: channels[0].debounce: 2000 ms is too long: the debounce must be at most 1s"])
    }

    @Test func energyDebounceThatWouldSwallowS0Pulses() throws {
        let site = try TempSite(channels: channel(pulseEnergyKeys + ["debounce: 30ms"]))
        expectSiteErrors(site, [
            "16:5: channels[0].debounce: 30 ms is too long: S0 pulses can be as short as 30 ms, so the debounce must be under 30ms",
        ])
    }

    @Test func meterSideIsRequired() throws {
        let site = try TempSite(channels: channel(replacing("side", with: nil, in: pulseEnergyKeys)))
        expectSiteErrors(site, ["8:5: channels[0]: missing required key \"side\""])
    }

    @Test func unknownMeterSide() throws {
        let site = try TempSite(channels: channel(replacing("side", with: "side: high-voltage", in: pulseEnergyKeys)))
        expectSiteErrors(site, ["15:5: channels[0].side: unknown meter side \"high-voltage\" (known: primary, secondary)"])
    }

    @Test func multiplierOnAPrimarySideConstant() throws {
        let site = try TempSite(channels: channel(pulseEnergyKeys + ["multiplier: 2400"]))
        expectSiteErrors(site, [
            "16:5: channels[0].multiplier: a primary-side pulse constant already counts primary kWh, so multiplier "
                + "2400 would be applied twice; remove it or set side: secondary",
        ])
    }

    @Test func nonPositiveConstants() throws {
        let keys = replacing("impulses-per-kwh", with: "impulses-per-kwh: 0",
                             in: replacing("side", with: "side: secondary", in: pulseEnergyKeys)) + ["multiplier: -60"]
        let site = try TempSite(channels: channel(keys))
        expectSiteErrors(site, [
            "14:5: channels[0].impulses-per-kwh: impulses per kWh must be more than 0, found 0",
            "16:5: channels[0].multiplier: multiplier must be more than 0, found -60",
        ])
    }

    @Test func energyDefaults() throws {
        let site = try TempSite(channels: channel(pulseEnergyKeys))
        let pulse1 = GPIOLineReference(role: "pulse-1", line: GPIOLineAddress(chip: "gpiochip0", offset: 17))
        #expect(try site.load().get().site.channels.first?.driver
                == .pulseEnergy(pulse1, impulsesPerKWh: 1000, multiplier: 1, side: .primary, debounceMilliseconds: 10))
    }
}
