import Foundation
import GatewayCore
import Journal
import Logging
import MQTTTransport
import SenML
import Synchronization

/// Moves journaled readings to the broker. Owns the MQTT connection on its own thread, so a broker that is
/// away (or a DNS lookup that hangs) never holds up sampling. Readings leave the journal's unsent set only
/// on PUBACK.
///
/// After a reconnect the journal splits in two at its newest row: readings taken from then on are live and go
/// out as they are committed; the backlog before them replays oldest first, paced, and only through the part
/// of the in-flight window live readings leave free. Each part keeps its own order per channel; the city
/// orders by sequence and time, so live values arrive now and the backlog fills in behind them.
final class Publisher: @unchecked Sendable {
    struct Settings {
        var options: MQTTConnectionOptions
        var device: DeviceID
        var dataTopic: String
        var statusTopic: String
        /// Where the city asks for readings again (`ResendRequest`).
        var resendTopic: String
        var readingsPerMessage = 50
        var inflightMessages = 16
        /// Backlog replay pace; 0 replays as fast as the window allows.
        var replayReadingsPerSecond = 1000
        /// In-flight messages the backlog may not take, so live readings always find room.
        var inflightReservedForLive = 4
    }

    private let settings: Settings
    private let journal: ReadingJournal
    private let log: Logger
    private let status: @Sendable (_ state: String) -> DeviceStatus
    /// Bumped by the sampler after each commit, so the publisher queries the journal only when there is news.
    let journalGeneration = Atomic<Int>(0)
    let statusGeneration = Atomic<Int>(0)
    /// Readings the city asked for again that the journal no longer held, since start (published in status).
    private let resendUnavailable = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    private var window: InflightWindow
    private var pacer: ReplayPacer
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    /// Rows after this were journaled since the connection came up.
    private var liveFrom: Int64 = 0
    private var liveCursor: Int64 = 0
    private var replayCursor: Int64 = 0
    private var replaying = false
    /// Counts successful connections; the window remembers which one sent each message.
    private var connection = 0
    /// Set while messages from before a resumed session await their resent PUBACKs.
    private var resumedAt: ContinuousClock.Instant?
    private var connected = false
    private var backoff: ReconnectBackoff
    private var nextAttempt = ContinuousClock.now
    private var outageReported = false
    private var lastRefusal: String?
    private var seenJournalGeneration = -1
    private var seenStatusGeneration = 0

    init(settings: Settings, journal: ReadingJournal, log: Logger, status: @escaping @Sendable (String) -> DeviceStatus) {
        self.settings = settings
        self.journal = journal
        self.log = log
        self.status = status
        window = InflightWindow(capacity: settings.inflightMessages)
        pacer = ReplayPacer(readingsPerSecond: settings.replayReadingsPerSecond, readingsPerMessage: settings.readingsPerMessage)
        started = clock.now
        backoff = ReconnectBackoff(initialSeconds: 1, maximumSeconds: 30, seed: UInt64(truncatingIfNeeded: settings.options.clientID.hashValue))
    }

    func start() {
        let t = Thread { [self] in run() }
        t.name = "publisher"
        t.start()
    }

