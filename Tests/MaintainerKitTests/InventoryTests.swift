import MaintainerKit
import Testing

/// The inventory file a maintainer writes: one board a line, options as key=value, mistakes named by line.
@Suite struct InventoryTests {
    @Test func readsBoardsOptionsAndComments() throws {
        let text = """
            # name  destination  options
            well-07   sgw@well-07.field   status-topic=sgw/k/w/status broker=127.0.0.1:1883

            cityhall  cityhall-gw  root=/srv/b command=/usr/bin/sgw-update   # trailing comment
            """
        let boards = try Inventory(text: text, path: "boards.txt").boards
        #expect(boards.map(\.name) == ["well-07", "cityhall"])
        #expect(boards[0].destination == "sgw@well-07.field")
        #expect(boards[0].statusTopic == "sgw/k/w/status")
        #expect(boards[0].broker == "127.0.0.1:1883")
        #expect(boards[0].root == "/" && boards[0].command == "sgw-update")
        #expect(boards[1].root == "/srv/b" && boards[1].command == "/usr/bin/sgw-update")
    }

    @Test(arguments: [
        ("b1\n", "boards.txt:1: expected NAME DESTINATION, found `b1` alone"),
        ("b1 -oProxyCommand=x\n", "boards.txt:1: a destination cannot start with `-`"),
        ("b1 h1\nb2 h2 root=relative\n", "boards.txt:2: root=relative must be an absolute path"),
        ("b1 h1 colour=red\n", "boards.txt:1: unknown key `colour` (root, command, broker, status-topic)"),
        ("b1 h1 broker=\n", "boards.txt:1: `broker=` is not key=value"),
        ("b1 h1\nb1 h2\n", "boards.txt:2: board b1 is listed twice"),
        ("# nothing\n", "boards.txt: no boards"),
    ])
    func refusesWithThePlace(text: String, message: String) {
        #expect(throws: Inventory.Problem.self) { try Inventory(text: text, path: "boards.txt") }
        do {
            _ = try Inventory(text: text, path: "boards.txt")
        } catch {
            #expect("\(error)" == message)
        }
    }
}
