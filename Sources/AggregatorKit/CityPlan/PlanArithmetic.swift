import GatewayCore

/// The plans' arithmetic, free of I/O: each formula here has a vector from the field brief in
/// `PlanArithmeticTests`.
public enum PlanArithmetic {
    /// 万m³ (10⁴ m³), the unit Kumamoto's KPI tables use.
    public static func manCubicMetres(_ volume: CubicMetres) -> Double { volume.value / 10_000 }

    /// A figure as the plan prints it (half away from zero).
    public static func printed(_ value: Double, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// (current − base) / (target − base), through GatewayCore's `KPITarget`; nil without a base and target.
    public static func achievement(current: Double, base: PlanFigure?, target: PlanFigure?,
                                   direction: KPIDirection) -> KPIAchievement? {
        guard let base, let target,
              let kpi = try? KPITarget<KPIValue>(baseline: .init(base.value), baselineYear: FiscalYear(base.year),
                                                 target: .init(target.value), targetYear: FiscalYear(target.year),
                                                 direction: direction) else { return nil }
        return kpi.achievement(.init(current))
    }

    /// The version of a factor series in force for a fiscal year: the latest one that applies from that year
    /// or before, so a version published later for later years never changes an earlier year's figure.
    public static func version(of series: EmissionFactorSeries, for year: FiscalYear) -> EmissionFactorVersion? {
        series.versions.last { $0.appliesFrom <= year } ?? series.versions.first
    }

    /// The factor in force for a fiscal year (kg-CO₂ per kWh or per MJ) and the version it came from.
    public static func factor(of series: EmissionFactorSeries, for year: FiscalYear) -> (version: EmissionFactorVersion, kgCO2PerUnit: Double)? {
        guard let version = version(of: series, for: year),
              let span = version.spans.first(where: { $0.from <= year && year <= $0.to }) else { return nil }
        return (version, span.kgCO2PerUnit)
    }

    /// CO₂ of electricity with the factor in force that year, through GatewayCore's `EmissionFactorTable`.
    public static func emissions(_ energy: KilowattHours, series: EmissionFactorSeries, year: FiscalYear) -> Emissions<KilowattHour>? {
        guard let (version, factor) = factor(of: series, for: year) else { return nil }
        let table = EmissionFactorTable<KilowattHour>(version: version.version, published: version.published, entries: [
            EmissionFactorEntry(supplier: series.supplier, fiscalYear: year, factor: EmissionFactor(factor)),
        ])
        return try? table.emissions(energy, supplier: series.supplier, fiscalYear: year)
    }

    /// CO₂ of heat (district heating is given per MJ) with the factor in force that year.
    public static func emissions(_ heat: Megajoules, series: EmissionFactorSeries, year: FiscalYear) -> Emissions<Megajoule>? {
        guard let (version, factor) = factor(of: series, for: year) else { return nil }
        let table = EmissionFactorTable<Megajoule>(version: version.version, published: version.published, entries: [
            EmissionFactorEntry(supplier: series.supplier, fiscalYear: year, factor: EmissionFactor(factor)),
        ])
        return try? table.emissions(heat, supplier: series.supplier, fiscalYear: year)
    }

    /// Share of PV generation used on site, in %: (generation − export) / generation.
    public static func selfConsumptionPercent(generation: KilowattHours, export: KilowattHours) -> Double? {
        guard generation.value > 0 else { return nil }
        return max(0, generation.value - export.value) / generation.value * 100
    }

    /// Energy-use intensity in kWh/m² of purchased electricity.
    public static func intensity(_ electricity: KilowattHours, floorArea: SquareMetres) -> Double? {
        guard floorArea.value > 0 else { return nil }
        return electricity.value / floorArea.value
    }

    /// Primary energy of purchased electricity (8.64 MJ/kWh day-time from FY2023, 9.76 before), through
    /// GatewayCore's `PrimaryEnergyFactorTable`, and its intensity in MJ/m².
    public static func primaryEnergy(_ electricity: KilowattHours, floorArea: SquareMetres,
                                     year: FiscalYear) -> (energy: Megajoules, intensity: EnergyUseIntensity?) {
        let table = PrimaryEnergyFactorTable.energyConservationAct
        return (table.primaryEnergy(electricity, in: year),
                try? EnergyUseIntensity(electricity: electricity, floorArea: floorArea, year: year, factors: table))
    }

    /// Hours a site ran on its own supply: an hour with grid import read as zero while generation ran.
    public static func hoursIslanded(imports: [HourAmount], generation: [HourAmount]) -> Int {
        let generating = Set(generation.filter { $0.amount > 0 }.map(\.hourStart))
        return imports.filter { $0.amount == 0 && generating.contains($0.hourStart) }.count
    }

    /// Flooded days from daily mean ponded depths, through GatewayCore's `FloodingRule`.
    public static func floodedDays(_ days: [DailyMean], minimumDepth: Metres, seasonCap: Int) -> FloodedDayTally? {
        let log = days.map { DailyPondedDepth(date: $0.date, depth: Millimetres(depthInMetres($0) * 1000)) }
        return try? FloodingRule(minimumDepth: Millimetres(minimumDepth.value * 1000), seasonCap: seasonCap).tally(log)
    }

    private static func depthInMetres(_ d: DailyMean) -> Double {
        switch d.unit {
        case "mm": d.mean / 1000
        case "cm": d.mean / 100
        default: d.mean
        }
    }

    /// An amount of energy as kWh, from the unit a board published it in; nil for a unit that is not one.
    public static func kilowattHours(_ amount: Double, unit: String?) -> KilowattHours? {
        switch unit {
        case "kWh", nil: KilowattHours(amount)
        case "Wh": KilowattHours(amount / 1000)
        case "MWh": KilowattHours(amount * 1000)
        default: HeatEnergy.megajoules(amount, unit: unit ?? "").map { KilowattHours($0 / 3.6) }
        }
    }

    /// A volume as m³, from the unit a board published it in.
    public static func cubicMetres(_ amount: Double, unit: String?) -> CubicMetres? {
        switch unit {
        case "m3", nil: CubicMetres(amount)
        case "l": CubicMetres(amount / 1000)
        default: nil
        }
    }
}
