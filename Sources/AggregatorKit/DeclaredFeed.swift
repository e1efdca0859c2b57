import GatewayCore

/// One board's declaration of a site's channel, as the city knows it: the sampling interval its status lists
/// and when the board appeared (`DeclaredCompleteness.appearance`). What a city KPI feed's completeness is
/// counted from, on either store.
public struct DeclaredFeed: Sendable, Equatable {
    public var device: String
    /// The interval the board's status declares for the channel, in seconds.
    public var intervalSeconds: Double
    /// The city's first contact with the board, and the hour of its earliest reading.
    public var firstSeen: UnixTime?
    public var firstReadingHour: UnixTime?

    public var appeared: UnixTime? { DeclaredCompleteness.appearance(firstSeen: firstSeen, firstReadingHour: firstReadingHour) }

    /// The query both stores run, with their own placeholders for the site and the channel; columns: device,
    /// interval, first contact, first reading's hour (milliseconds).
    static func sql(site: String, channel: String) -> String {
        """
        SELECT c.device, c.interval_s, s.first_seen_ms,
               (SELECT min(h.bucket_ms) FROM \(ReadingRollup.Resolution.hour.table) h WHERE h.device = c.device) AS first_hour_ms
        FROM channel c LEFT JOIN board_seen s ON s.device = c.device
        WHERE c.site = \(site) AND c.channel = \(channel) ORDER BY c.device
        """
    }
}
