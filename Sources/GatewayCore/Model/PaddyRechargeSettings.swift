/// What a paddy recharge site's water balance needs beyond its meters: the flooded area, the evaporation to
/// subtract, and the ponded depth below which a day does not count as flooded.
public struct PaddyRechargeSettings: Hashable, Sendable {
    public var area: SquareMetres
    public var evaporationPerDay: Millimetres
    public var minimumFloodedDepth: Metres

    public init(area: SquareMetres, evaporationPerDay: Millimetres, minimumFloodedDepth: Metres) {
        self.area = area
        self.evaporationPerDay = evaporationPerDay
        self.minimumFloodedDepth = minimumFloodedDepth
    }
}
