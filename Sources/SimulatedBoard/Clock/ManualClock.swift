import BoardIO
import GatewayCore
import Platform

/// A monotonic clock that moves only when told to, for deterministic tests. Sleeping on it advances it.
public final class ManualClock: SimulationClock {
    // Locked: the edge reader and the sampler may share one clock from different threads.
    private let now: Locked<UInt64>

    /// Starts at one second, not zero, so "before the first event" is representable.
    public init(startNanoseconds: UInt64 = 1_000_000_000) {
        now = Locked(startNanoseconds)
    }

    public func nowNanoseconds() -> UInt64 {
        now.withLock { $0 }
    }

    public func advance(byNanoseconds step: UInt64) {
        now.withLock { $0 += step }
    }

    public func advance(by step: Duration) {
        advance(byNanoseconds: UInt64((step.value * 1e9).rounded()))
    }

    public func sleep(nanoseconds: UInt64) {
        advance(byNanoseconds: nanoseconds)
    }
}
