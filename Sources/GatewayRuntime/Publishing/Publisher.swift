import BoardLog
import CSystem
import FieldText
import GatewayCore
import Journal
import MQTTTransport
import Platform
import SenML
import Synchronization

/// Moves journaled readings to the broker. Owns the MQTT connection on its own thread, so a broker that is
/// away (or a DNS lookup that hangs) never holds up sampling. What to do and when is decided by
/// `PublisherStateMachine`; this thread only carries its actions out and reports their outcomes back.
/// Between actions it sleeps in poll(2) on the broker's socket and a wake-up eventfd the sampler signals on
/// each commit, until the machine's next timer: no polling loop, and no spinning while the broker is away.
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
        /// What each sampled channel resolves: values are published at that resolution (`SenMLPack`).
        var resolutions: [ChannelID: MeasurementResolution] = [:]
        /// Where the last technician visit is published retained, with the status (nil: not published).
        var commissioningTopic: String? = nil
    }

    private let settings: Settings
    private let journal: ReadingJournal
    private let log: Logger
    private let status: @Sendable (_ state: String) -> DeviceStatus
    /// The status the last will is made from, when it can be built more cheaply than `status("offline")`.
    private let willStatus: (@Sendable () -> DeviceStatus)?
    private let wallTime: @Sendable () -> UnixTime
    private let wakeup = PublisherWakeup()
    private let journalNews = Atomic<Bool>(true)
    private let statusNews = Atomic<Bool>(false)
    /// Readings the city asked for again that the journal no longer held, since start (published in status).
    private let resendUnavailable = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    /// The rows of the last journal read, which the next `.publishPack` encodes.
    private var lastRead: [JournaledReading] = []
    /// When the last PUBACK was noted: marks wait in the journal for a tick's commit, and are flushed alone
    /// if none comes within the journal's mark delay.
    private var lastMarkNanoseconds: Int64?

    /// The retained commissioning message, read when the status is published; nil when there is none.
    private let commissioning: @Sendable () -> [UInt8]?

    /// `wallTime` stamps when a reading was acknowledged: the gateway's clock (simulated under `--simulated-clock`).
    init(settings: Settings, journal: ReadingJournal, log: Logger,
         wallTime: @escaping @Sendable () -> UnixTime = { PublisherClock.wallTime() },
         status: @escaping @Sendable (String) -> DeviceStatus,
         willStatus: (@Sendable () -> DeviceStatus)? = nil,
         commissioning: @escaping @Sendable () -> [UInt8]? = { nil }) {
        self.wallTime = wallTime
        self.willStatus = willStatus
        self.settings = settings
        self.journal = journal
        self.log = log
        self.status = status
        self.commissioning = commissioning
    }

    /// The sampler committed rows: wakes the thread to publish them.
    func journalCommitted() {
        journalNews.store(true, ordering: .releasing)
        wakeup.signal()
    }

    /// A sensor failed or recovered: the retained status is published again.
    func statusChanged() {
        statusNews.store(true, ordering: .releasing)
        wakeup.signal()
    }

    func start() {
        BoardThread.start { [self] in
            _ = sgw_set_thread_name("sgw-publisher")
            run()
        }
    }

    /// Asks the thread to say goodbye (retained offline status, clean disconnect) and waits for it.
    func stop(timeoutMilliseconds: Int = 5000) {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        wakeup.signal()
        var waited = 0
        while !finished.load(ordering: .sequentiallyConsistent), waited < timeoutMilliseconds {
            BoardThread.sleep(nanoseconds: 10_000_000)
            waited += 10
        }
    }

    private var limits: PublisherStateMachine.Limits {
        PublisherStateMachine.Limits(
            readingsPerMessage: settings.readingsPerMessage, inflightMessages: settings.inflightMessages,
            inflightReservedForLive: settings.inflightReservedForLive,
            replayReadingsPerSecond: settings.replayReadingsPerSecond,
            sessionPersists: settings.options.sessionExpirySeconds > 0,
            brokerDescription: settings.options.brokerDescription)
    }

    private func run() {
        defer { finished.store(true, ordering: .sequentiallyConsistent) }
        var options = settings.options
        options.will = MQTTMessage(topic: settings.statusTopic, payload: lastWill().encoded(), qos: 1, retain: true)
        let client: MQTTClient
        do {
            client = try MQTTClient(options)
        } catch {
            log.critical(error.fieldProblem.line())
            return
        }
        var machine = PublisherStateMachine(limits: limits, seed: Self.seed(settings.options.clientID))
        var queued: [PublisherAction] = []
        var stopSeen = false
        while true {
            let now = PublisherClock.monotonicNanoseconds()
            if !stopSeen, stopRequested.load(ordering: .sequentiallyConsistent) {
                stopSeen = true
                machine.stopRequested(nowNanoseconds: now)
            }
            if journalNews.exchange(false, ordering: .acquiring) { machine.journalCommitted() }
            if statusNews.exchange(false, ordering: .acquiring) { machine.statusChanged() }
            let action = queued.isEmpty ? machine.nextAction(nowNanoseconds: now) : queued.removeFirst()
            switch action {
            case .finish:
                do { try journal.flushMarks() } catch { log.error(error.fieldProblem.line()) }
                return
            case .sleep(let until):
                queued += sleep(until: until, client, &machine)
            default:
                queued += perform(action, client, &machine)
            }
        }
    }

    // MARK: - Carrying out actions

    private func perform(_ action: PublisherAction, _ client: MQTTClient, _ machine: inout PublisherStateMachine) -> [PublisherAction] {
        let now = PublisherClock.monotonicNanoseconds()
        switch action {
        case .connect:
            do {
                try client.connect()
            } catch {
                return machine.connectFailed(reason: error.description, nowNanoseconds: now)
            }
            // With TLS, connect drives the handshake itself and may already hold the CONNACK.
            return handle(client.takeEvents(), &machine)
        case .publishStatus:
            do {
                try client.publish(MQTTMessage(topic: settings.statusTopic, payload: currentStatus("online").encoded(), qos: 1, retain: true))
                if let topic = settings.commissioningTopic, let payload = commissioning() {
                    try client.publish(MQTTMessage(topic: topic, payload: payload, qos: 1, retain: true))
                }
            } catch { log.error(error.fieldProblem.line()) }
            return []
        case .subscribeResend:
            do { try client.subscribe(settings.resendTopic, qos: 1) }
            catch { log.error("cannot subscribe to \(settings.resendTopic): " + error.fieldProblem.line()) }
            return []
        case .readLive(let after, let limit):
            do {
                lastRead = try journal.unsent(after: after, limit: limit)
            } catch {
                log.error(error.fieldProblem.line())
                machine.readFailed(nowNanoseconds: now)
                return []
            }
            return machine.liveRowsRead(lastRead.map { $0.rowID })
        case .readBacklog(let after, let through, let limit):
            do {
                lastRead = try journal.unsent(after: after, through: through, limit: limit)
            } catch {
                log.error(error.fieldProblem.line())
                machine.readFailed(nowNanoseconds: now)
                return []
            }
            return machine.backlogRowsRead(lastRead.map { $0.rowID }, nowNanoseconds: now)
        case .publishPack(let plan):
            return publish(plan, client, &machine)
        case .markSent(let rows):
            do { try journal.markSent(rows, at: wallTime()) } catch { log.error(error.fieldProblem.line()) }
            lastMarkNanoseconds = now
            return []
        case .report(let priority, let text):
            log.log(priority, text)
            return []
        case .sayGoodbye:
            _ = try? client.publish(MQTTMessage(topic: settings.statusTopic, payload: currentStatus("offline").encoded(), qos: 1, retain: true))
            _ = client.pollUntil(timeoutMilliseconds: 1000) { if case .acknowledged = $0 { true } else { false } }
            client.disconnect()
            return []
        case .sleep, .finish:
            return []
        }
    }

    private func publish(_ plan: PackPlan, _ client: MQTTClient, _ machine: inout PublisherStateMachine) -> [PublisherAction] {
        var readings: [Reading] = []
        readings.reserveCapacity(plan.rowIDs.count)
        var wanted = plan.rowIDs.makeIterator()
        var next = wanted.next()
        for row in lastRead where row.rowID == next {
            readings.append(row.reading)
            next = wanted.next()
        }
        guard readings.count == plan.rowIDs.count, let payload = PackEncoding.payload(readings, resolutions: settings.resolutions) else {
            return machine.packNotPublished(plan, reason: "the SenML encoder could not encode the pack (a value that is not a finite number?)")
        }
        do {
            let mid = try client.publish(MQTTMessage(topic: settings.dataTopic, payload: payload, qos: 1))
            machine.packPublished(plan, messageID: mid)
            return []
        } catch {
            var actions = machine.packNotPublished(plan, reason: error.description)
            if error.kind == .unreachable {
                actions += machine.disconnected(reason: error.detail, nowNanoseconds: PublisherClock.monotonicNanoseconds())
            }
            return actions
        }
    }

    // MARK: - Sleeping until there is work

    /// Sleeps in poll(2) until the wake-up fd, the broker's socket or the timer, then does the socket's I/O
    /// and returns what the machine makes of it.
    private func sleep(until: Int64?, _ client: MQTTClient, _ machine: inout PublisherStateMachine) -> [PublisherAction] {
        let now = PublisherClock.monotonicNanoseconds()
        var timeoutNanoseconds: Int64 = until.map { max(0, $0 - now) } ?? -1
        func bound(_ limit: Int64) { timeoutNanoseconds = timeoutNanoseconds < 0 ? limit : min(timeoutNanoseconds, limit) }
        let socket = machine.hasConnection ? client.socketDescriptor : nil
        if machine.hasConnection, socket == nil {
            return machine.disconnected(reason: "the connection's socket is closed", nowNanoseconds: now)
        }
        // Without an eventfd (the system refused one) nothing can wake the thread: look for news often.
        if wakeup.descriptor < 0 { bound(100_000_000) }
        // libmosquitto's keepalive PINGREQ and PINGRESP timeout need a look a few times per keepalive.
        if socket != nil { bound(Int64(max(1, settings.options.keepaliveSeconds)) * 250_000_000) }
        // Acknowledgements wait in the journal for the next tick's commit; without ticks, write them alone.
        if let marked = lastMarkNanoseconds {
            if now - marked > 6_000_000_000 { lastMarkNanoseconds = nil }
            bound(1_000_000_000)
            do { try journal.flushMarksIfDue() } catch { log.error(error.fieldProblem.line()) }
        }
        var fds = [pollfd(fd: wakeup.descriptor, events: Int16(POLLIN), revents: 0)]
        if let socket {
            fds.append(pollfd(fd: socket, events: Int16(POLLIN) | (client.wantsWrite ? Int16(POLLOUT) : 0), revents: 0))
        }
        let timeoutMilliseconds = timeoutNanoseconds < 0 ? -1 : Int32(min(Int64(Int32.max), (timeoutNanoseconds + 999_999) / 1_000_000))
        let ready = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), timeoutMilliseconds) }
        if ready > 0, fds[0].revents != 0 { wakeup.clear() }
        guard socket != nil else { return [] }
        let revents = ready > 0 ? fds[1].revents : 0
        let readable = revents & Int16(POLLIN | POLLHUP | POLLERR) != 0
        let writable = revents & Int16(POLLOUT) != 0
        return handle(client.service(readable: readable, writable: writable), &machine)
    }

    // MARK: - Events from the broker

    private func handle(_ events: [MQTTEvent], _ machine: inout PublisherStateMachine) -> [PublisherAction] {
        var actions: [PublisherAction] = []
        for event in events {
            let now = PublisherClock.monotonicNanoseconds()
            switch event {
            case .connected(let rc, let sessionPresent) where rc == 0:
                var newest: Int64 = 0
                do { newest = try journal.lastRowID() } catch { log.error(error.fieldProblem.line()) }
                let backlog = (try? journal.unsentCount()) ?? 0
                actions += machine.connected(sessionPresent: sessionPresent, newestRowID: newest, backlogCount: backlog, nowNanoseconds: now)
            case .connected(let rc, _):
                actions += machine.connectionRefused("broker refused the connection: \(mqttReasonText(rc)) (reason 0x\(String(rc, radix: 16)))", nowNanoseconds: now)
            case .disconnected(let rc):
                actions += machine.disconnected(reason: mqttDisconnectText(rc), nowNanoseconds: now)
            case .acknowledged(let mid, let rc):
                actions += machine.acknowledged(messageID: mid, reasonCode: rc, reasonText: mqttReasonText(rc))
            case .message(let m) where m.topic == settings.resendTopic:
                machine.resendRequeued(resend(m.payload))
            case .message, .subscribed:
                break
            }
        }
        return actions
    }

    /// Puts what the journal still holds of the requested range back among the unsent and returns how many
    /// rows that was; the rows go out paced, behind live readings, like any backlog.
    private func resend(_ payload: [UInt8]) -> Int {
        let request: ResendRequest
        switch ResendRequest.decode(payload) {
        case .success(let r): request = r
        case .failure(let e):
            log.error("ignored a message on \(settings.resendTopic): \(e)")
            return 0
        }
        let outcome: RequeueOutcome
        do {
            outcome = try journal.requeue(device: settings.device, channel: ChannelID(request.channel),
                                          spans: request.spans.map { $0.from...$0.to })
        } catch {
            log.error("cannot resend \(request.channel): \(error)")
            return 0
        }
        let first = request.spans[0]
        let which = request.spans.count == 1 ? "\(first.from)–\(first.to)" : "\(request.spans.count) spans from \(first.from)"
        var text = "the city asked for \(request.readingCount) readings of \(request.channel) again (\(which)): \(outcome.requeued) requeued, \(outcome.waiting) still waiting in the backlog"
        if outcome.unavailable > 0 {
            text += ", \(outcome.unavailable) no longer in the journal (thinned by the disk budget or pruned after delivery)"
            resendUnavailable.add(Int(outcome.unavailable), ordering: .relaxed)
            statusNews.store(true, ordering: .releasing)
        }
        log.notice("\(text)")
        return Int(outcome.requeued)
    }

    // MARK: - Status

    private func currentStatus(_ state: String) -> DeviceStatus { withResendFigures(status(state)) }

    private func withResendFigures(_ status: DeviceStatus) -> DeviceStatus {
        var s = status
        let unavailable = resendUnavailable.load(ordering: .relaxed)
        if unavailable > 0 { s.resendUnavailable = unavailable }
        return s
    }

    /// The will is handed to the broker at connect and published whenever the connection dies, hours later
    /// perhaps: it says offline, and nothing dated, since any time in it would be the connect's (issue 16).
    func lastWill() -> DeviceStatus {
        var s = withResendFigures(willStatus.map { $0() } ?? status("offline"))
        s.time = nil
        s.oldestUnsentTime = nil
        s.backlog = nil
        return s
    }

    /// The backoff's jitter seed: differs between boards (by client id) so their retries spread out.
    static func seed(_ clientID: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in clientID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
