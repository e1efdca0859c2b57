/// How hard to retry a flaky I2C transfer before giving up on this reading.
///
/// Field buses pick up glitches from long cables and pump motors (an ADS1115 timing out once an hour is normal);
/// one or two quick retries hide those without masking a chip that is really gone, because only
/// `I2CError.isTransient` failures are retried at all.
public struct I2CRetryPolicy: Hashable, Sendable {
    /// Tries in total, the first one included; 1 means "never retry".
    public var attempts: Int
    /// Pause before each retry, long enough for a clock-stretching chip to finish its conversion.
    public var delayMilliseconds: Int

    public init(attempts: Int, delayMilliseconds: Int) {
        precondition(attempts >= 1, "an I2C retry policy needs at least one attempt")
        precondition(delayMilliseconds >= 0, "an I2C retry delay cannot be negative")
        self.attempts = attempts
        self.delayMilliseconds = delayMilliseconds
    }

    /// Three tries 5 ms apart: a reading costs at most ~10 ms extra, well inside any poll interval.
    public static let field = I2CRetryPolicy(attempts: 3, delayMilliseconds: 5)
}
