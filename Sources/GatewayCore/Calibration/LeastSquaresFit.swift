/// A raw reading paired with what a reference instrument said at the same moment.
public struct CalibrationPoint: Hashable, Sendable {
    public var raw: Double
    public var reference: Double
    public init(raw: Double, reference: Double) {
        self.raw = raw
        self.reference = reference
    }
}

extension CalibrationMethod {
    /// Ordinary least squares through the points (like ESPHome's `calibrate_linear`): the line that best maps
    /// raw readings onto the reference, so one bad point is averaged rather than trusted.
    public static func leastSquares(_ points: [CalibrationPoint]) throws(CalibrationError) -> CalibrationMethod {
        let usable = points.filter { $0.raw.isFinite && $0.reference.isFinite }
        let n = Double(usable.count)
        guard usable.count >= 2 else { throw .degeneratePoints(count: usable.count) }
        let meanRaw = usable.reduce(0) { $0 + $1.raw } / n
        let meanRef = usable.reduce(0) { $0 + $1.reference } / n
        // Centred sums keep precision when raw values are large and close together (ADC codes).
        var sxx = 0.0, sxy = 0.0
        for p in usable {
            sxx += (p.raw - meanRaw) * (p.raw - meanRaw)
            sxy += (p.raw - meanRaw) * (p.reference - meanRef)
        }
        guard sxx > 0 else { throw .degeneratePoints(count: usable.count) }
        let gain = sxy / sxx
        return .linear(gain: gain, offset: meanRef - gain * meanRaw)
    }
}
