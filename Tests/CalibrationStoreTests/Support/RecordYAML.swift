/// A valid linear record for channel `water-level`, one key per line, so a test can change or drop one line
/// and know which line number the error must name (line 1 is `- id:`).
enum RecordYAML {
    static let linearLines = [
        "- id: a-1",                                   // 1
        "  channel: water-level",                      // 2
        "  method: linear",                            // 3
        "  gain: 1.5",                                 // 4
        "  offset: 0.2",                               // 5
        "  valid-from: 2026-11-20T10:15:00+09:00",     // 6
        "  measured-by: A. Technician",                // 7
        "  reference-instrument: water-level tape",    // 8
    ]

    static var linear: String { text(linearLines) }

    /// The linear record with the line of `key` replaced by `replacement` (nil drops it).
    static func linear(_ key: String, _ replacement: String?) -> String {
        text(linearLines.compactMap { line in
            line.dropFirst(2).hasPrefix("\(key):") ? replacement.map { line.prefix(2) + $0 } : line
        })
    }

    /// A record of another method: the linear record's lines with `gain`/`offset` swapped for `coefficients`.
    static func method(_ method: String, _ coefficients: [String]) -> String {
        var lines = linearLines.filter { !$0.hasPrefix("  gain:") && !$0.hasPrefix("  offset:") }
        lines[2] = "  method: \(method)"
        lines.insert(contentsOf: coefficients.map { "  " + $0 }, at: 3)
        return text(lines)
    }

    static func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
}
