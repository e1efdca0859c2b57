/// A city's plan KPIs for one fiscal year, each with what it was computed from.
public struct CityKPIReport: Codable, Sendable, Equatable {
    public var city: String
    public var cityName: String
    public var plan: String
    public var cityFile: String
    public var fiscalYear: Int
    public var from: String
    public var to: String
    public var kpis: [KPIFigure]
    public var sites: [SiteSection]
}

public struct KPIFigure: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Every feed reported and no reading its sequence numbers promise is missing.
        case complete
        /// Some feed is missing readings or reported nothing: the value is a lower bound, not the year's figure.
        case incomplete
        /// No feed reported anything in the year.
        case noData = "no-data"
    }

    public var id: String
    public var title: String
    public var method: String
    public var unit: String
    public var direction: String
    public var base: PlanFigure?
    public var target: PlanFigure?
    /// As the plan prints it (rounded to `decimals`); nil when there is nothing to compute from.
    public var value: Double?
    public var decimals: Int
    /// (value − base) / (target − base) in whole percent.
    public var achievementPercent: Int?
    public var status: Status
    /// For an incomplete figure: what is missing, and how much.
    public var incompleteness: String?
    /// Twelve entries, April to March, in the KPI's unit; nil for a month without data.
    public var monthly: [Double?]
    public var perSite: [SiteFigure]
    public var details: [Detail]
    public var provenance: Provenance

    public struct SiteFigure: Codable, Sendable, Equatable {
        public var site: String
        public var value: Double?
        public var note: String?
    }

    public struct Detail: Codable, Sendable, Equatable {
        public var name: String
        public var value: Double
        public var unit: String
    }

    public struct Provenance: Codable, Sendable, Equatable {
        public var method: String
        public var sites: [String]
        /// `site:channel (role)` of every feed.
        public var channels: [String]
        public var received: Int
        public var expected: Int
        /// received / expected over every feed, 0…1.
        public var completeness: Double
        /// Emission-factor versions that produced the figure (CO₂ KPIs), with their sources.
        public var factors: [FactorUse]
    }

    public struct FactorUse: Codable, Sendable, Equatable {
        public var series: String
        public var version: String
        public var source: String
        public var fiscalYear: Int
        public var kgCO2PerUnit: Double
        public var unit: String
    }

    /// The figure as printed: "1179.0", or "no data".
    public var shown: String {
        guard let value else { return "no data" }
        return fixed(value, decimals)
    }
}

public struct SiteSection: Codable, Sendable, Equatable {
    public var site: String
    public var facility: String
    public var channels: [ChannelCompleteness]
    public var boardHistory: [BoardStateChange]

    public struct ChannelCompleteness: Codable, Sendable, Equatable {
        public var channel: String
        public var received: Int
        public var expected: Int
        public var completeness: Double
    }
}
