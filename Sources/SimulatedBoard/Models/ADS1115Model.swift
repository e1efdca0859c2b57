import GatewayCore

/// An ADS1115 whose conversions follow voltages injected on its four inputs. Registers are sent high byte
/// first; only the pointer's two low bits are decoded, as on the chip.
public final class ADS1115Model: I2CDeviceModel {
    public private(set) var config: UInt16 = 0x8583
    public private(set) var conversion: Int16 = 0
    private var lowThreshold: UInt16 = 0x8000
    private var highThreshold: UInt16 = 0x7FFF
    private var pointer: UInt8 = 0
    private var voltages = [Volts](repeating: .zero, count: 4)
    /// Config reads that show a conversion still running (OS = 0), to exercise the driver's polling.
    public var busyPolls = 1
    private var busyLeft = 0
    public private(set) var conversionsStarted = 0

    public init() {}

    public func setVoltage(_ volts: Volts, on input: ADS1115Input) {
        voltages[ADS1115Input.allCases.firstIndex(of: input)!] = volts
    }

    /// A 4–20 mA loop drives `current` through `shunt` into `input`.
    public func setLoopCurrent(_ current: Milliamperes, through shunt: Ohms, on input: ADS1115Input) {
        setVoltage(Volts(current.value / 1000 * shunt.value), on: input)
    }

    public func voltage(on input: ADS1115Input) -> Volts {
        voltages[ADS1115Input.allCases.firstIndex(of: input)!]
    }

    public func receive(_ bytes: [UInt8]) throws(DeviceNack) {
        guard let first = bytes.first else { return }
        pointer = first & 0x03
        guard bytes.count == 3 else { return }
        let value = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
        switch pointer {
        case 0x01: writeConfig(value)
        case 0x02: lowThreshold = value
        case 0x03: highThreshold = value
        default: break
        }
    }

    private func writeConfig(_ value: UInt16) {
        let start = value & 0x8000 != 0 && value & 0x0100 != 0
        config = value & 0x7FFF
        guard start else { config |= 0x8000; return }
        conversionsStarted += 1
        busyLeft = busyPolls
        if busyLeft == 0 { finishConversion() }
    }

    private func finishConversion() {
        let mux = Int(config >> 12 & 0x07)
        // MUX 0–3 are differential pairs (AIN0−AIN1, AIN0−AIN3, AIN1−AIN3, AIN2−AIN3); 4–7 are AINx−GND.
        let pairs = [(0, 1), (0, 3), (1, 3), (2, 3)]
        let volts = mux >= 4 ? voltages[mux - 4].value : voltages[pairs[mux].0].value - voltages[pairs[mux].1].value
        // PGA codes 6 and 7 repeat the ±0.256 V range.
        let fullScale = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256][min(Int(config >> 9 & 0x07), 5)]
        let code = (volts / (fullScale / 32768)).rounded()
        conversion = Int16(clampedToRegister(code, -32768...32767))
        config |= 0x8000
    }

    public func send(count: Int) throws(DeviceNack) -> [UInt8] {
        let word: UInt16
        switch pointer {
        case 0x00: word = UInt16(bitPattern: conversion)
        case 0x01: word = readConfig()
        case 0x02: word = lowThreshold
        default: word = highThreshold
        }
        return (0..<count).map { $0 % 2 == 0 ? UInt8(word >> 8) : UInt8(word & 0xFF) }
    }

    private func readConfig() -> UInt16 {
        guard busyLeft > 0 else { return config }
        busyLeft -= 1
        if busyLeft == 0 { finishConversion() }
        return config & 0x7FFF
    }
}
