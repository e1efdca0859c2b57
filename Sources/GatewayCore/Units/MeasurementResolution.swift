/// The smallest step a sensor or meter tells apart, in the unit its channel publishes: one ADS1115 LSB through
/// the shunt (and the loop scaling, for a scaled channel), 1/128 °C for a TMP117, what one pulse stands for on
/// a pulse meter. A number is published at that resolution: as the shortest decimal within a thousandth of a
/// step of it. That drops the binary noise the arithmetic left ("3.2" mA, not "3.1999999999999997"; "7.2" kWh
/// for three 2.4 kWh pulses, not "7.199999999999999"), which lies some 10^12 times below any sensor's step, and
/// keeps every digit the sensor resolved: a value that is a whole number of steps reads back as that number of
/// steps, and sums of published values drift from the true sum by at most a thousandth of a step per value (none
/// at all when the step is a short decimal, as pulse constants are).
public struct MeasurementResolution: Hashable, Sendable {
    public let step: MeasuredValue

    /// Nil unless the step is a positive, finite amount.
    public init?(step: MeasuredValue) {
        guard step.value > 0, step.value.isFinite else { return nil }
        self.step = step
    }

    public init?<Unit: PhysicalUnit>(_ step: Quantity<Unit>) {
        self.init(step: step.measured)
    }

    /// A resolution `factor` times as coarse (a loop scaling's span per mA, a meter's multiplier).
    public func scaled(by factor: Double, unit: String) -> MeasurementResolution? {
        MeasurementResolution(step: MeasuredValue(step.value * factor.magnitude, unit))
    }

    /// The number to publish for `value`: the shortest decimal (fewest places after the point) within a
    /// thousandth of a step of it. A value in another unit, not finite, or so large that its own binary noise
    /// exceeds that tolerance is returned as it is.
    public func publishable(_ value: MeasuredValue) -> Double {
        let v = value.value
        guard value.unit == step.unit, v.isFinite else { return v }
        let tolerance = step.value / 1000
        var scale = 1.0
        // 17 places reach below any step a Double can tell apart from a value that needs them.
        for _ in 0...17 {
            let scaled = v * scale
            // Beyond 2^53 every Double is a whole number: nothing shorter exists at this or a finer scale.
            guard scaled.magnitude < 9_007_199_254_740_992 else { return v }
            let candidate = scaled.rounded() / scale
            if (candidate - v).magnitude < tolerance { return candidate }
            scale *= 10
        }
        return v
    }
}
