/// Where a meter's register wraps: a binary counter at 2^N, a mechanical or LCD register at 10^digits.
/// Widths are clamped to what a UInt64 register can hold (1–64 bits, 1–19 digits); site files are checked
/// against that range before a modulus is built.
public enum CounterModulus: Hashable, Sendable, CustomStringConvertible {
    case bits(Int)
    case digits(Int)

    /// The largest reading the register can show; a 64-bit counter's modulus itself does not fit in UInt64.
    public var largestReading: UInt64 {
        switch self {
        case .bits(let n): n >= 64 ? .max : (UInt64(1) << UInt64(max(n, 1))) - 1
        case .digits(let d): (0..<min(max(d, 1), 19)).reduce(1) { r, _ in r * 10 } - 1
        }
    }

    public var description: String {
        switch self {
        case .bits(let n): "2^\(n)"
        case .digits(let d): "10^\(d)"
        }
    }
}

/// Why a change in a meter register was not taken as consumption.
public struct CounterReset: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The wrapped difference is more than the meter could have counted in the interval: it was replaced,
        /// reset, or the board restarted its count.
        case implausibleIncrement(UInt64, limit: UInt64)
        /// A reading the register cannot hold (a misread or a different meter).
        case readingAboveModulus
        /// A technician recorded a meter replacement.
        case declaredReplacement
    }
    public var previous: UInt64
    public var current: UInt64
    public var reason: Reason

    public init(previous: UInt64, current: UInt64, reason: Reason) {
        self.previous = previous
        self.current = current
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .implausibleIncrement(let d, let limit):
            "register went \(previous) → \(current) (+\(d) after wrap, more than the \(limit) possible): meter reset or replaced"
        case .readingAboveModulus: "register reading \(current) does not fit the register (previous \(previous))"
        case .declaredReplacement: "meter replaced at register \(previous) → \(current)"
        }
    }
}

/// The change between two readings of a wrapping register: either counts to add, or a flagged reset.
/// A total never goes down; a reading that would make it go down is a reset and says so.
public enum CounterDelta: Hashable, Sendable {
    case increment(UInt64)
    case reset(CounterReset)

    /// Δ = (current − previous) mod M. 16-bit 65530 → 12 gives 18; six digits 999 950 → 30 gives 80.
    /// `maximumIncrement` is what the meter could count in the interval at its highest rate; beyond it a wrap
    /// is not believable and the change is flagged instead.
    public static func between(previous: UInt64, current: UInt64, modulus: CounterModulus,
                               maximumIncrement: UInt64? = nil) -> CounterDelta {
        switch modulus.advance(from: previous, to: current, mostPossible: maximumIncrement) {
        case .counted(let delta, _):
            .increment(delta)
        case .notOnRegister:
            .reset(CounterReset(previous: previous, current: current, reason: .readingAboveModulus))
        case .implausible(let delta, let limit):
            .reset(CounterReset(previous: previous, current: current, reason: .implausibleIncrement(delta, limit: limit)))
        }
    }

    /// A technician's record that the meter was swapped: the register change across it is not consumption.
    public static func replacement(previous: UInt64, newMeterReading: UInt64) -> CounterDelta {
        .reset(CounterReset(previous: previous, current: newMeterReading, reason: .declaredReplacement))
    }
}
