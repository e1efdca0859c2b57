/// A physical unit, named by its SenML (RFC 8428 / RFC 8798) symbol so a value can go on the wire unchanged.
public protocol PhysicalUnit: Sendable {
    static var senmlSymbol: String { get }
}

/// A number that cannot be mixed up with a number of another unit: `Quantity<Pascal>` will not add to
/// `Quantity<Metre>`. Values cross module boundaries only in this form, or as a `MeasuredValue` on the wire.
public struct Quantity<Unit: PhysicalUnit>: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Double
    public init(_ value: Double) { self.value = value }

    public static var zero: Quantity { Quantity(0) }
    public static func + (a: Quantity, b: Quantity) -> Quantity { Quantity(a.value + b.value) }
    public static func - (a: Quantity, b: Quantity) -> Quantity { Quantity(a.value - b.value) }
    public static func * (a: Quantity, k: Double) -> Quantity { Quantity(a.value * k) }
    public static func * (k: Double, a: Quantity) -> Quantity { Quantity(a.value * k) }
    public static func / (a: Quantity, k: Double) -> Quantity { Quantity(a.value / k) }
    /// Ratio of two quantities of the same unit is dimensionless.
    public static func / (a: Quantity, b: Quantity) -> Double { a.value / b.value }
    public static func += (a: inout Quantity, b: Quantity) { a.value += b.value }
    public static func -= (a: inout Quantity, b: Quantity) { a.value -= b.value }
    public static prefix func - (a: Quantity) -> Quantity { Quantity(-a.value) }
    public static func < (a: Quantity, b: Quantity) -> Bool { a.value < b.value }

    public var measured: MeasuredValue { MeasuredValue(value, Unit.senmlSymbol) }
    public var description: String { "\(value) \(Unit.senmlSymbol)" }
}
