import GatewayCore

public enum EdgeDetection: String, Sendable, Hashable, CaseIterable {
    case rising, falling, both
}

public struct GPIOError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: GPIOLineAddress
    public var operation: String
    public var reason: String
    public init(line: GPIOLineAddress, operation: String, reason: String) {
        self.line = line
        self.operation = operation
        self.reason = reason
    }
    public var description: String { "GPIO \(operation) on \(line): \(reason)" }
}

/// A requested line delivering edge events (libgpiod: chip → line → request → event).
public protocol EdgeEventSource: AnyObject {
    var line: GPIOLineAddress { get }
    /// Waits up to `timeoutMilliseconds` for events and returns every one pending (possibly none).
    /// Called from a dedicated reader thread so the kernel's 16-event buffer is drained promptly.
    func waitForEvents(timeoutMilliseconds: Int) throws(GPIOError) -> [EdgeEvent]
    func close()
}

/// Requests lines for edge detection: the Linux chip or a simulation.
public protocol EdgeLineProvider: AnyObject {
    func requestEdges(_ line: GPIOLineAddress, detect: EdgeDetection, activeLow: Bool, bias: LineBias,
                      consumer: String) throws(GPIOError) -> EdgeEventSource
}

/// Opens I2C buses by path: the Linux adapter or the simulated board.
public protocol I2CBusProvider: AnyObject {
    func openBus(_ path: String) throws(I2CError) -> I2CBus
}
