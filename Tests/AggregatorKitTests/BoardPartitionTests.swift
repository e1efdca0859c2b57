import AggregatorKit
import Testing

/// `--partition K/N`: which boards an instance owns, and the values it refuses.
@Suite struct BoardPartitionTests {
    /// FNV-1a 64's published test vectors, so the documented hash is the one computed.
    @Test func theHashIsFNV1a64() {
        #expect(BoardPartition.fnv1a64("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(BoardPartition.fnv1a64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(BoardPartition.fnv1a64("foobar".utf8) == 0x8594_4171_f739_67e8)
    }

    /// The parts of ten boards among three, as the README's formula gives them (computed outside Swift).
    @Test func boardsHashToTheDocumentedPartition() throws {
        let expected = ["gw0": 0, "gw1": 2, "gw2": 1, "gw3": 0, "gw4": 1, "gw5": 0, "gw6": 2, "gw7": 1, "gw8": 2, "gw9": 1]
        for (device, part) in expected {
            #expect(BoardPartition.index(of: device, among: 3) == part, "\(device)")
        }
        let parts = try (0..<3).map { try BoardPartition("\($0)/3") }
        for device in expected.keys {
            #expect(parts.filter { $0.holds(device) }.count == 1, "\(device) belongs to exactly one part")
        }
        #expect(try BoardPartition("0/1").holds("any-board"))
        #expect(try BoardPartition("2/3").clientID(base: "kpi-aggregator") == "kpi-aggregator-part2of3")
    }

    @Test(arguments: [
        ("3/3", "K is 3, expected 0 to 2"), ("-1/3", "K is -1, expected 0 to 2"), ("0/0", "N is 0, expected 1 to 64"),
        ("0/65", "N is 65, expected 1 to 64"), ("1", "expected K/N"), ("a/3", "expected K/N"), ("1/3/4", "expected K/N"),
        ("", "expected K/N"), (" 1/3", "expected K/N"),
    ]) func badValuesAreRefusedWithWhatIsExpected(_ text: String, _ message: String) {
        #expect {
            _ = try BoardPartition(text)
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("--partition")
        }
    }
}
