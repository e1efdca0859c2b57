import GatewayCore

/// A deterministic pulse train: pulses at a mean rate, spaced by a fixed repeating pattern (so intervals vary
/// as a real meter's do, yet every run is identical), optionally with reed-switch contact bounce on each edge.
public struct PulseProfile: Hashable, Sendable {
    /// Interval multipliers, repeating; they average to 1 so the mean rate is exact over each cycle.
    public static let spacingPattern: [Double] = [1.0, 0.8, 1.2, 0.9, 1.1]
    /// Bounce glitches last 1 ms, well under any debounce a reed switch needs (5–20 ms).
    public static let bounceNanoseconds: UInt64 = 1_000_000
    /// The fastest meter the simulation plays. Real meters pulse at tens of hertz at most; a faster script
    /// (issue 16: `pulses-per-second: 1e308`) only filled memory with edges until the process died.
    public static let maximumPulsesPerSecond = 1000.0
    /// Slower than one pulse in about eleven days plays as a meter that never pulses: pulse times would
    /// overflow the nanosecond clock.
    public static let minimumPulsesPerSecond = 1e-6

    /// The rate a script asks for, as the simulation can play it: within the bounds above, and a negative or
    /// non-finite rate is a meter that never pulses. `check` refuses such site files; this keeps the simulated
    /// board from trapping or flooding if one is run anyway.
    public static func playable(_ requested: Double) -> Double {
        guard requested.isFinite, requested >= minimumPulsesPerSecond else { return 0 }
        return min(requested, maximumPulsesPerSecond)
    }

    public var pulsesPerSecond: Double
    public var pulseWidthNanoseconds: UInt64
    public var contactBounce: Bool
    /// Monotonic time of the first pulse's rising edge.
    public var startNanoseconds: UInt64

    /// The pulse width defaults to 50 ms (an S0 pulse is at least 30 ms), shortened at high rates so a pulse
    /// always ends well before the next begins. The rate is made `playable`.
    public init(pulsesPerSecond requested: Double, startNanoseconds: UInt64, pulseWidth: Duration? = nil,
                contactBounce: Bool = false) {
        let pulsesPerSecond = Self.playable(requested)
        self.pulsesPerSecond = pulsesPerSecond
        self.startNanoseconds = startNanoseconds
        self.contactBounce = contactBounce
        let shortestGap = pulsesPerSecond > 0 ? Self.spacingPattern.min()! / pulsesPerSecond : .infinity
        let width = pulseWidth?.value ?? min(0.050, shortestGap * 0.4)
        pulseWidthNanoseconds = UInt64((width * 1e9).rounded())
    }

    /// Rising-edge time of pulse `index` (0-based), or nil if the meter never pulses.
    public func start(ofPulse index: Int) -> UInt64? {
        guard pulsesPerSecond > 0 else { return nil }
        let pattern = Self.spacingPattern
        let cycles = Double(index / pattern.count) * Double(pattern.count)
        let within = pattern.prefix(index % pattern.count).reduce(0, +)
        let offset = ((cycles + within) / pulsesPerSecond * 1e9).rounded()
        // Beyond the end of the nanosecond clock the meter has, for any run, stopped.
        guard offset >= 0, offset < Double(UInt64.max - startNanoseconds) else { return nil }
        return startNanoseconds + UInt64(offset)
    }

    /// The edges of pulse `index` in time order.
    public func edges(ofPulse index: Int) -> [EdgeEvent] {
        guard let rise = start(ofPulse: index) else { return [] }
        let fall = rise + pulseWidthNanoseconds
        guard contactBounce else { return [EdgeEvent(.rising, at: rise), EdgeEvent(.falling, at: fall)] }
        let b = Self.bounceNanoseconds
        return [
            EdgeEvent(.rising, at: rise), EdgeEvent(.falling, at: rise + b), EdgeEvent(.rising, at: rise + 2 * b),
            EdgeEvent(.falling, at: fall), EdgeEvent(.rising, at: fall + b), EdgeEvent(.falling, at: fall + 2 * b),
        ]
    }

    /// How many pulses have begun by `time`: what an ideal counter shows once their levels have settled.
    public func pulsesStarted(by time: UInt64) -> Int {
        guard pulsesPerSecond > 0, time >= startNanoseconds else { return 0 }
        var count = Int(Double(time - startNanoseconds) / 1e9 * pulsesPerSecond) - Self.spacingPattern.count
        count = max(count, 0)
        while let next = start(ofPulse: count), next <= time { count += 1 }
        return count
    }
}
