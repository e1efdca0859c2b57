import GatewayCore

/// Pulse inputs: reed-switch or open-collector water meters and S0 energy meters.
enum PulseDriverParser {
    static let defaultDebounceMilliseconds = 10.0
    /// S0 pulses may be as short as 30 ms (IEC 62053-31); a debounce that long would swallow real pulses.
    static let shortestS0PulseMilliseconds = 30.0
    /// Reed switches settle within 5–20 ms; a debounce beyond a second would hide real flow.
    static let longestDebounceMilliseconds = 1000.0

    static func parse(_ kind: DriverKind, channel: MappingReader, board: BoardReferences) -> DriverSpec? {
        let line = board.gpioLine(channel).map { wired($0, channel) }
        let debounce = debounceMilliseconds(channel, energy: kind == .pulseEnergy)
        switch kind {
        case .pulseFlow:
            let perLitre = positive(channel, "pulses-per-litre", what: "pulses per litre",
                                    within: PlausibleBounds.pulsesPerLitre)
            guard let line, let debounce, let perLitre else { return nil }
            return .pulseFlow(line, pulsesPerLitre: perLitre, debounceMilliseconds: debounce)
        default:
            let perKWh = positive(channel, "impulses-per-kwh", what: "impulses per kWh",
                                  within: PlausibleBounds.impulsesPerKWh)
            let side = channel.choice("side", MeterSide.self, what: "meter side")
            var multiplier = channel.has("multiplier") ? positive(channel, "multiplier", what: "multiplier",
                                                                          within: PlausibleBounds.multiplier) : 1
            if side == .primary, let value = multiplier, value != 1 {
                channel.reportValue(of: "multiplier", "a primary-side pulse constant already counts primary kWh, so "
                                    + "multiplier \(plain(value)) would be applied twice; remove it or set side: secondary")
                multiplier = nil
            }
            guard let line, let debounce, let perKWh, let side, let multiplier else { return nil }
            return .pulseEnergy(line, impulsesPerKWh: perKWh, multiplier: multiplier, side: side,
                                debounceMilliseconds: debounce)
        }
    }

    /// Which level is a pulse and which pull holds the line between pulses.
    enum ActiveLevel: String, CaseIterable { case low, high }

    private static func wired(_ line: GPIOLineReference, _ channel: MappingReader) -> GPIOLineReference {
        var wired = line
        if channel.has("active"), let level = channel.choice("active", ActiveLevel.self, what: "active level") {
            wired.activeLow = level == .low
            // A line pulsed high rests low: pull it down unless the file says otherwise.
            if level == .high { wired.bias = .pullDown }
        }
        if channel.has("bias"), let bias = channel.choice("bias", LineBias.self, what: "bias") { wired.bias = bias }
        return wired
    }

    private static func positive(_ channel: MappingReader, _ key: String, what: String,
                                 within bounds: ClosedRange<Double>) -> Double? {
        guard let value = channel.number(key) else { return nil }
        guard value > 0 else {
            channel.reportValue(of: key, "\(what) must be more than 0, found \(plain(value))")
            return nil
        }
        guard bounds.contains(value) else {
            channel.reportValue(of: key, "\(what) must be between \(plain(bounds.lowerBound)) and "
                                + "\(plain(bounds.upperBound)), found \(plain(value))")
            return nil
        }
        return value
    }

    private static func debounceMilliseconds(_ channel: MappingReader, energy: Bool) -> Double? {
        guard channel.has("debounce") else { return defaultDebounceMilliseconds }
        guard let ms = channel.duration("debounce").map({ $0 * 1000 }) else { return nil }
        if energy, ms >= shortestS0PulseMilliseconds {
            channel.reportValue(of: "debounce", "\(plain(ms)) ms is too long: S0 pulses can be as short as 30 ms, "
                                + "so the debounce must be under 30ms")
            return nil
        }
        if ms > longestDebounceMilliseconds {
            channel.reportValue(of: "debounce", "\(plain(ms)) ms is too long: the debounce must be at most 1s")
            return nil
        }
        return ms
    }
}