    /// Asks the thread to say goodbye (retained offline status, clean disconnect) and waits for it.
    func stop(timeout: Swift.Duration = .seconds(5)) {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        let deadline = ContinuousClock.now + timeout
        while !finished.load(ordering: .sequentiallyConsistent), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    private func run() {
        defer { finished.store(true, ordering: .sequentiallyConsistent) }
        var willOptions = settings.options
        willOptions.will = MQTTMessage(topic: settings.statusTopic, payload: currentStatus("offline").encoded(), qos: 1, retain: true)
        let client: MQTTClient
        do {
            client = try MQTTClient(willOptions)
        } catch {
            log.critical("cannot create MQTT client: \(error)")
            return
        }
        while !stopRequested.load(ordering: .sequentiallyConsistent) {
            if !connected, ContinuousClock.now >= nextAttempt { attemptConnect(client) }
            for event in client.poll(timeoutMilliseconds: connected ? 20 : 100) { handle(event, client) }
            if connected { pump(client) }
            do { try journal.flushMarksIfDue() } catch { log.error("\(error)") }
        }
        if connected {
            // Flush what the sampler journaled last and drain what is in flight, within a bound: a clean stop
            // then leaves nothing to resend. Whatever misses the bound stays in the journal for next time.
            let deadline = ContinuousClock.now + .seconds(3)
            seenJournalGeneration = -1
            while connected, ContinuousClock.now < deadline {
                pump(client)
                if window.isEmpty, seenJournalGeneration != -1 { break }
                for event in client.poll(timeoutMilliseconds: 20) { handle(event, client) }
            }
            _ = try? client.publish(MQTTMessage(topic: settings.statusTopic, payload: currentStatus("offline").encoded(), qos: 1, retain: true))
            _ = client.pollUntil(timeoutMilliseconds: 1000) { if case .acknowledged = $0 { true } else { false } }
            client.disconnect()
        }
        do { try journal.flushMarks() } catch { log.error("\(error)") }
    }

    private func attemptConnect(_ client: MQTTClient) {
        do {
            try client.connect()
            // CONNACK decides; until then we are not connected.
            let events = client.pollUntil(timeoutMilliseconds: 5000) {
                switch $0 {
                case .connected, .disconnected: true
                default: false
                }
            }
            for e in events { handle(e, client) }
            if !connected { scheduleRetry(reason: lastRefusal ?? "no CONNACK from broker") }
        } catch {
            scheduleRetry(reason: error.description)
        }
    }

    private func scheduleRetry(reason: String) {
        let delay = backoff.nextDelaySeconds()
        nextAttempt = ContinuousClock.now + .milliseconds(Int(delay * 1000))
        if !outageReported {
            // Once per outage: the board keeps sampling into the journal, so this is news, not an emergency.
            log.warning("broker \(settings.options.brokerDescription) unavailable (\(reason)); readings are kept in the journal and will be sent when it returns")
            outageReported = true
        }
    }

    private func handle(_ event: MQTTEvent, _ client: MQTTClient) {
        switch event {
        case .connected(let rc, let sessionPresent) where rc == 0:
            connected = true
            backoff.reset()
            // With our session kept, libmosquitto resends what was in flight under the same message ids and
            // their PUBACKs still match the window; without it, those rows go out again with the backlog.
            let resumed = sessionPresent && settings.options.sessionExpirySeconds > 0
            connection += 1
            if resumed { resumedAt = clock.now } else { window.reset() }
            do { liveFrom = try journal.lastRowID() } catch { log.error("\(error)") }
            liveCursor = liveFrom
            replayCursor = 0
            replaying = true
            pacer.reset()
            seenJournalGeneration = -1
            lastRefusal = nil
            let backlog = (try? journal.summary().unsentCount) ?? 0
            let pace = settings.replayReadingsPerSecond > 0 ? "at up to \(settings.replayReadingsPerSecond)/s" : "unpaced"
            log.notice("connected to broker \(settings.options.brokerDescription)\(resumed ? " (session resumed)" : ""); \(backlog) readings waiting, replayed \(pace)")
            outageReported = false
            publishStatus(client)
            // Kept in the session like the data; subscribing again on each connect costs nothing.
            do { try client.subscribe(settings.resendTopic, qos: 1) } catch { log.error("cannot subscribe to \(settings.resendTopic): \(error)") }
        case .connected(let rc, _):
            let text = "broker refused the connection: \(mqttReasonText(rc)) (reason 0x\(String(rc, radix: 16)))"
            if text != lastRefusal { log.error("\(text)") }
            lastRefusal = text
            connected = false
        case .disconnected(let rc):
            // Only a live connection that drops schedules a retry; while disconnected, the poll keeps
            // reporting "no connection" and the schedule set by the failed attempt stands.
            guard connected else { return }
            log.warning("lost connection to broker (\(mqttDisconnectText(rc))); will retry with backoff")
            connected = false
            scheduleRetry(reason: "connection lost")
        case .acknowledged(let mid, let rc):
            let rows = window.acknowledge(messageID: mid)
            // 0x10 "no matching subscribers" is still an accepted publish.
            if rc == 0 || rc == 0x10 {
                do { try journal.markSent(rows, at: UnixTime(seconds: Date().timeIntervalSince1970)) }
                catch { log.error("\(error)") }
            } else if !rows.isEmpty {
                log.error("broker refused \(rows.count) readings: \(mqttReasonText(rc)); they stay in the journal")
            }
        case .message(let m) where m.topic == settings.resendTopic:
            resend(m.payload)
        case .message, .subscribed:
            break
        }
    }

    private func currentStatus(_ state: String) -> DeviceStatus {
        var s = status(state)
        let unavailable = resendUnavailable.load(ordering: .relaxed)
        if unavailable > 0 { s.resendUnavailable = unavailable }
        return s
    }

    private func publishStatus(_ client: MQTTClient) {
        seenStatusGeneration = statusGeneration.load(ordering: .relaxed)
        do {
            try client.publish(MQTTMessage(topic: settings.statusTopic, payload: currentStatus("online").encoded(), qos: 1, retain: true))
        } catch { log.error("\(error)") }
    }

    /// Puts what the journal still holds of the requested range back in the backlog and restarts the backlog
    /// pass; the rows go out paced, behind live readings, like any backlog.
    private func resend(_ payload: [UInt8]) {
        let request: ResendRequest
        switch ResendRequest.decode(payload) {
        case .success(let r): request = r
        case .failure(let e):
            log.error("ignored a message on \(settings.resendTopic): \(e)")
            return
        }
        let outcome: RequeueOutcome
        do {
            outcome = try journal.requeue(device: settings.device, channel: ChannelID(request.channel),
                                          spans: request.spans.map { $0.from...$0.to })
        } catch {
            log.error("cannot resend \(request.channel): \(error)")
            return
        }
        let first = request.spans[0]
        let which = request.spans.count == 1 ? "\(first.from)–\(first.to)" : "\(request.spans.count) spans from \(first.from)"
        var text = "the city asked for \(request.readingCount) readings of \(request.channel) again (\(which)): \(outcome.requeued) requeued, \(outcome.waiting) still waiting in the backlog"
        if outcome.unavailable > 0 {
            text += ", \(outcome.unavailable) no longer in the journal (thinned by the disk budget or pruned after delivery)"
            resendUnavailable.add(Int(outcome.unavailable), ordering: .relaxed)
            statusGeneration.add(1, ordering: .relaxed)
        }
        log.notice("\(text)")
        if outcome.requeued > 0 {
            // Rows up to the live cursor are sent or in flight, so the backlog pass may now cover them all.
            liveFrom = max(liveFrom, liveCursor)
            replayCursor = 0
            replaying = true
        }
    }

    private func pump(_ client: MQTTClient) {
        if statusGeneration.load(ordering: .relaxed) != seenStatusGeneration { publishStatus(client) }
        if let resumedAt, clock.now - resumedAt > .seconds(30) {
            // A resumed session should have brought their PUBACKs long ago; never let lost ones hold window
            // slots for good. Their rows are still unsent, so the backlog pass sends them again.
            let forgotten = window.forget(sentBefore: connection)
            if forgotten > 0 {
                log.warning("\(forgotten) readings sent before the reconnect were never acknowledged; sending them again")
                replayCursor = 0
                replaying = true
            }
            self.resumedAt = nil
        }
        pumpLive(client)
        if replaying { pumpBacklog(client) }
    }

    private func pumpLive(_ client: MQTTClient) {
        let generation = journalGeneration.load(ordering: .acquiring)
        guard generation != seenJournalGeneration else { return }
        while window.hasRoom {
            let batch: [JournaledReading]
            do { batch = try journal.unsent(after: liveCursor, limit: settings.readingsPerMessage) }
            catch { log.error("\(error)"); return }
            guard let last = batch.last else {
                seenJournalGeneration = generation
                return
            }
            guard send(batch, client) else { return }
            liveCursor = last.rowID
        }
    }

    private func pumpBacklog(_ client: MQTTClient) {
        while window.count < settings.inflightMessages - settings.inflightReservedForLive {
            let batch: [JournaledReading]
            do { batch = try journal.unsent(after: replayCursor, through: liveFrom, limit: settings.readingsPerMessage) }
            catch { log.error("\(error)"); return }
            guard let last = batch.last else {
                replaying = false
                return
            }
            // Rows still in flight from before the reconnect are libmosquitto's to resend.
            let fresh = batch.filter { !window.contains(row: $0.rowID) }
            if !fresh.isEmpty {
                let elapsed = (clock.now - started).components
                guard pacer.take(fresh.count, nowSeconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18) else { return }
                guard send(fresh, client) else { return }
            }
            replayCursor = last.rowID
        }
    }

    private func send(_ batch: [JournaledReading], _ client: MQTTClient) -> Bool {
        let payload = SenMLPack.encode(batch.map(\.reading))
        do {
            let mid = try client.publish(MQTTMessage(topic: settings.dataTopic, payload: payload, qos: 1))
            window.add(messageID: mid, rows: batch.map(\.rowID), connection: connection)
            return true
        } catch {
            log.warning("\(error)")
            return false
        }
    }
}
