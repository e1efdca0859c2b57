/// A manual tape reading tied to the transducer reading taken at the same time. The transducer only knows the
/// water above itself; the tape fixes where the transducer hangs: sensor depth S = D_MP + h₀ below the
/// measuring point.
public struct TapeReference: Hashable, Sendable {
    /// Depth to water below the measuring point, read on the tape.
    public var tapeDepth: Metres
    /// Water column the transducer reported when the tape was read.
    public var sensorColumn: Metres
    public var takenAt: UnixTime

    public init(tapeDepth: Metres, sensorColumn: Metres, takenAt: UnixTime) {
        self.tapeDepth = tapeDepth
        self.sensorColumn = sensorColumn
        self.takenAt = takenAt
    }

    /// Depth of the transducer below the measuring point.
    public var sensorDepth: Metres { tapeDepth + sensorColumn }

    /// Depth to water below the measuring point for a later transducer reading.
    public func depthBelowMeasuringPoint(column: Metres) -> Metres { sensorDepth - column }
}

/// How far the transducer's idea of its own depth moved between two tape checks. Transducers drift (USGS cites
/// 0.098 ft over 15 months); the drift is recorded so the data between checks can be judged or corrected.
public struct TapeDrift: Hashable, Sendable {
    public var previous: TapeReference
    public var next: TapeReference

    public init(previous: TapeReference, next: TapeReference) {
        self.previous = previous
        self.next = next
    }

    /// Positive when the transducer now places itself deeper than at the previous check: for the same tape
    /// depth it reads more water than before (sensor drift), or its cable has slipped.
    public var drift: Metres { next.sensorDepth - previous.sensorDepth }
}
