import BoardIO
import GatewayCore

/// A 4–20 mA loop read as the voltage across a shunt resistor on one ADS1115 input. Scaling the current to the
/// transmitter's range (and NAMUR NE 43 fault limits) is the channel's business; this returns the current.
public struct LoopCurrentInput {
    public let adc: ADS1115
    public let configuration: ADS1115Configuration
    public let shunt: Ohms

    public init(adc: ADS1115, configuration: ADS1115Configuration, shunt: Ohms) {
        self.adc = adc
        self.configuration = configuration
        self.shunt = shunt
    }

    /// Builds the input from site-file values, rejecting a range or rate the chip does not have.
    public init(bus: any I2CBus, address: UInt8, input: ADS1115Input, fullScaleVolts: Double,
                samplesPerSecond: Int, shunt: Ohms) throws(SensorError) {
        let adc = ADS1115(bus: bus, address: address)
        guard let range = ADS1115Configuration.FullScaleRange(volts: fullScaleVolts) else {
            throw adc.error(.unsupportedSetting("full-scale \(fullScaleVolts) V"), "configure \(input.rawValue)")
        }
        guard let rate = ADS1115Configuration.DataRate(samplesPerSecond: samplesPerSecond) else {
            throw adc.error(.unsupportedSetting("data-rate \(samplesPerSecond) samples/s"), "configure \(input.rawValue)")
        }
        self.init(adc: adc, configuration: ADS1115Configuration(input: input, range: range, rate: rate), shunt: shunt)
    }

    /// One ADC code as loop current: the PGA range's volts per code across the shunt. Nil for a range the chip
    /// does not have or a shunt that is not a positive resistance.
    public static func currentResolution(fullScaleVolts: Double, shunt: Ohms) -> Milliamperes? {
        guard let range = ADS1115Configuration.FullScaleRange(volts: fullScaleVolts), shunt.value > 0 else { return nil }
        return Milliamperes(range.volts.value / 32768 / shunt.value * 1000)
    }

    public func measure() throws(SensorError) -> Milliamperes {
        let volts = try adc.measure(configuration)
        return Milliamperes(volts.value / shunt.value * 1000)
    }
}
