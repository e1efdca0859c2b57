/// Paces the replay of a backlog after an outage: a token bucket in readings per second, so that days of
/// journaled readings drain steadily instead of flooding a thin uplink (and the broker) in one go, while live
/// readings, which are not paced, keep flowing.
struct ReplayPacer {
    /// 0 means unpaced: the backlog goes as fast as the in-flight window allows.
    let readingsPerSecond: Int
    /// At most one second's worth may be saved up, and always enough for one message.
    let burst: Double
    private var tokens: Double
    private var lastRefillSeconds: Double?

    init(readingsPerSecond: Int, readingsPerMessage: Int) {
        self.readingsPerSecond = readingsPerSecond
        burst = Double(max(readingsPerSecond, readingsPerMessage))
        tokens = burst
    }

    /// Takes `readings` tokens if there are enough at `nowSeconds` (any monotonic origin).
    mutating func take(_ readings: Int, nowSeconds: Double) -> Bool {
        guard readingsPerSecond > 0 else { return true }
        if let last = lastRefillSeconds {
            tokens = min(burst, tokens + max(0, nowSeconds - last) * Double(readingsPerSecond))
        }
        lastRefillSeconds = nowSeconds
        guard tokens >= Double(readings) else { return false }
        tokens -= Double(readings)
        return true
    }

    /// Seconds from the last `take` until `readings` tokens will be there (0 if they are now), so the
    /// publisher can sleep exactly that long instead of asking again and again.
    func secondsUntil(_ readings: Int) -> Double {
        guard readingsPerSecond > 0 else { return 0 }
        let needed = min(Double(readings), burst) - tokens
        return needed > 0 ? needed / Double(readingsPerSecond) : 0
    }

    /// A new connection starts with a full bucket.
    mutating func reset() {
        tokens = burst
        lastRefillSeconds = nil
    }
}
