/// Healy & Cook (2002): a rise of the water table after recharge, times the aquifer's specific yield, is the
/// depth of water that arrived: R = Sy · Δh, with Δh measured from where the antecedent recession would have
/// carried the water table, not from the level before the rise.
public struct WaterTableFluctuation: Hashable, Sendable {
    public var specificYield: Double

    public init(specificYield: Double) { self.specificYield = specificYield }
    public init(_ material: AquiferMaterial) { specificYield = material.specificYield }

    public struct InvalidInput: Error, Hashable, CustomStringConvertible {
        public var description: String
    }

    public func estimate(peak: Metres, extrapolatedRecession: Metres) throws(InvalidInput) -> RechargeEstimate {
        guard specificYield > 0, specificYield < 1 else {
            throw InvalidInput(description: "specific yield \(specificYield) must lie between 0 and 1")
        }
        let rise = peak - extrapolatedRecession
        guard rise.value >= 0 else {
            throw InvalidInput(description: "peak \(peak) lies below the extrapolated recession \(extrapolatedRecession): no recharge event")
        }
        return RechargeEstimate(method: .waterTableFluctuation, amount: .depth((rise * specificYield).millimetres), parameters: [
            EstimateParameter("specific-yield", .measured(MeasuredValue(specificYield, "/"))),
            EstimateParameter("peak", peak),
            EstimateParameter("extrapolated-recession", extrapolatedRecession),
        ])
    }
}

/// Typical specific yields, Johnson (1967), USGS Water-Supply Paper 1662-D. A starting point only; a site's
/// own pumping test is better.
public enum AquiferMaterial: String, Hashable, Sendable, CaseIterable {
    case clay, silt
    case fineSand = "fine-sand", mediumSand = "medium-sand", coarseSand = "coarse-sand"
    case fineGravel = "fine-gravel", mediumGravel = "medium-gravel", coarseGravel = "coarse-gravel"

    public var specificYield: Double {
        switch self {
        case .clay: 0.02
        case .silt: 0.08
        case .fineSand: 0.21
        case .mediumSand: 0.26
        case .coarseSand: 0.27
        case .fineGravel: 0.25
        case .mediumGravel: 0.23
        case .coarseGravel: 0.22
        }
    }
}
