/// A building's electricity over one period from its three meters: grid import, grid export, and on-site
/// generation. Self-consumption is what the city counts as renewables actually used in town.
public struct EnergyBalance: Hashable, Sendable {
    public var imported: KilowattHours
    public var exported: KilowattHours
    public var generated: KilowattHours

    public init(imported: KilowattHours, exported: KilowattHours, generated: KilowattHours) throws(EnergyError) {
        guard exported.value <= generated.value else { throw .exportExceedsGeneration(exported: exported, generated: generated) }
        for v in [imported, exported, generated] where v.value < 0 {
            throw .invalidMeter("energy \(v) must not be negative")
        }
        self.imported = imported
        self.exported = exported
        self.generated = generated
    }

    /// Generation used on site rather than sent to the grid.
    public var selfConsumed: KilowattHours { generated - exported }
    /// Everything the building used, from either source.
    public var consumed: KilowattHours { imported + selfConsumed }
    /// Share of the building's use met by its own generation; nil when it used nothing.
    public var selfSufficiency: Double? { consumed.value > 0 ? selfConsumed / consumed : nil }
}
