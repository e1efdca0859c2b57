/// Accepted readings waiting for their commit: many MQTT messages go into one transaction, as one
/// transaction per message cost 28 % of the aggregator's time at full intake.
///
/// Why nothing the city counts on is lost: libmosquitto acknowledges (PUBACK) a QoS 1 message as it reads
/// it, before any database sees it, whether the commit is per message or per batch. A crash loses what was
/// acknowledged but not committed (at most `batchReadings` readings, or `batchWindow` of intake); the
/// channels' sequence numbers show the hole as a gap once later readings are stored, and the gap is asked
/// for again on the board's `resend` topic (`SequenceGaps`), from the journal that keeps delivered readings
/// for `--keep-sent-hours`. Batching widens that window from one message to one batch; it adds no new way
/// to lose a reading.
struct IntakeBatch {
    private(set) var packs: [IncomingPack] = []
    private(set) var readings = 0
    private var oldest: ContinuousClock.Instant?

    var isEmpty: Bool { packs.isEmpty }

    mutating func add(_ pack: IncomingPack) {
        if packs.isEmpty { oldest = .now }
        packs.append(pack)
        readings += pack.readings.count
    }

    func isDue(maximumReadings: Int, window: Swift.Duration) -> Bool {
        guard let oldest else { return false }
        return readings >= maximumReadings || ContinuousClock.now - oldest >= window
    }

    mutating func take() -> [IncomingPack] {
        defer { self = IntakeBatch() }
        return packs
    }
}
