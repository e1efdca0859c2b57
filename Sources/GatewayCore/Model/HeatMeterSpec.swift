/// A heat meter assembled from a site's channels (EN 1434): a flow meter and the supply and return
/// temperatures of the same circuit, and the pipe the flow meter sits in (which decides the k-factor).
public struct HeatMeterSpec: Hashable, Sendable {
    public var id: ChannelID
    public var flow: ChannelID
    public var supply: ChannelID
    public var returnTemperature: ChannelID
    public var meterPipe: MeterPipe
    public var circuit: HeatCircuit

    public init(id: ChannelID, flow: ChannelID, supply: ChannelID, returnTemperature: ChannelID,
                meterPipe: MeterPipe, circuit: HeatCircuit) {
        self.id = id
        self.flow = flow
        self.supply = supply
        self.returnTemperature = returnTemperature
        self.meterPipe = meterPipe
        self.circuit = circuit
    }
}
