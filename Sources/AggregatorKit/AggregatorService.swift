import Foundation
import GatewayCore
import Logging
import MQTTTransport
import SenML
import Synchronization

/// Subscribes to every board's data and status and stores them. Uses a persistent MQTT session under a fixed
/// client id, so the broker queues readings while the aggregator restarts instead of dropping them.
public final class AggregatorService {
    public struct Settings: Sendable {
        public var options: MQTTConnectionOptions
        public var topics: TopicLayout
        /// How long a gap must stay unchanged (and unasked) before its board is asked for it (again).
        public var resendAfter: Swift.Duration
        /// Requests per gap before it is left as unrecoverable (the board reports what it no longer holds).
        public var resendAttempts: Int
        /// Bounds on what boards send.
        public var limits: IntakeLimits
        /// Readings committed in one transaction at most, and the longest a received reading waits for its
        /// commit (see `IntakeBatch`).
        public var batchReadings: Int
        public var batchWindow: Swift.Duration
        /// An MQTT v5 shared-subscription group: instances in the same group share the boards' data messages
        /// (each message goes to one of them) and deduplicate through the database they share.
        public var shareGroup: String?
        /// The part of the boards this instance owns (`--partition K/N`, `BoardPartition`): it must hold the
        /// partition's lock (`PartitionOwnership`) before `run`, connect under the partition's own client id, and
        /// it stores, asks and records only its part's boards; the other boards' messages are dropped unread.
        public var partition: BoardPartition?
        /// Added to the wall clock for every "received at" (`--simulated-clock`): a fiscal year a simulated board
        /// played in minutes is judged as if it arrived when the city's simulated clock says. 0 in service.
        public var clockOffsetSeconds: Double = 0
        public init(options: MQTTConnectionOptions, topics: TopicLayout, resendAfter: Swift.Duration = .seconds(300),
                    resendAttempts: Int = 3, limits: IntakeLimits = IntakeLimits(), batchReadings: Int = 20_000,
                    batchWindow: Swift.Duration = .milliseconds(200), shareGroup: String? = nil) {
            self.limits = limits
            self.batchReadings = batchReadings
            self.batchWindow = batchWindow
            self.shareGroup = shareGroup
            self.options = options
            self.topics = topics
            self.resendAfter = resendAfter
            self.resendAttempts = resendAttempts
        }
    }

    static let requestsPerBoardPerRound = 4
    /// Boards' messages the broker may send before the aggregator acknowledges them (MQTT v5 Receive Maximum).
    /// At libmosquitto's 20 the broker stops every 20 messages until their acknowledgements reach it.
    public static let receiveMaximum: UInt16 = 1000
    /// How long the stream must stay silent before a partly filled batch is committed (`batchWindow` bounds the wait).
    static let pauseMilliseconds: Int32 = 20
    private let settings: Settings
    private let store: any CityStore
    private let log: Logger
    public private(set) var storedCount = 0
    public private(set) var duplicateCount = 0
    /// Records and messages refused, and readings quarantined, since start.
    public private(set) var refusedCount = 0
    public private(set) var quarantinedCount = 0
    /// Messages of boards in other partitions, dropped before decoding.
    public private(set) var otherPartitionCount = 0
    private var batch = IntakeBatch()
    /// When the city first heard of each board: set once, never changed, so asked of the store once.
    private var firstSeen: [String: UnixTime] = [:]

    public init(settings: Settings, store: any CityStore, log: Logger) {
        self.settings = settings
        self.store = store
        self.log = log
    }

