import GatewayCore

/// A manual tape reading taken beside a pressure transducer (USGS TM 1-A1): the tape gives the depth to water
/// below the measuring point while the sensor reads its water column, which fixes the sensor's depth.
public struct TapeReferenceRecord: Hashable, Sendable {
    /// D_MP: depth to water below the measuring point, from the tape.
    public var tapeDepth: Metres
    /// h₀: the water column above the sensor at the moment of the tape reading.
    public var sensorColumn: Metres
    /// s: height of the measuring point above land surface.
    public var measuringPointHeight: Metres?
    /// E_MP: elevation of the measuring point.
    public var measuringPointElevation: Metres?

    public init(tapeDepth: Metres, sensorColumn: Metres, measuringPointHeight: Metres? = nil,
                measuringPointElevation: Metres? = nil) {
        self.tapeDepth = tapeDepth
        self.sensorColumn = sensorColumn
        self.measuringPointHeight = measuringPointHeight
        self.measuringPointElevation = measuringPointElevation
    }

    /// S = D_MP + h₀: the sensor's depth below the measuring point; each new tape check re-derives it.
    public var sensorDepth: Metres { tapeDepth + sensorColumn }
}
