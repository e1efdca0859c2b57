import CSystem
import Platform

/// PUBACKs not yet written to the journal. A synced commit of their own would cost as much card wear as the
/// readings themselves, so they ride the next tick's commit (or are written alone once they have waited
/// `delay`, for sites that sample rarely, or once `limit` are waiting, as during an unpaced backlog drain,
/// where a second's PUBACKs would otherwise make the next tick's commit, and so the live readings, late).
///
/// Until written they live only here: a crash forgets them and those readings go out again after the restart,
/// where the city drops them as duplicates by (device, channel, sequence). A reading is never taken for sent
/// before its PUBACK, so this trades a few resends for far fewer writes, never a loss.
final class PendingMarks: Sendable {
    private struct State {
        var sentAtMilliseconds: [Int64: Int64] = [:]
        /// CLOCK_MONOTONIC when the oldest waiting mark arrived.
        var oldestNanoseconds: UInt64?
    }

    let delayNanoseconds: UInt64
    let limit: Int
    private let state = Locked(State())

    init(delay: Swift.Duration, limit: Int) {
        let parts = delay.components
        let nanoseconds = parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
        delayNanoseconds = nanoseconds <= 0 ? 0 : UInt64(nanoseconds)
        self.limit = limit
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    func add(_ rows: [Int64], sentAtMilliseconds: Int64) {
        state.withLock {
            for row in rows { $0.sentAtMilliseconds[row] = sentAtMilliseconds }
            if $0.oldestNanoseconds == nil, !rows.isEmpty { $0.oldestNanoseconds = Self.monotonicNanoseconds() }
        }
    }

    /// What a commit should write now; pass it to `written` once that commit has succeeded.
    func snapshot() -> [Int64: Int64] {
        state.withLock { $0.sentAtMilliseconds }
    }

    func written(_ marks: [Int64: Int64]) {
        guard !marks.isEmpty else { return }
        state.withLock {
            for row in marks.keys { $0.sentAtMilliseconds.removeValue(forKey: row) }
            // Whatever arrived meanwhile restarts the wait; it is at most one tick old.
            $0.oldestNanoseconds = $0.sentAtMilliseconds.isEmpty ? nil : Self.monotonicNanoseconds()
        }
    }

    /// `rows` less those whose PUBACK is waiting here (one lock for a whole pack).
    func withoutAcknowledged(_ rows: [JournaledReading]) -> [JournaledReading] {
        state.withLock { s in
            s.sentAtMilliseconds.isEmpty ? rows : rows.filter { s.sentAtMilliseconds[$0.rowID] == nil }
        }
    }

    var isEmpty: Bool { state.withLock { $0.sentAtMilliseconds.isEmpty } }

    var isDue: Bool {
        state.withLock { s in
            if s.sentAtMilliseconds.count >= limit { return true }
            guard let oldest = s.oldestNanoseconds else { return false }
            return Self.monotonicNanoseconds() &- oldest >= delayNanoseconds
        }
    }
}
