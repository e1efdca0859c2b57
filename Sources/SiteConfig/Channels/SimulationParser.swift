import GatewayCore

/// `simulate:`: what the simulated board plays for a channel on a bench without sensors.
enum SimulationParser {
    /// `pulses` is whether the channel counts pulses (nil when its driver is unknown).
    /// Returns the profile, the default profile when there is no `simulate:`, or nil when it has errors.
    static func parse(_ channel: MappingReader, pulses: Bool?) -> SimulationProfile? {
        guard channel.has("simulate") else { return SimulationProfile() }
        guard let simulate = channel.mapping("simulate") else { return nil }
        let errorsBefore = simulate.diagnostics.count
        // A pulse channel has no constant value and an analogue one no pulse rate; accepting the other key
        // would let a bench test silently run on defaults.
        let keys = switch pulses {
        case true?: ["pulses-per-second", "register"]
        case false?: ["value"]
        case nil: ["pulses-per-second", "value", "register"]
        }
        var rate = keys.contains("pulses-per-second") ? simulate.number("pulses-per-second", required: false) : nil
        var value = keys.contains("value") ? simulate.number("value", required: false) : nil
        var register = keys.contains("register") ? simulate.number("register", required: false) : nil
        simulate.reportUnknownKeys(allowed: keys, context: pulses == true ? "for a pulse channel" : "here")
        if let pulsesPerSecond = rate, pulsesPerSecond < 0 {
            simulate.reportValue(of: "pulses-per-second", "a pulse rate cannot be negative, found \(plain(pulsesPerSecond))")
            rate = nil
        } else if let pulsesPerSecond = rate, pulsesPerSecond > PlausibleBounds.mostSimulatedPulsesPerSecond {
            simulate.reportValue(of: "pulses-per-second", "\(plain(pulsesPerSecond)) pulses/s is above the most a "
                                 + "pulse input counts, \(plain(PlausibleBounds.mostSimulatedPulsesPerSecond)) pulses/s")
            rate = nil
        }
        if let constant = value, abs(constant) > PlausibleBounds.largestMagnitude {
            simulate.reportValue(of: "value", "\(plain(constant)) is outside what a simulated value may be, "
                                 + "−\(plain(PlausibleBounds.largestMagnitude)) to \(plain(PlausibleBounds.largestMagnitude))")
            value = nil
        }
        if let start = register, !(start >= 0 && start <= PlausibleBounds.largestMagnitude) {
            simulate.reportValue(of: "register", "a meter's register reads 0 or more, at most "
                                 + "\(plain(PlausibleBounds.largestMagnitude)), found \(plain(start))")
            register = nil
        }
        guard simulate.diagnostics.count == errorsBefore else { return nil }
        return SimulationProfile(pulsesPerSecond: rate, value: value, register: register)
    }
}
