/// Ordinary least-squares line `reference ≈ gain · raw + offset`. Kept on its own so it can give way to the
/// shared fit in GatewayCore once that lands.
public struct LinearFit: Hashable, Sendable {
    public var gain: Double
    public var offset: Double

    public init(gain: Double, offset: Double) {
        self.gain = gain
        self.offset = offset
    }

    /// Nil when the raw values do not span a line (fewer than two distinct raws).
    public init?(_ points: [CalibrationPoint]) {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanRaw = points.reduce(0) { $0 + $1.raw } / n
        let meanReference = points.reduce(0) { $0 + $1.reference } / n
        // Centred sums: the textbook Σxy − n·x̄ȳ form loses digits when raw counts are large and close.
        var sxx = 0.0, sxy = 0.0
        for p in points {
            sxx += (p.raw - meanRaw) * (p.raw - meanRaw)
            sxy += (p.raw - meanRaw) * (p.reference - meanReference)
        }
        guard sxx > 0 else { return nil }
        gain = sxy / sxx
        offset = meanReference - gain * meanRaw
    }
}
