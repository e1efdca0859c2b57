/// What a site is for decides which KPIs its data feeds.
public enum SiteKind: String, Sendable, CaseIterable, Hashable {
    case well
    case rechargePaddy = "recharge-paddy"
    case building
}

public struct Location: Hashable, Sendable {
    public var latitude: Double
    public var longitude: Double
    public var description: String?
    public init(latitude: Double, longitude: Double, description: String? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.description = description
    }
}

/// A validated site: everything the gateway needs to sample and publish, with every reference resolved.
public struct Site: Sendable {
    public var id: SiteID
    public var kind: SiteKind
    public var municipality: String
    public var location: Location?
    public var device: DeviceID
    public var board: BoardDefinition
    public var topicPrefix: String
    public var channels: [ChannelSpec]
    /// For recharge-paddy sites: the water-balance settings.
    public var recharge: PaddyRechargeSettings?
    /// Heat meters assembled from this site's flow and temperature channels.
    public var heatMeters: [HeatMeterSpec]

    public init(id: SiteID, kind: SiteKind, municipality: String, location: Location?, device: DeviceID,
                board: BoardDefinition, topicPrefix: String, channels: [ChannelSpec], recharge: PaddyRechargeSettings? = nil,
                heatMeters: [HeatMeterSpec] = []) {
        self.id = id
        self.kind = kind
        self.municipality = municipality
        self.location = location
        self.device = device
        self.board = board
        self.topicPrefix = topicPrefix
        self.channels = channels
        self.recharge = recharge
        self.heatMeters = heatMeters
    }

    public func channel(_ id: ChannelID) -> ChannelSpec? { channels.first { $0.id == id } }
}
