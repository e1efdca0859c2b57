import BoardIO
import GatewayCore
import Platform
import SimulatedBoard

/// The one clock the gateway takes its time from: the sampling loop's intervals and waits, the readings' and
/// status's wall time, and the "sent at" of acknowledged readings. On a board it is CLOCK_MONOTONIC and
/// CLOCK_REALTIME; under `--simulated-clock` it is a `SimulatedTimeBase` that the loop advances from one
/// sampling instant to the next, so everything downstream runs unchanged on simulated time. (The publisher's
/// MQTT timers stay on real time: they pace a real connection to a real broker.)
final class GatewayClock: @unchecked Sendable {
    let monotonic: MonotonicClock
    private let wall: () -> UnixTime
    /// How a simulated clock waits: it jumps to the instant; nil on a board, where the loop sleeps.
    let simulatedWait: ((UInt64) -> Void)?
    /// The end of a simulated run: the loop stops at its last millisecond before it.
    let end: UnixTime?

    private init(monotonic: MonotonicClock, wall: @escaping () -> UnixTime, simulatedWait: ((UInt64) -> Void)?,
                 end: UnixTime?) {
        self.monotonic = monotonic
        self.wall = wall
        self.simulatedWait = simulatedWait
        self.end = end
    }

    static func system(_ monotonic: MonotonicClock) -> GatewayClock {
        GatewayClock(monotonic: monotonic, wall: { WallClock.now() }, simulatedWait: nil, end: nil)
    }

    /// `passed` is told of every stretch of simulated time (from its true realtime start), for the ground truth.
    /// A wait stops at every instant `nextChange` names (the scripted events') and calls `changed` there, so a
    /// sensor fails or the clock is stepped at its scripted true time, not at the next sampling instant.
    static func simulated(_ base: SimulatedTimeBase, end: UnixTime?,
                          nextChange: @escaping (UnixTime) -> UnixTime? = { _ in nil }, changed: @escaping () -> Void = {},
                          passed: @escaping (UnixTime, UInt64) -> Void) -> GatewayClock {
        GatewayClock(monotonic: base, wall: { base.realtime() }, simulatedWait: { deadline in
            var target = deadline
            // Never past the end of the run, and in real-time mode a second of real time at most per wait.
            if let end {
                let left = end.milliseconds - 1 - base.realtime().milliseconds
                if left >= 0 { target = min(target, base.nowNanoseconds() + UInt64(left) * 1_000_000) }
            }
            if let rate = base.rate, rate > 0 { target = min(target, base.nowNanoseconds() + UInt64(rate * 1e9)) }
            while base.nowNanoseconds() < target {
                let from = base.nowNanoseconds()
                let start = base.trueRealtime()
                let change = nextChange(start).map { from + UInt64($0.milliseconds - start.milliseconds) * 1_000_000 }
                let stop = min(target, change ?? target)
                base.advance(to: stop)
                passed(start, stop - from)
                if stop == change { changed() }
            }
        }, end: end)
    }

    func nowNanoseconds() -> UInt64 { monotonic.nowNanoseconds() }
    func now() -> UnixTime { wall() }
    /// A simulated run reached the last millisecond before its end.
    var hasEnded: Bool {
        guard let end else { return false }
        return wall().milliseconds >= end.milliseconds - 1
    }
}
