/// Density of air-free water at atmospheric pressure, Tanaka et al. (2001), Metrologia 38:301. A well's water
/// column is read as pressure, and turning pressure into metres needs the density at the water's temperature.
public enum WaterDensity {
    /// The formula is fitted to 0–40 °C; groundwater outside that range means a failed temperature sensor.
    public static let validRange: ClosedRange<Double> = 0...40

    public struct OutOfRange: Error, Hashable, CustomStringConvertible {
        public var temperature: DegreesCelsius
        public init(temperature: DegreesCelsius) { self.temperature = temperature }
        public var description: String {
            "water temperature \(temperature) is outside 0–40 Cel, where the Tanaka density formula holds; check the temperature sensor"
        }
    }

    public static func tanaka(_ temperature: DegreesCelsius) throws(OutOfRange) -> Density {
        let t = temperature.value
        guard validRange.contains(t) else { throw OutOfRange(temperature: temperature) }
        let a1 = -3.983035, a2 = 301.797, a3 = 522_528.9, a4 = 69.34881, a5 = 999.974950
        return Density(a5 * (1 - (t + a1) * (t + a1) * (t + a2) / (a3 * (t + a4))))
    }
}
