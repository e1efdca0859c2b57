/// Kumamoto's method: recharge = flooded area × days flooded × seepage rate. Shirakawa middle-basin paddies
/// seep 5–20 cm/day, ordinary paddies 1–2 cm/day, so the rate is a site parameter, never a default.
public struct PaddyFloodingEstimate: Hashable, Sendable {
    public var area: SquareMetres
    public var seepage: MillimetresPerDay

    public init(area: SquareMetres, seepage: MillimetresPerDay) {
        self.area = area
        self.seepage = seepage
    }

    public struct InvalidInput: Error, Hashable, CustomStringConvertible {
        public var description: String
    }

    public func estimate(floodedDays: Int) throws(InvalidInput) -> RechargeEstimate {
        guard area.value > 0 else { throw InvalidInput(description: "flooded area \(area) must be positive") }
        guard seepage.value >= 0 else { throw InvalidInput(description: "seepage rate \(seepage) must not be negative") }
        guard floodedDays >= 0 else { throw InvalidInput(description: "flooded days \(floodedDays) must not be negative") }
        let volume = CubicMetres(area.value * seepage.value / 1000 * Double(floodedDays))
        return RechargeEstimate(method: .paddyFlooding, amount: .volume(volume), parameters: [
            EstimateParameter("area", area),
            EstimateParameter("seepage", seepage),
            EstimateParameter("flooded-days", .count(floodedDays)),
        ])
    }
}
