/// Why a 4–20 mA loop reads in a NAMUR NE 43 failure band, in words a technician can act on. A transmitter
/// signals its own failure by driving the loop low (≤ 3.6 mA) or high (≥ 21 mA); the wiring fails the same way.
public enum LoopFailure: Hashable, Sendable, CustomStringConvertible {
    /// At or below 3.6 mA: too little current flows.
    case low(Milliamperes)
    /// At or above 21 mA: too much current flows.
    case high(Milliamperes)
    /// The current could not be read as a number.
    case unreadable

    public init?(_ current: Milliamperes) {
        let i = current.value
        if i.isNaN { self = .unreadable }
        else if i <= NAMURNE43.failureAtOrBelow { self = .low(current) }
        else if i >= NAMURNE43.failureAtOrAbove { self = .high(current) }
        else { return nil }
    }

    public var description: String {
        switch self {
        case .low(let i):
            "loop current \(milliamperes(i)) mA is at or below 3.6 mA (NAMUR NE 43 failure, low): most likely an open loop or a broken wire, "
                + "else the transmitter has lost its loop supply or is signalling its own failure; check the terminals, the cable and the loop supply, then the transmitter's diagnostics"
        case .high(let i):
            "loop current \(milliamperes(i)) mA is at or above 21 mA (NAMUR NE 43 failure, high): most likely a short circuit between the loop wires, "
                + "else the transmitter is signalling a fault; check the cable and junction boxes for a short, then the transmitter's diagnostics"
        case .unreadable:
            "loop current is not a number: the ADC reading could not be converted; check the shunt resistor setting"
        }
    }

    private func milliamperes(_ i: Milliamperes) -> Double { (i.value * 100).rounded() / 100 }
}
