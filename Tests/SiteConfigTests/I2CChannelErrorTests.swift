import Testing
@testable import SiteConfig

/// bme280, sht3x, tmp117 and ads1115: bus roles, addresses and the ADS1115's analogue settings.
@Suite struct I2CChannelErrorTests {
    static let bme280Keys = [
        "id: barometer", "driver: bme280", "bus: sensors", "address: 0x76", "measure: pressure",
        "quantity: pressure", "unit: Pa", "interval: 60s",
    ]

    @Test func addressOutsideTheI2CRange() throws {
        let site = try TempSite(channels: channel(replacing("address", with: "address: 0x78", in: Self.bme280Keys)))
        expectSiteErrors(site, ["11:5: channels[0].address: 0x78 is outside the I2C device range 0x08–0x77"])
    }

    @Test func addressTheChipCannotHave() throws {
        let site = try TempSite(channels: channel(replacing("address", with: "address: 0x48", in: Self.bme280Keys)))
        expectSiteErrors(site, ["11:5: channels[0].address: BME280 answers only at 0x76, 0x77 (set by its address pins), not at 0x48"])
    }

    @Test func addressThatIsNotANumber() throws {
        let site = try TempSite(channels: channel(replacing("address", with: "address: 0x4G", in: Self.bme280Keys)))
        expectSiteErrors(site, ["11:5: channels[0].address: expected a whole number, found \"0x4G\""])
    }

    @Test func busRoleTheBoardDoesNotHave() throws {
        let site = try TempSite(channels: channel(replacing("bus", with: "bus: sensor", in: Self.bme280Keys)))
        expectSiteErrors(site, ["10:5: channels[0].bus: board test-board has no I2C bus \"sensor\" (it has: sensors)"])
    }

    @Test func measureTheChipCannotTake() throws {
        let site = try TempSite(channels: channel([
            "id: outdoor-temperature", "driver: sht3x", "bus: sensors", "address: 0x44", "measure: pressure",
            "quantity: pressure", "unit: Pa", "interval: 60s",
        ]))
        expectSiteErrors(site, [
            "12:5: channels[0].measure: unknown SHT3x measurement \"pressure\" (known: temperature, humidity)",
            "13:5: channels[0].quantity: driver sht3x cannot deliver pressure (it delivers: temperature, relative-humidity)",
        ])
    }

    @Test func quantityMustMatchWhatIsMeasured() throws {
        let site = try TempSite(channels: channel(replacing("measure", with: "measure: temperature", in: Self.bme280Keys)))
        expectSiteErrors(site, [
            "13:5: channels[0].quantity: a bme280 channel with measure: temperature delivers temperature, not pressure",
        ])
    }

    @Test func tmp117TakesNoMeasure() throws {
        let site = try TempSite(channels: channel([
            "id: indoor", "driver: tmp117", "bus: sensors", "address: 0x49", "measure: temperature",
            "quantity: temperature", "unit: Cel", "interval: 60s",
        ]))
        expectSiteErrors(site, [
            "12:5: channels[0].measure: unknown key \"measure\" (allowed for driver tmp117: id, driver, quantity, "
                + "role, unit, interval, simulate, bus, address)",
        ])
    }

    @Test func twoChipsOnOneAddress() throws {
        let tmp117 = ["id: indoor", "driver: tmp117", "bus: sensors", "address: 0x48", "quantity: temperature",
                      "unit: Cel", "interval: 60s"]
        let site = try TempSite(channels: channel(ads1115Keys) + channel(tmp117))
        expectSiteErrors(site, [
            "23:5: channels[1].address: /dev/i2c-1 address 0x48 is already the ads1115 of channel \"level\" at "
                + "channels[0]; two chips cannot share an address",
        ])
    }

    @Test func oneChipMayFeedSeveralChannels() throws {
        let temperature = replacing("quantity", with: "quantity: temperature",
                                    in: replacing("unit", with: "unit: Cel",
                                                  in: replacing("measure", with: "measure: temperature",
                                                                in: replacing("id", with: "id: air", in: Self.bme280Keys))))
        let site = try TempSite(channels: channel(Self.bme280Keys) + channel(temperature))
        #expect(try site.load().get().site.channels.count == 2)
    }

    @Test(arguments: [
        ("full-scale: 5", "13:5: channels[0].full-scale: 5 V is not an ADS1115 range (choose one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256)"),
        ("data-rate: 100", "14:5: channels[0].data-rate: 100 samples/s is not an ADS1115 data rate (choose one of 8, 16, 32, 64, 128, 250, 475, 860)"),
        ("shunt-ohms: 0", "15:5: channels[0].shunt-ohms: the shunt resistor must be more than 0 Ω, found 0"),
        ("shunt-ohms: 250", "15:5: channels[0].shunt-ohms: 250 Ω × 20.5 mA = 5.125 V is above the full-scale 4.096 V, so the top of the loop would clip; use a larger full-scale or a smaller shunt"),
        ("input: AIN4", "12:5: channels[0].input: unknown ADS1115 input \"AIN4\" (known: AIN0, AIN1, AIN2, AIN3)"),
        ("range: { lrv: 10, urv: 10 }", "16:12: channels[0].range: lrv and urv are both 10; the value at 4 mA and at 20 mA must differ"),
        ("range: { lrv: 0 }", "16:12: channels[0].range: missing required key \"urv\""),
        ("range: { lrv: 0, urv: 10, unit: m }", "16:31: channels[0].range.unit: unknown key \"unit\" (allowed here: lrv, urv)"),
        ("range: 0-10", "16:5: channels[0].range: expected a block of keys, found \"0-10\""),
    ])
    func badADS1115Setting(line: String, expected: String) throws {
        let key = String(line.prefix { $0 != ":" })
        let site = try TempSite(channels: channel(replacing(key, with: line, in: ads1115Keys)))
        expectSiteErrors(site, [expected])
    }

    @Test func ads1115NeedsEveryAnalogueSetting() throws {
        let site = try TempSite(channels: channel(replacing("shunt-ohms", with: nil, in: ads1115Keys)))
        expectSiteErrors(site, ["8:5: channels[0]: missing required key \"shunt-ohms\""])
    }

    @Test func ads1115CannotCountVolume() throws {
        let keys = replacing("quantity", with: "quantity: volume", in: replacing("unit", with: "unit: m3", in: ads1115Keys))
        let site = try TempSite(channels: channel(keys))
        expectSiteErrors(site, [
            "17:5: channels[0].quantity: driver ads1115 cannot deliver volume (it delivers: water-level, pressure, "
                + "loop-current, temperature, relative-humidity)",
        ])
    }
}

extension I2CChannelErrorTests {
    @Test func badAddressAndBadBusAreBothReported() throws {
        let keys = replacing("bus", with: "bus: i2c-1", in: replacing("address", with: "address: 0x77", in: ads1115Keys))
        let site = try TempSite(channels: channel(keys))
        expectSiteErrors(site, [
            "10:5: channels[0].bus: board test-board has no I2C bus \"i2c-1\" (it has: sensors)",
            "11:5: channels[0].address: ADS1115 answers only at 0x48, 0x49, 0x4a, 0x4b (set by its address pins), not at 0x77",
        ])
    }
}
