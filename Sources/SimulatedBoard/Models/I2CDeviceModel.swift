/// A chip as the wire sees it: one write phase (register pointer or command, then data) and one read phase
/// per transaction. The simulated bus turns SMBus calls into these phases exactly as an adapter would, so a
/// driver that gets the byte order or the command sequence wrong fails against the model as on hardware.
public protocol I2CDeviceModel: AnyObject {
    func receive(_ bytes: [UInt8]) throws(DeviceNack)
    func send(count: Int) throws(DeviceNack) -> [UInt8]
}

/// The chip did not acknowledge: unknown command, read-only register, or no result to read yet.
public struct DeviceNack: Error, Hashable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
