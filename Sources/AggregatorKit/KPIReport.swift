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

    /// The report as it stood at `now`.
    public func report(fiscalYear fy: FiscalYear, asOf now: UnixTime) throws(AggregatorError) -> KPIReport {
        do {
            return try db.read { db in
                let range: [DatabaseValueConvertible] = [fy.start.milliseconds, fy.end.milliseconds]
                var sites: [String: KPIReport.SiteTotals] = [:]
                func site(_ id: String) -> KPIReport.SiteTotals {
                    sites[id] ?? KPIReport.SiteTotals(site: id, rechargeInflowCubicMetres: 0, outflowCubicMetres: 0,
                                                      energyImportedKWh: 0, energyExportedKWh: 0, energyGeneratedKWh: 0, devices: [])
                }
                for row in try Row.fetchAll(db, sql: "SELECT DISTINCT site, site_kind, municipality FROM device") {
                    var s = site(row["site"])
                    s.kind = row["site_kind"]
                    s.municipality = row["municipality"]
                    sites[s.site] = s
                }
                let totals = try Row.fetchAll(db, sql: """
                    SELECT r.site AS site, c.role AS role, nullif(r.unit, '') AS unit, sum(r.increment_total) AS total
                    FROM rollup_day r JOIN channel c ON c.device = r.device AND c.channel = r.channel
                    WHERE r.bucket_ms >= ? AND r.bucket_ms < ?
                    GROUP BY r.site, c.role, r.unit
                    """, arguments: StatementArguments(range))
                for row in totals {
                    var s = site(row["site"])
                    let total: Double = row["total"] ?? 0
                    let unit: String = row["unit"] ?? ""
                    let role: String? = row["role"]
                    let m3 = unit == "l" ? total / 1000 : total
                    let kWh = unit == "Wh" ? total / 1000 : (unit == "MWh" ? total * 1000 : total)
                    switch role {
                    case "inflow": s.rechargeInflowCubicMetres += m3
                    case "outflow": s.outflowCubicMetres += m3
                    case "import": s.energyImportedKWh += kWh
                    case "export": s.energyExportedKWh += kWh
                    case "generation": s.energyGeneratedKWh += kWh
                    default: break
                    }
                    sites[s.site] = s
                }
                // Quantities the boards derived, identified by what their birth message says they are.
                let derived = try Row.fetchAll(db, sql: """
                    SELECT r.site AS site, c.channel AS channel, c.quantity AS quantity, nullif(r.unit, '') AS unit,
                           sum(r.value_total) AS total, max(r.value_max) AS peak
                    FROM rollup_day r JOIN channel c ON c.device = r.device AND c.channel = r.channel
                    WHERE r.bucket_ms >= ? AND r.bucket_ms < ? AND c.driver LIKE 'derived:%'
                    GROUP BY r.site, c.channel, c.quantity, r.unit
                    """, arguments: StatementArguments(range))
                for row in derived {
                    var s = site(row["site"])
                    let channel: String = row["channel"]
                    let quantity: String = row["quantity"]
                    switch quantity {
                    case "volume": s.rechargeWaterBalanceCubicMetres += row["total"] ?? 0
                    case "heat":
                        // Boards publish heat in J (RFC 8428's registered unit); older firmware sent MJ.
                        s.heatMegajoules += HeatEnergy.megajoules(row["total"] ?? 0, unit: row["unit"] ?? "MJ") ?? 0
                    case "demand" where !channel.hasSuffix("-predicted"):
                        s.peakDemandKW = max(s.peakDemandKW ?? 0, row["peak"] ?? 0)
                    default: break
                    }
                    sites[s.site] = s
                }
                let latest = try Row.fetchAll(db, sql: """
                    SELECT r.site AS site, r.channel AS channel, r.latest_value AS value FROM rollup_day r
                    WHERE r.channel IN ('depth-below-mp', 'groundwater-elevation') AND r.latest_fault = 0
                      AND r.bucket_ms >= ? AND r.bucket_ms < ?
                      AND r.latest_t_ms = (SELECT max(latest_t_ms) FROM rollup_day x WHERE x.device = r.device
                                           AND x.channel = r.channel AND x.latest_fault = 0
                                           AND x.bucket_ms >= ? AND x.bucket_ms < ?)
                    """, arguments: StatementArguments(range + range))
                for row in latest {
                    var s = site(row["site"])
                    if (row["channel"] as String) == "depth-below-mp" { s.latestDepthToWaterMetres = row["value"] }
                    else { s.latestGroundwaterElevationMetres = row["value"] }
                    sites[s.site] = s
                }
                for b in try DeclaredCompleteness.boards(db, yearStart: fy.start, yearEnd: fy.end, asOf: now) {
                    var s = site(b.site)
                    s.devices.append(KPIReport.DeviceCompleteness(device: b.device, state: b.state,
                                                                  received: b.received, expected: b.expected))
                    sites[s.site] = s
                }
                for counts in try IntakeLedger.counts(db, from: fy.start, to: fy.end) {
                    var s = site(counts.site)
                    let refused = counts.refused.values.reduce(0, +), quarantined = counts.quarantined.values.reduce(0, +)
                    if let i = s.devices.firstIndex(where: { $0.device == counts.device }) {
                        s.devices[i].refused = refused
                        s.devices[i].quarantined = quarantined
                    } else {
                        let state = try String.fetchOne(db, sql: "SELECT state FROM device WHERE device = ?", arguments: [counts.device])
                        s.devices.append(KPIReport.DeviceCompleteness(device: counts.device, state: state, received: 0, expected: 0,
                                                                      refused: refused, quarantined: quarantined))
                        s.devices.sort { $0.device < $1.device }
                    }
                    sites[s.site] = s
                }
                for c in try ConflictingReadings.counts(db, from: fy.start, to: fy.end) {
                    var s = site(c.site)
                    if let i = s.devices.firstIndex(where: { $0.device == c.device }) {
                        s.devices[i].conflicts = c.count
                    } else {
                        let state = try String.fetchOne(db, sql: "SELECT state FROM device WHERE device = ?", arguments: [c.device])
                        s.devices.append(KPIReport.DeviceCompleteness(device: c.device, state: state, received: 0, expected: 0,
                                                                      conflicts: c.count))
                        s.devices.sort { $0.device < $1.device }
                    }
                    sites[s.site] = s
                }
                return KPIReport(fiscalYear: fy.startYear,
                                 from: CivilTime.jst(fy.start).iso8601 + "+09:00",
                                 to: CivilTime.jst(fy.end).iso8601 + "+09:00",
                                 sites: sites.values.sorted { $0.site < $1.site })
            }
        } catch {
            throw AggregatorError("cannot compute report from \(path): \(error)")
        }
    }
}
