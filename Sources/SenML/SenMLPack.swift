import GatewayCore

/// Readings of one device as a SenML pack. Names are `<device>:<channel>`; the base name carries the device
/// so records stay short. Times are absolute (seconds since 1970) because a relative SenML time would lose the
/// reading's own instant when a backlog is replayed after an outage.
///
/// Members are written in name order, as the earlier `JSONEncoder(.sortedKeys)` wrote them, so packs are
/// byte-for-byte comparable across versions. The aggregator's reader is `SenMLPack.decode` in AggregatorKit.
public enum SenMLPack {
    /// What a record says instead of a number that JSON cannot carry (NaN, ±infinity). Readings are turned
    /// into faults before they are journaled (`SamplingLoop`); this keeps one bad value from spoiling a pack
    /// even if one slips through.
    public static let notFiniteFault = "value is not a finite number (NaN or infinite); check the calibration and scaling factors"

    public static func encode(_ readings: [Reading]) -> [UInt8] {
        encode(readings, resolutions: [:])
    }

    /// `resolutions`: what each channel's sensor or meter resolves; its values and totals are written as the
    /// shortest decimal at that resolution (no binary noise). A channel without one is written as its Double.
    public static func encode(_ readings: [Reading], resolutions: [ChannelID: MeasurementResolution]) -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 64 + readings.count * 200)
        json.beginArray()
        var currentDevice: DeviceID?
        for r in readings {
            let writable = (r.value.map { JSONWriter.isWritable($0.value) } ?? true)
                && (r.sum.map { JSONWriter.isWritable($0.value) } ?? true)
            json.beginObject()
            if r.key.device != currentDevice {
                json.key("bn")
                json.string(r.key.device.rawValue + ":")
                currentDevice = r.key.device
            }
            if let boot = r.bootID { json.key("boot"); json.string(boot) }
            if let cal = r.calibrationID { json.key("cal"); json.string(cal) }
            if !writable {
                json.key("fault")
                json.string(notFiniteFault)
            } else if let fault = r.fault {
                json.key("fault")
                json.string(fault)
            }
            if let method = r.method { json.key("m"); json.string(method) }
            if let mono = r.monotonicNanoseconds { json.key("mono"); json.integer(mono) }
            json.key("n")
            json.string(r.key.channel.rawValue)
            if !writable {
                json.key("q")
                json.string(ReadingQuality.fault.rawValue)
            } else if r.quality != .good {
                json.key("q")
                json.string(r.quality.rawValue)
            }
            let resolution = resolutions[r.key.channel]
            if writable, let s = r.sum { json.key("s"); json.number(resolution?.publishable(s) ?? s.value) }
            json.key("seq")
            json.integer(r.key.sequence)
            json.key("t")
            json.seconds(milliseconds: r.time.milliseconds)
            if let unit = r.value?.unit ?? r.sum?.unit { json.key("u"); json.string(unit) }
            if writable, let v = r.value { json.key("v"); json.number(resolution?.publishable(v) ?? v.value) }
            json.endObject()
        }
        json.endArray()
        return json.bytes
    }
}
