import BoardIO
import CSystem

/// Blocking sleep for the I2C reader thread; the retry decorator lives in BoardIO, which has no clock.
public enum ThreadPause {
    public static func sleep(milliseconds: Int) {
        guard milliseconds > 0 else { return }
        var remaining = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        // nanosleep stops early when a signal arrives; continue with what is left so the retry gap holds.
        var request = remaining
        while nanosleep(&request, &remaining) != 0 && sgw_errno() == EINTR {
            request = remaining
        }
    }
}

extension RetryingI2CBus {
    /// Retries on the calling thread, pausing with `nanosleep` between tries.
    public convenience init(_ wrapped: I2CBus, policy: I2CRetryPolicy = .field,
                            onRetry: @escaping (I2CError) -> Void = { _ in }) {
        self.init(wrapped, policy: policy, pause: ThreadPause.sleep(milliseconds:), onRetry: onRetry)
    }
}
