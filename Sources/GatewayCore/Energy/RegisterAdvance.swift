/// A reading of a wrapping register: a pulse counter's whole count (`UInt64`), or a meter's own register read at
/// a visit, whose last drum may stand between two digits (`Double`, 12 345.6 m³).
public protocol RegisterReading: Hashable, Comparable, AdditiveArithmetic, ExpressibleByIntegerLiteral, Sendable {
    /// The whole units the register's digits show; a last drum part-turned still shows the digit below.
    var wholeUnits: Self { get }
    /// The largest reading a register wrapping at `modulus` shows.
    init(largestReadingOf modulus: CounterModulus)
}

extension UInt64: RegisterReading {
    public var wholeUnits: UInt64 { self }
    public init(largestReadingOf modulus: CounterModulus) { self = modulus.largestReading }
}

extension Double: RegisterReading {
    public var wholeUnits: Double { rounded(.down) }
    public init(largestReadingOf modulus: CounterModulus) { self.init(modulus.largestReading) }
}

/// How a wrapping register moved between two readings: what it counted, or why no counting explains the change.
public enum RegisterAdvance<Reading: RegisterReading>: Hashable, Sendable {
    /// It counted `Reading`; `wrapped` when it passed its largest reading and began again from zero.
    case counted(Reading, wrapped: Bool)
    /// A reading the register cannot show: below zero, not a number, or past its largest (a misread or
    /// a different meter).
    case notOnRegister
    /// The advance (after a wrap) is more than the meter could count in the interval, `limit`: it was replaced,
    /// reset, or the board restarted its count.
    case implausible(Reading, limit: Reading)
}

extension CounterModulus {
    /// The wrap-and-plausibility rule of every meter register, pulse counters and visit readings alike:
    /// Δ = (current − previous) mod M, taken as counting only when both readings fit the register and Δ is no
    /// more than `mostPossible` (what the meter counts in the interval at its highest rate; nil: no bound).
    public func advance<Reading: RegisterReading>(from previous: Reading, to current: Reading,
                                                  mostPossible limit: Reading? = nil) -> RegisterAdvance<Reading> {
        let largest = Reading(largestReadingOf: self)
        guard previous >= .zero, current >= .zero, previous.wholeUnits <= largest, current.wholeUnits <= largest else {
            return .notOnRegister
        }
        let wrapped = current < previous
        // Across the wrap: up to the largest reading, one more to zero, then on to `current`; in this order it
        // never leaves the type's range (a 64-bit counter's modulus does not fit a UInt64).
        let advance = wrapped ? (largest - previous) + current + 1 : current - previous
        if let limit, !(advance <= limit) { return .implausible(advance, limit: limit) }
        return .counted(advance, wrapped: wrapped)
    }
}