    public func run(until stop: borrowing Atomic<Bool>) throws(MQTTError) {
        let client = try MQTTClient(settings.options)
        var backoff = ReconnectBackoff(initialSeconds: 0.5, maximumSeconds: 30, seed: UInt64(getpid()))
        var connected = false
        var nextAttempt = ContinuousClock.now
        var outageReported = false
        var subscriptionsAcknowledged = 0
        var nextResendCheck = ContinuousClock.now
        while !stop.load(ordering: .relaxed) {
            if connected, subscriptionsAcknowledged >= 2, ContinuousClock.now >= nextResendCheck {
                askForGaps(client)
                nextResendCheck = ContinuousClock.now + min(.seconds(10), settings.resendAfter)
            }
            if !connected, ContinuousClock.now >= nextAttempt {
                do {
                    flush()
                    try client.connect()
                    // CONNACK decides; a second CONNECT before it arrives would make the broker drop this one.
                    nextAttempt = ContinuousClock.now + .seconds(10)
                } catch {
                    if !outageReported { log.warning("\(error); retrying with backoff") }
                    outageReported = true
                    nextAttempt = ContinuousClock.now + .milliseconds(Int(backoff.nextDelaySeconds() * 1000))
                    continue
                }
            }
            // A batch waits for a pause of 20 ms in the stream: with 2 ms, a broker or database that lost the CPU
            // for a moment on a busy machine cut the batch short, and small transactions are the slow ones.
            let events = client.poll(timeoutMilliseconds: batch.isEmpty ? 100 : Self.pauseMilliseconds)
            var messages = 0
            for event in events {
                switch event {
                case .connected(let rc, let sessionPresent) where rc == 0:
                    connected = true
                    outageReported = false
                    backoff.reset()
                    log.notice("connected to \(settings.options.brokerDescription) (session \(sessionPresent ? "resumed" : "new"))")
                    subscriptionsAcknowledged = 0
                    do {
                        try client.subscribe(dataSubscription, qos: 1)
                        try client.subscribe(settings.topics.allStatus, qos: 1)
                        try client.subscribe(settings.topics.allCommissioning, qos: 1)
                    } catch { log.error("\(error)") }
                case .connected(let rc, _):
                    log.error("broker refused the aggregator: \(mqttReasonText(rc))")
                    connected = false
                    nextAttempt = ContinuousClock.now + .milliseconds(Int(backoff.nextDelaySeconds() * 1000))
                case .disconnected:
                    if connected { log.warning("lost connection to broker; retrying with backoff") }
                    connected = false
                    nextAttempt = ContinuousClock.now + .milliseconds(Int(backoff.nextDelaySeconds() * 1000))
                case .message(let m):
                    messages += 1
                    enqueue(m, receivedAt: receivedNow())
                case .subscribed:
                    subscriptionsAcknowledged += 1
                    if subscriptionsAcknowledged == 2 {
                        // From here on the broker queues every board's readings for this session, even while
                        // the aggregator is away.
                        log.notice("subscribed to \(dataSubscription) and \(settings.topics.allStatus)")
                    }
                case .acknowledged:
                    break
                }
            }
            // Commit when the batch is full, its oldest reading has waited the window, or the stream paused.
            if batch.isDue(maximumReadings: settings.batchReadings, window: settings.batchWindow) || messages == 0 {
                flush()
            }
        }
        flush()
        if connected { client.disconnect() }
    }

    /// The data topic filter: every board's data, or this instance's share of it.
    var dataSubscription: String {
        settings.shareGroup.map { "$share/\($0)/\(settings.topics.allData)" } ?? settings.topics.allData
    }

    /// Commits the readings received since the last commit, in one transaction. Should that fail, each
    /// message's readings are stored alone, so one pack the store refuses cannot cost the others theirs.
    public func flush() {
        let packs = batch.take()
        guard !packs.isEmpty else { return }
        do throws(AggregatorError) {
            let inserted = try store.store(packs)
            for (pack, n) in zip(packs, inserted) { counted(pack, inserted: n) }
        } catch {
            log.error("\(error); storing the \(packs.count) messages of the batch one by one")
            for pack in packs {
                do throws(AggregatorError) {
                    counted(pack, inserted: try store.store([pack])[0])
                } catch {
                    log.error("\(error)")
                }
            }
        }
    }

    private func counted(_ pack: IncomingPack, inserted: Int) {
        storedCount += inserted
        duplicateCount += pack.readings.count - inserted
    }

    /// Asks boards for the gaps that have stopped filling. A request the broker cannot take now is simply
    /// made again at a later round, as the gap stays due.
    private func askForGaps(_ client: MQTTClient) {
        let now = receivedNow()
        let due: [ResendDue]
        do {
            due = try store.dueResends(now: now, quiet: settings.resendAfter, maximumRequests: settings.resendAttempts,
                                       maximumSpans: ResendRequest.maximumSpans, maximumReadings: ResendRequest.maximumReadings)
        } catch {
            log.error("\(error)")
            return
        }
        // Another partition's owner asks its own boards.
        let mine = settings.partition.map { p in due.filter { p.holds($0.device) } } ?? due
        for d in ResendDue.round(mine, perBoard: Self.requestsPerBoardPerRound) {
            let request = ResendRequest(channel: d.channel, spans: d.spans.map { .init(from: $0.lowerBound, to: $0.upperBound) })
            do {
                try client.publish(MQTTMessage(topic: settings.topics.resend(site: d.site, device: d.device),
                                               payload: request.encoded(), qos: 1))
                try store.markRequested(d, now: now)
                log.notice("asked \(d.device) for \(request.readingCount) missing readings of \(d.channel) in \(d.spans.count) gap\(d.spans.count == 1 ? "" : "s"), from sequence \(d.spans[0].lowerBound)")
            } catch {
                log.error("cannot ask \(d.device) for \(d.channel): \(error)")
            }
        }
    }

