/// One supplier's emission factor for one fiscal year, as published (Ministry of the Environment lists, or a
/// district-heat operator's report).
public struct EmissionFactorEntry<Energy: PhysicalUnit>: Hashable, Sendable {
    public var supplier: String
    public var fiscalYear: FiscalYear
    public var factor: EmissionFactor<Energy>

    public init(supplier: String, fiscalYear: FiscalYear, factor: EmissionFactor<Energy>) {
        self.supplier = supplier
        self.fiscalYear = fiscalYear
        self.factor = factor
    }
}

/// A versioned set of emission factors. Factors are revised after the fact and differ per supplier, so they
/// are applied on the city side and every result says which table version produced it.
public struct EmissionFactorTable<Energy: PhysicalUnit>: Hashable, Sendable {
    public var version: String
    /// When this version was published or adopted.
    public var published: CivilDate
    public var entries: [EmissionFactorEntry<Energy>]

    public init(version: String, published: CivilDate, entries: [EmissionFactorEntry<Energy>]) {
        self.version = version
        self.published = published
        self.entries = entries
    }

    public func factor(supplier: String, fiscalYear: FiscalYear) -> EmissionFactor<Energy>? {
        entries.first { $0.supplier == supplier && $0.fiscalYear == fiscalYear }?.factor
    }

    public func emissions(_ energy: Quantity<Energy>, supplier: String, fiscalYear: FiscalYear) throws(EnergyError) -> Emissions<Energy> {
        guard let factor = factor(supplier: supplier, fiscalYear: fiscalYear) else {
            throw .noEmissionFactor(supplier: supplier, fiscalYear: fiscalYear, tableVersion: version)
        }
        return Emissions(amount: TonnesCO2(energy.value * factor.value / 1000), energy: energy, supplier: supplier,
                         fiscalYear: fiscalYear, factor: factor, tableVersion: version)
    }
}

/// CO₂ from an amount of energy, with the factor and table version that produced it.
public struct Emissions<Energy: PhysicalUnit>: Hashable, Sendable {
    public var amount: TonnesCO2
    public var energy: Quantity<Energy>
    public var supplier: String
    public var fiscalYear: FiscalYear
    public var factor: EmissionFactor<Energy>
    public var tableVersion: String
}
