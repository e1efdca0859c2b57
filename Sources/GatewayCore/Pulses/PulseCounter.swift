/// Counts meter pulses from kernel-timestamped GPIO edges.
///
/// A level counts only once it has held for the debounce time, on both edges: a contact bounce or a spike
/// shorter than the debounce is dropped entirely (it neither starts nor ends a pulse), which is what stops the
/// random +1/+2 counts reed switches produce with naive edge counting. One pulse is counted per confirmed
/// rising (active) level, stamped with the kernel time of the edge that began it, so pulse intervals are as
/// precise as the kernel's timestamps whatever the debounce.
///
/// The last level may not be confirmed yet when a batch of events ends; it stays pending into the next batch,
/// or until `settle(now:)` finds it has held long enough.
public struct PulseCounter: Hashable, Sendable {
    /// Reed-switch contacts settle within 5–20 ms; 10 ms sits in the middle and is well under the 30 ms S0
    /// minimum pulse width.
    public static let reedSwitchDebounce = Duration(0.010)

    public let debounceNanoseconds: UInt64
    /// Pulses counted since the meter was installed: persist this so totals survive a restart.
    public private(set) var total: UInt64
    /// Kernel timestamp of the latest counted pulse.
    public private(set) var lastPulseNanoseconds: UInt64?
    /// Time between the last two counted pulses: the basis for instantaneous power or flow.
    public private(set) var lastInterval: Duration?
    /// Active levels that ended before the debounce time (contact bounce, interference): seen, not counted.
    public private(set) var rejectedGlitches: UInt64 = 0

    private struct PendingLevel: Hashable, Sendable {
        var active: Bool
        var since: UInt64
    }

    /// The last confirmed level (true: active); unknown until the first edge shows what the line came from.
    private var stableActive: Bool?
    private var pending: PendingLevel?

    public init(debounce: Duration = reedSwitchDebounce, startingTotal: UInt64 = 0) {
        precondition(debounce.value >= 0, "a debounce time cannot be negative")
        debounceNanoseconds = UInt64((debounce.value * 1e9).rounded())
        total = startingTotal
    }

    /// Whether the line's latest level is still waiting out the debounce.
    public var hasPendingLevel: Bool { pending != nil }

    /// Feeds edges in kernel order; returns how many pulses they completed.
    @discardableResult
    public mutating func record(_ events: some Sequence<EdgeEvent>) -> UInt64 {
        let before = total
        for event in events { record(event) }
        return total - before
    }

    /// Counts each event as one pulse: for a line requested on its active edge only (no debounce), where
    /// there is no level to time and every edge is a pulse.
    @discardableResult
    public mutating func recordActiveEdges(_ events: some Sequence<EdgeEvent>) -> UInt64 {
        let before = total
        for event in events where event.kind == .rising { count(at: event.timestampNanoseconds) }
        return total - before
    }

    /// Confirms a pending level that has held for the debounce time by `nowNanoseconds` (monotonic clock),
    /// so a pulse whose ending edge has not arrived yet is not held back until it does.
    @discardableResult
    public mutating func settle(now nowNanoseconds: UInt64) -> UInt64 {
        let before = total
        confirmPending(at: nowNanoseconds)
        return total - before
    }

    private mutating func record(_ event: EdgeEvent) {
        let active = event.kind == .rising
        // An edge tells us the line was at the other level before it; taking that as stable means the first
        // pulse after a start or a long pause is counted, not used up to learn the line's state.
        let stable = stableActive ?? !active
        stableActive = stable
        confirmPending(at: event.timestampNanoseconds)
        let current = pending?.active ?? stableActive!
        // A repeated edge (the kernel dropped the one between) carries no level change we can time.
        guard active != current else { return }
        if active == stableActive, pending?.active == true { rejectedGlitches += 1 }
        pending = active == stableActive ? nil : PendingLevel(active: active, since: event.timestampNanoseconds)
    }

    private mutating func confirmPending(at time: UInt64) {
        guard let level = pending, time >= level.since, time - level.since >= debounceNanoseconds else { return }
        pending = nil
        stableActive = level.active
        if level.active { count(at: level.since) }
    }

    private mutating func count(at time: UInt64) {
        total += 1
        if let previous = lastPulseNanoseconds, time > previous {
            lastInterval = Duration(Double(time - previous) / 1e9)
        }
        lastPulseNanoseconds = time
    }
}
