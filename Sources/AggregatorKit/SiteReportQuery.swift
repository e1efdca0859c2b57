import GatewayCore

/// The per-site fiscal-year report (`KPIReport`) as one SQL text that both stores run, and the arithmetic
/// that turns its rows into the report, so SQLite and PostgreSQL give the same report from the same data.
///
/// The query reads the rollups (`ReadingRollup`), never the readings: the year's day rows give the sums per
/// site and role (inflow, outflow, import, export, generation), the derived channels' sums and peaks (water
/// balance recharge, heat, demand), a well's latest depth, and each board's received readings and sequence span
/// per channel; each board's first hour with a reading is one index seek into the hour rows per channel. The
/// boards' declared intervals, states and first contact, and the year's refusals, quarantined and conflicting
/// readings, come from their small tables. The year's edges are written into the text (whole numbers), so the
/// text has no parameters and no dialect: it is plain SQL both SQLite 3.40 and PostgreSQL 15 read the same way
/// (typed NULLs so PostgreSQL can match the branches of the union, `substr` rather than `LIKE`, whose case
/// rules differ). `CROSS JOIN … WHERE` is an inner join in both; it makes SQLite read the rollups channel by channel
/// along their key (3 times faster than by the bucket index, and a few channels instead of the year where only
/// derived channels or wells count), and PostgreSQL plans it as any join. Rows come back in no particular order;
/// `report` sorts them before summing.
enum SiteReportQuery {
    /// One row of the query. Which fields a row fills depends on its `part`.
    struct Row: Sendable, Equatable {
        enum Part: String, Sendable, Comparable {
            /// `name`: the site's kind, `note`: its municipality.
            case site
            /// `name`: the channel's role, `unit`, `x`: Σ increments.
            case total
            /// `name`: the channel, `note`: its quantity, `unit`, `x`: Σ values, `y`: the highest value.
            case derived
            /// `device`, `name`: the channel, `x`: the newest good value, `t1`: its time.
            case latest
            /// `device`, `name`: a channel it declares or sent, `note`: its state, `x`: the declared interval (s),
            /// `n`, `lo`, `hi`: readings received and sequences seen in the year, `t1`: first contact,
            /// `t2`: the hour of its first reading.
            case board
            /// `device`, `name`: why, `note`: its state, `x`: records refused.
            case refused
            /// `device`, `name`: why, `note`: its state, `n`: readings kept aside.
            case quarantined
            /// `device`, `note`: its state, `n`: conflicting versions kept aside.
            case conflicting

            static func < (a: Self, b: Self) -> Bool { a.order < b.order }
            private var order: Int {
                switch self {
                case .site: 0
                case .total: 1
                case .derived: 2
                case .latest: 3
                case .board: 4
                case .refused: 5
                case .quarantined: 6
                case .conflicting: 7
                }
            }
        }

        var part: Part
        var site: String
        var device: String?
        var name: String?
        var unit: String?
        var note: String?
        var x: Double?
        var y: Double?
        var n: Int64?
        var lo: Int64?
        var hi: Int64?
        var t1: Int64?
        var t2: Int64?

        /// The order the report sums rows in, the same in either store: by part, site, board, name, unit, note.
        static func inSummingOrder(_ a: Row, _ b: Row) -> Bool {
            let x = (a.part, a.site, a.device ?? "", a.name ?? ""), y = (b.part, b.site, b.device ?? "", b.name ?? "")
            if x != y { return x < y }
            return (a.unit ?? "", a.note ?? "", a.t1 ?? .min) < (b.unit ?? "", b.note ?? "", b.t1 ?? .min)
        }
    }

    /// The columns of every row, in order: part, site, device, name, unit, note, x, y, n, lo, hi, t1, t2.
    static let columns = ["part", "site", "device", "name", "unit", "note", "x", "y", "n", "lo", "hi", "t1", "t2"]

