import BoardIO
import CGPIOD
import GatewayCore
import CSystem
import Platform

/// A requested line delivering kernel-timestamped edges.
///
/// The kernel keeps only 16 events per line and drops the oldest on overflow, so every wait drains the queue
/// completely (batches of `batchSize`) instead of returning after the first batch.
public final class LinuxEdgeEventSource: EdgeEventSource, Sendable {
    public let line: GPIOLineAddress
    /// Set when the kernel refused the requested bias and the line was requested without it.
    public let biasNotice: String?
    /// At least the kernel's per-line queue, so one read normally empties it.
    public static let batchSize = 16

    /// Nil once closed. Waiting holds the lock, so `close()` from another thread waits at most one timeout.
    private let request: Locked<RequestedLine?>

    init(line: GPIOLineAddress, requested: sending RequestedLine, biasNotice: String?) {
        self.line = line
        self.biasNotice = biasNotice
        self.request = Locked(requested)
    }

    deinit {
        close()
    }

    public func waitForEvents(timeoutMilliseconds: Int) throws(GPIOError) -> [EdgeEvent] {
        let line = self.line
        return try request.withLock { (held: inout RequestedLine?) throws(GPIOError) -> [EdgeEvent] in
            guard let handle = held?.handle else {
                throw GPIOError(line: line, operation: "wait for edges", reason: "the line was already closed")
            }
            let milliseconds = max(0, timeoutMilliseconds)
            var timeout = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
            var events: [EdgeEvent] = []
            var buffer = [gpiod_line_event](repeating: gpiod_line_event(), count: Self.batchSize)
            while true {
                let ready = gpiod_line_event_wait(handle, &timeout)
                if ready < 0 {
                    let code = sgw_errno()
                    // A signal (e.g. the shutdown handler) only cuts the wait short; nothing was lost.
                    if code == EINTR { return events }
                    throw GPIOError(line: line, operation: "wait for edges", reason: ErrnoText.describe(code))
                }
                if ready == 0 {
                    // Quiet for the whole timeout: the line's level now is the truth to label from.
                    if held?.levelAfterLastEdge != nil {
                        let level = gpiod_line_get_value(handle)
                        if level >= 0 { held?.levelAfterLastEdge = level == 1 }
                    }
                    return events
                }
                let count = gpiod_line_event_read_multiple(handle, &buffer, UInt32(Self.batchSize))
                guard count >= 0 else {
                    throw GPIOError(line: line, operation: "read edges", reason: ErrnoText.describe(sgw_errno()))
                }
                for raw in buffer.prefix(Int(count)) {
                    guard var event = Self.edgeEvent(raw) else { continue }
                    if let level = held?.levelAfterLastEdge {
                        event.kind = level ? .falling : .rising
                        held?.levelAfterLastEdge = !level
                    }
                    events.append(event)
                }
                // A full batch may mean more are queued: look again without blocking before returning.
                if Int(count) < Self.batchSize { return events }
                timeout = timespec()
            }
        }
    }

    public func close() {
        request.withLock { held in
            if let handle = held?.handle { gpiod_line_release(handle) }
            held = nil
        }
    }

    /// Kernel event timestamps are CLOCK_MONOTONIC (the v1 uAPI default since Linux 5.7), matching
    /// `SystemMonotonicClock`. With active-low requested, the kernel already reports logical edges.
    private static func edgeEvent(_ raw: gpiod_line_event) -> EdgeEvent? {
        let nanoseconds = UInt64(raw.ts.tv_sec) * 1_000_000_000 + UInt64(raw.ts.tv_nsec)
        switch raw.event_type {
        case Int32(GPIOD_LINE_EVENT_RISING_EDGE): return EdgeEvent(.rising, at: nanoseconds)
        case Int32(GPIOD_LINE_EVENT_FALLING_EDGE): return EdgeEvent(.falling, at: nanoseconds)
        default: return nil  // libgpiod 1.6 defines only these two; anything else is not an edge.
        }
    }
}
