import GatewayCore


/// Reads a board file: the buses and lines of one kind of board, each under a role name the site files use.
enum BoardFileParser {
    static let topKeys = ["board", "description", "i2c", "gpio"]
    static let lineKeys = ["chip", "line"]

    /// The board, or nil when the file has errors (reported to `diagnostics`).
    static func parse(_ file: YAMLFile, diagnostics: Diagnostics) -> BoardDefinition? {
        guard let top = TopLevel.reader(file.root, of: "board", keys: topKeys, diagnostics: diagnostics) else { return nil }
        let name = top.identifier("board")
        let description = top.text("description", required: false)
        let buses = top.mapping("i2c", required: false).map { i2cBuses($0) } ?? [:]
        let lines = top.mapping("gpio", required: false).map { gpioLines($0) } ?? [:]
        top.reportUnknownKeys(allowed: topKeys)
        guard let name, diagnostics.isEmpty else { return nil }
        return BoardDefinition(name: name, description: description, i2cBuses: buses, gpioLines: lines)
    }

    private static func i2cBuses(_ reader: MappingReader) -> [String: String] {
        var buses: [String: String] = [:]
        for role in reader.keys {
            guard validRole(role, in: reader) else { continue }
            if let path = reader.text(role) { buses[role] = path }
        }
        return buses
    }

    private static func gpioLines(_ reader: MappingReader) -> [String: GPIOLineAddress] {
        var lines: [String: GPIOLineAddress] = [:]
        var firstRole: [GPIOLineAddress: String] = [:]
        for role in reader.keys {
            guard validRole(role, in: reader), let line = reader.mapping(role) else { continue }
            let chip = line.text("chip")
            let offset = line.integer("line")
            line.reportUnknownKeys(allowed: lineKeys)
            if let offset, offset < 0 || offset > Int(UInt32.max) {
                line.reportValue(of: "line", "\(offset) is not a GPIO line number (0 or more)")
                continue
            }
            guard let chip, let offset else { continue }
            let address = GPIOLineAddress(chip: chip, offset: UInt32(offset))
            if let other = firstRole[address] {
                line.report("\(address) is already the line of \"\(other)\"; one line cannot be two inputs")
                continue
            }
            firstRole[address] = role
            lines[role] = address
        }
        return lines
    }

    private static func validRole(_ role: String, in reader: MappingReader) -> Bool {
        if Identifier.isValid(role) { return true }
        if let entry = reader.entry(role, required: false) {
            reader.report("\"\(role)\" is not a valid role name: use lower-case letters, digits, \"-\" and \"_\"",
                          about: entry)
        }
        return false
    }
}
