import Foundation
import GatewayCore

/// The city's KPI page: each KPI against its base and target with a monthly chart, per-site completeness and
/// board online/offline history. One self-contained HTML document (styles inline, charts as inline SVG),
/// served by `kpi-aggregator serve` and written by `report --format html` to be mailed.
public enum CityPage {
    static let style = """
        body{font-family:"DejaVu Sans",sans-serif;margin:24px;color:#1a202c;max-width:1100px}
        h1{font-size:22px;margin-bottom:2px}h2{font-size:17px;margin:0 0 6px}
        .kpi{border:1px solid #cbd5e0;border-radius:6px;padding:12px 16px;margin:14px 0}
        .figures td,.figures th{padding:2px 10px 2px 0;text-align:left}
        .value{font-size:20px;font-weight:bold}
        .status-incomplete{color:#b7791f}.status-no-data{color:#c53030}.status-complete{color:#276749}
        .prov{font-size:12px;color:#4a5568}table.sites{border-collapse:collapse}
        table.sites td,table.sites th{border:1px solid #e2e8f0;padding:3px 8px;font-size:13px}
        nav a{margin-right:12px}
        """

    public static func html(_ r: CityKPIReport, now: Date = Date(), links: [(String, String)] = []) -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(r.cityName)) KPIs FY\(r.fiscalYear)</title>
            <style>\(style)</style></head>
            <body data-city="\(escape(r.city))" data-fiscal-year="\(r.fiscalYear)">

            """
        if !links.isEmpty {
            h += "<nav>" + links.map { "<a href=\"\(escape($0.1))\">\(escape($0.0))</a>" }.joined() + "</nav>\n"
        }
        h += """
            <h1>\(escape(r.cityName)): plan KPIs, FY\(r.fiscalYear)</h1>
            <p class="prov">\(escape(r.plan)) · \(escape(r.from)) to \(escape(r.to)) · city file \(escape(r.cityFile))</p>

            """
        for k in r.kpis {
            h += """
                <section class="kpi" id="kpi-\(escape(k.id))" data-kpi="\(escape(k.id))" data-status="\(k.status.rawValue)">
                <h2>\(escape(k.title))</h2>
                <table class="figures"><tr><th>FY\(r.fiscalYear)</th><th>Base</th><th>Target</th><th>Achievement</th><th>Status</th></tr>
                <tr><td class="value" data-field="value" data-value="\(k.value.map { fixed($0, k.decimals) } ?? "")">\(escape(k.shown)) \(escape(k.unit))</td>
                <td data-field="base">\(k.base.map { "\(plainNumber($0.value)) \(escape(k.unit)) (FY\($0.year))" } ?? "–")</td>
                <td data-field="target">\(k.target.map { "\(plainNumber($0.value)) \(escape(k.unit)) (FY\($0.year), \(k.direction))" } ?? "–")</td>
                <td data-field="achievement" data-value="\(k.achievementPercent.map(String.init) ?? "")">\(k.achievementPercent.map { "\($0) %" } ?? "–")</td>
                <td class="status-\(k.status.rawValue)" data-field="status">\(k.status.rawValue)</td></tr></table>

                """
            if let gap = k.incompleteness { h += "<p class=\"status-incomplete\" data-field=\"incompleteness\">\(escape(gap))</p>\n" }
            h += MonthlyChart.svg(k.monthly, unit: k.unit, title: k.title, id: k.id) + "\n"
            if !k.details.isEmpty || !k.perSite.isEmpty {
                h += "<ul>"
                for d in k.details { h += "<li data-detail=\"\(escape(d.name))\">\(escape(d.name)): \(plainNumber(d.value)) \(escape(d.unit))</li>" }
                for s in k.perSite {
                    h += "<li data-site=\"\(escape(s.site))\" data-value=\"\(s.value.map(plainNumber) ?? "")\">\(escape(s.site)): \(s.value.map(plainNumber) ?? "–")\(s.note.map { " (\(escape($0)))" } ?? "")</li>"
                }
                h += "</ul>\n"
            }
            h += "<p class=\"prov\">Method: \(escape(k.provenance.method)).<br>Feeds: \(escape(k.provenance.channels.joined(separator: ", "))); "
                + "\(k.provenance.received)/\(k.provenance.expected) readings (\(fixed(k.provenance.completeness * 100, 1)) %).</p>\n"
            for f in k.provenance.factors {
                h += "<p class=\"prov\" data-factor=\"\(escape(f.series))\">Factor FY\(f.fiscalYear): \(plainNumber(f.kgCO2PerUnit)) \(escape(f.unit)), \(escape(f.series)) version \(escape(f.version)) (\(escape(f.source)))</p>\n"
            }
            h += "</section>\n"
        }
        h += "<h2>Sites: completeness and boards</h2>\n<table class=\"sites\"><tr><th>Site</th><th>Facility</th><th>Channel</th><th>Received</th><th>Expected</th><th>Complete</th></tr>\n"
        for s in r.sites {
            if s.channels.isEmpty {
                h += "<tr><td>\(escape(s.site))</td><td>\(escape(s.facility))</td><td colspan=\"4\">no feeds</td></tr>\n"
            }
            for c in s.channels {
                h += "<tr data-site=\"\(escape(s.site))\" data-channel=\"\(escape(c.channel))\"><td>\(escape(s.site))</td><td>\(escape(s.facility))</td><td>\(escape(c.channel))</td><td>\(c.received)</td><td>\(c.expected)</td><td data-field=\"completeness\">\(fixed(c.completeness * 100, 1)) %</td></tr>\n"
            }
        }
        h += "</table>\n<h2>Board online/offline history</h2>\n"
        let fy = FiscalYearSpan(r.fiscalYear)
        for s in r.sites where !s.boardHistory.isEmpty {
            h += "<h3>\(escape(s.site))</h3>\n" + MonthlyChart.history(s.boardHistory, from: fy.start, to: fy.end,
                                                                        now: Int64(now.timeIntervalSince1970 * 1000)) + "\n<ul class=\"prov\">"
            for c in s.boardHistory {
                let t = Date(timeIntervalSince1970: Double(c.at) / 1000)
                h += "<li>\(escape(c.device)) \(escape(c.state)) from \(t.formatted(.iso8601))</li>"
            }
            h += "</ul>\n"
        }
        return h + "</body></html>\n"
    }

    /// The list of cities `serve` offers.
    public static func index(_ cities: [(id: String, name: String)], fiscalYear: Int) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>City KPIs FY\(fiscalYear)</title><style>\(style)</style></head>
        <body><h1>City plan KPIs, FY\(fiscalYear)</h1><ul>
        \(cities.map { "<li><a href=\"/city/\(escape($0.id))?fy=\(fiscalYear)\">\(escape($0.name))</a> (<a href=\"/city/\(escape($0.id))/report.json?fy=\(fiscalYear)\">JSON</a>)</li>" }.joined(separator: "\n"))
        </ul></body></html>

        """
    }
}

/// A fiscal year's bounds in epoch milliseconds, for drawing.
struct FiscalYearSpan {
    let start: Int64, end: Int64
    init(_ year: Int) {
        let fy = FiscalYear(year)
        start = fy.start.milliseconds
        end = fy.end.milliseconds
    }
}
