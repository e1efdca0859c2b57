import GatewayCore

/// What a technician's visit leaves behind (`sensor-gateway commission`): who came, when, with which
/// instruments, whether the board matched its site file, each meter's own register beside the gateway's total,
/// each reference value beside the gateway's reading, and (in a `correction` record) the register gaps a
/// technician chose to record. Kept in `<calibration folder>/commissioning/visits.yaml`, append-only.
public struct CommissioningRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case visit, correction }

    /// A meter's register as read off its face, and the gateway's running total at the same moment.
    public typealias Register = VisitValue<MeterRegister>

    /// A reference instrument's value (tape to water, reference thermometer) and what the gateway read.
    public typealias Reference = VisitValue<ReferenceReading>

    /// A register gap recorded as a loss: the meter advanced `gap` more than the gateway counted since `since`.
    public struct Correction: Sendable, Hashable {
        public var channel: ChannelID
        public var unit: String
        public var gap: Double
        /// The id of the earlier visit the gap is measured from.
        public var since: String
        public init(channel: ChannelID, unit: String, gap: Double, since: String) {
            self.channel = channel
            self.unit = unit
            self.gap = gap
            self.since = since
        }
    }

    public var id: String
    public var kind: Kind
    public var site: SiteID
    public var device: DeviceID
    public var validFrom: UnixTime
    public var measuredBy: String
    public var instruments: String
    /// Whether `scan --config` found the board as the site file declares it.
    public var scanMatched: Bool
    public var registers: [Register]
    public var references: [Reference]
    public var corrections: [Correction]
    public var notes: String?

    public init(id: String, kind: Kind, site: SiteID, device: DeviceID, validFrom: UnixTime, measuredBy: String,
                instruments: String, scanMatched: Bool, registers: [Register] = [], references: [Reference] = [],
                corrections: [Correction] = [], notes: String? = nil) {
        self.id = id
        self.kind = kind
        self.site = site
        self.device = device
        self.validFrom = validFrom
        self.measuredBy = measuredBy
        self.instruments = instruments
        self.scanMatched = scanMatched
        self.registers = registers
        self.references = references
        self.corrections = corrections
        self.notes = notes
    }

    public func register(of channel: ChannelID) -> Register? { registers.first { $0.channel == channel } }
}
