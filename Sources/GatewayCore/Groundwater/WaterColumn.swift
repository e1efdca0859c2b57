/// Height of water above a pressure transducer: h = ΔP / (ρ(T) · g) (USGS Techniques and Methods 1-A1).
public enum WaterColumn {
    /// Standard gravity; local gravity in Japan differs by < 0.1 %, well inside a tape check's correction.
    public static let standardGravity = 9.80665

    public enum Failure: Error, Hashable, CustomStringConvertible {
        case temperature(WaterDensity.OutOfRange)
        /// The sensor reads less than the air above it: it hangs above the water or its vent tube is blocked.
        case negativePressureDifference(Pascals)

        public var description: String {
            switch self {
            case .temperature(let e): e.description
            case .negativePressureDifference(let dp):
                "pressure difference \(dp) is negative: the transducer is above the water or its vent is blocked"
            }
        }
    }

    /// A vented (gauge) transducer already subtracts the atmosphere through its cable's vent tube.
    public static func height(gauge: Pascals, temperature: DegreesCelsius) throws(Failure) -> Metres {
        guard gauge.value >= 0 else { throw .negativePressureDifference(gauge) }
        let rho: Density
        do { rho = try WaterDensity.tanaka(temperature) } catch { throw .temperature(error) }
        return Metres(gauge.value / (rho.value * standardGravity))
    }

    /// An absolute transducer also weighs the atmosphere, so the board's barometer reading at the same instant
    /// is subtracted.
    public static func height(absolute: Pascals, barometric: Pascals, temperature: DegreesCelsius) throws(Failure) -> Metres {
        try height(gauge: absolute - barometric, temperature: temperature)
    }
}
