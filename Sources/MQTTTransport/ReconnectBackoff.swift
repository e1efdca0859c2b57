/// Exponential backoff with full jitter. When a district's network comes back, every board reconnects at
/// once; spreading attempts uniformly over [0, delay] keeps the broker from a thundering herd.
/// libmosquitto's own reconnect delay has no jitter, which is why the loop is ours.
public struct ReconnectBackoff: Sendable {
    public var initialSeconds: Double
    public var maximumSeconds: Double
    public private(set) var attempt = 0
    private var random: SplitMix64

    public init(initialSeconds: Double = 1, maximumSeconds: Double = 120, seed: UInt64) {
        self.initialSeconds = initialSeconds
        self.maximumSeconds = maximumSeconds
        self.random = SplitMix64(seed: seed)
    }

    /// The ceiling for the next wait: initial × 2^attempt, capped.
    public var currentCeilingSeconds: Double {
        min(maximumSeconds, initialSeconds * Double(1 << min(attempt, 30)))
    }

    /// Seconds to wait before the next attempt; each call counts one failed attempt.
    public mutating func nextDelaySeconds() -> Double {
        let ceiling = currentCeilingSeconds
        attempt += 1
        // Never zero, so a flapping broker cannot make the loop spin.
        return max(0.05, ceiling * random.nextUnit())
    }

    public mutating func reset() { attempt = 0 }
}

/// Small deterministic generator so backoff is reproducible in tests given a seed.
struct SplitMix64: Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
