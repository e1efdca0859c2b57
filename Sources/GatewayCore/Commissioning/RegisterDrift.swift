/// The gap between a meter's own register and the gateway's count between two visits, in the meter's unit.
///
/// The register is the truth the utility bills by; the gateway's total misses pulses that came while it was
/// stopped (an update, a power cut). Between visit A and visit B:
///     register advance = register(B) − register(A)
///     gateway advance  = total(B) − total(A)
///     gap              = register advance − gateway advance
/// A positive gap is what the gateway did not count (a loss); a negative one means it counted more than the
/// meter (bounce or interference the debounce let through). Both registers and both totals must be in `unit`.
///
/// A register declared with its digits (`MeterRegister`) wraps: 99,990 → 00,012 is an advance of 22. A change
/// that no counting explains (more than the meter can count since the last visit, a reading the register cannot
/// show, or a register without declared digits that went back) is a meter replaced or reset: flagged, never
/// taken as drift.
public struct RegisterDrift: Hashable, Sendable {
    public var unit: String
    public var registerAdvance: Double
    public var gatewayAdvance: Double
    /// The register passed its largest reading and started again from zero since the last visit.
    public var wrapped: Bool

    public init(unit: String, registerAdvance: Double, gatewayAdvance: Double, wrapped: Bool = false) {
        self.unit = unit
        self.registerAdvance = registerAdvance
        self.gatewayAdvance = gatewayAdvance
        self.wrapped = wrapped
    }

    /// What two visits' registers and gateway totals tell.
    public enum Comparison: Hashable, Sendable {
        case drift(RegisterDrift)
        /// No counting explains the register's change: the meter was replaced or reset (or misread). `limit` is
        /// the most the meter could count in the time, when its register is declared.
        case meterReplaced(previous: Double, current: Double, limit: Double?)
        /// A visit lacks the gateway's total, or a number is not finite.
        case incomparable
    }

    /// `meter` is the channel's declared register (nil: no wrap is assumed), `hours` the time between the visits.
    public static func comparing(unit: String, previousRegister: Double, previousTotal: Double?, register: Double,
                                 total: Double?, meter: MeterRegister? = nil, hours: Double = .infinity) -> Comparison {
        guard let previousTotal, let total, previousRegister.isFinite, register.isFinite, previousTotal.isFinite,
              total.isFinite else { return .incomparable }
        guard let meter else {
            guard register >= previousRegister else { return .meterReplaced(previous: previousRegister, current: register, limit: nil) }
            return .drift(RegisterDrift(unit: unit, registerAdvance: register - previousRegister, gatewayAdvance: total - previousTotal))
        }
        guard let (advance, wrapped) = meter.advance(from: previousRegister, to: register, hours: hours) else {
            return .meterReplaced(previous: previousRegister, current: register, limit: meter.mostAdvance(inHours: hours))
        }
        return .drift(RegisterDrift(unit: unit, registerAdvance: advance, gatewayAdvance: total - previousTotal, wrapped: wrapped))
    }

    /// The drift, nil when there is none to tell (see `comparing`).
    public static func between(unit: String, previousRegister: Double, previousTotal: Double?, register: Double,
                               total: Double?, meter: MeterRegister? = nil, hours: Double = .infinity) -> RegisterDrift? {
        guard case .drift(let drift) = comparing(unit: unit, previousRegister: previousRegister, previousTotal: previousTotal,
                                                 register: register, total: total, meter: meter, hours: hours) else { return nil }
        return drift
    }

    /// What the meter counted that the gateway did not (negative: the gateway counted more).
    public var gap: Double { registerAdvance - gatewayAdvance }

    /// The gap as a share of the register's advance, nil when the register stood still.
    public var gapFraction: Double? { registerAdvance > 0 ? gap / registerAdvance : nil }
}
