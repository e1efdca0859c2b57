/// A 4–20 mA loop current judged by NAMUR NE 43: transmitters signal their own faults by driving the loop
/// outside the measuring range, so a reading there must not be scaled as if it were a value.
public enum LoopSignal<Unit: PhysicalUnit>: Hashable, Sendable {
    /// 3.8–20.5 mA: the transmitter's measuring range, slightly over- or under-ranged included.
    case valid(Quantity<Unit>)
    /// Above 3.6 and below 3.8 mA, or above 20.5 and below 21 mA (NE 43 saturation): the process is beyond the
    /// transmitter's span, or the transmitter is drifting towards failure. Its current no longer follows the
    /// process, so scaling it would invent a value (3.7 mA on a 0–10 m level is not −0.19 m of water). The value
    /// is the end of the span it has passed (LRV below, URV above): the one thing known, as a bound.
    case saturated(Quantity<Unit>, current: Milliamperes)
    /// ≤ 3.6 mA or ≥ 21 mA: the transmitter reports a failure, or the loop is open or shorted.
    case fault(LoopFailure)

    /// The scaled value when the signal carries one.
    public var value: Quantity<Unit>? {
        switch self {
        case .valid(let v), .saturated(let v, _): v
        case .fault: nil
        }
    }
}

public enum NAMURNE43 {
    public static let measuringRange: ClosedRange<Double> = 3.8...20.5
    public static let failureAtOrBelow = 3.6
    public static let failureAtOrAbove = 21.0
}

extension LoopScaling {
    /// value = LRV + (I − 4 mA) / 16 mA × (URV − LRV), with the NE 43 bands applied first.
    public func signal<Unit: PhysicalUnit>(_ current: Milliamperes, as unit: Unit.Type = Unit.self) -> LoopSignal<Unit> {
        if let failure = LoopFailure(current) { return .fault(failure) }
        let i = current.value
        if i < NAMURNE43.measuringRange.lowerBound { return .saturated(Quantity(lowerRangeValue), current: current) }
        if i > NAMURNE43.measuringRange.upperBound { return .saturated(Quantity(upperRangeValue), current: current) }
        return .valid(Quantity(lowerRangeValue + (i - 4) / 16 * (upperRangeValue - lowerRangeValue)))
    }
}

extension Quantity where Unit == Volt {
    /// Loop current through a sense resistor (Ohm's law), as read across the shunt by an ADC.
    public func current(through shunt: Ohms) -> Milliamperes { Milliamperes(value / shunt.value * 1000) }
}
