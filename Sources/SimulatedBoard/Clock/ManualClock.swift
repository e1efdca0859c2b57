import BoardIO
import Foundation
import GatewayCore

/// A monotonic clock that moves only when told to, for deterministic tests. Sleeping on it advances it.
public final class ManualClock: SimulationClock, @unchecked Sendable {
    // Guarded by `lock`: the edge reader and the sampler may share one clock from different threads.
    private var now: UInt64
    private let lock = NSLock()

    /// Starts at one second, not zero, so "before the first event" is representable.
    public init(startNanoseconds: UInt64 = 1_000_000_000) {
        now = startNanoseconds
    }

    public func nowNanoseconds() -> UInt64 {
        lock.withLock { now }
    }

    public func advance(byNanoseconds step: UInt64) {
        lock.withLock { now += step }
    }

    public func advance(by step: Duration) {
        advance(byNanoseconds: UInt64((step.value * 1e9).rounded()))
    }

    public func sleep(nanoseconds: UInt64) {
        advance(byNanoseconds: nanoseconds)
    }
}
