import BoardIO
import Platform

/// A monotonic clock the simulation can also wait on. Waiting through the clock lets a hand-advanced clock make
/// every wait instant and deterministic, while a real clock makes the simulated board run in real time.
public protocol SimulationClock: MonotonicClock {
    func sleep(nanoseconds: UInt64)
    /// Waits until monotonic time `deadline`: a clock that jumps must not add a wait to a time read before it.
    func sleep(untilNanoseconds deadline: UInt64)
    /// A thread starts or stops sleeping on this clock (a pulse line's reader).
    func readerJoined()
    func readerLeft()
}

/// Runs the simulation in real time on top of the board's real monotonic clock.
public final class RealTimeClock: SimulationClock {
    public let base: any MonotonicClock
    public init(_ base: any MonotonicClock) { self.base = base }
    public func nowNanoseconds() -> UInt64 { base.nowNanoseconds() }
    public func sleep(nanoseconds: UInt64) { BoardThread.sleep(nanoseconds: Int64(clamping: nanoseconds)) }
}

extension SimulationClock {
    /// Only a clock that jumps (`SimulatedTimeBase`) needs to know which threads sleep on it.
    public func sleep(untilNanoseconds deadline: UInt64) {
        let now = nowNanoseconds()
        if deadline > now { sleep(nanoseconds: deadline - now) }
    }
    public func readerJoined() {}
    public func readerLeft() {}
}
