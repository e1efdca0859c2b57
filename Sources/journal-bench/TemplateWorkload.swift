import GatewayCore
import Journal

/// Ticks as the gateway really makes them, taken from the journal of a real `sensor-gateway run` and repeated
/// with fresh times and sequence numbers. Synthetic readings would miss what decides the bytes: which
/// channels fall due together, the derived channels' method strings, monotonic stamps and the boot id.
struct TemplateWorkload {
    private let ticks: [[Reading]]
    private let finalStates: [ChannelID: ChannelState]
    private var sequences: [ChannelID: UInt64] = [:]

    var templateTicks: Int { ticks.count }
    var device: DeviceID { ticks[0][0].key.device }

    init(journalPath: String) throws(JournalError) {
        let journal = try ReadingJournal(path: journalPath)
        var groups: [[Reading]] = []
        var lastMono: UInt64?
        // One commit shares one monotonic stamp, derived readings included.
        for row in try journal.all() {
            if groups.isEmpty || row.reading.monotonicNanoseconds != lastMono { groups.append([]) }
            groups[groups.count - 1].append(row.reading)
            lastMono = row.reading.monotonicNanoseconds
        }
        guard !groups.isEmpty else { throw JournalError(path: journalPath, operation: "template", reason: "no readings") }
        ticks = groups
        finalStates = Dictionary(try journal.channelStates().map { ($0.channel, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Tick `k` of a run whose first tick is at `start`, one second apart, with the template's own spacing of
    /// readings inside a tick (a closed 30-minute window is stamped with the window's start).
    mutating func tick(_ k: Int, start: UnixTime, monoStart: UInt64) -> (readings: [Reading], states: [ChannelState]) {
        let template = ticks[k % ticks.count]
        let tickTime = start.milliseconds + Int64(k) * 1000
        let shift = tickTime - template[0].time.milliseconds
        var states: [ChannelState] = []
        let readings = template.map { r in
            var out = r
            let seq = (sequences[r.key.channel] ?? 0) + 1
            sequences[r.key.channel] = seq
            out.key = ReadingKey(device: r.key.device, channel: r.key.channel, sequence: seq)
            out.time = UnixTime(milliseconds: r.time.milliseconds + shift)
            out.monotonicNanoseconds = monoStart + UInt64(k) * 1_000_000_000
            states.append(ChannelState(device: r.key.device, channel: r.key.channel, lastSequence: seq,
                                       pulseTotal: finalStates[r.key.channel]?.pulseTotal ?? 0))
            return out
        }
        return (readings, states)
    }
}
