import Testing
@testable import SiteConfig

/// Keys every channel has: id, driver, quantity, role, unit, interval, simulate.
@Suite struct ChannelErrorTests {
    static let knownDrivers = "bme280, sht3x, tmp117, ads1115, pulse-flow, pulse-energy"

    @Test func unknownDriverIsTheOnlyErrorForItsChannel() throws {
        let site = try TempSite(channels: channel(replacing("driver", with: "driver: ads1116", in: ads1115Keys)))
        expectSiteErrors(site, ["9:5: channels[0].driver: unknown driver \"ads1116\" (known: \(Self.knownDrivers))"])
    }

    @Test func keyOfAnotherDriver() throws {
        let site = try TempSite(channels: channel(pulseFlowKeys + ["measure: pressure"]))
        expectSiteErrors(site, [
            "15:5: channels[0].measure: unknown key \"measure\" (allowed for driver pulse-flow: id, driver, quantity, "
                + "role, unit, interval, simulate, line, pulses-per-litre, debounce, active, bias, register)",
        ])
    }

    @Test func misspeltKeyIsUnknownAndTheRealOneMissing() throws {
        let site = try TempSite(channels: channel(replacing("pulses-per-litre", with: "pulse-per-litre: 0.1", in: pulseFlowKeys)))
        expectSiteErrors(site, [
            "8:5: channels[0]: missing required key \"pulses-per-litre\"",
            "14:5: channels[0].pulse-per-litre: unknown key \"pulse-per-litre\" (allowed for driver pulse-flow: id, "
                + "driver, quantity, role, unit, interval, simulate, line, pulses-per-litre, debounce, active, bias, register)",
        ])
    }

    @Test func missingCommonKeys() throws {
        let keys = replacing("unit", with: nil, in: replacing("interval", with: nil, in: pulseFlowKeys))
        let site = try TempSite(channels: channel(keys))
        expectSiteErrors(site, [
            "8:5: channels[0]: missing required key \"interval\"",
            "8:5: channels[0]: missing required key \"unit\"",
        ])
    }

    @Test func invalidChannelId() throws {
        let keys = replacing("id", with: "id: Inflow", in: pulseFlowKeys)
        let site = try TempSite(channels: channel(keys))
        let rule = "use lower-case letters, digits, \"-\" and \"_\", starting with a letter or digit, at most 64 characters"
        expectSiteErrors(site, [
            "8:5: channels[0].id: \"Inflow\" is not a valid id: \(rule)",
        ])
    }

    @Test(arguments: [
        ("interval: 15", "expected a time with its unit such as 500ms, 15s, 5m or 1h, found \"15\""),
        ("interval: 15 s", "expected a time with its unit such as 500ms, 15s, 5m or 1h, found \"15 s\""),
        ("interval: 0s", "the sampling interval must be longer than 0"),
        ("interval:", "expected a time with its unit such as 500ms, 15s, 5m or 1h, found nothing"),
    ])
    func badInterval(line: String, message: String) throws {
        let site = try TempSite(channels: channel(replacing("interval", with: line, in: pulseFlowKeys)))
        expectSiteErrors(site, ["13:5: channels[0].interval: \(message)"])
    }

    @Test func quotedNumberIsText() throws {
        let site = try TempSite(channels: channel(replacing("pulses-per-litre", with: "pulses-per-litre: \"0.1\"", in: pulseFlowKeys)))
        expectSiteErrors(site, ["14:5: channels[0].pulses-per-litre: expected a number, found \"0.1\""])
    }

    @Test func unitMustFitTheQuantity() throws {
        let site = try TempSite(channels: channel(replacing("unit", with: "unit: kWh", in: pulseFlowKeys)))
        expectSiteErrors(site, ["12:5: channels[0].unit: \"kWh\" is not a unit for volume (use m3 or l)"])
    }

