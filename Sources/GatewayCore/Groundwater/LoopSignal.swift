/// A 4–20 mA loop current judged by NAMUR NE 43: transmitters signal their own faults by driving the loop
/// outside the measuring range, so a reading there must not be scaled as if it were a value.
public enum LoopSignal<Unit: PhysicalUnit>: Hashable, Sendable {
    /// 3.8–20.5 mA: the transmitter's measuring range, slightly over- or under-ranged included.
    case valid(Quantity<Unit>)
    /// Between the measuring range and the fault bands: the value is usable but the process is beyond the
    /// transmitter's span (or the transmitter is saturating), so it is flagged.
    case outOfRange(Quantity<Unit>, current: Milliamperes)
    /// ≤ 3.6 mA or ≥ 21 mA: the transmitter reports a failure, or the loop is open or shorted.
    case fault(current: Milliamperes)

    /// The scaled value when the signal carries one.
    public var value: Quantity<Unit>? {
        switch self {
        case .valid(let v), .outOfRange(let v, _): v
        case .fault: nil
        }
    }
}

public enum NAMURNE43 {
    public static let measuringRange: ClosedRange<Double> = 3.8...20.5
    public static let faultAtOrBelow = 3.6
    public static let faultAtOrAbove = 21.0
}

extension LoopScaling {
    /// value = LRV + (I − 4 mA) / 16 mA × (URV − LRV), with the NE 43 bands applied first.
    public func signal<Unit: PhysicalUnit>(_ current: Milliamperes, as unit: Unit.Type = Unit.self) -> LoopSignal<Unit> {
        let i = current.value
        if i <= NAMURNE43.faultAtOrBelow || i >= NAMURNE43.faultAtOrAbove || i.isNaN { return .fault(current: current) }
        let value = Quantity<Unit>(lowerRangeValue + (i - 4) / 16 * (upperRangeValue - lowerRangeValue))
        return NAMURNE43.measuringRange.contains(i) ? .valid(value) : .outOfRange(value, current: current)
    }
}

extension Quantity where Unit == Volt {
    /// Loop current through a sense resistor (Ohm's law), as read across the shunt by an ADC.
    public func current(through shunt: Ohms) -> Milliamperes { Milliamperes(value / shunt.value * 1000) }
}
