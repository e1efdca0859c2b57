/// Primary energy per kWh of purchased electricity under the Energy Conservation Act, by the fiscal year it
/// took effect. The factor changed from 9.76 to 8.64 MJ/kWh in FY2023, so a figure for an earlier year must
/// use the earlier factor to stay comparable with what was reported then.
public struct PrimaryEnergyFactorTable: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var from: FiscalYear
        public var factor: PrimaryEnergyFactor
        public init(from: FiscalYear, factor: PrimaryEnergyFactor) {
            self.from = from
            self.factor = factor
        }
    }

    /// Sorted by `from`; the first entry also covers every earlier year.
    public let entries: [Entry]

    public init(entries: [Entry]) throws(ClimateError) {
        guard !entries.isEmpty else { throw .emptyTable }
        let sorted = entries.sorted { $0.from < $1.from }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.from == b.from { throw .duplicateYear(a.from) }
        self.entries = sorted
    }

    private init(sortedEntries: [Entry]) { entries = sortedEntries }

    public static let energyConservationAct = PrimaryEnergyFactorTable(sortedEntries: [
        Entry(from: FiscalYear(1999), factor: PrimaryEnergyFactor(9.76)),
        Entry(from: FiscalYear(2023), factor: PrimaryEnergyFactor(8.64)),
    ])

    public func factor(for year: FiscalYear) -> PrimaryEnergyFactor {
        (entries.last { $0.from <= year } ?? entries[0]).factor
    }

    public func primaryEnergy(_ electricity: KilowattHours, in year: FiscalYear) -> Megajoules {
        Megajoules(electricity.value * factor(for: year).value)
    }
}

public enum ClimateError: Error, Hashable, CustomStringConvertible {
    case emptyTable
    case duplicateYear(FiscalYear)
    case nonPositiveFloorArea(SquareMetres)

    public var description: String {
        switch self {
        case .emptyTable: "primary energy factor table has no entries"
        case .duplicateYear(let fy): "primary energy factor table has two entries from \(fy)"
        case .nonPositiveFloorArea(let a): "floor area \(a) must be positive"
        }
    }
}
