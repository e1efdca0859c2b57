/// The gap between a meter's own register and the gateway's count between two visits, in the meter's unit.
///
/// The register is the truth the utility bills by; the gateway's total misses pulses that came while it was
/// stopped (an update, a power cut). Between visit A and visit B:
///     register advance = register(B) − register(A)
///     gateway advance  = total(B) − total(A)
///     gap              = register advance − gateway advance
/// A positive gap is what the gateway did not count (a loss); a negative one means it counted more than the
/// meter (bounce or interference the debounce let through). Both registers and both totals must be in `unit`.
public struct RegisterDrift: Hashable, Sendable {
    public var unit: String
    public var registerAdvance: Double
    public var gatewayAdvance: Double

    public init(unit: String, registerAdvance: Double, gatewayAdvance: Double) {
        self.unit = unit
        self.registerAdvance = registerAdvance
        self.gatewayAdvance = gatewayAdvance
    }

    /// Nil when either visit lacks a gateway total, a number is not finite, or the register went backwards
    /// (a meter replaced or misread: no drift can be told from it).
    public static func between(unit: String, previousRegister: Double, previousTotal: Double?, register: Double,
                               total: Double?) -> RegisterDrift? {
        guard let previousTotal, let total, previousRegister.isFinite, register.isFinite, previousTotal.isFinite,
              total.isFinite, register >= previousRegister else { return nil }
        return RegisterDrift(unit: unit, registerAdvance: register - previousRegister, gatewayAdvance: total - previousTotal)
    }

    /// What the meter counted that the gateway did not (negative: the gateway counted more).
    public var gap: Double { registerAdvance - gatewayAdvance }

    /// The gap as a share of the register's advance, nil when the register stood still.
    public var gapFraction: Double? { registerAdvance > 0 ? gap / registerAdvance : nil }
}
