/// One interval of a metered paddy: what went in and out, and how the ponded depth changed.
public struct PaddyInterval: Hashable, Sendable {
    public var inflow: CubicMetres
    public var outflow: CubicMetres
    /// Evaporation over the interval, as depth of water (pan or reference evapotranspiration).
    public var evaporation: Millimetres
    public var pondedDepthAtStart: Millimetres
    public var pondedDepthAtEnd: Millimetres

    public init(inflow: CubicMetres, outflow: CubicMetres, evaporation: Millimetres,
                pondedDepthAtStart: Millimetres, pondedDepthAtEnd: Millimetres) {
        self.inflow = inflow
        self.outflow = outflow
        self.evaporation = evaporation
        self.pondedDepthAtStart = pondedDepthAtStart
        self.pondedDepthAtEnd = pondedDepthAtEnd
    }
}

/// Recharge measured rather than assumed: water that entered the paddy and neither left over the weir,
/// evaporated, nor stayed ponded went down into the ground.
public struct PaddyWaterBalance: Hashable, Sendable {
    public var area: SquareMetres

    public init(area: SquareMetres) { self.area = area }

    public struct InvalidInput: Error, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// inflow − outflow − evaporation × area − Δ(ponded depth) × area for one interval. The result can be
    /// negative (rain not metered as inflow, a meter fault); it is returned as is so the fault stays visible.
    public func seepage(_ interval: PaddyInterval) -> CubicMetres {
        let evaporated = area.value * interval.evaporation.value / 1000
        let stored = area.value * (interval.pondedDepthAtEnd.value - interval.pondedDepthAtStart.value) / 1000
        return interval.inflow - interval.outflow - CubicMetres(evaporated) - CubicMetres(stored)
    }

    public func estimate(_ intervals: [PaddyInterval]) throws(InvalidInput) -> RechargeEstimate {
        guard area.value > 0 else { throw InvalidInput(description: "paddy area \(area) must be positive") }
        guard !intervals.isEmpty else { throw InvalidInput(description: "no metered intervals to balance") }
        let total = intervals.reduce(CubicMetres.zero) { $0 + seepage($1) }
        return RechargeEstimate(method: .paddyWaterBalance, amount: .volume(total), parameters: [
            EstimateParameter("area", area),
            EstimateParameter("intervals", .count(intervals.count)),
            EstimateParameter("inflow", intervals.reduce(CubicMetres.zero) { $0 + $1.inflow }),
            EstimateParameter("outflow", intervals.reduce(CubicMetres.zero) { $0 + $1.outflow }),
            EstimateParameter("evaporation", intervals.reduce(Millimetres.zero) { $0 + $1.evaporation }),
        ])
    }
}
