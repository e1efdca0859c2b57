import GatewayCore

/// The bounds `check` holds every number to, so a file `check` accepts is one `run` can carry out: no
/// interval that overflows a clock, no rate that floods memory, no factor that makes readings non-finite.
/// Each is far outside what any real installation uses and well inside what the arithmetic survives.
enum PlausibleBounds {
    /// Sampling intervals: faster than 10 Hz no sensor here settles; slower than daily is not monitoring.
    static let shortestIntervalSeconds = 0.1
    static let longestIntervalSeconds = 86_400.0
    /// Simulated pulses: no real meter pulses faster (a 10 ms debounce already caps at 100 Hz).
    static let mostSimulatedPulsesPerSecond = 1000.0
    /// Simulated constant values, loop range values: ±1e9 holds any pressure in Pa or level in m.
    static let largestMagnitude = 1e9
    /// Flow meter K-factors run from 1 pulse per 1000 L (large meters) to a few thousand per litre.
    static let pulsesPerLitre = 0.0001...100_000.0
    /// Energy meter constants: from 1 impulse per 1000 kWh to 100,000 per kWh.
    static let impulsesPerKWh = 0.001...100_000.0
    /// CT × VT ratio: from 1:1000 to 1,000,000:1.
    static let multiplier = 0.001...1_000_000.0
    /// Shunts below 1 Ω drop under 20 mV at 20 mA, below what the ADS1115 resolves usefully.
    static let smallestShuntOhms = 1.0
    /// A recharge paddy of 100 km² is already a district.
    static let largestAreaSquareMetres = 1e8
    /// Channels (and heat meters) of one site: a board has a handful of buses and lines; 256 leaves room for
    /// a large building while keeping `run` from starting a sampler per line of a runaway file.
    static let mostChannels = 256
    /// Free text (descriptions, device paths) longer than this is not a description.
    static let longestText = 256
}
