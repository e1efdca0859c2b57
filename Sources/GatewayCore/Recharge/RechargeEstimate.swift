/// The ways a recharge figure is made. Outside reviewers could not trace Kumamoto's KPI to its projects, so
/// every figure names its method and carries the parameters that made it.
public enum RechargeMethod: String, Hashable, Sendable, CaseIterable {
    /// Flooded area × days flooded × seepage rate (Kumamoto's published method).
    case paddyFlooding = "paddy-flooding"
    /// Inflow − outflow − evaporation − change in ponded water, per interval, from a paddy's own meters.
    case paddyWaterBalance = "paddy-water-balance"
    /// Σ metered inflow to an injection well or infiltration basin.
    case meteredInjection = "metered-injection"
    /// Specific yield × water-table rise (Healy & Cook 2002).
    case waterTableFluctuation = "water-table-fluctuation"
}

/// One input to an estimate, as a reviewer would want to see it.
public struct EstimateParameter: Hashable, Sendable, CustomStringConvertible {
    public enum Value: Hashable, Sendable {
        case measured(MeasuredValue)
        case count(Int)
        case text(String)
    }

    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }

    public init<U>(_ name: String, _ quantity: Quantity<U>) { self.init(name, .measured(quantity.measured)) }

    public var description: String {
        switch value {
        case .measured(let m): "\(name)=\(m)"
        case .count(let n): "\(name)=\(n)"
        case .text(let s): "\(name)=\(s)"
        }
    }
}

/// A recharge figure with its provenance. The water-table method yields a depth of water over the aquifer;
/// the others a volume.
public struct RechargeEstimate: Hashable, Sendable {
    public enum Amount: Hashable, Sendable {
        case volume(CubicMetres)
        case depth(Millimetres)
    }

    public var method: RechargeMethod
    public var amount: Amount
    public var parameters: [EstimateParameter]

    public init(method: RechargeMethod, amount: Amount, parameters: [EstimateParameter]) {
        self.method = method
        self.amount = amount
        self.parameters = parameters
    }

    public var volume: CubicMetres? {
        if case .volume(let v) = amount { v } else { nil }
    }

    public var depth: Millimetres? {
        if case .depth(let d) = amount { d } else { nil }
    }

    public func parameter(_ name: String) -> EstimateParameter.Value? {
        parameters.first { $0.name == name }?.value
    }
}
