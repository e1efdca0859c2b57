import AggregatorKit
import Testing

/// A board's identity comes from the topic its message arrived on: exactly `<prefix>/<site>/<device>/<kind>`.
@Suite struct BoardTopicTests {
    @Test func aBoardsTopicsAreRead() throws {
        let data = try #require(BoardTopic("sgw/site-a/gw1/data", prefix: "sgw"))
        #expect((data.site, data.device, data.kind, data.topic) == ("site-a", "gw1", .data, "sgw/site-a/gw1/data"))
        #expect(BoardTopic("city/sgw/site-a/gw1/status", prefix: "city/sgw")?.kind == .status)
        #expect(BoardTopic("sgw/site-a/gw1/commissioning", prefix: "sgw")?.kind == .commissioning)
    }

    @Test func everyOtherTopicIsNoBoards() {
        for topic in ["sgw/site-a/gw1/data/more", "sgw/site-a/gw1", "sgw/site-a/gw1/", "sgwx/site-a/gw1/data", "sgw//gw1/data",
                      "sgw/site-a//data", "sgw/site-a/gw1/datax", "other/site-a/gw1/data", "/sgw/site-a/gw1/data",
                      "sgw/site a/gw1/data", "sgw/site-a/gw+/data", "sgw", ""] {
            #expect(BoardTopic(topic, prefix: "sgw") == nil, "\(topic)")
        }
        #expect(BoardTopic("/site-a/gw1/data", prefix: "")?.device == "gw1")
    }
}
