import Foundation

public enum ReportFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

extension KPIReport {
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .json:
            return reportJSON(self)
        case .csv:
            var out = "fiscal_year,site,kind,municipality,recharge_inflow_m3,outflow_m3,recharge_balance_m3,import_kwh,export_kwh,generation_kwh,peak_demand_kw,heat_mj,devices,received,expected,completeness,refused,quarantined,conflicts\n"
            for s in sites {
                let received = s.devices.reduce(0) { $0 + $1.received }
                let expected = s.devices.reduce(0) { $0 + $1.expected }
                let ratio = expected == 0 ? 0 : Double(received) / Double(expected)
                out += [String(fiscalYear), s.site, s.kind ?? "", s.municipality ?? "",
                        fixed(s.rechargeInflowCubicMetres, 3), fixed(s.outflowCubicMetres, 3),
                        fixed(s.rechargeWaterBalanceCubicMetres, 3),
                        fixed(s.energyImportedKWh, 3), fixed(s.energyExportedKWh, 3), fixed(s.energyGeneratedKWh, 3),
                        s.peakDemandKW.map { fixed($0, 3) } ?? "", fixed(s.heatMegajoules, 3),
                        s.devices.map(\.device).joined(separator: " "), String(received), String(expected), fixed(ratio, 4),
                        String(s.devices.reduce(0) { $0 + $1.refused }), String(s.devices.reduce(0) { $0 + $1.quarantined }),
                        String(s.devices.reduce(0) { $0 + $1.conflicts })]
                    .joined(separator: ",") + "\n"
            }
            return out
        case .table:
            var out = "KPI report FY\(fiscalYear) (\(from) to \(to))\n"
            for s in sites {
                out += "\n\(s.site)  [\(s.kind ?? "?")\(s.municipality.map { ", " + $0 } ?? "")]\n"
                if s.kind == "recharge-paddy" || s.rechargeInflowCubicMetres > 0 || s.outflowCubicMetres > 0 {
                    // Metered intake is what entered the paddy, not recharge: recharge is the water balance below.
                    out += "  metered intake    \(pad(fixed(s.rechargeInflowCubicMetres, 3), 14)) m3  (inflow meter)\n"
                    out += "  outflow           \(pad(fixed(s.outflowCubicMetres, 3), 14)) m3\n"
                    out += "  recharge (balance)\(pad(fixed(s.rechargeWaterBalanceCubicMetres, 3), 14)) m3  (\(fixed(s.rechargeWaterBalanceCubicMetres / 10_000, 1)) 万m3, water balance computed on the board)\n"
                }
                if let depth = s.latestDepthToWaterMetres {
                    out += "  depth to water    \(pad(fixed(depth, 3), 14)) m below measuring point (latest)\n"
                }
                if let elevation = s.latestGroundwaterElevationMetres {
                    out += "  groundwater elev. \(pad(fixed(elevation, 3), 14)) m (latest)\n"
                }
                if s.kind == "building" || s.energyImportedKWh + s.energyExportedKWh + s.energyGeneratedKWh > 0 {
                    out += "  energy imported   \(pad(fixed(s.energyImportedKWh, 3), 14)) kWh\n"
                    out += "  energy exported   \(pad(fixed(s.energyExportedKWh, 3), 14)) kWh\n"
                    out += "  energy generated  \(pad(fixed(s.energyGeneratedKWh, 3), 14)) kWh\n"
                    if let peak = s.peakDemandKW { out += "  peak demand       \(pad(fixed(peak, 3), 14)) kW (30-minute)\n" }
                }
                if s.heatMegajoules > 0 {
                    out += "  heat              \(pad(fixed(s.heatMegajoules, 3), 14)) MJ  (\(fixed(s.heatMegajoules / 3.6, 3)) kWh)\n"
                }
                for d in s.devices {
                    out += "  board \(d.device) (\(d.state ?? "unknown")): \(d.received)/\(d.expected) readings, \(fixed(d.completeness * 100, 1)) % complete"
                    if d.refused > 0 { out += ", \(d.refused) refused" }
                    if d.quarantined > 0 { out += ", \(d.quarantined) quarantined (not counted)" }
                    if d.conflicts > 0 { out += ", \(d.conflicts) conflicting duplicates (kept aside, not counted)" }
                    out += "\n"
                }
            }
            return out
        }
    }
}

func fixed(_ v: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", v)
}

func pad(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - s.count)) + s
}

extension KPIReport {
    /// Totals that are not finite numbers, as "site: field". Intake bounds every value, so only readings
    /// stored before those bounds existed can produce one; a report with any is not a report to file.
    public var nonFiniteTotals: [String] {
        var out: [String] = []
        for s in sites {
            let fields: [(String, Double?)] = [
                ("recharge inflow", s.rechargeInflowCubicMetres), ("outflow", s.outflowCubicMetres),
                ("recharge balance", s.rechargeWaterBalanceCubicMetres), ("energy imported", s.energyImportedKWh),
                ("energy exported", s.energyExportedKWh), ("energy generated", s.energyGeneratedKWh),
                ("heat", s.heatMegajoules), ("peak demand", s.peakDemandKW), ("depth to water", s.latestDepthToWaterMetres),
                ("groundwater elevation", s.latestGroundwaterElevationMetres),
            ]
            for (name, v) in fields where v.map({ !$0.isFinite }) ?? false { out.append("\(s.site): \(name)") }
        }
        return out
    }
}
