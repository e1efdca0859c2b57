import CSystem
import GatewayCore

/// The publisher's two clocks. Its timers (reconnect backoff, replay pace, CONNACK deadline) run on
/// CLOCK_MONOTONIC, which never jumps when NTP sets the wall clock; only the "sent at" of an acknowledged
/// reading is wall time.
enum PublisherClock {
    static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    static func wallTime() -> UnixTime {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UnixTime(seconds: Double(now.tv_sec) + Double(now.tv_nsec) / 1e9)
    }
}
