import CSystem
import GatewayCore

/// CLOCK_REALTIME as the readings' timestamps: may jump when NTP sets it, so intervals use the monotonic clock.
enum WallClock {
    static func now() -> UnixTime {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UnixTime(milliseconds: Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000)
    }
}
