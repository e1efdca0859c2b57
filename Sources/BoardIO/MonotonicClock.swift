/// Intervals and pulse timing are measured on CLOCK_MONOTONIC, which never jumps when NTP sets the wall clock.
/// Class-bound so board code can hold "some clock" as a value in Embedded Swift, which has existentials only
/// of class-bound protocols.
public protocol MonotonicClock: AnyObject, Sendable {
    func nowNanoseconds() -> UInt64
}
