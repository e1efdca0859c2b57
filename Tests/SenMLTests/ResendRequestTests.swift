import SenML
import Testing

@Suite struct ResendRequestTests {
    func decode(_ json: String) -> Result<ResendRequest, ResendRequestError> {
        ResendRequest.decode(Array(json.utf8))
    }

    @Test func roundTrips() throws {
        let r = ResendRequest(channel: "grid-import", spans: [.init(from: 3, to: 5), .init(from: 9, to: 9)])
        #expect(try ResendRequest.decode(r.encoded()).get() == r)
        #expect(r.readingCount == 4)
        #expect(String(decoding: r.encoded(), as: UTF8.self) == #"{"channel":"grid-import","spans":[{"from":3,"to":5},{"from":9,"to":9}]}"#)
    }

    @Test(arguments: [
        (#"{"channel":"x"}"#, "not a resend request"),
        (#"not json"#, "not a resend request"),
        (#"{"channel":"","spans":[{"from":1,"to":2}]}"#, "names no channel"),
        (#"{"channel":"x","spans":[]}"#, "has 0 spans"),
        (#"{"channel":"x","spans":[{"from":5,"to":2}]}"#, "an empty span 5–2"),
        (#"{"channel":"x","spans":[{"from":0,"to":100000}]}"#, "more than 100000 readings"),
        (#"{"channel":"x","spans":[{"from":1,"to":60000},{"from":70000,"to":110000}]}"#, "more than 100000 readings"),
        (#"{"channel":"x","spans":[{"from":-1,"to":2}]}"#, "not a resend request"),
    ])
    func refusesWhatTheBoardCannotActOn(json: String, reason: String) {
        guard case .failure(let e) = decode(json) else {
            Issue.record("accepted \(json)")
            return
        }
        #expect(e.description.contains(reason), "\(e)")
    }

    @Test func refusesTooManySpans() {
        let spans = (0..<501).map { ResendRequest.Span(from: UInt64($0) * 2, to: UInt64($0) * 2) }
        guard case .failure(let e) = ResendRequest.decode(ResendRequest(channel: "x", spans: spans).encoded()) else {
            Issue.record("accepted 501 spans")
            return
        }
        #expect(e.description.contains("501 spans"))
    }

    @Test func theTopicSitsBesideDataAndStatus() {
        let t = TopicLayout(prefix: "sgw")
        #expect(t.resend(site: "kumamoto-07", device: "well-07") == "sgw/kumamoto-07/well-07/resend")
        #expect(t.parse("sgw/kumamoto-07/well-07/resend")?.kind == "resend")
    }
}

/// Issue 16: every number in a resend request is range-checked before any arithmetic; a span at or above 2^63
/// crashed the gateway.
@Suite struct ResendRequestRangeTests {
    func failure(_ json: String) -> ResendRequestError? {
        if case .failure(let e) = ResendRequest.decode(Array(json.utf8)) { return e }
        return nil
    }

    @Test(arguments: [
        #"{"channel":"x","spans":[{"from":9223372036854775808,"to":9223372036854775809}]}"#,
        #"{"channel":"x","spans":[{"from":9223372036854775807,"to":9223372036854775807}]}"#,
        #"{"channel":"x","spans":[{"from":0,"to":18446744073709551615}]}"#,
        #"{"channel":"x","spans":[{"from":18446744073709551615,"to":18446744073709551615}]}"#,
        #"{"channel":"x","spans":[{"from":1e300,"to":1e300}]}"#,
        #"{"channel":"x","spans":[{"from":9007199254740992,"to":9007199254740992}]}"#,
    ])
    func aSpanBeyondTheExactIntegerRangeIsAClearError(json: String) throws {
        let e = try #require(failure(json), "accepted \(json)")
        #expect(e.description.contains("sequence numbers are whole numbers from 0 to 9007199254740991"), "\(e)")
    }

    @Test func theLargestExactSequenceIsAccepted() throws {
        let r = try ResendRequest.decode(Array(#"{"channel":"x","spans":[{"from":9007199254740990,"to":9007199254740991}]}"#.utf8)).get()
        #expect(r.spans == [.init(from: 9_007_199_254_740_990, to: 9_007_199_254_740_991)])
        #expect(r.readingCount == 2)
    }

    @Test(arguments: [
        (#"{"channel":"x","spans":[{"from":1.5,"to":2}]}"#, "whole numbers"),
        (#"{"channel":"x","spans":[{"from":"1","to":2}]}"#, "no number 'from'"),
        (#"{"channel":"x","spans":[{"from":1}]}"#, "no number 'to'"),
        (#"{"channel":"x","spans":[[1,2]]}"#, "not an object"),
        (#"{"channel":7,"spans":[{"from":1,"to":2}]}"#, "not a resend request"),
        (#"[]"#, "not a resend request"),
        (#""#, "not a resend request"),
    ])
    func malformedNumbersAndShapesAreRefused(json: String, reason: String) throws {
        let e = try #require(failure(json), "accepted \(json)")
        #expect(e.description.contains(reason), "\(e)")
    }

    @Test func manySpansAreCountedNotDecoded() throws {
        let spans = (0..<2000).map { #"{"from":\#($0),"to":\#($0)}"# }.joined(separator: ",")
        let e = try #require(failure(#"{"channel":"x","spans":["# + spans + "]}"))
        #expect(e.description.contains("2000 spans; 1 to 500"))
    }

    @Test func aChannelNameWithControlCharactersIsRefused() throws {
        let e = try #require(failure(#"{"channel":"grid\nimport","spans":[{"from":1,"to":2}]}"#))
        #expect(e.description.contains("control characters"))
    }

    @Test func countsOfSpansBuiltInCodeSaturateInsteadOfTrapping() {
        #expect(ResendRequest.Span(from: 0, to: .max).count == .max)
        #expect(ResendRequest.Span(from: 5, to: 2).count == 0)
        let r = ResendRequest(channel: "x", spans: [.init(from: 0, to: .max), .init(from: 1, to: 1)])
        #expect(r.readingCount == .max)
    }

    @Test func anOversizedPayloadOrChannelNameIsRefused() throws {
        let huge = #"{"channel":"x","spans":[{"from":1,"to":2}],"pad":""# + String(repeating: "a", count: 70_000) + #""}"#
        #expect(try #require(failure(huge)).description.contains("bytes"))
        let long = #"{"channel":""# + String(repeating: "c", count: 129) + #"","spans":[{"from":1,"to":2}]}"#
        #expect(try #require(failure(long)).description.contains("at most 128"))
    }
}
