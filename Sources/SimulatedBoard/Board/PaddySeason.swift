import GatewayCore

/// A recharge paddy's flooding season in a simulated run (`--simulated-paddy-season`), by the simulation's true
/// time: dry before `flooded.from`, flooded until `flooded.to`, except while drained (an interruption inside the
/// season: Kumamoto's paddies are drained for about two weeks mid-season, nakaboshi, and then flooded again).
/// Flooded, the paddy is ponded at its simulated depth and its meters turn; dry or drained, the ponded depth is
/// zero and no water runs in or out.
public struct PaddySeason: Sendable, Equatable {
    public struct Span: Sendable, Equatable {
        public var from: UnixTime
        public var to: UnixTime
        public init(from: UnixTime, to: UnixTime) {
            self.from = from
            self.to = to
        }

        func contains(_ t: UnixTime) -> Bool { from.milliseconds <= t.milliseconds && t.milliseconds < to.milliseconds }
    }

    public var flooded: Span
    public var drained: [Span]

    public init(flooded: Span, drained: [Span] = []) {
        self.flooded = flooded
        self.drained = drained
    }

    /// Whether the paddy is ponded at true time `t`.
    public func isFlooded(at t: UnixTime) -> Bool {
        flooded.contains(t) && !drained.contains { $0.contains(t) }
    }

    /// The instants the paddy is flooded or drained.
    var edges: [UnixTime] { [flooded.from, flooded.to] + drained.flatMap { [$0.from, $0.to] } }
}
