import CcJSON

extension ResendRequest {
    static let shape = #"{"channel":…,"spans":[{"from":…,"to":…}]}"#

    /// The request, or why a payload is not one the board can act on. Parsed with cJSON; every number is
    /// checked before any arithmetic (whole, not negative, at most `maximumSequence`), so no payload can trap.
    public static func decode(_ payload: [UInt8]) -> Result<ResendRequest, ResendRequestError> {
        guard payload.count <= maximumPayloadBytes else {
            return .failure(ResendRequestError("not a resend request: \(payload.count) bytes, more than the \(maximumPayloadBytes) a request of \(maximumSpans) spans can need"))
        }
        let root: UnsafeMutablePointer<cJSON>? = payload.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                guard let base = text.baseAddress else { return nil }
                return cJSON_ParseWithLength(base, text.count)
            }
        }
        guard let root else { return .failure(notARequest(payload)) }
        defer { cJSON_Delete(root) }
        guard cJSON_IsObject(root) != 0,
              let channelItem = cJSON_GetObjectItemCaseSensitive(root, "channel"), cJSON_IsString(channelItem) != 0,
              let channelText = channelItem.pointee.valuestring,
              let spansItem = cJSON_GetObjectItemCaseSensitive(root, "spans"), cJSON_IsArray(spansItem) != 0 else {
            return .failure(notARequest(payload))
        }
        let channel = String(cString: channelText)
        guard !channel.isEmpty else {
            return .failure(ResendRequestError("resend request names no channel"))
        }
        guard channel.utf8.count <= maximumChannelBytes else {
            return .failure(ResendRequestError("resend request names a channel of \(channel.utf8.count) bytes; channel names have at most \(maximumChannelBytes)"))
        }
        guard !channel.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            return .failure(ResendRequestError("resend request names a channel with control characters; channel names are printable text"))
        }
        var spans: [Span] = []
        var element = spansItem.pointee.child
        var index = 0
        while let item = element {
            index += 1
            element = item.pointee.next
            // Count the rest without decoding them, so the message can say how many there were.
            guard index <= maximumSpans else { continue }
            switch span(item, index: index, channel: channel) {
            case .success(let s): spans.append(s)
            case .failure(let e): return .failure(e)
            }
        }
        guard index >= 1, index <= maximumSpans else {
            return .failure(ResendRequestError("resend request for channel '\(channel)' has \(index) spans; 1 to \(maximumSpans) per request"))
        }
        if let bad = spans.first(where: { $0.from > $0.to }) {
            return .failure(ResendRequestError("resend request for \(channel) has an empty span \(bad.from)–\(bad.to)"))
        }
        // Each span is below 2^53 and there are at most 500: the sum cannot overflow.
        var total: UInt64 = 0
        for s in spans {
            total += s.count
            guard s.count <= maximumReadings, total <= maximumReadings else {
                return .failure(ResendRequestError("resend request for \(channel) asks for more than \(maximumReadings) readings"))
            }
        }
        return .success(ResendRequest(channel: channel, spans: spans))
    }

    private static func span(_ item: UnsafeMutablePointer<cJSON>, index: Int, channel: String)
        -> Result<Span, ResendRequestError> {
        guard cJSON_IsObject(item) != 0 else {
            return .failure(ResendRequestError("not a resend request: span \(index) for \(channel) is not an object (want \(shape))"))
        }
        let from: UInt64, to: UInt64
        switch sequence(item, "from", index: index, channel: channel) {
        case .success(let v): from = v
        case .failure(let e): return .failure(e)
        }
        switch sequence(item, "to", index: index, channel: channel) {
        case .success(let v): to = v
        case .failure(let e): return .failure(e)
        }
        return .success(Span(from: from, to: to))
    }

    /// One bound of a span: a JSON number that is a whole number from 0 to `maximumSequence`.
    private static func sequence(_ span: UnsafeMutablePointer<cJSON>, _ name: StaticString, index: Int,
                                 channel: String) -> Result<UInt64, ResendRequestError> {
        let key = name.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        guard let item = cJSON_GetObjectItemCaseSensitive(span, key), cJSON_IsNumber(item) != 0 else {
            return .failure(ResendRequestError("not a resend request: span \(index) for \(channel) has no number '\(key)' (want \(shape))"))
        }
        let value = item.pointee.valuedouble
        guard value.isFinite, value >= 0, value <= Double(maximumSequence), value == value.rounded(.towardZero) else {
            return .failure(ResendRequestError("not a resend request: span \(index) for \(channel) has '\(key)' \(value), but sequence numbers are whole numbers from 0 to \(maximumSequence); the sender is not this project's aggregator or is broken"))
        }
        return .success(UInt64(value))
    }

    private static func notARequest(_ payload: [UInt8]) -> ResendRequestError {
        var text = ""
        for scalar in String(decoding: payload.prefix(200), as: UTF8.self).unicodeScalars {
            text.unicodeScalars.append(scalar.value < 0x20 ? " " : scalar)
        }
        return ResendRequestError("not a resend request (want \(shape)): \(text)")
    }
}
