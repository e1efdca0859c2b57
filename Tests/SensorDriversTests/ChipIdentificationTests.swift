import BoardIO
import GatewayCore
import SensorDrivers
import SimulatedBoard
import Testing

@Suite struct ChipIdentificationTests {
    func populatedBus() -> SimulatedI2CBus {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        bus.attach(BME280Model(), at: 0x76)
        bus.attach(BME280Model(variant: .bmp280), at: 0x77)
        bus.attach(SHT3xModel(), at: 0x44)
        bus.attach(ADS1115Model(), at: 0x48)
        bus.attach(TMP117Model(), at: 0x49)
        bus.attach(TMP117Model(), at: 0x50)  // a chip at an address none of our drivers use
        return bus
    }

    @Test func scanIdentifiesEveryChipByItsRegisters() {
        let found = ChipIdentification.scan(bus: populatedBus())
        #expect(found.map(\.address) == [0x44, 0x48, 0x49, 0x50, 0x76, 0x77])
        #expect(found.map(\.chip) == [.sht3x, .ads1115, .tmp117, nil, .bme280, .bmp280])
        #expect(found[1].description == "/dev/i2c-1 0x48: ADS1115")
    }

    @Test func scanWritesNothingButTheStatusCommand() {
        let bus = populatedBus()
        _ = ChipIdentification.scan(bus: bus)
        #expect(bus.dataWrites.allSatisfy { $0.address == 0x44 && $0.bytes == [0xF3, 0x2D] })
    }

    @Test func adcIsRecognisedAfterTheDriverReconfiguredIt() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = ADS1115Model()
        bus.attach(model, at: 0x4B)
        _ = try ADS1115(bus: bus, address: 0x4B).convert(.init(input: .ain1, range: .volts1_024, rate: .sps860))
        #expect(model.config != ADS1115.resetConfig)
        #expect(ChipIdentification.identify(bus: bus, address: 0x4B) == .ads1115)
    }

    @Test func sht3xWithBadChecksumIsNotClaimed() {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = SHT3xModel()
        model.corruptChecksums = true
        bus.attach(model, at: 0x45)
        #expect(ChipIdentification.identify(bus: bus, address: 0x45) == nil)
    }
}
