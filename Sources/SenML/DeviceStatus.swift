/// The retained message on `<prefix>/<site>/<device>/status`: the birth message when online, the last will
/// (or a clean goodbye) when offline. Carries what the city needs to interpret the data stream.
public struct DeviceStatus: Equatable, Sendable {
    public struct Channel: Equatable, Sendable {
        public var id: String
        public var quantity: String
        public var role: String?
        public var unit: String
        public var intervalSeconds: Double
        public var driver: String
        public init(id: String, quantity: String, role: String?, unit: String, intervalSeconds: Double, driver: String) {
            self.id = id
            self.quantity = quantity
            self.role = role
            self.unit = unit
            self.intervalSeconds = intervalSeconds
            self.driver = driver
        }
    }

    public var state: String
    public var site: String
    public var siteKind: String?
    public var municipality: String?
    public var device: String
    public var firmware: String?
    public var configHash: String?
    public var channels: [Channel]?
    /// Sensors currently marked failed, with the reason.
    public var failedSensors: [String: String]?
    public var backlog: Int?
    public var oldestUnsentTime: Double?
    public var losses: Int?
    public var clockSynchronised: Bool?
    /// Where a journal SQLite found corrupt was moved at start-up (kept for forensics; its unsent readings
    /// were not sent), so the city knows to fetch it.
    public var journalMovedAside: String?
    /// Readings the city asked for again that the journal no longer held (thinned or pruned), since start.
    public var resendUnavailable: Int?
    public var time: Double?
    /// The last update's outcome as the board's updater wrote it, e.g. "0.1.2 rolled back to 0.1.0 at …: why".
    public var update: String?
    /// Per channel, the register gaps technicians recorded as corrections (`commission --apply-correction`): what
    /// the meter's own register counted that the gateway did not, in the channel's unit.
    public var registerLosses: [String: Double]?

    public init(state: String, site: String, siteKind: String? = nil, municipality: String? = nil, device: String,
                firmware: String? = nil, configHash: String? = nil, channels: [Channel]? = nil,
                failedSensors: [String: String]? = nil, backlog: Int? = nil, oldestUnsentTime: Double? = nil,
                losses: Int? = nil, clockSynchronised: Bool? = nil, journalMovedAside: String? = nil,
                resendUnavailable: Int? = nil, time: Double? = nil, update: String? = nil) {
        self.state = state
        self.site = site
        self.siteKind = siteKind
        self.municipality = municipality
        self.device = device
        self.firmware = firmware
        self.configHash = configHash
        self.channels = channels
        self.failedSensors = failedSensors
        self.backlog = backlog
        self.oldestUnsentTime = oldestUnsentTime
        self.losses = losses
        self.clockSynchronised = clockSynchronised
        self.journalMovedAside = journalMovedAside
        self.resendUnavailable = resendUnavailable
        self.time = time
        self.update = update
    }

    /// The JSON the board publishes: members in name order, absent fields left out. A number JSON cannot
    /// carry (a non-finite interval or time) is left out too rather than spoiling the whole message.
    public func encoded() -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 512 + (channels?.count ?? 0) * 128)
        json.beginObject()
        if let backlog { json.key("backlog"); json.integer(backlog) }
        if let channels {
            json.key("channels")
            json.beginArray()
            for c in channels {
                json.beginObject()
                json.key("driver"); json.string(c.driver)
                json.key("id"); json.string(c.id)
                if JSONWriter.isWritable(c.intervalSeconds) { json.key("intervalSeconds"); json.number(c.intervalSeconds) }
                json.key("quantity"); json.string(c.quantity)
                if let role = c.role { json.key("role"); json.string(role) }
                json.key("unit"); json.string(c.unit)
                json.endObject()
            }
            json.endArray()
        }
        if let clockSynchronised { json.key("clockSynchronised"); json.bool(clockSynchronised) }
        if let configHash { json.key("configHash"); json.string(configHash) }
        json.key("device"); json.string(device)
        if let failedSensors {
            json.key("failedSensors")
            json.beginObject()
            for name in failedSensors.keys.sorted() {
                json.key(name)
                json.string(failedSensors[name] ?? "")
            }
            json.endObject()
        }
        if let firmware { json.key("firmware"); json.string(firmware) }
        if let journalMovedAside { json.key("journalMovedAside"); json.string(journalMovedAside) }
        if let losses { json.key("losses"); json.integer(losses) }
        if let municipality { json.key("municipality"); json.string(municipality) }
        if let oldestUnsentTime, JSONWriter.isWritable(oldestUnsentTime) {
            json.key("oldestUnsentTime"); json.number(oldestUnsentTime)
        }
        if let registerLosses {
            json.key("registerLosses")
            json.beginObject()
            for name in registerLosses.keys.sorted() where JSONWriter.isWritable(registerLosses[name] ?? .nan) {
                json.key(name)
                json.number(registerLosses[name] ?? 0)
            }
            json.endObject()
        }
        if let resendUnavailable { json.key("resendUnavailable"); json.integer(resendUnavailable) }
        json.key("site"); json.string(site)
        if let siteKind { json.key("siteKind"); json.string(siteKind) }
        json.key("state"); json.string(state)
        if let time, JSONWriter.isWritable(time) { json.key("time"); json.number(time) }
        if let update { json.key("update"); json.string(update) }
        json.endObject()
        return json.bytes
    }
}
