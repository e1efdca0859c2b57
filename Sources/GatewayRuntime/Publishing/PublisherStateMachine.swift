import BoardLog
import MQTTTransport

/// The publisher's decisions, in swift-nio's style: a value that takes events (time passes, the journal has
/// new rows, the broker answered, a PUBACK came, the city asked for a resend, stop) and returns the actions
/// the publisher thread carries out. It holds no I/O, so every rule below is tested without a broker.
///
/// After a connect the journal splits in two at its newest row: readings taken from then on are live and go
/// out as they are committed; the backlog before them replays oldest first, paced, and only through the part
/// of the in-flight window live readings leave free. Each part keeps its own order per channel; the city
/// orders by sequence and time, so live values arrive now and the backlog fills in behind them.
/// A reading leaves the journal's unsent set only on an accepting PUBACK for the pack that carried it.
struct PublisherStateMachine {
    struct Limits {
        var readingsPerMessage = 50
        var inflightMessages = 16
        /// In-flight messages the backlog may not take, so live readings always find room.
        var inflightReservedForLive = 4
        /// Backlog replay pace; 0 replays as fast as the window allows.
        var replayReadingsPerSecond = 1000
        /// The broker keeps this board's session between connections (MQTT v5 session expiry above 0).
        var sessionPersists = false
        var brokerDescription = "broker"
        var connackTimeoutNanoseconds: Int64 = 5_000_000_000
        /// How long a resumed session may take to bring the PUBACKs of messages sent before it.
        var resumedSessionGraceNanoseconds: Int64 = 30_000_000_000
        /// How long a stop may spend sending what the sampler journaled last.
        var stopDrainNanoseconds: Int64 = 3_000_000_000
        /// How long reads pause after the journal failed one, so a broken journal is not hammered.
        var journalRetryNanoseconds: Int64 = 1_000_000_000
        var reconnectInitialSeconds = 1.0
        var reconnectMaximumSeconds = 30.0
    }

    /// The connection, as far as the publisher is concerned.
    enum Link: Equatable {
        /// No connection; the next attempt is due at this monotonic instant.
        case waiting(untilNanoseconds: Int64)
        /// CONNECT sent; without a CONNACK by the deadline the attempt counts as failed.
        case connecting(deadlineNanoseconds: Int64)
        case connected
        /// Stop requested while connected: what the sampler journaled last goes out until the deadline.
        case draining(deadlineNanoseconds: Int64)
        case finished
    }

    let limits: Limits
    private(set) var link: Link = .waiting(untilNanoseconds: .min)
    private(set) var window: InflightWindow
    private var pacer: ReplayPacer
    private var backoff: ReconnectBackoff
    /// Rows after this were journaled since the connection came up.
    private(set) var liveFrom: Int64 = 0
    private(set) var liveCursor: Int64 = 0
    private(set) var replayCursor: Int64 = 0
    private(set) var replaying = false
    /// Set while the pacer has no tokens for the next backlog pack.
    private var replayPausedUntilNanoseconds: Int64?
    private var readsPausedUntilNanoseconds: Int64?
    /// Counts successful connections; the window remembers which one sent each message.
    private var connection = 0
    /// Set while messages from before a resumed session await their resent PUBACKs.
    private var resumedAtNanoseconds: Int64?
    /// The sampler committed rows the live cursor has not read yet.
    private var journalHasNews = true
    private var statusDue = false
    private var outageReported = false
    private var lastRefusal: String?
    /// Stop was asked for while a CONNACK was awaited: the connection, if it comes, only drains.
    private var stopAfterConnect = false

    init(limits: Limits, seed: UInt64) {
        self.limits = limits
        window = InflightWindow(capacity: limits.inflightMessages)
        pacer = ReplayPacer(readingsPerSecond: limits.replayReadingsPerSecond, readingsPerMessage: limits.readingsPerMessage)
        backoff = ReconnectBackoff(initialSeconds: limits.reconnectInitialSeconds,
                                   maximumSeconds: limits.reconnectMaximumSeconds, seed: seed)
    }

