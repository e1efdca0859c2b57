import BoardIO
import Platform

/// Blocking sleep for the I2C reader thread; the retry decorator lives in BoardIO, which has no clock.
public enum ThreadPause {
    /// Continues after signals (nanosleep stops early on one) so the retry gap holds.
    public static func sleep(milliseconds: Int) {
        BoardThread.sleep(nanoseconds: Int64(milliseconds) * 1_000_000)
    }
}

extension RetryingI2CBus {
    /// Retries on the calling thread, pausing with `nanosleep` between tries.
    public convenience init(_ wrapped: I2CBus, policy: I2CRetryPolicy = .field,
                            onRetry: @escaping (I2CError) -> Void = { _ in }) {
        self.init(wrapped, policy: policy, pause: ThreadPause.sleep(milliseconds:), onRetry: onRetry)
    }
}
