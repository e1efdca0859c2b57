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
        public init(options: MQTTConnectionOptions, topics: TopicLayout, resendAfter: Swift.Duration = .seconds(300),
                    resendAttempts: Int = 3) {
            self.options = options
            self.topics = topics
            self.resendAfter = resendAfter
            self.resendAttempts = resendAttempts
        }
    }

    static let requestsPerBoardPerRound = 4
    private let settings: Settings
    private let store: AggregatorStore
    private let log: Logger
    public private(set) var storedCount = 0
    public private(set) var duplicateCount = 0

    public init(settings: Settings, store: AggregatorStore, log: Logger) {
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
            for event in client.poll(timeoutMilliseconds: 100) {
                switch event {
                case .connected(let rc, let sessionPresent) where rc == 0:
                    connected = true
                    outageReported = false
                    backoff.reset()
                    log.notice("connected to \(settings.options.brokerDescription) (session \(sessionPresent ? "resumed" : "new"))")
                    subscriptionsAcknowledged = 0
                    do {
                        try client.subscribe(settings.topics.allData, qos: 1)
                        try client.subscribe(settings.topics.allStatus, qos: 1)
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
                    ingest(m)
                case .subscribed:
                    subscriptionsAcknowledged += 1
                    if subscriptionsAcknowledged == 2 {
                        // From here on the broker queues every board's readings for this session, even while
                        // the aggregator is away.
                        log.notice("subscribed to \(settings.topics.allData) and \(settings.topics.allStatus)")
                    }
                case .acknowledged:
                    break
                }
            }
        }
        if connected { client.disconnect() }
    }

    /// Asks boards for the gaps that have stopped filling. A request the broker cannot take now is simply
    /// made again at a later round, as the gap stays due.
    private func askForGaps(_ client: MQTTClient) {
        let now = UnixTime(seconds: Date().timeIntervalSince1970)
        let due: [ResendDue]
        do {
            due = try store.dueResends(now: now, quiet: settings.resendAfter, maximumRequests: settings.resendAttempts,
                                       maximumSpans: ResendRequest.maximumSpans, maximumReadings: ResendRequest.maximumReadings)
        } catch {
            log.error("\(error)")
            return
        }
        for d in ResendDue.round(due, perBoard: Self.requestsPerBoardPerRound) {
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

    /// Stores one message. A malformed message is logged with its topic and skipped: one bad board must not
    /// stop the city's intake.
    public func ingest(_ message: MQTTMessage) {
        guard let parsed = settings.topics.parse(message.topic) else { return }
        let now = UnixTime(seconds: Date().timeIntervalSince1970)
        do {
            switch parsed.kind {
            case "data":
                let readings = try SenMLPack.decode(message.payload, topic: message.topic)
                let inserted = try store.store(readings, site: parsed.site, receivedAt: now)
                storedCount += inserted
                duplicateCount += readings.count - inserted
            case "status":
                guard !message.payload.isEmpty else { return }
                guard let status = DeviceStatus.decode(message.payload) else {
                    log.error("status on \(message.topic) is not valid JSON status; ignored")
                    return
                }
                try store.recordStatus(status, receivedAt: now)
                log.info("\(status.device) is \(status.state)")
            default:
                break
            }
        } catch {
            log.error("\(error)")
        }
    }
}
