/// Intervals and pulse timing are measured on CLOCK_MONOTONIC, which never jumps when NTP sets the wall clock.
public protocol MonotonicClock: Sendable {
    func nowNanoseconds() -> UInt64
}
