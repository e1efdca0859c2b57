/// The surveyed heights of a well that turn a depth below the measuring point into the city's quantities.
public struct WellGeometry: Hashable, Sendable {
    /// Height of the measuring point (usually the casing top) above land surface.
    public var measuringPointHeight: Metres
    /// Elevation of the measuring point above the datum (T.P. in Japan).
    public var measuringPointElevation: Metres

    public init(measuringPointHeight: Metres, measuringPointElevation: Metres) {
        self.measuringPointHeight = measuringPointHeight
        self.measuringPointElevation = measuringPointElevation
    }
}

/// Depth to water for one transducer reading, both below the measuring point and below land surface.
public struct DepthToWater: Hashable, Sendable {
    public var belowMeasuringPoint: Metres
    public var belowLandSurface: Metres
    /// Groundwater elevation above the datum.
    public var groundwaterElevation: Metres

    public init(column: Metres, reference: TapeReference, well: WellGeometry) {
        belowMeasuringPoint = reference.depthBelowMeasuringPoint(column: column)
        belowLandSurface = belowMeasuringPoint - well.measuringPointHeight
        groundwaterElevation = well.measuringPointElevation - belowMeasuringPoint
    }
}
