import BoardIO
import CSystem

/// CLOCK_MONOTONIC, the same clock the kernel stamps GPIO edge events with, so intervals between an edge and
/// "now" are comparable.
public final class SystemMonotonicClock: MonotonicClock {
    public init() {}

    /// Cannot fail for CLOCK_MONOTONIC on Linux.
    public func nowNanoseconds() -> UInt64 {
        sgw_clock_nanoseconds(CLOCK_MONOTONIC)
    }
}
