import Foundation
import Testing
@testable import SiteConfig

/// Problems with a file as a whole: each gives one clear error instead of a cascade.
@Suite struct FileErrorTests {
    @Test func missingSiteFile() {
        let path = NSTemporaryDirectory() + "no-such-site-\(UUID().uuidString).yaml"
        #expect(throws: SiteConfigErrors.self) { try SiteLoader.load(siteFile: path) }
        do {
            _ = try SiteLoader.load(siteFile: path)
        } catch {
            #expect(error.description == "\(path): file not found")
        }
    }

    @Test func emptySiteFile() throws {
        let site = try TempSite(site: "# nothing yet\n")
        #expect(site.errors() == ["\(site.sitePath): file is empty"])
    }

    @Test func siteFileThatIsNotUTF8() throws {
        let site = try TempSite(site: "")
        try Data([0x73, 0x69, 0x74, 0x65, 0x3A, 0x20, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: site.sitePath))
        #expect(site.errors() == ["\(site.sitePath): file is not UTF-8 text (save it as UTF-8)"])
    }

    @Test func malformedYAMLNamesTheLine() throws {
        let site = try TempSite(site: TempSite.header + "  - id: inflow\n    driver: [pulse-flow\n")
        expectSiteErrors(site, ["10:1: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 9)"])
    }

    @Test func tabIndentationIsMalformed() throws {
        let site = try TempSite(site: "site:\n\tid: x\n")
        expectSiteErrors(site, ["2:1: not valid YAML: found character that cannot start any token (while scanning for the next token at line 2)"])
    }

    @Test func duplicateKeyInABlock() throws {
        let site = try TempSite(channels: channel(pulseFlowKeys + ["interval: 30s"]))
        expectSiteErrors(site, ["13:5: key \"interval\" appears twice in the same block; keep one"])
    }

    @Test func topLevelMustBeABlockOfKeys() throws {
        let site = try TempSite(site: "- site\n- device\n")
        expectSiteErrors(site, ["1:1: expected a block of keys, found a list"])
    }
}

extension FileErrorTests {
    @Test func siteFileThatIsAFolder() throws {
        let site = try TempSite(site: "")
        #expect(throws: SiteConfigErrors.self) { try SiteLoader.load(siteFile: site.root + "/Board") }
        do {
            _ = try SiteLoader.load(siteFile: site.root + "/Board")
        } catch {
            #expect(error.description == "\(site.root)/Board: file cannot be read (check its permissions)")
        }
    }

    @Test func emptyBoardFileIsReportedAgainstTheBoardFile() throws {
        let site = try TempSite(site: TempSite.header + channel(pulseFlowKeys), board: "")
        #expect(site.errors() == ["\(site.boardPath): file is empty"])
    }

    @Test func errorsInBothFilesComeTogether() throws {
        let site = try TempSite(site: TempSite.header + channel(replacing("interval", with: "interval: 0s", in: pulseFlowKeys)),
                                board: TempSite.board + "\nhat: rev-b\n")
        #expect(site.errors() == [
            "\(site.sitePath):13:5: channels[0].interval: the sampling interval must be longer than 0",
            "\(site.boardPath):8:1: hat: unknown key \"hat\" (allowed here: board, description, i2c, gpio)",
        ])
    }
}
