import CSystem
import GatewayCore

/// The board's calendar clock, for the time a calibration record is valid from.
enum WallClock {
    static func now() -> UnixTime {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return UnixTime(seconds: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }
}
