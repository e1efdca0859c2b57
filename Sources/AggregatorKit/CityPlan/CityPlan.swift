import GatewayCore

/// One city's plan as the city file states it: the KPIs its plan measures itself by, the sites that feed
/// them with what the arithmetic needs to know about each, and the emission factors it applies.
public struct CityPlan: Sendable, Equatable {
    public var file: String
    public var id: String
    public var name: String
    /// The plan the KPIs come from, as it is cited ("Kumamoto SDGs Future City, progress sheet Sept 2020").
    public var plan: String
    public var sites: [PlanSite]
    public var emissionFactors: [EmissionFactorSeries]
    public var kpis: [PlanKPI]

    public func site(_ id: String) -> PlanSite? { sites.first { $0.id == id } }
    public func factors(_ id: String) -> EmissionFactorSeries? { emissionFactors.first { $0.id == id } }
}

/// What a KPI needs to know about a site beyond its readings.
public struct PlanSite: Sendable, Equatable {
    public enum Facility: String, Sendable, CaseIterable, Codable {
        case rechargePaddy = "recharge-paddy", well, building, shelter, plant
    }
    public var id: String
    public var facility: Facility
    public var name: String?
    public var paddyArea: SquareMetres?
    public var floorArea: SquareMetres?
    public var publicBuilding: Bool
    public var disasterBase: Bool
    public var pvCapacityKW: Double?
    /// A day counts as flooded when the paddy level's daily mean is at least this deep.
    public var floodedDepthMinimum: Metres?
    public var seasonCapDays: Int?
}

/// Which sum of readings a KPI is: the plan's own arithmetic, each one a method with a fixed meaning.
public enum KPIMethod: String, Sendable, CaseIterable, Codable {
    /// Σ water-balance recharge (inflow − outflow − evaporation − Δstorage, computed on the boards), in 万m³.
    case rechargeWaterBalance = "recharge-water-balance"
    /// Days the paddy held at least its minimum ponded depth (daily mean), capped per season, per site.
    case floodedDays = "flooded-days"
    /// Σ energy × the emission factor in force that fiscal year, in t-CO₂.
    case co2 = "co2"
    /// Σ generation in MWh.
    case pvGeneration = "pv-generation"
    /// Share of generation used on site: (generation − export) / generation, in %.
    case pvSelfConsumption = "pv-self-consumption"
    /// Public buildings with PV whose generation meter reported in the year.
    case publicBuildingsWithPV = "public-buildings-with-pv"
    /// Σ energy in MWh (a retailer's sales, a district's consumption).
    case energyTotal = "energy-total"
    /// Σ purchased electricity / Σ floor area, in kWh/m² (primary energy alongside, with the factor in force).
    case energyUseIntensity = "energy-use-intensity"
    /// Disaster bases whose supply is metered (their feeds reported in the year).
    case disasterBasesMetered = "disaster-bases-metered"
    /// Hours a disaster base ran on its own supply: no grid import in the hour while its generation ran.
    case hoursIslanded = "hours-islanded"

    /// The unit the figure comes out in; the city file must state the same one.
    public var unit: String {
        switch self {
        case .rechargeWaterBalance: "万m3"
        case .floodedDays: "days"
        case .co2: "t-CO2"
        case .pvGeneration, .energyTotal: "MWh"
        case .pvSelfConsumption: "%"
        case .publicBuildingsWithPV, .disasterBasesMetered: "count"
        case .energyUseIntensity: "kWh/m2"
        case .hoursIslanded: "h"
        }
    }

    /// Decimals the plans print the figure with.
    public var decimals: Int {
        switch self {
        case .rechargeWaterBalance, .co2, .pvGeneration, .energyTotal, .pvSelfConsumption, .energyUseIntensity: 1
        case .floodedDays, .publicBuildingsWithPV, .disasterBasesMetered, .hoursIslanded: 0
        }
    }
}

/// What a feed's readings are to the KPI.
public enum FeedRole: String, Sendable, CaseIterable, Codable {
    case volume, level, electricity, heat, generation, export, `import`
}

/// One channel of one site that feeds a KPI.
public struct KPIFeed: Sendable, Equatable, Codable {
    public var site: String
    public var channel: String
    public var role: FeedRole
    /// The emission-factor series that converts this feed (CO₂ KPIs only).
    public var factors: String?
}

public struct PlanFigure: Sendable, Equatable, Codable {
    public var year: Int
    public var value: Double
    public init(year: Int, value: Double) {
        self.year = year
        self.value = value
    }
}

public struct PlanKPI: Sendable, Equatable {
    public var id: String
    public var title: String
    public var method: KPIMethod
    public var unit: String
    public var direction: KPIDirection
    public var base: PlanFigure?
    public var target: PlanFigure?
    /// CO₂ KPIs: the year whose emission factors the same energy is also converted with, to separate what the
    /// buildings did from what the supplier's factor did (default: the base year).
    public var factorBaseYear: Int?
    public var feeds: [KPIFeed]
}

/// What an emission factor converts: electricity (kg-CO₂/kWh) or heat (kg-CO₂/MJ).
public enum FactorEnergy: String, Sendable, CaseIterable, Codable {
    case electricity, heat
    public var factorUnit: String { self == .electricity ? "kg-CO2/kWh" : "kg-CO2/MJ" }
    public var key: String { self == .electricity ? "kg-co2-per-kwh" : "kg-co2-per-mj" }
}

/// One supplier's factors as successive published versions. A version applies to the fiscal years from
/// `appliesFrom` on, so publishing a new one never changes a report for a year before it.
public struct EmissionFactorSeries: Sendable, Equatable {
    public var id: String
    public var energy: FactorEnergy
    public var supplier: String
    public var versions: [EmissionFactorVersion]
    public init(id: String, energy: FactorEnergy, supplier: String, versions: [EmissionFactorVersion]) {
        self.id = id
        self.energy = energy
        self.supplier = supplier
        self.versions = versions
    }
}

public struct EmissionFactorVersion: Sendable, Equatable {
    public var version: String
    public var source: String
    public var published: CivilDate
    public var appliesFrom: FiscalYear
    /// Factor per fiscal-year span (inclusive), in kg-CO₂ per kWh or per MJ.
    public var spans: [FactorSpan]
    public init(version: String, source: String, published: CivilDate, appliesFrom: FiscalYear, spans: [FactorSpan]) {
        self.version = version
        self.source = source
        self.published = published
        self.appliesFrom = appliesFrom
        self.spans = spans
    }
}

public struct FactorSpan: Sendable, Equatable {
    public var from: FiscalYear
    public var to: FiscalYear
    public var kgCO2PerUnit: Double
    public init(from: FiscalYear, to: FiscalYear, kgCO2PerUnit: Double) {
        self.from = from
        self.to = to
        self.kgCO2PerUnit = kgCO2PerUnit
    }
}

extension KPIDirection: CaseIterable {
    public static var allCases: [KPIDirection] { [.higherIsBetter, .lowerIsBetter] }
}
