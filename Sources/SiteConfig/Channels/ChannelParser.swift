import GatewayCore
import YAMLReader

/// Reads one entry of `channels:`. Every key is checked even after a failure, so all problems of the channel
/// are reported together.
enum ChannelParser {
    static func parse(_ node: YAMLNode, path: KeyPath, board: BoardReferences, diagnostics: Diagnostics) -> ParsedChannel? {
        guard let channel = MappingReader.make(node, path: path, at: node.mark, diagnostics: diagnostics) else { return nil }
        let errorsBefore = diagnostics.count
        let id = channel.identifier("id")
        let kind = channel.choice("driver", DriverKind.self, what: "driver")
        var quantity = channel.choice("quantity", QuantityKind.self, what: "quantity")
        let role = channel.choice("role", ChannelRole.self, what: "role", required: false)
        var unit = channel.text("unit")
        let interval = positiveInterval(channel)
        let driver = kind.flatMap { DriverParser.parse($0, channel: channel, board: board) }
        let simulation = SimulationParser.parse(channel, pulses: kind?.countsPulses)
        let register = MeterRegisterParser.parse(channel, pulses: kind?.countsPulses)

        if let kind {
            channel.reportUnknownKeys(allowed: DriverKind.commonKeys + kind.keys, context: "for driver \(kind.rawValue)")
        } else {
            // Without a known driver the other keys cannot be judged; the driver error says what to fix first.
            channel.accept(channel.keys.filter { !DriverKind.commonKeys.contains($0) })
            channel.reportUnknownKeys(allowed: DriverKind.commonKeys)
        }
        if let kind, let wanted = quantity, !fits(wanted, kind: kind, driver: driver, channel: channel) { quantity = nil }
        if let quantity, let given = unit, !UnitRules.units(for: quantity).contains(given) {
            let allowed = UnitRules.units(for: quantity).joined(separator: " or ")
            channel.reportValue(of: "unit", "\"\(given)\" is not a unit for \(quantity.rawValue) (use \(allowed))")
            unit = nil
        }
        var spec: ChannelSpec?
        if let id, let driver, let quantity, let unit, let interval, let simulation, register.isValid,
           diagnostics.count == errorsBefore {
            spec = ChannelSpec(id: ChannelID(id), driver: driver, quantity: quantity, role: role, unit: unit,
                               interval: Duration(interval), simulation: simulation, register: register.register)
        }
        return ParsedChannel(reader: channel, id: id, driver: driver, spec: spec)
    }

    private static func positiveInterval(_ channel: MappingReader) -> Double? {
        guard let seconds = channel.duration("interval") else { return nil }
        guard seconds > 0 else {
            channel.reportValue(of: "interval", "the sampling interval must be longer than 0")
            return nil
        }
        let written = channel.entry("interval", required: false)?.value.scalar?.text ?? ""
        guard seconds >= PlausibleBounds.shortestIntervalSeconds else {
            channel.reportValue(of: "interval", "\(quotedForMessage(written)) is shorter than the shortest "
                                + "sampling interval, 100ms")
            return nil
        }
        guard seconds <= PlausibleBounds.longestIntervalSeconds else {
            channel.reportValue(of: "interval", "\(quotedForMessage(written)) is longer than the longest "
                                + "sampling interval, 24h")
            return nil
        }
        return seconds
    }

    /// Whether the driver can deliver `quantity`; reports on `quantity` when it cannot.
    private static func fits(_ quantity: QuantityKind, kind: DriverKind, driver: DriverSpec?,
                             channel: MappingReader) -> Bool {
        if let driver, let measured = DriverParser.measuredQuantity(driver) {
            guard quantity == measured else {
                let measure = channel.text("measure") ?? ""
                channel.reportValue(of: "quantity", "a \(kind.rawValue) channel with measure: \(measure) delivers "
                                    + "\(measured.rawValue), not \(quantity.rawValue)")
                return false
            }
            return true
        }
        guard kind.quantities.contains(quantity) else {
            let possible = kind.quantities.map { $0.rawValue }.joined(separator: ", ")
            channel.reportValue(of: "quantity", "driver \(kind.rawValue) cannot deliver \(quantity.rawValue) "
                                + "(it delivers: \(possible))")
            return false
        }
        return true
    }
}
