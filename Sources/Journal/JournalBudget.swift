import GatewayCore

/// What the journal may use of the card, and what gives way when it is full.
public struct JournalBudget: Sendable, Equatable {
    public enum Policy: String, Sendable, CaseIterable {
        /// Drop raw instantaneous samples (temperatures, levels, pressures), oldest first, every other one, so
        /// the record thins out evenly instead of losing a whole period; totalizer and derived readings (the
        /// ones the city's KPIs are summed from) are kept.
        case thinRawOldestFirst = "thin-raw-oldest-first"
        /// Drop the oldest unsent readings of any kind.
        case dropOldest = "drop-oldest"
    }

    public var bytes: Int64
    public var policy: Policy
    /// Delivered readings are kept this long for audits and `sensor-gateway journal`, then pruned.
    public var keepSentSeconds: Double

    public init(bytes: Int64, policy: Policy = .thinRawOldestFirst, keepSentSeconds: Double = 24 * 3600) {
        self.bytes = bytes
        self.policy = policy
        self.keepSentSeconds = keepSentSeconds
    }
}

/// What one enforcement pass did.
public struct BudgetOutcome: Sendable, Equatable {
    /// Delivered readings pruned: not a loss, the broker has them.
    public var prunedSent: Int
    /// Undelivered readings dropped to stay within the budget: each one a loss, counted in status.
    public var dropped: Int
    public var usedBytes: Int64
}