    /// The query for fiscal year `fy`.
    static func sql(_ fy: FiscalYear) -> String {
        let day = ReadingRollup.Resolution.day.table, hour = ReadingRollup.Resolution.hour.table
        let from = fy.start.milliseconds, to = fy.end.milliseconds
        let inYear = { (table: String) in "\(table).bucket_ms >= \(from) AND \(table).bucket_ms < \(to)" }
        let text = "CAST(NULL AS TEXT)", real = "CAST(NULL AS DOUBLE PRECISION)", int = "CAST(NULL AS BIGINT)"
        let state = { (device: String) in "(SELECT d.state FROM device d WHERE d.device = \(device))" }
        return """
            WITH seen AS (
                SELECT device, channel, min(site) AS site, sum(n) AS n, min(lo_seq) AS lo, max(hi_seq) AS hi
                FROM \(day) r WHERE \(inYear("r")) GROUP BY device, channel
            ), board AS (
                -- a board with readings in the year, or one whose status declared channels (at the site it names)
                SELECT b.device, coalesce((SELECT min(d.site) FROM device d WHERE d.device = b.device
                                                AND EXISTS (SELECT 1 FROM channel c WHERE c.device = b.device)),
                                          (SELECT min(s.site) FROM seen s WHERE s.device = b.device)) AS site
                FROM (SELECT device FROM seen UNION SELECT device FROM channel) AS b
                WHERE EXISTS (SELECT 1 FROM seen s WHERE s.device = b.device) OR EXISTS (SELECT 1 FROM device d WHERE d.device = b.device)
            ), first_hour AS (
                -- each board's first hour with a reading: per channel and unit, the first row of the hour table's key
                SELECT f.device, min(f.first_ms) AS first_ms FROM (
                    SELECT k.device, (SELECT min(h.bucket_ms) FROM \(hour) h
                                      WHERE h.device = k.device AND h.channel = k.channel AND h.unit = k.unit) AS first_ms
                    FROM (SELECT DISTINCT device, channel, unit FROM \(day)) AS k) AS f
                GROUP BY f.device
            )
            SELECT DISTINCT 'site' AS part, site, \(text) AS device, site_kind AS name, \(text) AS unit, municipality AS note,
                   \(real) AS x, \(real) AS y, \(int) AS n, \(int) AS lo, \(int) AS hi, \(int) AS t1, \(int) AS t2
            FROM device
            UNION ALL
            SELECT 'total', r.site, \(text), c.role, nullif(r.unit, ''), \(text), sum(r.increment_total), \(real), \(int), \(int), \(int), \(int), \(int)
            FROM channel c CROSS JOIN \(day) r
            WHERE r.device = c.device AND r.channel = c.channel AND \(inYear("r")) GROUP BY r.site, c.role, r.unit
            UNION ALL
            SELECT 'derived', r.site, \(text), c.channel, nullif(r.unit, ''), c.quantity, sum(r.value_total), max(r.value_max),
                   \(int), \(int), \(int), \(int), \(int)
            FROM channel c CROSS JOIN \(day) r
            WHERE substr(c.driver, 1, 8) = 'derived:' AND r.device = c.device AND r.channel = c.channel AND \(inYear("r"))
            GROUP BY r.site, c.channel, c.quantity, r.unit
            UNION ALL
            SELECT 'latest', r.site, r.device, r.channel, \(text), \(text), r.latest_value, \(real), \(int), \(int), \(int), r.latest_t_ms, \(int)
            FROM seen k CROSS JOIN \(day) r
            WHERE k.channel IN ('depth-below-mp', 'groundwater-elevation') AND r.device = k.device AND r.channel = k.channel
              AND r.latest_fault = 0 AND \(inYear("r"))
              AND r.latest_t_ms = (SELECT max(x.latest_t_ms) FROM \(day) x WHERE x.device = r.device AND x.channel = r.channel
                                   AND x.latest_fault = 0 AND \(inYear("x")))
            UNION ALL
            SELECT 'board', b.site, b.device, k.channel, \(text), \(state("b.device")), c.interval_s, \(real), s.n, s.lo, s.hi,
                   (SELECT f.first_seen_ms FROM board_seen f WHERE f.device = b.device), h.first_ms
            FROM board b
            JOIN (SELECT device, channel FROM seen UNION SELECT device, channel FROM channel) AS k ON k.device = b.device
            LEFT JOIN seen s ON s.device = k.device AND s.channel = k.channel
            LEFT JOIN channel c ON c.device = k.device AND c.channel = k.channel
            LEFT JOIN first_hour h ON h.device = b.device
            UNION ALL
            SELECT 'refused', i.site, i.device, i.reason, \(text), \(state("i.device")), sum(CAST(i.records AS DOUBLE PRECISION)), \(real),
                   \(int), \(int), \(int), \(int), \(int)
            FROM intake_refusal i WHERE i.received_ms >= \(from) AND i.received_ms < \(to) GROUP BY i.device, i.site, i.reason
            UNION ALL
            SELECT 'quarantined', q.site, q.device, q.reason, \(text), \(state("q.device")), \(real), \(real), count(*), \(int), \(int), \(int), \(int)
            FROM quarantined_reading q WHERE q.received_ms >= \(from) AND q.received_ms < \(to) GROUP BY q.device, q.site, q.reason
            UNION ALL
            SELECT 'conflicting', k.site, k.device, \(text), \(text), \(state("k.device")), \(real), \(real), count(*), \(int), \(int), \(int), \(int)
            FROM conflicting_reading k WHERE k.t_ms >= \(from) AND k.t_ms < \(to) GROUP BY k.site, k.device
            """
    }

