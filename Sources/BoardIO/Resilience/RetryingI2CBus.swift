/// An `I2CBus` that retries transient failures (timeouts, bus errors) of the bus it wraps.
///
/// Writes are retried too: the drivers only write configuration registers and commands, which are idempotent,
/// so repeating one after a glitch is safe. `probe` is not retried: a scan must show the bus as it is.
/// The pause is injected because BoardIO has no clock or sleep of its own (LinuxBoard supplies a thread sleep).
public final class RetryingI2CBus: I2CBus {
    public let wrapped: I2CBus
    public let policy: I2CRetryPolicy
    private let pause: (_ milliseconds: Int) -> Void
    private let onRetry: (I2CError) -> Void

    /// - Parameters:
    ///   - pause: blocks the calling thread for the given milliseconds before a retry.
    ///   - onRetry: told about every failure that is being retried, so flakiness stays visible in counters
    ///     even when the retry succeeds.
    public init(_ wrapped: I2CBus, policy: I2CRetryPolicy = .field,
                pause: @escaping (_ milliseconds: Int) -> Void,
                onRetry: @escaping (I2CError) -> Void = { _ in }) {
        self.wrapped = wrapped
        self.policy = policy
        self.pause = pause
        self.onRetry = onRetry
    }

    public var path: String { wrapped.path }
    public var conversionsTakeRealTime: Bool { wrapped.conversionsTakeRealTime }

    public func readByte(address: UInt8, register: UInt8) throws(I2CError) -> UInt8 {
        try retrying { () throws(I2CError) in try wrapped.readByte(address: address, register: register) }
    }

    public func writeByte(address: UInt8, register: UInt8, value: UInt8) throws(I2CError) {
        try retrying { () throws(I2CError) in try wrapped.writeByte(address: address, register: register, value: value) }
    }

    public func readWord(address: UInt8, register: UInt8) throws(I2CError) -> UInt16 {
        try retrying { () throws(I2CError) in try wrapped.readWord(address: address, register: register) }
    }

    public func writeWord(address: UInt8, register: UInt8, value: UInt16) throws(I2CError) {
        try retrying { () throws(I2CError) in try wrapped.writeWord(address: address, register: register, value: value) }
    }

    public func readBlock(address: UInt8, register: UInt8, count: Int) throws(I2CError) -> [UInt8] {
        try retrying { () throws(I2CError) in try wrapped.readBlock(address: address, register: register, count: count) }
    }

    public func transfer(address: UInt8, write: [UInt8], readCount: Int) throws(I2CError) -> [UInt8] {
        try retrying { () throws(I2CError) in try wrapped.transfer(address: address, write: write, readCount: readCount) }
    }

    public func probe(address: UInt8) -> Bool {
        wrapped.probe(address: address)
    }

    private func retrying<T>(_ operation: () throws(I2CError) -> T) throws(I2CError) -> T {
        var attempt = 1
        while true {
            do {
                return try operation()
            } catch {
                guard error.isTransient, attempt < policy.attempts else { throw error }
                onRetry(error)
                pause(policy.delayMilliseconds)
                attempt += 1
            }
        }
    }
}
