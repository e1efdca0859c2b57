/// One comparison: what the sensor read (`raw`) while the reference instrument read `reference`.
public struct CalibrationPoint: Hashable, Sendable {
    public var raw: Double
    public var reference: Double
    public init(raw: Double, reference: Double) {
        self.raw = raw
        self.reference = reference
    }
}