    // MARK: - What to do now

    /// The next thing to do at `now` (monotonic nanoseconds); `.sleep` when there is nothing until a timer
    /// or an event.
    mutating func nextAction(nowNanoseconds now: Int64) -> PublisherAction {
        switch link {
        case .finished:
            return .finish
        case .waiting(let due):
            guard now >= due else { return .sleep(untilNanoseconds: due) }
            link = .connecting(deadlineNanoseconds: now + limits.connackTimeoutNanoseconds)
            return .connect
        case .connecting(let deadline):
            guard now >= deadline else { return .sleep(untilNanoseconds: deadline) }
            if let report = scheduleRetry(reason: lastRefusal ?? "no CONNACK from broker", now: now) { return report }
            return nextAction(nowNanoseconds: now)
        case .connected:
            return connectedWork(now) ?? .sleep(untilNanoseconds: connectedTimer())
        case .draining(let deadline):
            // Until the deadline, the work of a connection goes on: live first, then the backlog.
            if now < deadline, let work = connectedWork(now) { return work }
            if now >= deadline || window.isEmpty {
                link = .finished
                return .sayGoodbye
            }
            return .sleep(untilNanoseconds: min(deadline, connectedTimer() ?? deadline))
        }
    }

    private mutating func connectedWork(_ now: Int64) -> PublisherAction? {
        if statusDue {
            statusDue = false
            return .publishStatus
        }
        if let resumedAt = resumedAtNanoseconds, now - resumedAt >= limits.resumedSessionGraceNanoseconds {
            // A resumed session should have brought their PUBACKs long ago; never let lost ones hold window
            // slots for good. Their rows are still unsent, so the backlog pass sends them again.
            resumedAtNanoseconds = nil
            let forgotten = window.forget(sentBefore: connection)
            if forgotten > 0 {
                replayCursor = 0
                replaying = true
                return .report(.warning, "\(forgotten) readings sent before the reconnect were never acknowledged; sending them again")
            }
        }
        guard readsAllowed(now) else { return nil }
        if journalHasNews, window.hasRoom {
            return .readLive(after: liveCursor, limit: limits.readingsPerMessage)
        }
        if replaying, window.count < limits.inflightMessages - limits.inflightReservedForLive {
            if let paused = replayPausedUntilNanoseconds, now < paused { return nil }
            replayPausedUntilNanoseconds = nil
            return .readBacklog(after: replayCursor, through: liveFrom, limit: limits.readingsPerMessage)
        }
        return nil
    }

    private func readsAllowed(_ now: Int64) -> Bool {
        guard let paused = readsPausedUntilNanoseconds else { return true }
        return now >= paused
    }

    /// The earliest timer while connected: the replay pacer's next token, the resumed session's grace, a
    /// journal retry.
    private func connectedTimer() -> Int64? {
        var due: Int64?
        func consider(_ t: Int64?) { if let t { due = min(due ?? t, t) } }
        if let r = resumedAtNanoseconds { consider(r + limits.resumedSessionGraceNanoseconds) }
        if replaying, window.count < limits.inflightMessages - limits.inflightReservedForLive {
            consider(replayPausedUntilNanoseconds)
        }
        consider(readsPausedUntilNanoseconds)
        return due
    }

    // MARK: - Outcomes of actions

    /// The connection attempt failed before any CONNACK (refused TCP connection, DNS, TLS).
    mutating func connectFailed(reason: String, nowNanoseconds now: Int64) -> [PublisherAction] {
        guard case .connecting = link else { return [] }
        return scheduleRetry(reason: reason, now: now).map { [$0] } ?? []
    }

