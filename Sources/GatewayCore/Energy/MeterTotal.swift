/// A persisted running total built from register deltas. It never decreases; resets are counted and kept so
/// the city can see where a figure has a hole (esphome#3707: totals silently restarting after a reboot).
public struct MeterTotal: Hashable, Sendable {
    public private(set) var counts: UInt64
    public private(set) var resets: [CounterReset]

    public init(counts: UInt64 = 0, resets: [CounterReset] = []) {
        self.counts = counts
        self.resets = resets
    }

    /// Consumption across a reset cannot be known from the register alone, so nothing is added for that
    /// interval; the flagged reset is what lets a technician's replacement record fill it in later.
    public mutating func record(_ delta: CounterDelta) {
        switch delta {
        case .increment(let n): counts += n
        case .reset(let r): resets.append(r)
        }
    }
}
