import BoardIO
import CSystem

/// CLOCK_MONOTONIC, the same clock the kernel stamps GPIO edge events with, so intervals between an edge and
/// "now" are comparable.
public final class SystemMonotonicClock: MonotonicClock {
    public init() {}

    public func nowNanoseconds() -> UInt64 {
        var now = timespec()
        // Cannot fail for CLOCK_MONOTONIC with a valid pointer on Linux.
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
