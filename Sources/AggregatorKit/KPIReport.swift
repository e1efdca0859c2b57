import Foundation
import GRDB
import GatewayCore

/// Fiscal-year totals per site, as far as the received data supports them, and how complete that data is.
public struct KPIReport: Codable, Sendable, Equatable {
    public struct DeviceCompleteness: Codable, Sendable, Equatable {
        public var device: String
        public var state: String?
        /// Readings received in the fiscal year.
        public var received: Int
        /// Readings the channels' declared intervals say should exist from the board's first appearance (or the
        /// year start) to now (or the year end); see `DeclaredCompleteness`.
        public var expected: Int
        public var completeness: Double { expected == 0 ? 0 : Double(received) / Double(expected) }
        /// Records and status messages refused from this board in the year (by time of receipt): they named
        /// another board, or numbers or names were out of range.
        public var refused: Int = 0
        /// Readings kept aside (dated in the future or before the board could have taken them, or of unknown
        /// quality); not counted in any total.
        public var quarantined: Int = 0
        /// Readings that repeated the (channel, sequence) of a stored reading with another value: kept aside,
        /// not counted in any total (the version stored first is).
        public var conflicts: Int = 0
    }

    public struct SiteTotals: Codable, Sendable, Equatable {
        public var site: String
        public var kind: String?
        public var municipality: String?
        public var rechargeInflowCubicMetres: Double
        public var outflowCubicMetres: Double
        public var energyImportedKWh: Double
        public var energyExportedKWh: Double
        public var energyGeneratedKWh: Double
        /// Recharge by the board's water balance (inflow − outflow − evaporation − Δstorage), when it computes one.
        public var rechargeWaterBalanceCubicMetres: Double = 0
        public var heatMegajoules: Double = 0
        /// Highest 30-minute demand (デマンド) in the year.
        public var peakDemandKW: Double?
        /// Latest depth to water below the measuring point and groundwater elevation, for wells.
        public var latestDepthToWaterMetres: Double?
        public var latestGroundwaterElevationMetres: Double?
        public var devices: [DeviceCompleteness]
    }

    public var fiscalYear: Int
    public var from: String
    public var to: String
    public var sites: [SiteTotals]
}

extension AggregatorStore {
    /// Sums interval increments (SenML `v` of totalizer records) inside the fiscal year. Increments, unlike
    /// differences of running sums, are not disturbed by a board restart or a counter replacement. Reads the
    /// day rollups (`ReadingRollup`), never the readings: a fiscal year is a whole number of JST days. The
    /// increment read at t covers (t − interval, t]; the rollups count it in the day containing the instant just
    /// before t, which is the day containing its middle, t − interval/2, because boards sample totalizers on
    /// wall-clock multiples of their interval counted from JST midnight (every midnight, so every fiscal-year
    /// edge, is a sampling instant): the reading taken on the edge itself closes the year before it.
    /// Completeness is measured up to `now` (or the year end, if earlier).
    public func report(fiscalYear fy: FiscalYear) throws(AggregatorError) -> KPIReport {
        try report(fiscalYear: fy, asOf: .current)
    }

    /// The report as it stood at `now`: `SiteReportQuery`, the text PostgreSQL runs too.
    public func report(fiscalYear fy: FiscalYear, asOf now: UnixTime) throws(AggregatorError) -> KPIReport {
        do {
            let rows = try db.read { db in
                try Row.fetchAll(db, sql: SiteReportQuery.sql(fy)).map { row in
                    SiteReportQuery.Row(part: SiteReportQuery.Row.Part(rawValue: row["part"]) ?? .site, site: row["site"],
                                        device: row["device"], name: row["name"], unit: row["unit"], note: row["note"],
                                        x: row["x"], y: row["y"], n: row["n"], lo: row["lo"], hi: row["hi"], t1: row["t1"], t2: row["t2"])
                }
            }
            return SiteReportQuery.report(fy, asOf: now, rows: rows)
        } catch {
            throw AggregatorError("cannot compute report from \(path): \(error)")
        }
    }
}
