import GatewayCore

/// A flow meter's pulses per litre, optionally with the bucket test that measured it.
public struct KFactorRecord: Hashable, Sendable {
    public var pulsesPerLitre: Double
    public var bucketTest: BucketTest?

    public init(pulsesPerLitre: Double, bucketTest: BucketTest? = nil) {
        self.pulsesPerLitre = pulsesPerLitre
        self.bucketTest = bucketTest
    }

    /// Pulses counted while a known volume ran into a measured container.
    public struct BucketTest: Hashable, Sendable {
        public var pulses: PulseCount
        public var litres: Litres
        public init(pulses: PulseCount, litres: Litres) {
            self.pulses = pulses
            self.litres = litres
        }
        public var pulsesPerLitre: Double { pulses.value / litres.value }
    }

    public func volume(of pulses: PulseCount) -> Litres { Litres(pulses.value / pulsesPerLitre) }
}
