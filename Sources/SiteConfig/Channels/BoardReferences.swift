import GatewayCore

/// Resolves the role names a channel uses (`bus: sensors`, `line: pulse-1`) against the board file.
/// `board` is nil when the board file itself failed; its errors are already reported, so lookups stay quiet.
struct BoardReferences {
    let board: BoardDefinition?

    func i2cDevice(_ channel: MappingReader, driver: DriverKind) -> I2CDeviceAddress? {
        let role = channel.text("bus")
        let address = channel.integer("address")
        if let address {
            if !(0x08...0x77).contains(address) {
                channel.reportValue(of: "address", "\(hex(address)) is outside the I2C device range 0x08–0x77")
                return nil
            }
            if !driver.i2cAddresses.contains(address) {
                let allowed = driver.i2cAddresses.map(hex).joined(separator: ", ")
                channel.reportValue(of: "address", "a \(driver.chipName) can only answer at \(allowed), not at \(hex(address))")
                return nil
            }
        }
        guard let role, let address, let board else { return nil }
        guard let path = board.i2cBuses[role] else {
            channel.reportValue(of: "bus", "board \(board.name) has no I2C bus \"\(role)\" (\(listing(board.i2cBuses.keys, "I2C buses")))")
            return nil
        }
        return I2CDeviceAddress(busRole: role, busPath: path, address: UInt8(address))
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
