/// A KPI's twelve months (April to March) as an SVG bar chart, drawn on the server: no script, no fonts or
/// libraries fetched, so the page works offline and in a mailed file.
public enum MonthlyChart {
    static let months = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]

    public static func svg(_ monthly: [Double?], unit: String, title: String, id: String) -> String {
        let width = 520.0, height = 180.0, left = 56.0, bottom = 28.0, top = 14.0
        let values = monthly.compactMap { $0 }
        let high = max(values.max() ?? 0, 0), low = min(values.min() ?? 0, 0)
        let span = high - low == 0 ? 1 : high - low
        let plotHeight = height - bottom - top, slot = (width - left - 8) / 12
        func y(_ v: Double) -> Double { top + (high - v) / span * plotHeight }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="\(escape(id))" viewBox="0 0 \(Int(width)) \(Int(height))" \
            width="\(Int(width))" height="\(Int(height))" role="img" aria-label="\(escape(title)): monthly \(escape(unit))">
            <line x1="\(left)" y1="\(y(0))" x2="\(width - 8)" y2="\(y(0))" stroke="#555" stroke-width="1"/>
            <text x="\(left - 6)" y="\(top + 4)" text-anchor="end" font-size="10" fill="#333">\(escape(plainNumber(PlanArithmetic.printed(high, decimals: 1))))</text>
            <text x="\(left - 6)" y="\(y(0) + 4)" text-anchor="end" font-size="10" fill="#333">0</text>
            <text x="4" y="\(top + plotHeight / 2)" font-size="10" fill="#333">\(escape(unit))</text>

            """
        for (i, value) in monthly.enumerated() {
            let x = left + Double(i) * slot
            svg += "<text x=\"\(fmt(x + slot / 2))\" y=\"\(fmt(height - 10))\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">\(months[i])</text>\n"
            guard let value else {
                svg += "<text x=\"\(fmt(x + slot / 2))\" y=\"\(fmt(y(0) - 3))\" text-anchor=\"middle\" font-size=\"9\" fill=\"#999\">–</text>\n"
                continue
            }
            let top = min(y(value), y(0)), h = max(abs(y(value) - y(0)), 0.5)
            svg += "<rect class=\"bar\" data-month=\"\(months[i])\" data-value=\"\(plainNumber(value))\" x=\"\(fmt(x + 3))\" y=\"\(fmt(top))\" width=\"\(fmt(slot - 6))\" height=\"\(fmt(h))\" fill=\"#2b6cb0\"><title>\(months[i]): \(plainNumber(value)) \(escape(unit))</title></rect>\n"
        }
        return svg + "</svg>"
    }

    /// Each board's online and offline spans across the fiscal year as coloured strips.
    public static func history(_ changes: [BoardStateChange], from: Int64, to: Int64, now: Int64) -> String {
        let devices = changes.map(\.device).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let width = 520.0, row = 22.0, left = 150.0
        let end = min(to, max(now, from + 1))
        func x(_ t: Int64) -> Double { left + Double(t - from) / Double(to - from) * (width - left - 8) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"history\" viewBox=\"0 0 \(Int(width)) \(Int(Double(devices.count) * row + 8))\" width=\"\(Int(width))\" height=\"\(Int(Double(devices.count) * row + 8))\">\n"
        for (i, device) in devices.enumerated() {
            let y = 4 + Double(i) * row
            svg += "<text x=\"0\" y=\"\(fmt(y + 13))\" font-size=\"10\" fill=\"#333\">\(escape(device))</text>\n"
            let own = changes.filter { $0.device == device }
            for (j, change) in own.enumerated() {
                let stop = j + 1 < own.count ? own[j + 1].at : end
                guard stop > change.at else { continue }
                let colour = change.state == "online" ? "#38a169" : "#c53030"
                svg += "<rect data-state=\"\(escape(change.state))\" x=\"\(fmt(x(change.at)))\" y=\"\(fmt(y))\" width=\"\(fmt(max(x(stop) - x(change.at), 1)))\" height=\"16\" fill=\"\(colour)\"/>\n"
            }
        }
        return svg + "</svg>"
    }

    private static func fmt(_ v: Double) -> String { fixed(v, 1) }
}

/// Text made safe inside HTML or SVG text and attributes.
func escape(_ s: String) -> String {
    var out = ""
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}
