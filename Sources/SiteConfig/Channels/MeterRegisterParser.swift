import GatewayCore

/// `register:` on a meter channel: the meter's own register the technician reads at visits, so that visit drift
/// is told across its wrap (`MeterRegister`). Both keys are required: the digits say where it wraps, the most it
/// can count in an hour says when a change is a meter replaced rather than a wrap.
enum MeterRegisterParser {
    enum Parsed {
        case none, declared(MeterRegister), invalid
        var isValid: Bool { if case .invalid = self { false } else { true } }
        var register: MeterRegister? { if case .declared(let r) = self { r } else { nil } }
    }

    /// `.none` without `register:`; `.invalid` after reporting what is wrong.
    static func parse(_ channel: MappingReader, pulses: Bool?) -> Parsed {
        guard channel.has("register") else { return .none }
        guard let register = channel.mapping("register") else { return .invalid }
        let errorsBefore = register.diagnostics.count
        if pulses == false {
            channel.reportValue(of: "register", "only a meter channel (pulse-flow, pulse-energy) has a register")
        }
        var digits = register.integer("digits")
        var most = register.number("most-per-hour")
        register.reportUnknownKeys(allowed: ["digits", "most-per-hour"], context: "in register")
        if let d = digits, !MeterRegister.digitRange.contains(d) {
            register.reportValue(of: "digits", "a register shows \(MeterRegister.digitRange.lowerBound) to "
                                 + "\(MeterRegister.digitRange.upperBound) whole digits, found \(d)")
            digits = nil
        }
        if let m = most, !(m > 0 && m <= PlausibleBounds.largestMagnitude) {
            register.reportValue(of: "most-per-hour", "the most the meter counts in an hour must be more than 0 and "
                                 + "at most \(plain(PlausibleBounds.largestMagnitude)), found \(plain(m))")
            most = nil
        }
        guard register.diagnostics.count == errorsBefore, let digits, let most else { return .invalid }
        return .declared(MeterRegister(digits: digits, mostPerHour: most))
    }
}
