import GatewayCore

/// A channel the board computes from its own readings rather than reads from a sensor.
struct DerivedChannel: Hashable {
    var id: ChannelID
    var quantity: String
    var unit: String
    /// The raw channel it is computed from, for the status message.
    var source: ChannelID?
    var intervalSeconds: Double
}

/// One computed value. `method` names how it was made and with which parameters.
struct DerivedValue: Hashable {
    var channel: ChannelID
    var time: UnixTime
    var value: MeasuredValue
    var sum: MeasuredValue?
    var method: String
}

/// Turns a tick's raw readings into derived ones. Runs inside the sampling loop's commit, so derived readings
/// are journaled in the same transaction as the readings they come from.
protocol Derivation: AnyObject {
    var channels: [DerivedChannel] { get }
    func derive(from tick: [Reading], at time: UnixTime) -> [DerivedValue]
}
