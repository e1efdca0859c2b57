import BoardIO
import CGPIOD
import GatewayCore
import CSystem

/// Requests GPIO lines for edge events through libgpiod 1.6 (the v1 API Debian bookworm ships).
public final class LinuxEdgeLineProvider: EdgeLineProvider {
    private let notice: (String) -> Void

    /// - Parameter notice: told about settings the kernel refused but the line works without (a rejected bias),
    ///   so the technician learns the pull-up must be fitted externally. Defaults to standard error.
    public init(notice: @escaping (String) -> Void = LinuxEdgeLineProvider.writeToStandardError) {
        self.notice = notice
    }

    public func requestEdges(_ line: GPIOLineAddress, detect: EdgeDetection, activeLow: Bool, bias: LineBias,
                             consumer: String) throws(GPIOError) -> EdgeEventSource {
        let chip = try GPIOChipHandle(lookup: line.chip, for: line)
        guard let handle = gpiod_chip_get_line(chip.pointer, line.offset) else {
            throw GPIOError(line: line, operation: "get line",
                            reason: "chip '\(chip.name)' has \(chip.lineCount) lines, offsets 0 to \(Int(chip.lineCount) - 1)")
        }
        let edgeType = Self.requestType(detect)
        let baseFlags = activeLow ? Int32(GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW) : 0
        var biasNotice: String?
        var code = Self.request(handle, type: edgeType, flags: baseFlags | Self.biasFlag(bias), consumer: consumer)
        // Older kernels and some pin controllers refuse bias settings; the edge detection itself still works,
        // so carry on with the line as wired and say that the resistor is not applied.
        if code != 0, bias != .asIs, [EINVAL, EOPNOTSUPP, ENOTSUP].contains(code) {
            let retry = Self.request(handle, type: edgeType, flags: baseFlags, consumer: consumer)
            if retry == 0 {
                biasNotice = "GPIO \(line): kernel refused bias \(bias.rawValue) (\(ErrnoText.describe(code)));"
                    + " requested without it, so fit an external resistor if the input floats"
                notice(biasNotice!)
            }
            code = retry
        }
        guard code == 0 else {
            throw GPIOError(line: line, operation: "request \(detect.rawValue) edges",
                            reason: Self.explainRequestFailure(code, handle))
        }
        var requested = RequestedLine(chip: chip, handle: handle)
        if detect == .both {
            let level = gpiod_line_get_value(handle)
            if level >= 0 { requested.levelAfterLastEdge = level == 1 }
        }
        return LinuxEdgeEventSource(line: line, requested: requested, biasNotice: biasNotice)
    }

    public static func writeToStandardError(_ message: String) {
        let text = message + "\n"
        _ = text.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }

    private static func request(_ handle: OpaquePointer, type: Int32, flags: Int32, consumer: String) -> Int32 {
        consumer.withCString { name in
            var config = gpiod_line_request_config(consumer: name, request_type: type, flags: flags)
            return gpiod_line_request(handle, &config, 0) == 0 ? 0 : sgw_errno()
        }
    }

    private static func requestType(_ detect: EdgeDetection) -> Int32 {
        switch detect {
        case .rising: Int32(GPIOD_LINE_REQUEST_EVENT_RISING_EDGE)
        case .falling: Int32(GPIOD_LINE_REQUEST_EVENT_FALLING_EDGE)
        case .both: Int32(GPIOD_LINE_REQUEST_EVENT_BOTH_EDGES)
        }
    }

    private static func biasFlag(_ bias: LineBias) -> Int32 {
        switch bias {
        case .asIs: 0
        case .disabled: Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE)
        case .pullUp: Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP)
        case .pullDown: Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN)
        }
    }

    private static func explainRequestFailure(_ code: Int32, _ handle: OpaquePointer) -> String {
        if code == EBUSY {
            let holder = gpiod_line_consumer(handle).map { "'" + String(cString: $0) + "'" } ?? "another program"
            return "line already in use by \(holder)"
        }
        return ErrnoText.describe(code)
    }
}
