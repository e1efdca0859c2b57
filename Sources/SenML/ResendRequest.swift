/// The city asking a board for some of one channel's readings again, on `<prefix>/<site>/<device>/resend`.
///
/// The aggregator sends it when ranges of a channel's sequence numbers stay missing: a message the broker
/// took as delivered to the city that never reached its database (a crash between the two), or any other
/// loss on the way. The board puts what its journal still holds of those ranges back in its backlog; what it
/// no longer holds (thinned by the disk budget, or pruned after delivery) it counts, logs and reports in
/// status. The board reads it with `decode` (ResendRequest+Decoding.swift), which checks every number.
public struct ResendRequest: Equatable, Sendable {
    public struct Span: Equatable, Sendable {
        public var from: UInt64
        public var to: UInt64
        public init(from: UInt64, to: UInt64) {
            self.from = from
            self.to = to
        }
        /// Readings in the span: 0 when `from > to`, and at most `UInt64.max` rather than a trap (a decoded span
        /// is always `from <= to` below 2^53; one built in code may be anything).
        public var count: UInt64 {
            guard to >= from else { return 0 }
            let width = to - from
            return width == .max ? .max : width + 1
        }
    }

    /// Bounds that keep one request to one pass over the board's journal and a backlog it drains in minutes.
    public static let maximumSpans = 500
    public static let maximumReadings: UInt64 = 100_000
    /// The largest sequence number a request may name: 2^53 − 1, the largest integer every JSON reader holds
    /// exactly (I-JSON, RFC 7493 §2.2). Board sequence numbers are far below it.
    public static let maximumSequence: UInt64 = 9_007_199_254_740_991
    /// Longer channel names than any site file declares are refused before they reach the journal or a log.
    public static let maximumChannelBytes = 128
    /// 500 spans take about 20 KB; anything much larger is not a request the aggregator sent.
    public static let maximumPayloadBytes = 65_536

    public var channel: String
    public var spans: [Span]

    public init(channel: String, spans: [Span]) {
        self.channel = channel
        self.spans = spans
    }

    /// All spans' readings, saturating at `UInt64.max`.
    public var readingCount: UInt64 {
        spans.reduce(0) { total, span in
            let (sum, overflow) = total.addingReportingOverflow(span.count)
            return overflow ? .max : sum
        }
    }

    /// `{"channel":…,"spans":[{"from":…,"to":…},…]}`, members in name order.
    public func encoded() -> [UInt8] {
        var json = JSONWriter(reservingCapacity: 32 + channel.utf8.count + spans.count * 40)
        json.beginObject()
        json.key("channel")
        json.string(channel)
        json.key("spans")
        json.beginArray()
        for span in spans {
            json.beginObject()
            json.key("from")
            json.integer(span.from)
            json.key("to")
            json.integer(span.to)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }
}

/// Why a payload on the resend topic is not a request the board can act on. The board logs it and carries on;
/// the description says what was wrong and, where it helps, what a well-formed request looks like.
public struct ResendRequestError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
