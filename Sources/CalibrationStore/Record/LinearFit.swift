import GatewayCore

/// Gain and offset of a least-squares line through a record's datapoints, kept with the record so the
/// fitted coefficients can be shown to the technician next to the points they came from. The fit itself is
/// GatewayCore's, so the board and the validator compute the same line.
public struct LinearFit: Hashable, Sendable {
    public var gain: Double
    public var offset: Double

    public init(gain: Double, offset: Double) {
        self.gain = gain
        self.offset = offset
    }

    /// nil when the points cannot define a line (fewer than two, or all at the same raw value).
    public init?(_ points: [CalibrationPoint]) {
        guard case .linear(let gain, let offset)? = try? GatewayCore.CalibrationMethod.leastSquares(points) else { return nil }
        self.gain = gain
        self.offset = offset
    }
}
