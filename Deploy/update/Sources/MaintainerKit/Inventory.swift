import Foundation

/// One board of the inventory: a name for the report, the SSH destination (a host from ~/.ssh/config or
/// user@host), and where its update tool and install root are.
public struct InventoryBoard: Sendable, Equatable {
    public var name: String
    public var destination: String
    public var root: String = "/"
    public var command: String = "sgw-update"
    public var broker: String?
    public var statusTopic: String?

    public init(name: String, destination: String) {
        self.name = name
        self.destination = destination
    }
}

/// The inventory file: one board a line, `NAME DESTINATION [root=…] [command=…] [broker=HOST:PORT]
/// [status-topic=…]`; `#` starts a comment.
public struct Inventory: Sendable {
    public var boards: [InventoryBoard]

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    public init(contentsOf path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Problem(description: "cannot read the inventory \(path)")
        }
        try self.init(text: text, path: path)
    }

    public init(text: String, path: String) throws {
        var boards: [InventoryBoard] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if fields.isEmpty { continue }
            let place = "\(path):\(index + 1)"
            guard fields.count >= 2 else { throw Problem(description: "\(place): expected NAME DESTINATION, found `\(fields[0])` alone") }
            var board = InventoryBoard(name: fields[0], destination: fields[1])
            guard !board.destination.hasPrefix("-") else { throw Problem(description: "\(place): a destination cannot start with `-`") }
            for field in fields.dropFirst(2) {
                let pair = field.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, !pair[1].isEmpty else { throw Problem(description: "\(place): `\(field)` is not key=value") }
                switch pair[0] {
                case "root":
                    guard pair[1].hasPrefix("/") else { throw Problem(description: "\(place): root=\(pair[1]) must be an absolute path") }
                    board.root = pair[1]
                case "command": board.command = pair[1]
                case "broker": board.broker = pair[1]
                case "status-topic": board.statusTopic = pair[1]
                default: throw Problem(description: "\(place): unknown key `\(pair[0])` (root, command, broker, status-topic)")
                }
            }
            guard !boards.contains(where: { $0.name == board.name }) else { throw Problem(description: "\(place): board \(board.name) is listed twice") }
            boards.append(board)
        }
        guard !boards.isEmpty else { throw Problem(description: "\(path): no boards") }
        self.boards = boards
    }
}
