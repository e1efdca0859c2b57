import GatewayCore
/// A record as the lines a technician would have typed: one list entry, in the key order of the format
/// document, so an appended record reads like the hand-written ones above it.
enum RecordText {
    static func lines(_ record: CalibrationRecord) -> String {
        var lines = ["- id: \(quoted(record.id))"]
        func add(_ key: String, _ value: String) { lines.append("  \(key): \(value)") }
        if let channel = record.channel { add("channel", quoted(channel.rawValue)) }
        if let serial = record.serial { add("serial", quoted(serial)) }
        add("method", record.method.name.rawValue)
        for (key, value) in coefficients(record.method) { add(key, value) }
        add("valid-from", ISO8601Instant.format(record.validFrom))
        add("measured-by", quoted(record.measuredBy))
        add("reference-instrument", quoted(record.referenceInstrument))
        if let notes = record.notes { add("notes", quoted(notes)) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func coefficients(_ method: RecordMethod) -> [(String, String)] {
        switch method {
        case let .offset(offset):
            return [("offset", number(offset))]
        case let .linear(gain, offset):
            return [("gain", number(gain)), ("offset", number(offset))]
        case let .polynomial(coefficients):
            return [("coefficients", "[" + coefficients.map(number).joined(separator: ", ") + "]")]
        case let .leastSquares(points, _):
            let items = points.map { "\n    - {raw: \(number($0.raw)), reference: \(number($0.reference))}" }
            return [("points", items.joined())]
        case let .kFactor(k):
            var pairs = [("pulses-per-litre", number(k.pulsesPerLitre))]
            if let test = k.bucketTest {
                pairs += [("pulses", String(Int(test.pulses.value))), ("litres", number(test.litres.value))]
            }
            return pairs
        case let .tapeReference(tape):
            var pairs = [("tape-depth-m", number(tape.tapeDepth.value)),
                         ("sensor-column-m", number(tape.sensorColumn.value))]
            if let s = tape.measuringPointHeight { pairs.append(("measuring-point-height-m", number(s.value))) }
            if let e = tape.measuringPointElevation { pairs.append(("measuring-point-elevation-m", number(e.value))) }
            return pairs
        }
    }

    /// Swift prints `1e-05`; YAML 1.1 reads a float only with a decimal point, so make sure there is one.
    static func number(_ value: Double) -> String {
        let text = "\(value)"
        guard !text.contains("."), let e = text.firstIndex(of: "e") else { return text }
        return text[..<e] + ".0" + text[e...]
    }

    /// Always quoted, so an id like `2026` or a name like `yes` stays text.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
