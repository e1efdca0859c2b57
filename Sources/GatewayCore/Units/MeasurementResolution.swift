/// The smallest step a sensor or meter tells apart, in the unit its channel publishes: one ADS1115 LSB through
/// the shunt (and the loop scaling, for a scaled channel), 1/128 °C for a TMP117, what one pulse stands for on
/// a pulse meter. A number is published at that resolution: as the shortest decimal within half a step of it,
/// so "3.2" mA rather than "3.1999999999999997" (binary noise from the arithmetic that produced it), and
/// 25.01 °C for a TMP117's 25.0078125 °C, which reads back to the same LSB. Nothing the sensor resolved is lost:
/// rounding the published number to the step gives the step the sensor reported.
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

    /// The number to publish for `value`: the shortest decimal (fewest places after the point) within half a
    /// step of it that divides by the step to the same whole number of steps, the nearest such at that length. A value in another unit, or not finite, is returned as it is.
    public func publishable(_ value: MeasuredValue) -> Double {
        let v = value.value
        guard value.unit == step.unit, v.isFinite else { return v }
        let halfStep = step.value / 2
        let stepIndex = (v / step.value).rounded()
        var scale = 1.0
        // 17 places reach below any step a Double can tell apart from a value that needs them.
        for _ in 0...17 {
            let scaled = v * scale
            // Beyond 2^53 every Double is a whole number: nothing shorter exists at this or a finer scale.
            guard scaled.magnitude < 9_007_199_254_740_992 else { return v }
            let candidate = scaled.rounded() / scale
            // Within half a step, and (what a reader checks) counted as the same step, float rounding included.
            if (candidate - v).magnitude < halfStep, (candidate / step.value).rounded() == stepIndex { return candidate }
            scale *= 10
        }
        return v
    }
}
