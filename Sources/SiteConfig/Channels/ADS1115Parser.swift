import GatewayCore

/// An ADS1115 input reading a 4–20 mA loop across a shunt resistor.
enum ADS1115Parser {
    /// The PGA settings the chip has (volts); anything else cannot be programmed.
    static let fullScales: [Double] = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256]
    static let dataRates = [8, 16, 32, 64, 128, 250, 475, 860]
    /// Highest current a healthy transmitter drives (NAMUR NE 43); above it is a fault, but it must not clip.
    static let highestValidMilliamps = 20.5

    static func parse(_ channel: MappingReader, board: BoardReferences) -> DriverSpec? {
        let device = board.i2cDevice(channel, driver: .ads1115)
        let input = channel.choice("input", ADS1115Input.self, what: "ADS1115 input")
        var fullScale = channel.number("full-scale")
        var dataRate = channel.integer("data-rate")
        var shunt = channel.number("shunt-ohms")
        let scaling = channel.mapping("range").flatMap(loopScaling)

        if let value = fullScale, !fullScales.contains(value) {
            channel.reportValue(of: "full-scale", "\(plain(value)) V is not an ADS1115 range (choose one of "
                                + fullScales.map { "\($0)" }.joined(separator: ", ") + ")")
            fullScale = nil
        }
        if let value = dataRate, !dataRates.contains(value) {
            channel.reportValue(of: "data-rate", "\(value) samples/s is not an ADS1115 data rate (choose one of "
                                + dataRates.map(String.init).joined(separator: ", ") + ")")
            dataRate = nil
        }
        if let ohms = shunt, ohms <= 0 {
            channel.reportValue(of: "shunt-ohms", "the shunt resistor must be more than 0 Ω, found \(plain(ohms))")
            shunt = nil
        } else if let ohms = shunt, ohms < PlausibleBounds.smallestShuntOhms {
            channel.reportValue(of: "shunt-ohms", "\(plain(ohms)) Ω is below the smallest usable shunt, 1 Ω: "
                                + "20 mA across it is too small a voltage to measure")
            shunt = nil
        }
        if let ohms = shunt, let volts = fullScale, ohms * highestValidMilliamps / 1000 > volts {
            let drop = (ohms * highestValidMilliamps).rounded() / 1000
            channel.reportValue(of: "shunt-ohms", "\(plain(ohms)) Ω × \(highestValidMilliamps) mA = \(plain(drop)) V is above the "
                                + "full-scale \(plain(volts)) V, so the top of the loop would clip; use a larger full-scale "
                                + "or a smaller shunt")
            shunt = nil
        }
        guard let device, let input, let fullScale, let dataRate, let shunt, let scaling else { return nil }
        return .ads1115(device, input: input, fullScaleVolts: fullScale, samplesPerSecond: dataRate,
                        shunt: Ohms(shunt), scaling: scaling)
    }

    /// `range: { lrv: 0, urv: 10 }`: the channel values at 4 mA and 20 mA, as on the transmitter's label.
    private static func loopScaling(_ range: MappingReader) -> LoopScaling? {
        let lower = range.number("lrv")
        let upper = range.number("urv")
        range.reportUnknownKeys(allowed: ["lrv", "urv"])
        var inRange = true
        for (key, value) in [("lrv", lower), ("urv", upper)] {
            guard let value, abs(value) > PlausibleBounds.largestMagnitude else { continue }
            range.reportValue(of: key, "\(plain(value)) is outside what a 4–20 mA range may span, "
                              + "−\(plain(PlausibleBounds.largestMagnitude)) to \(plain(PlausibleBounds.largestMagnitude))")
            inRange = false
        }
        guard let lower, let upper, inRange else { return nil }
        guard lower != upper else {
            range.report("lrv and urv are both \(plain(lower)); the value at 4 mA and at 20 mA must differ")
            return nil
        }
        return LoopScaling(lowerRangeValue: lower, upperRangeValue: upper)
    }
}
