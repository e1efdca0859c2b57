import Foundation

/// A report as pretty-printed JSON with sorted keys. JSON has no infinity: a total that is not finite (see
/// `nonFiniteTotals`) is written as a string rather than making the encoder fail and the report come out empty.
func reportJSON(_ report: some Encodable) -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys]
    e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    do {
        return String(decoding: try e.encode(report), as: UTF8.self) + "\n"
    } catch {
        return "{\"error\" : \"cannot encode the report: \(error)\"}\n"
    }
}
