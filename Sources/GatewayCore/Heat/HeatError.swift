public enum HeatError: Error, Hashable, CustomStringConvertible {
    case outsideRegion1(temperature: DegreesCelsius, pressure: Megapascals)
    /// Supply and return read the same: the k-factor is a difference quotient and is undefined there.
    case noTemperatureDifference(DegreesCelsius)
    case negativeVolume(CubicMetres)

    public var description: String {
        switch self {
        case .outsideRegion1(let t, let p):
            "water at \(t) and \(p) is not liquid or outside IAPWS-IF97 region 1 (0–350 Cel, up to 100 MPa); check the temperature sensors and the configured pressure"
        case .noTemperatureDifference(let t): "supply and return both read \(t): no heat coefficient"
        case .negativeVolume(let v): "volume \(v) must not be negative"
        }
    }
}
