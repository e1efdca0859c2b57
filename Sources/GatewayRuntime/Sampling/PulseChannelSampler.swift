import BoardIO
import BoardLog
import FieldText
import GatewayCore
import Platform
import Synchronization

/// A pulse meter on a GPIO line. A dedicated thread drains the line's edge events as they come (the kernel
/// keeps only 16 per line and drops the oldest), debounces them on their kernel timestamps and counts; the
/// sampling loop only reads the running total. The total is kept in the channel's unit, each increment converted
/// with the pulse scale in force when it is read (`MeteredTotal`), so a new K-factor record takes effect at the
/// next reading without rewriting what was counted before it.
final class PulseChannelSampler: ChannelSampler, @unchecked Sendable {
    let spec: ChannelSpec
    private let source: EdgeEventSource
    private let counter: Locked<PulseCounter>
    private let clock: MonotonicClock
    private let running = Atomic<Bool>(true)
    private let stopped = Atomic<Bool>(false)
    /// What a pulse is worth now: asked at every reading, so a calibration record written while the gateway runs
    /// applies from the next reading on.
    private let scale: () -> PulseScale
    private let activeEdgeOnly: Bool
    private var metered: MeteredTotal
    private let readerError = Locked<FieldProblem?>(nil)
    /// False when the system refused the reader thread: then every sample is a fault, not a silent zero.
    private var readerStarted = false
    /// Where rejected glitches are logged (each sample that found new ones says how many).
    private let log: Logger?
    private let debounceMilliseconds: Double
    private var loggedRejected: UInt64 = 0

    /// One pulse: the meter resolves nothing finer (its K-factor or impulse constant).
    var resolution: MeasurementResolution? {
        let now = scale()
        return MeasurementResolution(step: MeasuredValue(now.perPulse, now.unit))
    }

    /// What one pulse is worth in the channel's unit.
    struct PulseScale {
        var unit: String
        var perPulse: Double
        /// The calibration record the scale came from (a bucket-tested K-factor), if any.
        var calibrationID: String?
    }

    /// `activeEdgeOnly`: the line was requested on its active edge alone (no debounce), so every event is a pulse.
    /// `startingTotal` is where the counter continues (the last checkpoint); `publishedTotal`, the pulse count of
    /// the last recorded reading, is where the next increment counts from (the same when not given), and
    /// `publishedQuantity` that reading's total in the channel's unit (when a journal older than the unit totals
    /// has none, the pulse count at today's scale).
    init(spec: ChannelSpec, source: EdgeEventSource, debounce: GatewayCore.Duration, startingTotal: UInt64,
         publishedTotal: UInt64? = nil, publishedQuantity: Double? = nil, scale: @escaping () -> PulseScale,
         clock: MonotonicClock, activeEdgeOnly: Bool = false, log: Logger? = nil) {
        self.spec = spec
        self.log = log
        debounceMilliseconds = debounce.value * 1000
        self.activeEdgeOnly = activeEdgeOnly
        self.source = source
        self.clock = clock
        self.scale = scale
        counter = Locked(PulseCounter(debounce: debounce, startingTotal: startingTotal))
        let published = min(publishedTotal ?? startingTotal, startingTotal)
        let now = scale()
        metered = MeteredTotal(pulses: published,
                               total: MeasuredValue(publishedQuantity ?? Double(published) * now.perPulse, now.unit))
        readerStarted = BoardThread.start { [self] in readEdges() }
        if !readerStarted { stopped.store(true, ordering: .releasing) }
    }

    private func readEdges() {
        defer { stopped.store(true, ordering: .releasing) }
        while running.load(ordering: .relaxed) {
            do {
                // Edges wake the thread as they come; the timeout only bounds how long a stop waits for it.
                let events = try source.waitForEvents(timeoutMilliseconds: 1000)
                count(events)
            } catch {
                readerError.withLock { $0 = error.fieldProblem }
                BoardThread.sleep(nanoseconds: 1_000_000_000)
            }
        }
    }

    private func count(_ events: [EdgeEvent]) {
        guard !events.isEmpty else { return }
        counter.withLock { c in
            _ = activeEdgeOnly ? c.recordActiveEdges(events) : c.record(events)
        }
    }

    func sample() -> ChannelSample {
        guard readerStarted else {
            return .fault(FieldProblem(what: "\(source.line)", happened: .pulseReaderHappened, cause: .pulseReaderCause,
                                       action: .pulseReaderAction))
        }
        if let problem = readerError.withLock({ e in defer { e = nil }; return e }) {
            return .fault(problem)
        }
        let now = clock.nowNanoseconds()
        let total = counter.withLock { c in
            c.settle(now: now)
            return c.total
        }
        let inForce = scale()
        logRejected()
        let increment = metered.advance(to: total, perPulse: MeasuredValue(inForce.perPulse, inForce.unit))
        return .total(increment: increment, total: metered.total, pulseTotal: total, calibrationID: inForce.calibrationID)
    }

    func runningPulseTotal() -> UInt64? {
        guard readerStarted else { return nil }
        let now = clock.nowNanoseconds()
        return counter.withLock { c in
            c.settle(now: now)
            return c.total
        }
    }

    func beginStopping() { running.store(false, ordering: .relaxed) }

    func rejectedGlitches() -> UInt64? { counter.withLock { $0.rejectedGlitches } }

    private func logRejected() {
        guard let log, let rejected = rejectedGlitches(), rejected > loggedRejected else { return }
        let debounce = debounceMilliseconds == debounceMilliseconds.rounded() ? String(Int(debounceMilliseconds))
            : String(debounceMilliseconds)
        log.warning(FieldText.say(.pulsesRejected, [spec.id.rawValue, String(rejected - loggedRejected), debounce]))
        loggedRejected = rejected
    }

    func finishCounting() {
        // A reader still inside a wait after the grace period owns the line: it is not read from two threads.
        guard stopReader() else { return }
        drainPendingEdges()
        // A level still inside its debounce (a pulse just begun) is given its debounce time to become a pulse.
        let (pending, debounce) = counter.withLock { c in (c.hasPendingLevel, c.debounceNanoseconds) }
        if pending {
            BoardThread.sleep(nanoseconds: Int64(debounce))
            drainPendingEdges()
        }
    }

    private func drainPendingEdges() {
        do {
            count(try source.waitForEvents(timeoutMilliseconds: 0))
        } catch {
            // The line failed as the gateway stops: the last sample carries what was counted before.
        }
    }

    func close() {
        stopReader()
        source.close()
    }

    /// Asks the reader thread to stop and waits up to 1.5 s (its waits end within one second); returns whether it did.
    @discardableResult
    private func stopReader() -> Bool {
        running.store(false, ordering: .relaxed)
        for _ in 0..<150 where !stopped.load(ordering: .acquiring) { BoardThread.sleep(nanoseconds: 10_000_000) }
        return stopped.load(ordering: .acquiring)
    }
}
