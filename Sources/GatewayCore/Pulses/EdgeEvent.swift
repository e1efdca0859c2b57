/// A GPIO edge as the kernel reports it: direction and the kernel's monotonic timestamp.
public struct EdgeEvent: Hashable, Sendable {
    public enum Kind: Sendable, Hashable { case rising, falling }
    public var kind: Kind
    /// CLOCK_MONOTONIC nanoseconds, stamped in the kernel's interrupt handler.
    public var timestampNanoseconds: UInt64
    public init(_ kind: Kind, at timestampNanoseconds: UInt64) {
        self.kind = kind
        self.timestampNanoseconds = timestampNanoseconds
    }
}