    /// The report of `fy` as it stood at `now` from the query's rows (in any order).
    static func report(_ fy: FiscalYear, asOf now: UnixTime, rows unordered: [Row]) -> KPIReport {
        let rows = unordered.sorted(by: Row.inSummingOrder)
        var sites: [String: KPIReport.SiteTotals] = [:]
        func site(_ id: String) -> KPIReport.SiteTotals { sites[id] ?? emptySite(id) }
        var latestTime: [String: Int64] = [:]
        var boards: [(site: String, device: String, rows: [Row])] = []
        for row in rows {
            var s = site(row.site)
            switch row.part {
            case .site:
                s.kind = row.name
                s.municipality = row.note
            case .total:
                let total = row.x ?? 0, unit = row.unit ?? ""
                let m3 = unit == "l" ? total / 1000 : total
                let kWh = unit == "Wh" ? total / 1000 : (unit == "MWh" ? total * 1000 : total)
                switch row.name {
                case "inflow": s.rechargeInflowCubicMetres += m3
                case "outflow": s.outflowCubicMetres += m3
                case "import": s.energyImportedKWh += kWh
                case "export": s.energyExportedKWh += kWh
                case "generation": s.energyGeneratedKWh += kWh
                default: break
                }
            case .derived:
                // Quantities the boards derived, identified by what their birth message says they are.
                switch row.note {
                case "volume": s.rechargeWaterBalanceCubicMetres += row.x ?? 0
                case "heat":
                    // Boards publish heat in J (RFC 8428's registered unit); older firmware sent MJ.
                    s.heatMegajoules += HeatEnergy.megajoules(row.x ?? 0, unit: row.unit ?? "MJ") ?? 0
                case "demand" where !(row.name ?? "").hasSuffix("-predicted"):
                    s.peakDemandKW = max(s.peakDemandKW ?? 0, row.y ?? 0)
                default: break
                }
            case .latest:
                // The site's newest good well reading stands (of its latest boards, the last by name).
                let key = row.site + "\u{0}" + (row.name ?? ""), t = row.t1 ?? .min
                guard t >= latestTime[key, default: .min] else { continue }
                latestTime[key] = t
                if row.name == "depth-below-mp" { s.latestDepthToWaterMetres = row.x } else { s.latestGroundwaterElevationMetres = row.x }
            case .board:
                if boards.last?.device == row.device { boards[boards.count - 1].rows.append(row) }
                else { boards.append((row.site, row.device ?? "", [row])) }
            case .refused, .quarantined, .conflicting:
                break
            }
            sites[row.site] = s
        }
        for board in boards {
            var s = site(board.site)
            s.devices.append(completeness(board.device, board.rows, fy, asOf: now))
            sites[s.site] = s
        }
        // A board's refusals and quarantined readings, under the site of the first of its rows.
        var ledger: [String: (site: String, state: String?, refused: Int, quarantined: Int)] = [:]
        for row in rows where row.part == .refused || row.part == .quarantined {
            let device = row.device ?? ""
            var entry = ledger[device] ?? (row.site, row.note, 0, 0)
            if row.part == .refused { entry.refused += clampedCount(row.x) } else { entry.quarantined += clampedCount(row.n.map(Double.init)) }
            ledger[device] = entry
        }
        for (device, entry) in ledger.sorted(by: { $0.key < $1.key }) {
            update(&sites, entry.site, device, entry.state) { $0.refused = entry.refused; $0.quarantined = entry.quarantined }
        }
        for row in rows where row.part == .conflicting {
            update(&sites, row.site, row.device ?? "", row.note) { $0.conflicts = Int(clamping: row.n ?? 0) }
        }
        return KPIReport(fiscalYear: fy.startYear,
                         from: CivilTime.jst(fy.start).iso8601 + "+09:00",
                         to: CivilTime.jst(fy.end).iso8601 + "+09:00",
                         sites: sites.values.sorted { $0.site < $1.site })
    }