    /// Stores one message. The board is the one whose topic it came on (the broker's ACL binds the topic to
    /// the board's certificate); a payload naming another board, out-of-range numbers, oversized names or
    /// a malformed message are refused, counted per board and logged with the topic, and the intake goes on:
    /// one bad board must not stop the city's intake.
    public func ingest(_ message: MQTTMessage) {
        ingest(message, receivedAt: receivedNow())
    }

    /// The city's clock: the wall clock, shifted by `clockOffsetSeconds` for a simulated run.
    private func receivedNow() -> UnixTime {
        UnixTime(seconds: Date().timeIntervalSince1970 + settings.clockOffsetSeconds)
    }

    public func ingest(_ message: MQTTMessage, receivedAt now: UnixTime) {
        enqueue(message, receivedAt: now)
        flush()
    }

    /// Checks one message and keeps its accepted readings for the next commit (`flush`); refusals,
    /// quarantined readings and statuses are written at once.
    public func enqueue(_ message: MQTTMessage, receivedAt now: UnixTime) {
        guard let board = BoardTopic(message.topic, prefix: settings.topics.prefix) else {
            log.warning("message on \(IntakeName.quoted(message.topic)) ignored: not <prefix>/<site>/<device>/data or /status with ids of A-Z a-z 0-9 . _ -")
            return
        }
        if let partition = settings.partition, !partition.holds(board.device) {
            otherPartitionCount += 1
            return
        }
        do throws(AggregatorError) {
            switch board.kind {
            case .data:
                var firstSeen = self.firstSeen[board.device]
                if firstSeen == nil {
                    firstSeen = try store.firstSeen(device: board.device)
                    if firstSeen == nil { try store.noteSeen(board, at: now) }
                    self.firstSeen[board.device] = try store.firstSeen(device: board.device)
                }
                let pack: PackIntake
                do {
                    pack = try SenMLIntake.decode(message.payload, from: board, receivedAt: now, firstSeen: firstSeen,
                                                  limits: settings.limits)
                } catch {
                    try refuse([error], on: board, at: now)
                    return
                }
                if !pack.accepted.isEmpty {
                    batch.add(IncomingPack(site: board.site, readings: pack.accepted, receivedAt: now))
                }
                if !pack.quarantined.isEmpty {
                    try store.quarantine(pack.quarantined, from: board, receivedAt: now)
                    quarantinedCount += pack.quarantined.count
                    let reasons = Set(pack.quarantined.map(\.reason.rawValue)).sorted().joined(separator: ", ")
                    log.warning("quarantined \(pack.quarantined.count) readings on \(board.topic) (\(reasons)): kept aside, not counted in KPIs")
                }
                try refuse(pack.refused, on: board, at: now)
            case .status:
                guard !message.payload.isEmpty else { return }
                let status: BoardStatus
                do {
                    status = try StatusIntake.decode(message.payload, from: board, limits: settings.limits)
                } catch {
                    try refuse([error], on: board, at: now)
                    return
                }
                try store.recordStatus(status, receivedAt: now)
                log.info("\(status.device) is \(status.state.rawValue)")
            case .commissioning:
                guard !message.payload.isEmpty else { return }
                let visit: BoardCommissioning
                do {
                    visit = try CommissioningIntake.decode(message.payload, from: board, receivedAt: now, limits: settings.limits)
                } catch {
                    try refuse([error], on: board, at: now)
                    return
                }
                try store.recordCommissioning(visit, receivedAt: now)
                log.info("\(visit.device) was visited (\(visit.id))")
            }
        } catch {
            log.error("\(error)")
        }
    }

    /// Counts and logs refusals, one line per reason and message.
    private func refuse(_ refusals: [IntakeRefusal], on board: BoardTopic, at now: UnixTime) throws(AggregatorError) {
        var byReason: [String: [IntakeRefusal]] = [:]
        for r in refusals { byReason[r.reason, default: []].append(r) }
        for (_, group) in byReason.sorted(by: { $0.key < $1.key }) {
            try store.recordRefusal(group[0], records: group.count, from: board, receivedAt: now)
            refusedCount += group.count
            let more = group.count > 1 ? " (and \(group.count - 1) more like it)" : ""
            log.error("refused on \(board.topic): \(group[0])\(more)")
        }
    }
}
