/// Timing limits of an S0 pulse output (IEC 62053-31): at least 30 ms on and 30 ms off, so no meter can
/// emit more than one pulse per 60 ms (~16.7 Hz). Anything faster on the line is contact bounce or noise.
public enum S0Pulse {
    public static let minimumPeriod = Duration(0.060)

    /// The most pulses a conforming meter can emit in `span`: the plausibility limit for a register delta.
    public static func maximumPulses(in span: Duration) -> UInt64 {
        span.value <= 0 ? 0 : UInt64((span.value / minimumPeriod.value).rounded(.down)) + 1
    }
}
