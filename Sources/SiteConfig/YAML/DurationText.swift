/// Time spans as written in site files. A bare number is refused: `interval: 15` could mean seconds or
/// minutes, and guessing wrong makes a site sample 60 times too often or too rarely.
enum DurationText {
    static let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]

    /// Seconds for `500ms`, `15s`, `1.5m`, `1h`; nil when the text is not a number followed by one of those units.
    static func seconds(_ text: String) -> Double? {
        // "ms" is tried before "m" and "s" so `500ms` is not read as 500 m.
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let value = Double(number) else { return nil }
            return value * unit.seconds
        }
        return nil
    }
}
