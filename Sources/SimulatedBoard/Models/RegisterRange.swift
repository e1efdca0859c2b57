/// A scripted value as a chip register can hold it: clamped to the register's range, and NaN (a `simulate:`
/// value of `.nan`) read as zero, because converting NaN to an integer traps.
func clampedToRegister(_ value: Double, _ range: ClosedRange<Double>) -> Double {
    value.isNaN ? 0 : min(max(value, range.lowerBound), range.upperBound)
}
