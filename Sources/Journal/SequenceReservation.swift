import GatewayCore
import Platform

/// Sequence numbers reserved in blocks, in a small file beside the journal, before any of them is used.
///
/// The city drops a reading whose (device, channel, sequence) it already has. Were the journal lost (moved
/// aside as corrupt, or deleted by hand) and numbering began again at 1, every new reading would look like
/// one the city already holds and vanish without a word. A journal that has no state for a channel takes it
/// from here instead: above anything used before. The price is a gap of at most one block, which the city
/// asks for like any other and the board reports as no longer held. A block of 256 keeps that gap small
/// for slow channels and costs one small synced file write per 256 readings of a channel (every 4 min at
/// 1 s sampling).
final class SequenceReservation: Sendable {
    static let block: UInt64 = 256

    let path: String
    /// Why the file could not be read at start-up, if it could not (the gateway logs it and carries on; the
    /// file is written afresh with the next reservation).
    let problem: String?
    private let reserved: Locked<[ReadingKey: UInt64]>

    init(path: String) {
        self.path = path
        var loaded: [ReadingKey: UInt64] = [:]
        var problem: String?
        do {
            if let bytes = try DurableFile.contents(path) {
                do {
                    for e in try ReservationFile.decode(bytes) { loaded[Self.key(e.device, e.channel)] = e.reserved }
                } catch {
                    problem = "sequence reservations \(path) are unreadable (\(error)); numbering continues from the journal alone"
                }
            }
        } catch {
            problem = "sequence reservations \(path) are unreadable (\(error.reason)); numbering continues from the journal alone"
        }
        self.problem = problem
        reserved = Locked(loaded)
    }

    private static func key(_ device: String, _ channel: String) -> ReadingKey {
        ReadingKey(device: DeviceID(device), channel: ChannelID(channel), sequence: 0)
    }

    private static func entries(_ reserved: [ReadingKey: UInt64]) -> [ReservationFile.Entry] {
        reserved.map { ReservationFile.Entry(device: $0.key.device.rawValue, channel: $0.key.channel.rawValue, reserved: $0.value) }
            .sorted { ($0.device, $0.channel) < ($1.device, $1.channel) }
    }

    /// Channels' reserved highs, for a journal that lacks their state.
    var entries: [ReservationFile.Entry] {
        reserved.withLock { Self.entries($0) }
    }

    /// Extends the reservation of every channel a reading would take past it, durably, before the readings are
    /// committed: a crash between the two leaves numbers reserved and unused, never used and unreserved.
    func cover(_ readings: [Reading]) throws(JournalError) {
        let snapshot: [ReadingKey: UInt64]? = reserved.withLock { r in
            var next = r
            var changed = false
            for reading in readings {
                let k = Self.key(reading.key.device.rawValue, reading.key.channel.rawValue)
                if reading.key.sequence > next[k] ?? 0 {
                    next[k] = reading.key.sequence + Self.block - 1
                    changed = true
                }
            }
            return changed ? next : nil
        }
        guard let snapshot else { return }
        try DurableFile.replace(path, with: ReservationFile.encode(Self.entries(snapshot)))
        reserved.withLock { r in
            for (k, v) in snapshot { r[k] = max(r[k] ?? 0, v) }
        }
    }
}
