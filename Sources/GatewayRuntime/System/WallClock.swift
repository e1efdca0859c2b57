import CSystem
import GatewayCore

/// CLOCK_REALTIME as the readings' timestamps: may jump when NTP sets it, so intervals use the monotonic clock.
enum WallClock {
    static func now() -> UnixTime {
        UnixTime(milliseconds: sgw_clock_milliseconds(CLOCK_REALTIME))
    }
}
