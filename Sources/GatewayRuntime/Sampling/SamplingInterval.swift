import GatewayCore

/// A channel's interval on the monotonic clock, in nanoseconds, bounded so that no value from a site file can
/// trap or spin the loop: `interval: 999999999999999h` overflowed the conversion, `0.0000001ms` sampled on
/// every pass. `check` refuses both; these bounds hold for whatever `run` is given.
enum SamplingInterval {
    /// 10 ms: faster than any channel the field needs (a pulse total every second is the fastest in use).
    static let shortestNanoseconds: UInt64 = 10_000_000
    /// A year: a longer interval is a channel that is never read.
    static let longestNanoseconds: UInt64 = 366 * 86_400 * 1_000_000_000

    static func nanoseconds(_ interval: Duration) -> UInt64 {
        let nanoseconds = interval.value * 1e9
        guard nanoseconds.isFinite else { return longestNanoseconds }
        if nanoseconds <= Double(shortestNanoseconds) { return shortestNanoseconds }
        if nanoseconds >= Double(longestNanoseconds) { return longestNanoseconds }
        return UInt64(nanoseconds)
    }
}
