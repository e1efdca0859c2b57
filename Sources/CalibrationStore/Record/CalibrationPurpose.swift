/// What a calibration adjusts. Records supersede only records of the same purpose on the same channel: a tape
/// check on a well re-derives the sensor depth but leaves the transducer's linear correction in force.
public enum CalibrationPurpose: String, Hashable, Sendable, CaseIterable {
    /// offset, linear, polynomial, least-squares: raw reading in, corrected reading out.
    case valueCorrection = "value-correction"
    /// k-factor: pulses per litre of a flow meter.
    case pulseScale = "pulse-scale"
    /// tape-reference: the sensor's depth below the measuring point, from a manual tape reading.
    case waterLevelDatum = "water-level-datum"
}
