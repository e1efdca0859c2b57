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
