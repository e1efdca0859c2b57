/// Numbers from plain scalars, read the way Yams' constructors read them, so files that loaded before load
/// to the same values.
enum YAMLNumberText {
    static func integer(_ text: String) -> Int? {
        let digits = text.filter { $0 != "_" }
        if digits == "0" { return 0 }
        let negative = digits.hasPrefix("-")
        let hasSign = negative || digits.hasPrefix("+")
        let unsigned = hasSign ? String(digits.dropFirst()) : digits
        let sign = negative ? "-" : ""
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where unsigned.hasPrefix(prefix) {
            return Int(sign + unsigned.dropFirst(prefix.count), radix: radix)
        }
        if unsigned.contains(":") {
            guard let value: Int = sexagesimal(unsigned) else { return nil }
            return negative ? -value : value
        }
        return Int(sign + unsigned, radix: 10)
    }

    static func double(_ text: String) -> Double? {
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: break
        }
        let digits = text.filter { $0 != "_" }
        if digits.contains(":") {
            let negative = digits.hasPrefix("-")
            let unsigned = negative || digits.hasPrefix("+") ? String(digits.dropFirst()) : digits
            guard let value: Double = sexagesimal(unsigned) else { return nil }
            return negative ? -value : value
        }
        return Double(digits)
    }

    /// `1:30:00` = 1·3600 + 30·60 + 0; nil when a part is not a number or the total does not fit.
    private static func sexagesimal(_ text: String) -> Int? {
        var total = 0
        for component in text.split(separator: ":", omittingEmptySubsequences: false) {
            guard let value = Int(component, radix: 10) else { return nil }
            let (scaled, overflowed) = total.multipliedReportingOverflow(by: 60)
            let (sum, overflowedSum) = scaled.addingReportingOverflow(value)
            guard !overflowed, !overflowedSum else { return nil }
            total = sum
        }
        return total
    }

    private static func sexagesimal(_ text: String) -> Double? {
        var total = 0.0
        for component in text.split(separator: ":", omittingEmptySubsequences: false) {
            guard let value = Double(String(component)) else { return nil }
            total = total * 60 + value
        }
        return total
    }
}
