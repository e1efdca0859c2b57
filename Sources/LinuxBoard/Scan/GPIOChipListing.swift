import GatewayCore
import BoardIO
import CGPIOD
import CSystem

public struct GPIOLineInfo: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable { case input, output }
    public var offset: UInt32
    /// The name from the device tree ("GPIO17"), nil when the board leaves it unnamed.
    public var name: String?
    /// Who holds the line ("sensor-gateway", a kernel driver such as "regulator"), nil when free or anonymous.
    public var consumer: String?
    public var direction: Direction
    public var activeLow: Bool
    public var used: Bool
    public var bias: LineBias

    public init(offset: UInt32, name: String?, consumer: String?, direction: Direction, activeLow: Bool, used: Bool,
                bias: LineBias) {
        self.offset = offset
        self.name = name
        self.consumer = consumer
        self.direction = direction
        self.activeLow = activeLow
        self.used = used
        self.bias = bias
    }
}

public struct GPIOChipInfo: Hashable, Sendable {
    public var path: String
    public var name: String
    public var label: String
    public var lines: [GPIOLineInfo]

    public init(path: String, name: String, label: String, lines: [GPIOLineInfo]) {
        self.path = path
        self.name = name
        self.label = label
        self.lines = lines
    }
}

/// A device node that exists but could not be read, kept so the report says why instead of omitting it.
public struct DeviceProblem: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

/// Every `/dev/gpiochipN` with its lines, like `gpioinfo`.
///
/// Chips are opened one by one rather than with `gpiod_chip_iter`, because the iterator gives up on all chips
/// when one cannot be opened (a permissions problem on one node would hide the others).
public struct GPIOChipListing: Hashable, Sendable {
    public var chips: [GPIOChipInfo]
    public var problems: [DeviceProblem]

    public init(chips: [GPIOChipInfo], problems: [DeviceProblem]) {
        self.chips = chips
        self.problems = problems
    }

    public static func scan(deviceDirectory: String = "/dev") -> GPIOChipListing {
        var listing = GPIOChipListing(chips: [], problems: [])
        for number in DeviceNodes.numbered("gpiochip", in: deviceDirectory) {
            let path = "\(deviceDirectory)/gpiochip\(number)"
            guard let chip = GPIOChipHandle(path: path) else {
                listing.problems.append(DeviceProblem(path: path, reason: ErrnoText.describe(sgw_errno())))
                continue
            }
            var lines: [GPIOLineInfo] = []
            for offset in 0..<chip.lineCount {
                guard let line = gpiod_chip_get_line(chip.pointer, offset) else {
                    listing.problems.append(DeviceProblem(path: path, reason: "line \(offset): \(ErrnoText.describe(sgw_errno()))"))
                    continue
                }
                lines.append(info(line, offset: offset))
            }
            listing.chips.append(GPIOChipInfo(path: path, name: chip.name, label: chip.label, lines: lines))
        }
        return listing
    }

    private static func info(_ line: OpaquePointer, offset: UInt32) -> GPIOLineInfo {
        let bias: LineBias = switch gpiod_line_bias(line) {
        case Int32(GPIOD_LINE_BIAS_DISABLE): .disabled
        case Int32(GPIOD_LINE_BIAS_PULL_UP): .pullUp
        case Int32(GPIOD_LINE_BIAS_PULL_DOWN): .pullDown
        default: .asIs
        }
        return GPIOLineInfo(
            offset: offset,
            name: gpiod_line_name(line).map { String(cString: $0) },
            consumer: gpiod_line_consumer(line).map { String(cString: $0) },
            direction: gpiod_line_direction(line) == Int32(GPIOD_LINE_DIRECTION_OUTPUT) ? .output : .input,
            activeLow: gpiod_line_active_state(line) == Int32(GPIOD_LINE_ACTIVE_STATE_LOW),
            used: gpiod_line_is_used(line),
            bias: bias)
    }
}
