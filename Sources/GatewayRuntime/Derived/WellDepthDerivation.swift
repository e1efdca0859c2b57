import GatewayCore

/// Depth to water below the measuring point (and below land surface, and groundwater elevation when the
/// well's geometry is recorded) from the transducer's water column and the tape reference in force.
final class WellDepthDerivation: Derivation {
    let source: ChannelID
    let channels: [DerivedChannel]
    private let tapeReference: (UnixTime) -> (tapeDepth: Metres, sensorColumn: Metres, measuringPointHeight: Metres?,
                                              measuringPointElevation: Metres?, id: String)?

    init(source: ChannelSpec,
         tapeReference: @escaping (UnixTime) -> (tapeDepth: Metres, sensorColumn: Metres, measuringPointHeight: Metres?,
                                                 measuringPointElevation: Metres?, id: String)?) {
        self.source = source.id
        self.tapeReference = tapeReference
        let i = source.interval.value
        channels = [
            DerivedChannel(id: "depth-below-mp", quantity: "water-level", unit: "m", source: source.id, intervalSeconds: i),
            DerivedChannel(id: "depth-below-land", quantity: "water-level", unit: "m", source: source.id, intervalSeconds: i),
            DerivedChannel(id: "groundwater-elevation", quantity: "water-level", unit: "m", source: source.id, intervalSeconds: i),
        ]
    }

    func derive(from tick: [Reading], at time: UnixTime) -> [DerivedValue] {
        guard let reading = tick.first(where: { $0.key.channel == source }), reading.quality != .fault,
              let column = reading.value, column.unit == "m",
              let ref = tapeReference(time) else { return [] }
        let reference = TapeReference(tapeDepth: ref.tapeDepth, sensorColumn: ref.sensorColumn, takenAt: time)
        let method = "tape-reference id=\(ref.id) sensor-depth=\(rounded(reference.sensorDepth.value)) m"
        let belowMP = reference.depthBelowMeasuringPoint(column: Metres(column.value))
        var out = [DerivedValue(channel: "depth-below-mp", time: time, value: belowMP.measured, method: method)]
        if let height = ref.measuringPointHeight {
            out.append(DerivedValue(channel: "depth-below-land", time: time, value: (belowMP - height).measured,
                                    method: method + " mp-height=\(rounded(height.value)) m"))
        }
        if let elevation = ref.measuringPointElevation {
            out.append(DerivedValue(channel: "groundwater-elevation", time: time, value: (elevation - belowMP).measured,
                                    method: method + " mp-elevation=\(rounded(elevation.value)) m"))
        }
        return out
    }
}
