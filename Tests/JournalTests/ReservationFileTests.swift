@testable import Journal
import Testing

/// The reservation file is written and read by hand; boards in the field hold files the first firmware wrote
/// with Foundation's JSON encoder.
@Suite struct ReservationFileTests {
    @Test func readsWhatTheFirstFirmwareWrote() throws {
        // Foundation escapes "/" and writes keys sorted, as below.
        let text = #"[{"channel":"grid\/import","device":"gw1","reserved":512},{"channel":"flow","device":"gw\u00e9","reserved":256}]"#
        let entries = try ReservationFile.decode(Array(text.utf8))
        #expect(entries == [ReservationFile.Entry(device: "gw1", channel: "grid/import", reserved: 512),
                            ReservationFile.Entry(device: "gwé", channel: "flow", reserved: 256)])
    }

    @Test func whatItWritesReadsBackWithQuotesAndControlCharacters() throws {
        let entries = [ReservationFile.Entry(device: "a\"b\\c", channel: "tab\there", reserved: UInt64.max),
                       ReservationFile.Entry(device: "d", channel: "😀", reserved: 0)]
        let bytes = ReservationFile.encode(entries)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""reserved":0}"#))
        #expect(try ReservationFile.decode(bytes) == entries)
        #expect(try ReservationFile.decode(Array("[]".utf8)).isEmpty)
    }

    @Test func damageIsReportedWithWhere() {
        for text in ["not json", #"[{"device":"d","channel":"c"}]"#, #"[{"device":"d","channel":"c","reserved":-1}]"#,
                     #"[{"device":"d","channel":"c","reserved":99999999999999999999}]"#, #"[{"device":"d""#] {
            #expect(throws: ReservationFile.Unreadable.self, "\(text)") { try ReservationFile.decode(Array(text.utf8)) }
        }
    }
}
