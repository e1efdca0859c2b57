import Foundation
import Testing
@testable import SiteConfig

/// Board file problems are reported against the board file; a board the site cannot find, against the site.
@Suite struct BoardFileErrorTests {
    func site(board: String) throws -> TempSite {
        try TempSite(site: TempSite.header + channel(pulseFlowKeys), board: board)
    }

    @Test func missingBoardFilePointsAtTheBoardKey() throws {
        let site = try TempSite(site: TempSite.header + channel(pulseFlowKeys), board: nil)
        expectSiteErrors(site, ["6:1: board: board file \(site.boardPath) not found"])
    }

    @Test func explicitBoardFileIsRelativeToTheSiteFile() throws {
        let text = TempSite.header.replacingOccurrences(of: "board: test-board\n",
                                                        with: "board: test-board\nboard-file: ../../boards/test.yaml\n")
        let missing = try TempSite(site: text + channel(pulseFlowKeys))
        expectSiteErrors(missing, ["7:1: board-file: board file \(missing.root)/Board/sites/../../boards/test.yaml not found"])

        let present = try TempSite(site: text + channel(pulseFlowKeys))
        try FileManager.default.createDirectory(atPath: present.root + "/boards", withIntermediateDirectories: true)
        try TempSite.board.write(toFile: present.root + "/boards/test.yaml", atomically: true, encoding: .utf8)
        #expect(try present.load().get().boardFile == present.root + "/Board/sites/../../boards/test.yaml")
    }

    @Test func boardNameMustMatchTheSite() throws {
        let site = try site(board: TempSite.board.replacingOccurrences(of: "board: test-board", with: "board: cm4-sgw"))
        expectSiteErrors(site, ["6:1: board: the site asks for board test-board but \(site.boardPath) describes board cm4-sgw"])
    }

    @Test func malformedBoardFile() throws {
        let site = try site(board: "board: test-board\ngpio:\n  pulse-1: { chip: gpiochip0, line: 17\n")
        #expect(site.errors() == [
            "\(site.boardPath):4:1: not valid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 3)",
        ])
    }

    @Test func everyBoardProblemIsReportedAgainstTheBoardFile() throws {
        let board = """
            board: test-board
            cpu: bcm2711
            i2c:
              Sensors: /dev/i2c-1
              sensors: [/dev/i2c-1]
            gpio:
              pulse-1: { chip: gpiochip0, line: 17 }
              pulse-2: { chip: gpiochip0, line: 17 }
              pulse-3: { chip: gpiochip0, line: -1 }
              pulse-4: { chip: gpiochip0, pin: 5 }
              pulse-5: gpiochip0 22
            """
        let site = try site(board: board)
        #expect(site.errors() == [
            "\(site.boardPath):2:1: cpu: unknown key \"cpu\" (allowed here: board, description, i2c, gpio)",
            "\(site.boardPath):4:3: i2c.Sensors: \"Sensors\" is not a valid role name: use lower-case letters, digits, \"-\" and \"_\"",
            "\(site.boardPath):5:3: i2c.sensors: expected a text value, found a list",
            "\(site.boardPath):8:12: gpio.pulse-2: gpiochip0 line 17 is already the line of \"pulse-1\"; one line cannot be two inputs",
            "\(site.boardPath):9:31: gpio.pulse-3.line: -1 is not a GPIO line number (0 or more)",
            "\(site.boardPath):10:12: gpio.pulse-4: missing required key \"line\"",
            "\(site.boardPath):10:31: gpio.pulse-4.pin: unknown key \"pin\" (allowed here: chip, line)",
            "\(site.boardPath):11:3: gpio.pulse-5: expected a block of keys, found \"gpiochip0 22\"",
        ])
    }

    @Test func boardNeedsItsName() throws {
        let site = try site(board: "description: HAT\n")
        #expect(site.errors() == ["\(site.boardPath):1:1: missing required key \"board\""])
    }
}
