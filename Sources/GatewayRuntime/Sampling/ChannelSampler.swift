import FieldText
import GatewayCore

/// What one sample of a channel gives.
enum ChannelSample {
    /// An instantaneous value (temperature, level, pressure).
    case value(MeasuredValue)
    /// A 4–20 mA value in a NAMUR NE 43 saturation band, held at the end of the transmitter's span.
    case saturated(MeasuredValue)
    /// A totalizer: the amount since the last sample and the running total, both in the channel's unit (each
    /// increment converted with the scale in force when read), plus the raw pulse count; both totals are
    /// persisted so they continue after a restart. `calibrationID` names the K-factor record used.
    case total(increment: MeasuredValue, total: MeasuredValue, pulseTotal: UInt64, calibrationID: String?)
    /// No value: why, in catalogue ids (the journal keeps it in English, the log speaks the technician's language).
    case fault(FieldProblem)
}

/// Reads one channel when its interval comes round. Implementations wrap a driver (I2C) or a pulse counter
/// (GPIO); they never throw: a failure is a `.fault` sample, so one bad sensor cannot stop the others.
protocol ChannelSampler: AnyObject {
    var spec: ChannelSpec { get }
    func sample() -> ChannelSample
    /// The smallest step the channel's sensor or meter resolves, in the unit it publishes; nil when unknown.
    var resolution: MeasurementResolution? { get }
    /// Releases lines and stops reader threads.
    func close()
    /// A pulse channel's running pulse total now, without taking a reading (what a checkpoint writes); nil for a
    /// channel that counts no pulses.
    func runningPulseTotal() -> UInt64?
    /// On a clean stop, before the last sample: a pulse channel stops its reader and counts every edge still
    /// pending, so the last sample misses none.
    func finishCounting()
    /// On a clean stop, first of all: a pulse channel tells its reader thread to stop without waiting for it, so
    /// every channel's reader winds down at once rather than one after another.
    func beginStopping()
    /// Pulses the debounce rejected since the channel opened; nil for a channel that counts no pulses.
    func rejectedGlitches() -> UInt64?
}

extension ChannelSampler {
    var resolution: MeasurementResolution? { nil }
    func runningPulseTotal() -> UInt64? { nil }
    func finishCounting() {}
    func beginStopping() {}
    func rejectedGlitches() -> UInt64? { nil }
}
