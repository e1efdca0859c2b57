import Foundation
import Testing
@testable import SiteConfig

/// Issue 16 item 3: files that are not site or board files, or are built to flood, give a short answer that
/// never echoes their content.
@Suite struct HostileFileTests {
    @Test func twoHundredThousandUnknownKeysGiveAScreenfulNotMegabytes() throws {
        let junk = (0..<200_000).map { "k\($0): 1\n" }.joined()
        let site = try TempSite(site: TempSite.header + channel(pulseFlowKeys) + junk)
        guard case .failure(let errors) = site.load() else {
            Issue.record("a site with 200,000 unknown keys loaded")
            return
        }
        #expect(errors.errors.count == SiteConfigErrors.mostListed + 1)
        #expect(errors.errors.last?.description
                == "\(site.sitePath): … and 199950 more errors not listed; fix the ones above and check again")
        #expect(errors.description.utf8.count < 20_000)
        #expect(errors.errors.first?.description.hasPrefix("\(site.sitePath):15:1: k0: unknown key \"k0\"") == true)
    }

    @Test func errorsUpToTheCapAreAllListed() throws {
        let junk = (0..<50).map { "k\($0): 1\n" }.joined()
        let site = try TempSite(site: TempSite.header + channel(pulseFlowKeys) + junk)
        #expect(site.errors().count == 50)
    }

    @Test func boardFileThatIsAPasswordFileIsNotEchoed() throws {
        let site = try siteWithBoardFile("root:$6$s3cret-hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n")
        let errors = site.errors()
        // Each line ends in ":", so YAML reads a mapping of two odd keys; neither may be echoed.
        #expect(errors == ["\(secret(site)):1:1: this is not a board file: none of its 2 keys is one of "
                           + "board, description, i2c, gpio"])
        #expect(!errors.joined().contains("s3cret") && !errors.joined().contains("root"))
    }

    @Test func boardFileThatIsPlainTextIsNotEchoed() throws {
        let site = try siteWithBoardFile("secret notes\nmore of them\n")
        let errors = site.errors()
        #expect(errors == ["\(secret(site)):1:1: expected a block of keys, found text; is this a board file?"])
    }

    @Test func boardFileThatIsAnotherYAMLFileIsNotEchoed() throws {
        let site = try siteWithBoardFile("password: hunter2\napi-token: abc123\n")
        let errors = site.errors()
        #expect(errors == ["\(secret(site)):1:1: this is not a board file: none of its 2 keys is one of "
                           + "board, description, i2c, gpio"])
        #expect(!errors.joined().contains("hunter2") && !errors.joined().contains("password"))
    }

    @Test func binaryBoardFileIsNotEchoed() throws {
        let site = try siteWithBoardFile("")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0xFF]).write(to: URL(fileURLWithPath: site.root + "/secret"))
        #expect(site.errors() == ["\(secret(site)): file is not a text file (it holds NUL bytes, as binaries do, "
                                  + "at byte 7); is this the right file?"])
    }

    @Test func controlCharactersAreNotText() throws {
        let site = try siteWithBoardFile("board: x\u{7F}y\n")
        #expect(site.errors() == ["\(secret(site)): file is not a text file (control characters are not allowed, "
                                  + "at byte 8); is this the right file?"])
    }

    @Test func binaryThatIsNotUTF8IsRefusedAsSuch() throws {
        let site = try siteWithBoardFile("")
        try Data([0x62, 0x6F, 0x61, 0x72, 0x64, 0x3A, 0x20, 0xC3, 0x28]).write(to: URL(fileURLWithPath: site.root + "/secret"))
        #expect(site.errors() == ["\(secret(site)): file is not UTF-8 text (save it as UTF-8)"])
    }

    @Test func fileTooLargeToBeASiteFileIsNotRead() throws {
        let site = try TempSite(site: "# " + String(repeating: "x", count: 5 << 20) + "\n")
        #expect(site.errors() == ["\(site.sitePath): file is \((5 << 20) + 3) bytes, more than a site or board file "
                                  + "can be (4 MiB); is this the right file?"])
    }

    @Test func aliasBombIsRefused() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...7 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let site = try TempSite(site: lines.joined(separator: "\n") + "\n")
        let errors = site.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.contains("not valid YAML: more than 1000000 values (aliases included)") == true)
    }

    @Test func deepNestingIsRefused() throws {
        let site = try TempSite(site: "site: " + String(repeating: "[", count: 10_000) + "\n")
        #expect(site.errors() == ["\(site.sitePath):1:70: not valid YAML: values are nested more than 64 levels deep"])
    }

    @Test func hugeChannelIdIsCutInTheMessage() throws {
        let id = String(repeating: "a", count: 2_000_000)
        let site = try TempSite(channels: channel(replacing("id", with: "id: \(id)", in: pulseFlowKeys)))
        let errors = site.errors()
        #expect(errors == ["\(site.sitePath):8:5: channels[0].id: the text is 2000000 characters long; at most 256 are allowed here"])
    }

    @Test func longInvalidIdIsShownShortened() throws {
        let id = String(repeating: "a", count: 100)
        let site = try TempSite(channels: channel(replacing("id", with: "id: \(id)", in: pulseFlowKeys)))
        let shown = "\"" + String(repeating: "a", count: 80) + "…\" (100 characters)"
        expectSiteErrors(site, ["8:5: channels[0].id: \(shown) is not a valid id: use lower-case letters, digits, \"-\" and "
                                + "\"_\", starting with a letter or digit, at most 64 characters"])
    }

    @Test func emptyTopicLevelIsRefused() throws {
        let site = try TempSite(site: TempSite.header.replacingOccurrences(of: "channels:\n", with: "mqtt:\n  topic-prefix: \"\"\nchannels:\n")
                                + channel(pulseFlowKeys))
        expectSiteErrors(site, ["8:3: mqtt.topic-prefix: \"\" has an empty level (a leading, trailing or doubled \"/\")"])
    }

    @Test func overlongMunicipalityIsRefused() throws {
        let name = String(repeating: "K", count: 101)
        let site = try TempSite(site: TempSite.header.replacingOccurrences(of: "Kumamoto", with: name) + channel(pulseFlowKeys))
        expectSiteErrors(site, ["4:3: site.municipality: the municipality is 101 characters long; at most 100 are allowed"])
    }

    /// The board file's path as the site names it.
    private func secret(_ site: TempSite) -> String { site.root + "/Board/sites/../../secret" }

    /// A site whose `board-file:` names `<root>/secret`, holding `text`.
    private func siteWithBoardFile(_ text: String) throws -> TempSite {
        let header = TempSite.header.replacingOccurrences(of: "board: test-board\n", with: "board: test-board\nboard-file: ../../secret\n")
        let site = try TempSite(site: header + channel(pulseFlowKeys))
        try text.write(toFile: site.root + "/secret", atomically: true, encoding: .utf8)
        return site
    }
}