    /// CONNACK with reason code 0.
    mutating func connected(sessionPresent: Bool, newestRowID: Int64, backlogCount: Int,
                            nowNanoseconds now: Int64) -> [PublisherAction] {
        guard case .connecting = link else { return [] }
        link = stopAfterConnect ? .draining(deadlineNanoseconds: now + limits.stopDrainNanoseconds) : .connected
        backoff.reset()
        // With our session kept, libmosquitto resends what was in flight under the same message ids and
        // their PUBACKs still match the window; without it, those rows go out again with the backlog.
        let resumed = sessionPresent && limits.sessionPersists
        connection += 1
        if resumed { resumedAtNanoseconds = now } else { window.reset(); resumedAtNanoseconds = nil }
        liveFrom = newestRowID
        liveCursor = newestRowID
        replayCursor = 0
        replaying = true
        pacer.reset()
        replayPausedUntilNanoseconds = nil
        readsPausedUntilNanoseconds = nil
        journalHasNews = true
        statusDue = false
        lastRefusal = nil
        outageReported = false
        let pace = limits.replayReadingsPerSecond > 0 ? "at up to \(limits.replayReadingsPerSecond)/s" : "unpaced"
        return [
            .report(.notice, "connected to broker \(limits.brokerDescription)\(resumed ? " (session resumed)" : ""); \(backlogCount) readings waiting, replayed \(pace)"),
            .publishStatus,
            .subscribeResend,
        ]
    }

    /// CONNACK with a refusal (bad credentials, not authorised, …); `text` says which, for the technician.
    mutating func connectionRefused(_ text: String, nowNanoseconds now: Int64) -> [PublisherAction] {
        guard case .connecting = link else { return [] }
        var actions: [PublisherAction] = []
        if text != lastRefusal { actions.append(.report(.error, text)) }
        lastRefusal = text
        if let report = scheduleRetry(reason: text, now: now) { actions.append(report) }
        return actions
    }

    /// The connection ended (broker gone, network down, keepalive timeout, the broker's DISCONNECT).
    mutating func disconnected(reason: String, nowNanoseconds now: Int64) -> [PublisherAction] {
        switch link {
        case .connected:
            var actions: [PublisherAction] = [.report(.warning, "lost connection to broker (\(reason)); will retry with backoff")]
            if let report = scheduleRetry(reason: "connection lost", now: now) { actions.append(report) }
            return actions
        case .connecting:
            return scheduleRetry(reason: lastRefusal ?? reason, now: now).map { [$0] } ?? []
        case .draining:
            // Nothing more can be sent; what is unacknowledged stays unsent in the journal for next time.
            link = .finished
            return []
        case .waiting, .finished:
            return []
        }
    }

    /// Returns the once-per-outage report, if this failure starts an outage.
    private mutating func scheduleRetry(reason: String, now: Int64) -> PublisherAction? {
        if stopAfterConnect {
            link = .finished
            return nil
        }
        let delaySeconds = backoff.nextDelaySeconds()
        link = .waiting(untilNanoseconds: now + Int64(delaySeconds * 1e9))
        guard !outageReported else { return nil }
        // Once per outage: the board keeps sampling into the journal, so this is news, not an emergency.
        outageReported = true
        return .report(.warning, "broker \(limits.brokerDescription) unavailable (\(reason)); readings are kept in the journal and will be sent when it returns")
    }

    /// Rows read for `.readLive`, oldest first.
    mutating func liveRowsRead(_ rowIDs: [Int64]) -> [PublisherAction] {
        // A short read reached the newest commit: until the sampler commits again there is nothing live.
        if rowIDs.count < limits.readingsPerMessage { journalHasNews = false }
        guard let last = rowIDs.last else { return [] }
        return [.publishPack(PackPlan(part: .live, rowIDs: rowIDs, cursorAfter: last))]
    }

    /// Rows read for `.readBacklog`, oldest first.
    mutating func backlogRowsRead(_ rowIDs: [Int64], nowNanoseconds now: Int64) -> [PublisherAction] {
        guard let last = rowIDs.last else {
            replaying = false
            return []
        }
        // Rows still in flight from before a resumed session are libmosquitto's to resend.
        let fresh = rowIDs.filter { !window.contains(row: $0) }
        guard !fresh.isEmpty else {
            replayCursor = last
            return []
        }
        let seconds = Double(now) / 1e9
        guard pacer.take(fresh.count, nowSeconds: seconds) else {
            replayPausedUntilNanoseconds = now + max(1, Int64(pacer.secondsUntil(fresh.count) * 1e9))
            return []
        }
        return [.publishPack(PackPlan(part: .backlog, rowIDs: fresh, cursorAfter: last))]
    }

