import FieldText
import GatewayCore

/// What `watch` prints: a table redrawn in place on a terminal (ANSI: cursor home, clear), or one plain line per
/// new reading when stdout is a pipe or a file, so `watch | grep inflow` and logs work.
public enum WatchScreen {
    static let sparks: [String] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Up to 16 values as block characters scaled between their minimum and maximum.
    public static func sparkline(_ values: [Double]) -> String {
        let finite = values.filter { $0.isFinite }
        guard let low = finite.min(), let high = finite.max() else { return "" }
        return finite.map { v in
            let level = high > low ? Int(((v - low) / (high - low) * 7).rounded()) : 3
            return sparks[max(0, min(7, level))]
        }.joined()
    }

    /// `2026-11-30 22:15:11 JST`: Japan time to the second, as a technician reads a clock.
    public static func time(_ t: UnixTime) -> String {
        var text = ""
        for c in CivilTime.jst(t).iso8601.prefix(19) { text.append(c == "T" ? " " : c) }
        return text + " JST"
    }

    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        let scaled = (value * 1000).rounded() / 1000
        return scaled == scaled.rounded() && abs(scaled) < 1e15 ? String(Int(scaled)) + ".0" : String(scaled)
    }

    /// The whole screen for a terminal: heading, column titles, one row per channel; starts with the ANSI
    /// sequence that moves the cursor home and clears the screen.
    public static func screen(_ views: [ChannelView], heading: String, now: UnixTime,
                              language: FieldLanguage = FieldLanguage.current) -> String {
        var rows: [[String]] = [FieldText.say(.watchColumns, in: language).split(separator: "|").map(String.init)]
        for v in views {
            rows.append([v.spec.id.rawValue, number(v.raw), number(v.value), v.spec.unit, quality(v.quality, in: language),
                         v.age(at: now).map { number($0) + "s" } ?? "-", v.calibrationID ?? "-", sparkline(v.history),
                         v.ratePerMinute.map { number($0) + "/min" } ?? "-",
                         v.rejectedGlitches.map { String($0) } ?? "-"])
        }
        var widths = Array(repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) } }
        var out = "\u{1B}[H\u{1B}[2J" + heading + "\n\n"
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell + String(repeating: " ", count: widths[i] - displayWidth(cell) + 2)
            }
            out += String(line.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        }
        for v in views where v.fault != nil { out += "\n\(v.spec.id): \(v.fault!)" }
        return out
    }

    /// One line per channel whose reading is newer than `after` (keyed by channel, the sequence last shown).
    public static func plainLines(_ views: [ChannelView], after shown: inout [ChannelID: UInt64], now: UnixTime,
                                  language: FieldLanguage = FieldLanguage.current) -> [String] {
        var lines: [String] = []
        for v in views where v.time != nil && v.sequence > shown[v.spec.id] ?? 0 {
            shown[v.spec.id] = v.sequence
            let time = v.time.map { Self.time($0) } ?? "-"
            lines.append(FieldText.say(.watchLine, [
                time, v.spec.id.rawValue, number(v.raw), number(v.value), v.spec.unit, v.quality,
                v.age(at: now).map { number($0) } ?? "-", v.calibrationID ?? "-",
                v.ratePerMinute.map { number($0) } ?? "-", v.rejectedGlitches.map { String($0) } ?? "-",
            ], in: language) + (v.fault.map { " fault=\"\($0)\"" } ?? ""))
        }
        return lines
    }

    /// A reading's quality as the technician reads it on the screen: the wire's code (`good`, `clock-unsync`,
    /// `saturated`, `fault`) in English, its word in Japanese; the plain lines keep the code, for grep.
    public static func quality(_ code: String, in language: FieldLanguage = FieldLanguage.current) -> String {
        switch ReadingQuality(rawValue: code) {
        case .good: FieldText.say(.watchQualityGood, in: language)
        case .clockUnsynchronised: FieldText.say(.watchQualityClockUnsync, in: language)
        case .saturated: FieldText.say(.watchQualitySaturated, in: language)
        case .fault: FieldText.say(.watchQualityFault, in: language)
        case nil: code
        }
    }

    /// Columns a terminal gives the text: East Asian wide characters (kana, kanji, full-width forms) take two.
    static func displayWidth(_ text: String) -> Int { DisplayColumns.of(text) }
}
