/// A flow meter's pulses per litre. Found by a bucket test: run a known volume through the meter and count.
public struct KFactor: Hashable, Sendable, CustomStringConvertible {
    public var pulsesPerLitre: Double

    public init(pulsesPerLitre: Double) throws(CalibrationError) {
        guard pulsesPerLitre > 0, pulsesPerLitre.isFinite else {
            throw .invalid("K-factor \(pulsesPerLitre) pulses/l must be positive")
        }
        self.pulsesPerLitre = pulsesPerLitre
    }

    /// A bucket test: `pulses` counted while `volume` filled the bucket.
    public init(bucketTest pulses: PulseCount, volume: Litres) throws(CalibrationError) {
        guard volume.value > 0 else { throw .invalid("bucket volume \(volume) must be positive") }
        guard pulses.value > 0 else { throw .invalid("bucket test counted \(pulses); is the meter wired?") }
        try self.init(pulsesPerLitre: pulses.value / volume.value)
    }

    public func litres(for pulses: PulseCount) -> Litres { Litres(pulses.value / pulsesPerLitre) }

    public var measured: MeasuredValue { MeasuredValue(pulsesPerLitre, "count/l") }
    public var description: String { measured.description }
}
