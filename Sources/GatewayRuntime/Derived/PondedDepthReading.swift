import GatewayCore

/// A ponded depth the paddy's level channel actually read, and when: the start of the next water-balance
/// interval. Restored from the journal at start-up so a restart while the paddy is ponded charges only the
/// real change in storage, not the whole pond.
struct PondedDepthReading: Hashable {
    var depth: Metres
    var time: UnixTime

    init(depth: Metres, time: UnixTime) {
        self.depth = depth
        self.time = time
    }

    /// A level reading as a ponded depth; nil for a faulted reading or one without a value.
    init?(_ reading: Reading) {
        guard reading.quality != .fault, let value = reading.value else { return nil }
        self.init(depth: Metres(value.value), time: reading.time)
    }
}
