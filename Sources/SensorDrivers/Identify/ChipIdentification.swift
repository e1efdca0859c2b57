import BoardIO

/// A chip the gateway has a driver for, as recognised from its registers.
public enum IdentifiedChip: String, Sendable, Hashable, CaseIterable {
    case bme280 = "BME280", bmp280 = "BMP280", sht3x = "SHT3x", tmp117 = "TMP117", ads1115 = "ADS1115"
}

/// Recognises chips by what their registers hold, for `scan` and for checking a site file against the wiring.
/// Only reads: a scan runs on a live board, and a stray write could reconfigure a sensor mid-measurement.
public enum ChipIdentification {
    public static func identify(bus: any I2CBus, address: UInt8) -> IdentifiedChip? {
        if BME280.addresses.contains(address), let chip = bosch(bus, address) { return chip }
        if SHT3x.addresses.contains(address), (try? SHT3x(bus: bus, address: address).readStatus()) != nil {
            return .sht3x
        }
        if TMP117.addresses.contains(address) { return texasInstruments(bus, address) }
        return nil
    }

    private static func bosch(_ bus: any I2CBus, _ address: UInt8) -> IdentifiedChip? {
        switch try? bus.readByte(address: address, register: BME280.Register.chipID) {
        case 0x60: .bme280
        case 0x58: .bmp280
        default: nil
        }
    }

    /// An ADS1115 and a TMP117 share 0x48–0x4B. The ADS1115 decodes only two pointer bits, so it is asked
    /// first, through registers 0x01–0x03 that both chips have: its config resets to 0x8583 and its comparator
    /// thresholds to 0x8000/0x7FFF (which our driver never changes), whereas a TMP117 holds 0x0220, 0x6000 and
    /// 0x8000 there. Only then is the TMP117's device id register 0x0F read.
    private static func texasInstruments(_ bus: any I2CBus, _ address: UInt8) -> IdentifiedChip? {
        let device = RegisterDevice(bus: bus, address: address, chip: "")
        func word(_ register: UInt8) -> UInt16? { try? device.readBigEndianWord(register, "identify") }
        if word(0x01) == ADS1115.resetConfig { return .ads1115 }
        if word(0x02) == 0x8000, word(0x03) == 0x7FFF { return .ads1115 }
        if let id = word(TMP117.Register.deviceID), id & 0x0FFF == TMP117.deviceID { return .tmp117 }
        return nil
    }
}