    private static func emptySite(_ id: String) -> KPIReport.SiteTotals {
        KPIReport.SiteTotals(site: id, rechargeInflowCubicMetres: 0, outflowCubicMetres: 0,
                             energyImportedKWh: 0, energyExportedKWh: 0, energyGeneratedKWh: 0, devices: [])
    }

    /// One board's readings received and expected in the year (`DeclaredCompleteness`), from its rows.
    private static func completeness(_ device: String, _ rows: [Row], _ fy: FiscalYear,
                                     asOf now: UnixTime) -> KPIReport.DeviceCompleteness {
        let appeared = DeclaredCompleteness.appearance(firstSeen: rows[0].t1.map(UnixTime.init(milliseconds:)),
                                                       firstReadingHour: rows[0].t2.map(UnixTime.init(milliseconds:)))
        var received = 0, expected = 0
        for row in rows {
            let n = Int(clamping: row.n ?? 0)
            let span = row.lo.flatMap { lo in row.hi.map { hi in clampedCount(Double(hi) - Double(lo) + 1) } } ?? 0
            let interval = row.x.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
            expected = expected.addingClamped(DeclaredCompleteness.expected(received: n, sequenceSpan: span, interval: interval,
                                                                            appeared: appeared, yearStart: fy.start,
                                                                            yearEnd: fy.end, asOf: now))
            received = received.addingClamped(n)
        }
        return KPIReport.DeviceCompleteness(device: device, state: rows[0].note, received: received, expected: expected)
    }

    /// Sets a board's counts, adding the board (with no readings) to its site if the site does not list it.
    private static func update(_ sites: inout [String: KPIReport.SiteTotals], _ id: String, _ device: String, _ state: String?,
                               _ change: (inout KPIReport.DeviceCompleteness) -> Void) {
        var s = sites[id] ?? emptySite(id)
        if let i = s.devices.firstIndex(where: { $0.device == device }) {
            change(&s.devices[i])
        } else {
            var d = KPIReport.DeviceCompleteness(device: device, state: state, received: 0, expected: 0)
            change(&d)
            s.devices.append(d)
            s.devices.sort { $0.device < $1.device }
        }
        sites[id] = s
    }
}

private extension Int {
    func addingClamped(_ x: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(x)
        return overflow ? Int.max : sum
    }
}
