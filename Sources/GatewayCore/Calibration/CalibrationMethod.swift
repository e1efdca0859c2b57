/// How a channel's raw reading becomes a calibrated one. The raw and calibrated values share the channel's
/// unit except for `.kFactor`, which turns pulses into litres.
public enum CalibrationMethod: Hashable, Sendable {
    /// calibrated = raw + offset (a barometer checked against a reference).
    case offset(Double)
    /// calibrated = gain × raw + offset.
    case linear(gain: Double, offset: Double)
    /// calibrated = Σ cᵢ · rawⁱ, coefficients from the constant term up.
    case polynomial([Double])
    /// calibrated litres = raw pulses ÷ K.
    case kFactor(KFactor)

    public func apply(_ raw: Double) -> Double {
        switch self {
        case .offset(let o): raw + o
        case .linear(let g, let o): g * raw + o
        case .polynomial(let c): c.reversed().reduce(0) { $0 * raw + $1 }  // Horner
        case .kFactor(let k): raw / k.pulsesPerLitre
        }
    }

    /// Same-unit calibration of a typed value.
    public func apply<U>(_ raw: Quantity<U>) -> Quantity<U> { Quantity(apply(raw.value)) }
}
