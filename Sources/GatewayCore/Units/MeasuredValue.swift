/// A value with its SenML unit symbol: the form a reading takes once it leaves the typed world for the wire,
/// the journal or the aggregator's tables.
public struct MeasuredValue: Hashable, Sendable, CustomStringConvertible {
    public var value: Double
    public var unit: String
    public init(_ value: Double, _ unit: String) {
        self.value = value
        self.unit = unit
    }
    public var description: String { "\(value) \(unit)" }
}
