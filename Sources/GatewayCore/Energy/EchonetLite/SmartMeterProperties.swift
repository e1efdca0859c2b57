/// The low-voltage smart meter (class 0x0288) properties the gateway reads over Route B.
public enum SmartMeterProperty {
    public static let instantaneousPower: UInt8 = 0xE7
    public static let cumulativeEnergyRaw: UInt8 = 0xE0
    public static let coefficient: UInt8 = 0xD3
    public static let cumulativeEnergyUnit: UInt8 = 0xE1

    /// 0xE7: signed 4-byte watts; negative while the site exports.
    public static func instantaneousPower(in frame: EchonetLiteFrame) throws(EchonetLiteError) -> Watts {
        let raw = try field(instantaneousPower, of: frame, length: 4)
        return Watts(Double(Int32(bitPattern: bigEndian(raw))))
    }

    /// 0xE0 raw count × 0xD3 coefficient × 0xE1 unit. The meter reports the coefficient and unit separately so
    /// they are read once at pairing and passed in here.
    public static func cumulativeEnergy(in frame: EchonetLiteFrame, coefficient: UInt32, unitCode: UInt8) throws(EchonetLiteError) -> KilowattHours {
        let raw = try field(cumulativeEnergyRaw, of: frame, length: 4)
        guard let unit = kilowattHours(unitCode: unitCode) else { throw .unknownUnitCode(unitCode) }
        return KilowattHours(Double(bigEndian(raw)) * Double(coefficient) * unit)
    }

    /// kWh per count for each 0xE1 code.
    public static func kilowattHours(unitCode: UInt8) -> Double? {
        switch unitCode {
        case 0x00: 1
        case 0x01: 0.1
        case 0x02: 0.01
        case 0x03: 0.001
        case 0x04: 0.0001
        case 0x0A: 10
        case 0x0B: 100
        case 0x0C: 1000
        case 0x0D: 10000
        default: nil
        }
    }

    static func field(_ code: UInt8, of frame: EchonetLiteFrame, length: Int) throws(EchonetLiteError) -> [UInt8] {
        guard frame.service == .getResponse, let data = frame.property(code) else {
            throw .missingProperty(code, from: frame.source)
        }
        guard data.count == length else { throw .badPropertyLength(code, expected: length, got: data.count) }
        return data
    }

    static func bigEndian(_ bytes: [UInt8]) -> UInt32 { bytes.reduce(0) { $0 << 8 | UInt32($1) } }
}
