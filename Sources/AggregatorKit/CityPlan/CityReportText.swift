import Foundation

extension CityKPIReport {
    /// JSON with sorted keys: what the pages' test compares the rendered DOM against.
    public var json: String { reportJSON(self) }

    /// One row per KPI, with its provenance in the last columns.
    public var csv: String {
        var out = "fiscal_year,city,kpi,title,unit,value,status,achievement_percent,base_year,base_value,target_year,target_value,received,expected,completeness,factor_versions,incompleteness\n"
        for k in kpis {
            let versions: String = k.provenance.factors.map { f -> String in "\(f.series)@\(f.version) FY\(f.fiscalYear)" }
                .joined(separator: " ")
            var fields: [String] = [String(fiscalYear), city, k.id, csvField(k.title), k.unit]
            fields.append(k.value.map { fixed($0, k.decimals) } ?? "")
            fields.append(k.status.rawValue)
            fields.append(k.achievementPercent.map { String($0) } ?? "")
            fields.append(k.base.map { String($0.year) } ?? "")
            fields.append(k.base.map { plainNumber($0.value) } ?? "")
            fields.append(k.target.map { String($0.year) } ?? "")
            fields.append(k.target.map { plainNumber($0.value) } ?? "")
            fields += [String(k.provenance.received), String(k.provenance.expected), fixed(k.provenance.completeness, 4)]
            fields += [csvField(versions), csvField(k.incompleteness ?? "")]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    public var table: String {
        var out = "\(cityName): plan KPIs FY\(fiscalYear) (\(from) to \(to))\n\(plan)\ncity file \(cityFile)\n"
        for k in kpis {
            out += "\n\(k.title) [\(k.id)]\n"
            out += "  FY\(fiscalYear)            \(pad(k.shown, 12)) \(k.unit)"
            switch k.status {
            case .complete: break
            case .incomplete: out += "  INCOMPLETE"
            case .noData: out += "  NO DATA"
            }
            out += "\n"
            if let b = k.base { out += "  base FY\(b.year)       \(pad(plainNumber(b.value), 12)) \(k.unit)\n" }
            if let t = k.target { out += "  target FY\(t.year)     \(pad(plainNumber(t.value), 12)) \(k.unit)  (\(k.direction))\n" }
            if let a = k.achievementPercent { out += "  achievement         \(pad(String(a), 12)) %  ((current − base) / (target − base))\n" }
            for d in k.details { out += "  \(d.name): \(plainNumber(d.value)) \(d.unit)\n" }
            for s in k.perSite {
                out += "  site \(s.site): \(s.value.map(plainNumber) ?? "–")\(s.note.map { "  (\($0))" } ?? "")\n"
            }
            if let gap = k.incompleteness { out += "  incomplete: \(gap)\n" }
            out += "  method: \(k.provenance.method)\n"
            out += "  feeds: \(k.provenance.channels.joined(separator: ", ")); \(k.provenance.received)/\(k.provenance.expected) readings (\(fixed(k.provenance.completeness * 100, 1)) %)\n"
            for f in k.provenance.factors {
                out += "  factor FY\(f.fiscalYear): \(plainNumber(f.kgCO2PerUnit)) \(f.unit), \(f.series) version \(f.version) (\(f.source))\n"
            }
        }
        return out
    }
}

func csvField(_ s: String) -> String {
    s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}

/// 1317.1, 1400, 0.532: as written in the plan, without trailing zeros.
func plainNumber(_ v: Double) -> String {
    if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
    var s = String(format: "%.6f", v)
    while s.hasSuffix("0") { s.removeLast() }
    return s
}
