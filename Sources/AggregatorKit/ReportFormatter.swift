import Foundation

public enum ReportFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

extension KPIReport {
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .json:
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self) + "\n"
        case .csv:
            var out = "fiscal_year,site,kind,municipality,recharge_inflow_m3,outflow_m3,import_kwh,export_kwh,generation_kwh,devices,received,expected,completeness\n"
            for s in sites {
                let received = s.devices.reduce(0) { $0 + $1.received }
                let expected = s.devices.reduce(0) { $0 + $1.expected }
                let ratio = expected == 0 ? 0 : Double(received) / Double(expected)
                out += [String(fiscalYear), s.site, s.kind ?? "", s.municipality ?? "",
                        fixed(s.rechargeInflowCubicMetres, 3), fixed(s.outflowCubicMetres, 3),
                        fixed(s.energyImportedKWh, 3), fixed(s.energyExportedKWh, 3), fixed(s.energyGeneratedKWh, 3),
                        s.devices.map(\.device).joined(separator: " "), String(received), String(expected), fixed(ratio, 4)]
                    .joined(separator: ",") + "\n"
            }
            return out
        case .table:
            var out = "KPI report FY\(fiscalYear) (\(from) to \(to))\n"
            for s in sites {
                out += "\n\(s.site)  [\(s.kind ?? "?")\(s.municipality.map { ", " + $0 } ?? "")]\n"
                if s.kind == "recharge-paddy" || s.rechargeInflowCubicMetres > 0 || s.outflowCubicMetres > 0 {
                    out += "  recharge inflow   \(pad(fixed(s.rechargeInflowCubicMetres, 3), 14)) m3  (\(fixed(s.rechargeInflowCubicMetres / 10_000, 4)) 万m3)\n"
                    out += "  outflow           \(pad(fixed(s.outflowCubicMetres, 3), 14)) m3\n"
                }
                if s.kind == "building" || s.energyImportedKWh + s.energyExportedKWh + s.energyGeneratedKWh > 0 {
                    out += "  energy imported   \(pad(fixed(s.energyImportedKWh, 3), 14)) kWh\n"
                    out += "  energy exported   \(pad(fixed(s.energyExportedKWh, 3), 14)) kWh\n"
                    out += "  energy generated  \(pad(fixed(s.energyGeneratedKWh, 3), 14)) kWh\n"
                }
                for d in s.devices {
                    out += "  board \(d.device) (\(d.state ?? "unknown")): \(d.received)/\(d.expected) readings, \(fixed(d.completeness * 100, 1)) % complete\n"
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
