/// A raw-to-corrected transform. Offset, linear and fitted lines are polynomials of degree 0 and 1, so one
/// evaluation serves every value-correcting method.
public struct ValueCorrection: Hashable, Sendable {
    /// c0, c1, … in ascending powers of the raw value.
    public var coefficients: [Double]

    public func apply(_ raw: Double) -> Double {
        // Horner's rule: fewer multiplications and less rounding than summing powers.
        coefficients.reversed().reduce(0) { acc, c in acc * raw + c }
    }
}
