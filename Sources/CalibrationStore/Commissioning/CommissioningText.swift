import CSystem
import GatewayCore
import YAMLReader

/// A commissioning record as YAML lines (the style of calibration records: one list entry, every text quoted,
/// nested entries in flow style), and back.
enum CommissioningText {
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    static func lines(_ r: CommissioningRecord) -> String {
        let q = RecordText.quoted, n = RecordText.number
        var lines = ["- id: \(q(r.id))", "  kind: \(r.kind.rawValue)", "  site: \(q(r.site.rawValue))",
                     "  device: \(q(r.device.rawValue))", "  valid-from: \(ISO8601Instant.format(r.validFrom))",
                     "  measured-by: \(q(r.measuredBy))", "  reference-instrument: \(q(r.instruments))",
                     "  scan: \(r.scanMatched ? "matches" : "mismatch")"]
        lines += entries("registers", r.registers)
        lines += entries("references", r.references)
        if !r.corrections.isEmpty {
            lines.append("  corrections:")
            for e in r.corrections {
                lines.append("    - {channel: \(q(e.channel.rawValue)), unit: \(q(e.unit)), gap: \(n(e.gap)), since: \(q(e.since))}")
            }
        }
        if let notes = r.notes { lines.append("  notes: \(q(notes))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `  registers:` and one flow-style line per value (nothing when there are none).
    static func entries<Kind>(_ name: String, _ values: [VisitValue<Kind>]) -> [String] {
        let q = RecordText.quoted, n = RecordText.number
        guard !values.isEmpty else { return [] }
        return ["  \(name):"] + values.map { e in
            "    - {channel: \(q(e.channel.rawValue)), unit: \(q(e.unit)), \(Kind.broughtKey): \(n(e.brought))"
                + (e.gateway.map { ", \(Kind.gatewayKey): \(n($0))" } ?? "") + "}"
        }
    }

    static func record(_ node: YAMLNode) throws(Failure) -> CommissioningRecord {
        let line = node.mark.line
        func text(_ key: String, in node: YAMLNode) throws(Failure) -> String {
            guard let s = node[key]?.scalar else { throw Failure(line: node.mark.line, reason: "\(key) is missing") }
            return s.text
        }
        func number(_ key: String, in node: YAMLNode) throws(Failure) -> Double {
            guard let v = node[key]?.scalar?.double, v.isFinite else {
                throw Failure(line: node.mark.line, reason: "\(key) is missing or not a number")
            }
            return v
        }
        func optionalNumber(_ key: String, in node: YAMLNode) throws(Failure) -> Double? {
            node[key] == nil ? nil : try number(key, in: node)
        }
        guard let kind = CommissioningRecord.Kind(rawValue: try text("kind", in: node)) else {
            throw Failure(line: line, reason: "kind must be visit or correction")
        }
        guard let time = ISO8601Instant.parse(try text("valid-from", in: node)) else {
            throw Failure(line: line, reason: "valid-from is not an ISO 8601 time with offset")
        }
        var record = CommissioningRecord(
            id: try text("id", in: node), kind: kind, site: SiteID(try text("site", in: node)),
            device: DeviceID(try text("device", in: node)), validFrom: time,
            measuredBy: try text("measured-by", in: node), instruments: try text("reference-instrument", in: node),
            scanMatched: try text("scan", in: node) == "matches", notes: node["notes"]?.scalar?.text)
        record.registers = try values(node["registers"])
        record.references = try values(node["references"])
        for e in node["corrections"]?.items ?? [] {
            record.corrections.append(.init(channel: ChannelID(try text("channel", in: e)), unit: try text("unit", in: e),
                                            gap: try number("gap", in: e), since: try text("since", in: e)))
        }
        return record
    }

    static func values<Kind>(_ list: YAMLNode?) throws(Failure) -> [VisitValue<Kind>] {
        var values: [VisitValue<Kind>] = []
        for e in list?.items ?? [] {
            guard let channel = e["channel"]?.scalar?.text, let unit = e["unit"]?.scalar?.text else {
                throw Failure(line: e.mark.line, reason: "channel and unit are required")
            }
            guard let brought = e[Kind.broughtKey]?.scalar?.double, brought.isFinite else {
                throw Failure(line: e.mark.line, reason: "\(Kind.broughtKey) is missing or not a number")
            }
            let gateway = e[Kind.gatewayKey]?.scalar
            if gateway != nil, !(gateway?.double?.isFinite ?? false) {
                throw Failure(line: e.mark.line, reason: "\(Kind.gatewayKey) is not a number")
            }
            values.append(VisitValue(channel: ChannelID(channel), unit: unit, brought: brought, gateway: gateway?.double))
        }
        return values
    }
}

/// `mkdir -p` for the commissioning folder; 0 when it exists afterwards.
func mkdirAll(_ path: String) -> Int32 {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
        prefix += part
        if mkdir(prefix, 0o755) != 0 && sgw_errno() != EEXIST { return -1 }
        prefix += "/"
    }
    return 0
}
