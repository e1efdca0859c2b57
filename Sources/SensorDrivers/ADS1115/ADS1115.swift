import BoardIO
import GatewayCore

/// TI ADS1115 16-bit ADC, used in single-shot mode: write the config (which starts a conversion), wait one
/// sample period, poll the OS bit, read the result. Its registers are big-endian; SMBus words are swapped.
public final class ADS1115 {
    enum Register {
        static let conversion: UInt8 = 0x00
        static let config: UInt8 = 0x01
    }

    public static let addresses: [UInt8] = [0x48, 0x49, 0x4A, 0x4B]
    /// The config register after power-on or a general-call reset.
    public static let resetConfig: UInt16 = 0x8583

    private let device: RegisterDevice

    /// The ADS1115 has no id register; `ChipIdentification` tells it from a TMP117 at the same addresses.
    public init(bus: any I2CBus, address: UInt8) {
        device = RegisterDevice(bus: bus, address: address, chip: "ADS1115")
    }

    /// The signed conversion code for one single-shot conversion.
    public func convert(_ configuration: ADS1115Configuration) throws(SensorError) -> Int16 {
        try device.writeBigEndianWord(Register.config, configuration.singleShotWord, "start conversion")
        let period = 1_000_000 / configuration.rate.samplesPerSecond
        // The internal oscillator may run up to 10 % slow.
        device.pause(microseconds: period + period / 10)
        var attempts = 0
        while try device.readBigEndianWord(Register.config, "poll conversion") & 0x8000 == 0 {
            attempts += 1
            guard attempts <= 10 else { throw device.error(.conversionTimeout, "poll conversion") }
            device.pause(microseconds: max(period / 4, 500))
        }
        return Int16(bitPattern: try device.readBigEndianWord(Register.conversion, "read conversion"))
    }

    /// The input voltage; a code at either end of the range means the input is beyond full scale and the true
    /// voltage is unknown, which is reported rather than returned as a clipped number.
    public func measure(_ configuration: ADS1115Configuration) throws(SensorError) -> Volts {
        let code = try convert(configuration)
        guard code != .max, code != .min else { throw device.error(.inputOverRange, "read \(configuration.input.rawValue)") }
        return configuration.voltsPerCode * Double(code)
    }

    func error(_ kind: SensorError.Kind, _ operation: String) -> SensorError { device.error(kind, operation) }
}
