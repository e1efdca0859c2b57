import GatewayCore

/// A single-shot conversion setting, encoded as the ADS1115 config register (datasheet §8.6.3).
public struct ADS1115Configuration: Hashable, Sendable {
    /// The programmable-gain amplifier's full-scale range (PGA bits 11:9).
    public enum FullScaleRange: UInt16, Sendable, CaseIterable {
        case volts6_144 = 0, volts4_096, volts2_048, volts1_024, volts0_512, volts0_256

        public var volts: Volts { Volts([6.144, 4.096, 2.048, 1.024, 0.512, 0.256][Int(rawValue)]) }

        public init?(volts: Double) {
            guard let match = Self.allCases.first(where: { abs($0.volts.value - volts) < 0.0005 }) else { return nil }
            self = match
        }
    }

    /// Samples per second (DR bits 7:5). Slower rates average longer and reject more mains hum.
    public enum DataRate: UInt16, Sendable, CaseIterable {
        case sps8 = 0, sps16, sps32, sps64, sps128, sps250, sps475, sps860

        public var samplesPerSecond: Int { [8, 16, 32, 64, 128, 250, 475, 860][Int(rawValue)] }

        public init?(samplesPerSecond: Int) {
            guard let match = Self.allCases.first(where: { $0.samplesPerSecond == samplesPerSecond }) else { return nil }
            self = match
        }
    }

    public var input: ADS1115Input
    public var range: FullScaleRange
    public var rate: DataRate

    public init(input: ADS1115Input, range: FullScaleRange, rate: DataRate) {
        self.input = input
        self.range = range
        self.rate = rate
    }

    /// The config word that starts one conversion of `input` against GND: OS = 1 (start), MUX = 1xx
    /// (single-ended), MODE = 1 (single-shot, so the chip powers down between readings), comparator disabled.
    public var singleShotWord: UInt16 {
        let mux: UInt16 = 0b100 | UInt16(ADS1115Input.allCases.firstIndex(of: input)!)
        return 0x8000 | mux << 12 | range.rawValue << 9 | 0x0100 | rate.rawValue << 5 | 0b11
    }

    /// The voltage of one code: full scale over 2¹⁵.
    public var voltsPerCode: Volts { range.volts / 32768 }
}
