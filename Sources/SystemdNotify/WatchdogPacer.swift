/// Decides when the sampling loop pets the watchdog: at most once per interval, so a loop that ticks every
/// few milliseconds does not flood systemd, and a loop that stops ticking stops petting.
public struct WatchdogPacer: Sendable {
    public let intervalNanoseconds: Int64
    private var lastPetNanoseconds: Int64?

    public init(intervalNanoseconds: Int64) { self.intervalNanoseconds = intervalNanoseconds }

    /// True when the loop, alive at `nowNanoseconds` (monotonic), should pet the watchdog now.
    public mutating func due(nowNanoseconds: Int64) -> Bool {
        if let last = lastPetNanoseconds, nowNanoseconds - last < intervalNanoseconds { return false }
        lastPetNanoseconds = nowNanoseconds
        return true
    }
}
