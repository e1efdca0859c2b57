/// A board file: the physical buses and lines of one kind of board, named by role so site files never carry
/// device paths or line numbers.
public struct BoardDefinition: Hashable, Sendable {
    public var name: String
    public var description: String?
    /// Role → I2C character device, e.g. "sensors" → "/dev/i2c-1".
    public var i2cBuses: [String: String]
    /// Role → GPIO line, e.g. "pulse-1" → gpiochip0 line 17.
    public var gpioLines: [String: GPIOLineAddress]

    public init(name: String, description: String? = nil, i2cBuses: [String: String], gpioLines: [String: GPIOLineAddress]) {
        self.name = name
        self.description = description
        self.i2cBuses = i2cBuses
        self.gpioLines = gpioLines
    }
}

public struct GPIOLineAddress: Hashable, Sendable, CustomStringConvertible {
    /// Chip as libgpiod opens it: "gpiochip0", "/dev/gpiochip0", or a chip label.
    public var chip: String
    public var offset: UInt32
    public init(chip: String, offset: UInt32) {
        self.chip = chip
        self.offset = offset
    }
    public var description: String { "\(chip) line \(offset)" }
}

/// An I2C device as a channel refers to it, with its bus already resolved from the board file.
public struct I2CDeviceAddress: Hashable, Sendable, CustomStringConvertible {
    public var busRole: String
    public var busPath: String
    public var address: UInt8
    public init(busRole: String, busPath: String, address: UInt8) {
        self.busRole = busRole
        self.busPath = busPath
        self.address = address
    }
    public var description: String {
        let hex = String(address, radix: 16)
        return "\(busPath) address 0x\(hex.count < 2 ? "0" + hex : hex)"
    }
}

/// The line's internal pull, where the kernel and the chip support setting it.
public enum LineBias: String, Sendable, Hashable, CaseIterable {
    case asIs = "as-is", disabled, pullUp = "pull-up", pullDown = "pull-down"
}

/// A GPIO line as a channel refers to it, resolved from the board file, with how the meter drives it.
public struct GPIOLineReference: Hashable, Sendable, CustomStringConvertible {
    public var role: String
    public var line: GPIOLineAddress
    /// True when a pulse pulls the line low (S0 open collector, reed contact to ground): the usual wiring.
    public var activeLow: Bool
    public var bias: LineBias
    public init(role: String, line: GPIOLineAddress, activeLow: Bool = true, bias: LineBias = .pullUp) {
        self.role = role
        self.line = line
        self.activeLow = activeLow
        self.bias = bias
    }
    public var description: String { "\(line) (\(role))" }
}
