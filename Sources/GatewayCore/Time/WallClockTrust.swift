/// Decides, pass by pass, whether readings may be stamped with the wall clock, and when readings not yet
/// published must be restamped from their monotonic time.
///
/// The wall clock is trusted when the kernel says it is synchronised (`STA_UNSYNC` clear) and it reads a
/// plausible date. A step is a jump of the wall clock against the monotonic clock (CLOCK_REALTIME −
/// CLOCK_MONOTONIC changing by `stepThresholdMilliseconds` or more between two observations); an NTP daemon
/// slewing the clock moves that difference by at most 83 ms a second (chrony's fastest slew), well below it.
public struct WallClockTrust: Sendable {
    /// Smaller corrections are slews or steps too small to move a reading across any window worth restamping.
    public static let stepThresholdMilliseconds: Int64 = 500

    /// What one observation of the clocks concluded.
    public struct Observation: Sendable, Equatable {
        /// Readings taken now may be stamped `good`.
        public var trusted: Bool
        /// The clock has just become trustworthy, or was stepped while trusted: readings not yet published are
        /// to be restamped as `wall − (monotonic now − monotonic at reading)`.
        public var restampPending: Bool
        /// How far the wall clock jumped against the monotonic clock since the last observation, if it did.
        public var stepMilliseconds: Int64?
    }

    /// CLOCK_REALTIME − CLOCK_MONOTONIC at the last observation, in milliseconds.
    private var lastOffsetMilliseconds: Int64?
    private var wasTrusted = false

    public init() {}

    public mutating func observe(wall: UnixTime, monotonicNanoseconds: UInt64, kernelSynchronised: Bool) -> Observation {
        let offset = wall.milliseconds &- Int64(clamping: monotonicNanoseconds / 1_000_000)
        var step: Int64?
        if let last = lastOffsetMilliseconds {
            let jump = offset &- last
            if jump >= Self.stepThresholdMilliseconds || jump <= -Self.stepThresholdMilliseconds { step = jump }
        }
        lastOffsetMilliseconds = offset
        let trusted = kernelSynchronised && wall.isPlausiblySynchronised
        let restamp = trusted && (!wasTrusted || step != nil)
        wasTrusted = trusted
        return Observation(trusted: trusted, restampPending: restamp, stepMilliseconds: step)
    }
}
