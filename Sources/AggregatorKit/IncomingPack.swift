import GatewayCore

/// The accepted readings of one data message, as the intake hands them to a store.
public struct IncomingPack: Sendable {
    public var site: String
    public var readings: [Reading]
    public var receivedAt: UnixTime

    public init(site: String, readings: [Reading], receivedAt: UnixTime) {
        self.site = site
        self.readings = readings
        self.receivedAt = receivedAt
    }

    /// What would overflow the gap arithmetic or poison a sum never reaches a database, whoever calls.
    func checkStorable() throws(AggregatorError) {
        if let bad = readings.first(where: { $0.key.sequence >= IntakeLimits.sequenceBound }) {
            throw AggregatorError("refused to store \(bad.key.device):\(bad.key.channel) seq \(bad.key.sequence): sequence numbers must be below 2^53 (nothing of this pack was stored)")
        }
        if let bad = readings.first(where: { !($0.value?.value.isFinite ?? true) || !($0.sum?.value.isFinite ?? true) }) {
            throw AggregatorError("refused to store \(bad.key.device):\(bad.key.channel) seq \(bad.key.sequence): its value or sum is not finite (nothing of this pack was stored)")
        }
    }
}
