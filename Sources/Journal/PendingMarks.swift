import Synchronization

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
        var oldest: ContinuousClock.Instant?
    }

    let delay: Swift.Duration
    let limit: Int
    private let state = Mutex(State())

    init(delay: Swift.Duration, limit: Int) {
        self.delay = delay
        self.limit = limit
    }

    func add(_ rows: [Int64], sentAtMilliseconds: Int64) {
        state.withLock {
            for row in rows { $0.sentAtMilliseconds[row] = sentAtMilliseconds }
            if $0.oldest == nil, !rows.isEmpty { $0.oldest = .now }
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
            $0.oldest = $0.sentAtMilliseconds.isEmpty ? nil : .now
        }
    }

    func contains(_ row: Int64) -> Bool {
        state.withLock { $0.sentAtMilliseconds[row] != nil }
    }

    var isEmpty: Bool { state.withLock { $0.sentAtMilliseconds.isEmpty } }

    var isDue: Bool {
        state.withLock { s in
            s.sentAtMilliseconds.count >= limit || (s.oldest.map { ContinuousClock.now - $0 >= delay } ?? false)
        }
    }
}
