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
///
/// Kept as ranges of consecutive row ids acknowledged at the same time (a pack is one range, and a drain's
/// packs acknowledged within one millisecond run on into one), so a drain's thousands of PUBACKs cost a few
/// ranges here and one `UPDATE` each when written, not a dictionary entry and a statement per reading.
final class PendingMarks: Sendable {
    struct Range: Equatable {
        var first: Int64
        var last: Int64
        var sentAtMilliseconds: Int64
        /// Order of arrival: a snapshot writes, and then forgets, the ranges up to its own.
        var serial: UInt64
    }

    /// What one commit writes: the ranges in the order they arrived (a row acknowledged twice, after a
    /// resend, takes its later time).
    struct Batch {
        var ranges: [Range]
        var isEmpty: Bool { ranges.isEmpty }
        var count: Int { ranges.reduce(0) { $0 + Int($1.last - $1.first + 1) } }
    }

    private struct State {
        var ranges: [Range] = []
        var count = 0
        var nextSerial: UInt64 = 1
        /// The last range is in a snapshot being written: it must not grow, or its new rows would be forgotten
        /// with it once that snapshot is written.
        var lastIsSealed = true
        var lowest = Int64.max, highest = Int64.min
        /// CLOCK_MONOTONIC when the oldest waiting mark arrived.
        var oldestNanoseconds: UInt64?

        mutating func recount() {
            count = 0
            lowest = .max
            highest = .min
            for r in ranges {
                count += Int(r.last - r.first + 1)
                lowest = min(lowest, r.first)
                highest = max(highest, r.last)
            }
        }
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
        guard !rows.isEmpty else { return }
        state.withLock { s in
            for row in rows {
                let end = s.ranges.count - 1
                if !s.lastIsSealed, end >= 0, s.ranges[end].sentAtMilliseconds == sentAtMilliseconds, row == s.ranges[end].last + 1 {
                    s.ranges[end].last = row
                } else {
                    s.ranges.append(Range(first: row, last: row, sentAtMilliseconds: sentAtMilliseconds, serial: s.nextSerial))
                    s.nextSerial += 1
                    s.lastIsSealed = false
                }
                s.count += 1
                s.lowest = min(s.lowest, row)
                s.highest = max(s.highest, row)
            }
            if s.oldestNanoseconds == nil { s.oldestNanoseconds = Self.monotonicNanoseconds() }
        }
    }

    /// What a commit should write now; pass it to `written` once that commit has succeeded.
    func snapshot() -> Batch {
        state.withLock { s in
            s.lastIsSealed = true
            return Batch(ranges: s.ranges)
        }
    }

    func written(_ batch: Batch) {
        guard let through = batch.ranges.last?.serial else { return }
        state.withLock { s in
            s.ranges.removeAll { $0.serial <= through }
            s.recount()
            // Whatever arrived meanwhile restarts the wait; it is at most one tick old.
            s.oldestNanoseconds = s.ranges.isEmpty ? nil : Self.monotonicNanoseconds()
        }
    }

    /// `rows` less those whose PUBACK is waiting here (one lock for a whole pack).
    func withoutAcknowledged(_ rows: [JournaledReading]) -> [JournaledReading] {
        state.withLock { s in
            // Rows come in id order: a pack wholly outside the acknowledged ids (a drain's next pack) is kept whole.
            guard !s.ranges.isEmpty, let first = rows.first, let last = rows.last,
                  first.rowID <= s.highest, last.rowID >= s.lowest else { return rows }
            return rows.filter { row in
                row.rowID < s.lowest || row.rowID > s.highest
                    || !s.ranges.contains { $0.first <= row.rowID && row.rowID <= $0.last }
            }
        }
    }

    var isEmpty: Bool { state.withLock { $0.ranges.isEmpty } }

    var isDue: Bool {
        state.withLock { s in
            if s.count >= limit { return true }
            guard let oldest = s.oldestNanoseconds else { return false }
            return Self.monotonicNanoseconds() &- oldest >= delayNanoseconds
        }
    }
}
