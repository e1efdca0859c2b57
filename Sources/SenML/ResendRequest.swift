import Foundation

/// The city asking a board for some of one channel's readings again, on `<prefix>/<site>/<device>/resend`.
///
/// The aggregator sends it when ranges of a channel's sequence numbers stay missing: a message the broker
/// took as delivered to the city that never reached its database (a crash between the two), or any other
/// loss on the way. The board puts what its journal still holds of those ranges back in its backlog; what it
/// no longer holds (thinned by the disk budget, or pruned after delivery) it counts, logs and reports in
/// status.
public struct ResendRequest: Codable, Equatable, Sendable {
    public struct Span: Codable, Equatable, Sendable {
        public var from: UInt64
        public var to: UInt64
        public init(from: UInt64, to: UInt64) {
            self.from = from
            self.to = to
        }
        public var count: UInt64 { to - from + 1 }
    }

    /// Bounds that keep one request to one pass over the board's journal and a backlog it drains in minutes.
    public static let maximumSpans = 500
    public static let maximumReadings: UInt64 = 100_000

    public var channel: String
    public var spans: [Span]

    public init(channel: String, spans: [Span]) {
        self.channel = channel
        self.spans = spans
    }

    public var readingCount: UInt64 { spans.reduce(0) { $0 + $1.count } }

    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return Array((try? e.encode(self)) ?? Data())
    }

    /// The request, or why a payload is not one the board can act on.
    public static func decode(_ payload: [UInt8]) -> Result<ResendRequest, ResendRequestError> {
        guard let r = try? JSONDecoder().decode(ResendRequest.self, from: Data(payload)) else {
            let text = String(decoding: payload.prefix(200), as: UTF8.self)
            return .failure(ResendRequestError("not a resend request (want {\"channel\":…,\"spans\":[{\"from\":…,\"to\":…}]}): \(text)"))
        }
        guard !r.channel.isEmpty else {
            return .failure(ResendRequestError("resend request names no channel"))
        }
        guard !r.spans.isEmpty, r.spans.count <= maximumSpans else {
            return .failure(ResendRequestError("resend request for channel '\(r.channel)' has \(r.spans.count) spans; 1 to \(maximumSpans) per request"))
        }
        if let bad = r.spans.first(where: { $0.from > $0.to }) {
            return .failure(ResendRequestError("resend request for \(r.channel) has an empty span \(bad.from)–\(bad.to)"))
        }
        guard r.spans.allSatisfy({ $0.count <= maximumReadings }), r.readingCount <= maximumReadings else {
            return .failure(ResendRequestError("resend request for \(r.channel) asks for more than \(maximumReadings) readings"))
        }
        return .success(r)
    }
}

public struct ResendRequestError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
