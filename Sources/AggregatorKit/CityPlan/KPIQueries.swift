import GatewayCore

/// The few questions the city's KPIs ask of the store. The KPI code depends on this and nothing else;
/// `StoredKPIs` answers them from either store's rollups.
public protocol KPIQueries: Sendable {
    /// Σ of a channel's interval amounts (SenML `v`, faults left out) per JST month of the fiscal year, April
    /// first; nil for a month with no reading. Amounts in the unit the readings carry (`unit`).
    func monthlyTotals(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> ChannelMonths
    /// Σ per JST hour (hours with readings only), for hour-by-hour KPIs such as hours islanded.
    func hourlyTotals(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> [HourAmount]
    /// Mean of a level channel per JST day (days with good readings only).
    func dailyMeans(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> [DailyMean]
    /// Readings received against readings taken (by sequence numbers) in the fiscal year.
    func completeness(site: String, channel: String, in year: FiscalYear) throws(AggregatorError) -> FeedCompleteness
    /// Online/offline changes of the site's boards in the fiscal year, oldest first, with each board's state
    /// when the year began.
    func boardHistory(site: String, in year: FiscalYear) throws(AggregatorError) -> [BoardStateChange]
}

public struct ChannelMonths: Sendable, Equatable, Codable {
    public var unit: String?
    /// Twelve entries, April to March.
    public var amounts: [Double?]
    public init(unit: String?, amounts: [Double?]) {
        self.unit = unit
        self.amounts = amounts
    }
    public var total: Double? { amounts.contains { $0 != nil } ? amounts.reduce(0) { $0 + ($1 ?? 0) } : nil }
}

public struct HourAmount: Sendable, Equatable {
    public var hourStart: UnixTime
    public var amount: Double
    public init(hourStart: UnixTime, amount: Double) {
        self.hourStart = hourStart
        self.amount = amount
    }
}

public struct DailyMean: Sendable, Equatable {
    public var date: CivilDate
    public var mean: Double
    public var unit: String?
    public init(date: CivilDate, mean: Double, unit: String?) {
        self.date = date
        self.mean = mean
        self.unit = unit
    }
}

public struct FeedCompleteness: Sendable, Equatable, Codable {
    public var received: Int
    public var expected: Int
    /// The start of the first JST day with a reading, and the newest reading.
    public var first: UnixTime?
    public var last: UnixTime?
    public init(received: Int, expected: Int, first: UnixTime?, last: UnixTime?) {
        self.received = received
        self.expected = expected
        self.first = first
        self.last = last
    }
    public var ratio: Double { expected == 0 ? 0 : Double(received) / Double(expected) }
    public var missing: Int { max(0, expected - received) }

    enum CodingKeys: String, CodingKey { case received, expected }
}

public struct BoardStateChange: Sendable, Equatable, Codable {
    public var device: String
    public var state: String
    public var at: Int64
    public init(device: String, state: String, atMilliseconds: Int64) {
        self.device = device
        self.state = state
        self.at = atMilliseconds
    }
}
