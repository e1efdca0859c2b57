import FieldText
import GatewayCore
import GatewayRuntime
import SimulatedBoard
import Testing

/// `scan --config`: a site's declared chips and lines against a simulated board wired as another site says.
@Suite struct SiteScanTests {
    static let bus = "/dev/i2c-1"
    static let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)

    static func channel(_ id: String, _ driver: DriverSpec, _ quantity: QuantityKind = .temperature,
                        unit: String = "Cel", pulses: Double? = nil) -> ChannelSpec {
        ChannelSpec(id: ChannelID(id), driver: driver, quantity: quantity, role: nil, unit: unit, interval: Duration(10),
                    simulation: SimulationProfile(pulsesPerSecond: pulses))
    }

    static func tmp117(_ id: String, _ address: UInt8) -> ChannelSpec {
        channel(id, .tmp117(I2CDeviceAddress(busRole: "sensors", busPath: bus, address: address)))
    }

    static func inflow(pulsesPerSecond: Double) -> ChannelSpec {
        channel("inflow", .pulseFlow(GPIOLineReference(role: "pulse-1", line: line), pulsesPerLitre: 1,
                                     debounceMilliseconds: 10), .volume, unit: "l", pulses: pulsesPerSecond)
    }

    static func site(_ channels: [ChannelSpec]) -> Site {
        Site(id: "attic", kind: .building, municipality: "Sapporo", location: nil, device: "attic-gw",
             board: BoardDefinition(name: "b", i2cBuses: ["sensors": bus], gpioLines: ["pulse-1": line]),
             topicPrefix: "sgw", channels: channels)
    }

    /// The board as `wired` says, scanned against what `declared` expects.
    func scan(declared: Site, wired: Site, listen: Double = 0) -> SiteScan {
        let clock = ManualClock()
        let board = SimulatedBoard(site: wired, clock: clock)
        return SiteScan.run(site: declared, on: VisitHardware(i2c: board, gpio: board, clock: clock), listenSeconds: listen)
    }

    @Test func aBoardWiredAsItsSiteFileMatches() {
        let site = Self.site([Self.tmp117("attic-temp", 0x4b)])
        let result = scan(declared: site, wired: site)
        #expect(result.exitStatus == 0)
        #expect(result.chips.map(\.finding) == [.identified("TMP117")])
        #expect(result.text(in: .english).contains("ok        attic-temp: TMP117 at /dev/i2c-1 address 0x4b answers"))
        #expect(result.text(in: .japanese).contains("ボードはサイトファイルと一致しています。"))
    }

    @Test func aSilentChipIsNamedWithItsChannelChipAndAddress() {
        let declared = Self.site([Self.tmp117("attic-temp", 0x4b), Self.tmp117("hall-temp", 0x48)])
        let wired = Self.site([Self.tmp117("hall-temp", 0x48)])
        let result = scan(declared: declared, wired: wired)
        #expect(result.exitStatus == SiteScan.mismatchStatus)
        let english = result.text(in: .english)
        #expect(english.contains("attic-temp (TMP117 on /dev/i2c-1 address 0x4b): expected (TMP117) but nothing answers"), "\(english)")
        #expect(english.contains("likely cause: "))
        #expect(english.contains("what to do: "))
        let japanese = result.text(in: .japanese)
        #expect(japanese.contains("attic-temp (TMP117 on /dev/i2c-1 address 0x4b): TMP117 があるはずですが応答がありません"), "\(japanese)")
        #expect(japanese.contains("考えられる原因: "))
    }

    @Test func aDifferentChipAtTheAddressIsAWrongChip() {
        let declared = Self.site([Self.channel("level", .ads1115(
            I2CDeviceAddress(busRole: "sensors", busPath: Self.bus, address: 0x48), input: .ain0, fullScaleVolts: 4.096,
            samplesPerSecond: 128, shunt: Ohms(150), scaling: LoopScaling(lowerRangeValue: 0, upperRangeValue: 10)),
            .waterLevel, unit: "m")])
        let wired = Self.site([Self.tmp117("level-is-a-thermometer", 0x48)])
        let result = scan(declared: declared, wired: wired)
        #expect(result.chips.map(\.finding) == [.wrongChip(found: "TMP117")])
        #expect(result.exitStatus == SiteScan.mismatchStatus)
        #expect(result.text(in: .english).contains("a TMP117 answers where the site file expects a ADS1115"))
    }

    @Test func aDeviceNoChannelUsesIsListedButStillMatches() {
        let declared = Self.site([Self.tmp117("attic-temp", 0x4b)])
        let wired = Self.site([Self.tmp117("attic-temp", 0x4b), Self.tmp117("spare", 0x49)])
        let result = scan(declared: declared, wired: wired)
        #expect(result.extras.map(\.address) == [0x49])
        #expect(result.exitStatus == 0)
        #expect(result.text(in: .english).contains("extra     /dev/i2c-1 address 0x49: TMP117 answers, but no channel of the site uses it"))
    }

    @Test func aMissingBusSaysToEnableI2C() {
        let declared = Self.site([Self.tmp117("attic-temp", 0x4b)])
        var wired = Self.site([Self.inflow(pulsesPerSecond: 1)])
        wired.board = BoardDefinition(name: "b", i2cBuses: [:], gpioLines: ["pulse-1": Self.line])
        let result = scan(declared: declared, wired: wired)
        #expect(result.exitStatus == SiteScan.mismatchStatus)
        #expect(result.text(in: .english).contains("modprobe i2c-dev"))
    }

    @Test func aPulseLineShowsTheEdgesAndPulsesThatArrived() {
        let site = Self.site([Self.inflow(pulsesPerSecond: 5)])
        let result = scan(declared: site, wired: site, listen: 2)
        #expect(result.lines.count == 1)
        #expect(result.lines[0].pulses >= 8 && result.lines[0].pulses <= 12, "\(result.lines[0])")
        #expect(result.lines[0].edges >= 16)
        #expect(result.exitStatus == 0)
        #expect(result.text(in: .english).contains("line      inflow on pulse-1, gpiochip0 line 17: "))
    }
}
