import YAMLReader

/// The ranges every calibration figure must fall in. Outside them no sensor is being corrected: the figure
/// is mistyped (a missing decimal point, `e` for a digit), and applying it would publish absurd or
/// non-finite readings (a gain of 1e308 overflows, a K-factor of 1e-320 divides to infinity).
enum CoefficientBounds {
    /// Gains (|gain|, and the fitted gain of least squares): a correction of a million either way is not one.
    static let gainMagnitude = 0.000001...1_000_000.0
    /// Offsets, polynomial coefficients and calibration points (any unit): ±1e9.
    static let largestMagnitude = 1e9
    /// Flow meter K-factors: from 1 pulse per 10,000 L to 100,000 pulses per litre.
    static let pulsesPerLitre = 0.0001...100_000.0
    /// A bucket test: up to a billion pulses into up to a million litres.
    static let mostBucketPulses = 1_000_000_000
    static let mostBucketLitres = 1_000_000.0
    /// Tape and sensor depths in a well, in metres.
    static let deepestMetres = 1000.0
    /// Height of the measuring point above land surface, either way, in metres.
    static let measuringPointHeightMetres = -100.0...100.0
    /// Elevation of the measuring point: Dead Sea shore to above any well.
    static let elevationMetres = -500.0...9000.0

    /// Whether `value` of `key` is within `range`; reports `outOfRange` naming the range when it is not.
    static func check(_ value: Double?, _ key: String, in range: ClosedRange<Double>, _ record: MappingReader) -> Bool {
        guard let value, !range.contains(value) else { return true }
        record.diagnostics.report(.outOfRange(key: key, value: value, allowed: "\(range.lowerBound) to \(range.upperBound)"),
                                  at: record[key], path: record.path(of: key))
        return false
    }

    /// Like `check`, for a magnitude (the sign is free).
    static func checkMagnitude(_ value: Double?, _ key: String, in range: ClosedRange<Double>,
                               _ record: MappingReader, path: String? = nil, at node: YAMLNode? = nil) -> Bool {
        guard let value, !range.contains(abs(value)) else { return true }
        record.diagnostics.report(.outOfRange(key: key, value: value,
                                              allowed: "\(range.lowerBound) to \(range.upperBound) in magnitude (either sign)"),
                                  at: node ?? record[key], path: path ?? record.path(of: key))
        return false
    }
}