    @Test func unitIsCaseSensitiveLikeSenML() throws {
        let site = try TempSite(channels: channel([
            "id: barometer", "driver: bme280", "bus: sensors", "address: 0x76", "measure: pressure",
            "quantity: pressure", "unit: pa", "interval: 60s",
        ]))
        expectSiteErrors(site, ["14:5: channels[0].unit: \"pa\" is not a unit for pressure (use Pa or hPa or kPa)"])
    }

    @Test func quantityTheDriverCannotDeliver() throws {
        let site = try TempSite(channels: channel(replacing("quantity", with: "quantity: energy", in: pulseFlowKeys)))
        expectSiteErrors(site, ["11:5: channels[0].quantity: driver pulse-flow cannot deliver energy (it delivers: volume)"])
    }

    @Test func unknownQuantityAndRole() throws {
        let keys = replacing("quantity", with: "quantity: flow", in: pulseFlowKeys) + ["role: inlet"]
        let site = try TempSite(channels: channel(keys))
        expectSiteErrors(site, [
            "11:5: channels[0].quantity: unknown quantity \"flow\" (known: temperature, relative-humidity, pressure, "
                + "water-level, loop-current, volume, energy)",
            "15:5: channels[0].role: unknown role \"inlet\" (known: inflow, outflow, paddy-level, well-level, "
                + "barometer, import, export, generation, indoor, outdoor)",
        ])
    }

    @Test func channelThatIsNotABlock() throws {
        let site = try TempSite(channels: "  - inflow\n")
        expectSiteErrors(site, ["8:5: channels[0]: expected a block of keys, found \"inflow\""])
    }

    @Test func simulateValueOnAPulseChannel() throws {
        let site = try TempSite(channels: channel(pulseFlowKeys + ["simulate: { value: 3 }"]))
        expectSiteErrors(site, [
            "15:17: channels[0].simulate.value: unknown key \"value\" (allowed for a pulse channel: pulses-per-second, register)",
        ])
    }

    @Test func simulatePulseRateOnAnAnalogueChannelAndNegativeRate() throws {
        let analogue = try TempSite(channels: channel(ads1115Keys + ["simulate: { pulses-per-second: 1 }"]))
        expectSiteErrors(analogue, [
            "20:17: channels[0].simulate.pulses-per-second: unknown key \"pulses-per-second\" (allowed here: value)",
        ])
        let negative = try TempSite(channels: channel(pulseFlowKeys + ["simulate: { pulses-per-second: -2 }"]))
        expectSiteErrors(negative, ["15:17: channels[0].simulate.pulses-per-second: a pulse rate cannot be negative, found -2"])
    }

    @Test func duplicateChannelIds() throws {
        let second = replacing("line", with: "line: pulse-2", in: pulseFlowKeys)
        let site = try TempSite(channels: channel(pulseFlowKeys) + channel(second))
        expectSiteErrors(site, ["15:5: channels[1].id: \"inflow\" is already the id of channels[0]"])
    }

    @Test func allErrorsOfAFileSortedByLine() throws {
        let broken = replacing("unit", with: "unit: l/s", in: replacing("id", with: "id: outflow", in: pulseFlowKeys))
        let site = try TempSite(channels: channel(broken) + channel(replacing("address", with: "address: 0x80", in: ads1115Keys)))
        expectSiteErrors(site, [
            "12:5: channels[0].unit: \"l/s\" is not a unit for volume (use m3 or l)",
            "18:5: channels[1].address: 0x80 is outside the I2C device range 0x08–0x77",
        ])
    }

    @Test func optionalKeysTakeTheirDefaults() throws {
        let site = try TempSite(channels: channel(pulseFlowKeys))
        let spec = try #require(try site.load().get().site.channels.first)
        #expect(spec.role == nil)
        #expect(spec.simulation == .init())
        guard case .pulseFlow(_, _, let debounce) = spec.driver else {
            Issue.record("expected a pulse-flow driver, got \(spec.driver)")
            return
        }
        #expect(debounce == 10)
    }
}
