/// A totalizer's running total kept in its physical unit (litres, m³, kWh), with the raw pulse count beside it
/// for diagnostics and for continuing the counter after a restart.
///
/// Each increment is converted with the pulse scale in force when it was counted, and added: a new K-factor
/// (a bucket test at a visit) changes what the next pulses are worth, never what the earlier ones were. A
/// total kept in pulses and scaled on output would rewrite every litre counted before the new record.
public struct MeteredTotal: Sendable, Equatable {
    /// The pulse count at the last reading.
    public private(set) var pulses: UInt64
    /// The total at the last reading, in the channel's unit.
    public private(set) var total: MeasuredValue

    public init(pulses: UInt64, total: MeasuredValue) {
        self.pulses = pulses
        self.total = total
    }

    /// Moves on to the counter's `pulseCount`, converting the pulses counted since the last reading at
    /// `perPulse` (the amount one pulse is worth now, in the total's unit); returns that increment.
    public mutating func advance(to pulseCount: UInt64, perPulse: MeasuredValue) -> MeasuredValue {
        let counted = pulseCount &- pulses
        let increment = MeasuredValue(Double(counted) * perPulse.value, total.unit)
        pulses = pulseCount
        total = MeasuredValue(total.value + increment.value, total.unit)
        return increment
    }
}