    /// The journal could not be read; reads pause briefly instead of retrying in a tight loop.
    mutating func readFailed(nowNanoseconds now: Int64) {
        readsPausedUntilNanoseconds = now + limits.journalRetryNanoseconds
    }

    /// The pack went out under `messageID`; its rows wait in the window for the PUBACK.
    mutating func packPublished(_ plan: PackPlan, messageID: Int32) {
        window.add(messageID: messageID, rows: plan.rowIDs, connection: connection)
        advance(past: plan)
    }

    /// The pack could not be encoded or handed to the connection. Nothing in it is marked sent: its rows stay
    /// unsent in the journal, and the next connection's backlog pass (or a resend request) tries them again.
    /// The cursor still moves past them, so one bad pack cannot hold up everything behind it.
    mutating func packNotPublished(_ plan: PackPlan, reason: String) -> [PublisherAction] {
        advance(past: plan)
        let span = plan.rowIDs.first.map { "journal rows \($0)–\(plan.rowIDs.last ?? $0)" } ?? "no rows"
        return [.report(.error, "\(plan.rowIDs.count) readings (\(span)) were not sent: \(reason); they stay unsent in the journal and are tried again after the next reconnect")]
    }

    private mutating func advance(past plan: PackPlan) {
        switch plan.part {
        case .live: liveCursor = max(liveCursor, plan.cursorAfter)
        case .backlog: replayCursor = max(replayCursor, plan.cursorAfter)
        }
    }

    /// PUBACK. Reason 0x10 "no matching subscribers" is still an accepted publish; from 0x80 up the broker
    /// refused it and the rows stay unsent.
    mutating func acknowledged(messageID: Int32, reasonCode: Int32, reasonText: String) -> [PublisherAction] {
        let rows = window.acknowledge(messageID: messageID)
        guard !rows.isEmpty else { return [] }
        if reasonCode == 0 || reasonCode == 0x10 { return [.markSent(rowIDs: rows)] }
        return [.report(.error, "broker refused \(rows.count) readings: \(reasonText) (reason 0x\(String(reasonCode, radix: 16))); they stay in the journal")]
    }

    // MARK: - Events from outside the thread

    /// The sampler committed new rows.
    mutating func journalCommitted() { journalHasNews = true }

    /// Something in the status changed (a sensor failed or recovered, resends became unavailable).
    mutating func statusChanged() {
        if case .connected = link { statusDue = true }
    }

    /// The city's resend request put `requeued` rows back among the unsent: the backlog pass restarts and
    /// now covers everything up to the live cursor (rows up to it are sent or in flight).
    mutating func resendRequeued(_ requeued: Int) {
        guard requeued > 0 else { return }
        liveFrom = max(liveFrom, liveCursor)
        replayCursor = 0
        replaying = true
    }

    /// Stop: with a connection (or one about to answer), what the sampler journaled last and as much of the
    /// backlog as fits go out first, within `stopDrainNanoseconds`, so a clean stop leaves little to resend;
    /// without one the thread ends at once and the broker's copy of the will already says offline.
    mutating func stopRequested(nowNanoseconds now: Int64) {
        switch link {
        case .connected:
            link = .draining(deadlineNanoseconds: now + limits.stopDrainNanoseconds)
            journalHasNews = true
        case .connecting:
            stopAfterConnect = true
        case .draining, .finished:
            break
        case .waiting:
            link = .finished
        }
    }

    /// True while the thread should watch the connection's socket.
    var hasConnection: Bool {
        switch link {
        case .connecting, .connected, .draining: true
        case .waiting, .finished: false
        }
    }
}
