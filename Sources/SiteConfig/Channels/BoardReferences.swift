import GatewayCore

/// Resolves the role names a channel uses (`bus: sensors`, `line: pulse-1`) against the board file.
/// `board` is nil when the board file itself failed; its errors are already reported, so lookups stay quiet.
struct BoardReferences {
    let board: BoardDefinition?

    func i2cDevice(_ channel: MappingReader, driver: DriverKind) -> I2CDeviceAddress? {
        let address = channel.integer("address").flatMap { checked($0, driver: driver, channel: channel) }
        let path = channel.text("bus").flatMap { role in busPath(role, channel: channel).map { (role, $0) } }
        guard let address, let (role, path) = path else { return nil }
        return I2CDeviceAddress(busRole: role, busPath: path, address: UInt8(address))
    }

    private func checked(_ address: Int, driver: DriverKind, channel: MappingReader) -> Int? {
        guard (0x08...0x77).contains(address) else {
            channel.reportValue(of: "address", "\(hex(address)) is outside the I2C device range 0x08–0x77")
            return nil
        }
        guard driver.i2cAddresses.contains(address) else {
            let allowed = driver.i2cAddresses.map(hex).joined(separator: ", ")
            channel.reportValue(of: "address", "\(driver.chipName) answers only at \(allowed) (set by its address pins), not at \(hex(address))")
            return nil
        }
        return address
    }

    private func busPath(_ role: String, channel: MappingReader) -> String? {
        guard let board else { return nil }
        guard let path = board.i2cBuses[role] else {
            channel.reportValue(of: "bus", "board \(board.name) has no I2C bus \"\(role)\" (\(listing(board.i2cBuses.keys, "I2C buses")))")
            return nil
        }
        return path
    }

    func gpioLine(_ channel: MappingReader) -> GPIOLineReference? {
        guard let role = channel.text("line"), let board else { return nil }
        guard let line = board.gpioLines[role] else {
            channel.reportValue(of: "line", "board \(board.name) has no GPIO line \"\(role)\" (\(listing(board.gpioLines.keys, "GPIO lines")))")
            return nil
        }
        return GPIOLineReference(role: role, line: line)
    }

    private func listing(_ roles: Dictionary<String, some Any>.Keys, _ what: String) -> String {
        roles.isEmpty ? "it defines no \(what)" : "it has: " + roles.sorted().joined(separator: ", ")
    }
}
