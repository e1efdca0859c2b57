import Platform

/// The pulse train a meter plays now, when it can change while the line is read: a paddy's intake runs at its
/// flooding rate, then at the rate that holds the pond, and stops while the paddy is dry (`PaddyPond`). The
/// board sets a new train at each change; the line's reader takes it up at its next wait, and a pulse it had
/// already scheduled from the old train still plays (at most one pulse off at each change).
public final class MeterTrain: Sendable {
    private let current: Locked<(version: Int, profile: PulseProfile)>

    public init(_ profile: PulseProfile) { current = Locked((0, profile)) }

    /// Plays `profile` from now on.
    public func play(_ profile: PulseProfile) { current.withLock { $0 = ($0.version + 1, profile) } }

    public var profile: PulseProfile { current.withLock { $0.profile } }
    var now: (version: Int, profile: PulseProfile) { current.withLock { $0 } }
}
