/// One of N parts of the city's boards (`kpi-aggregator run --partition K/N`), owned by one aggregator instance at
/// a time. A board belongs to part `FNV-1a-64(device id as UTF-8) mod N`: the device id is the topic's fourth
/// level (`<prefix>/<site>/<device>/data`), so a board's data, status and commissioning messages all belong to the
/// same part, and the part never changes while N stays the same. Parts are numbered from 0 to N−1.
public struct BoardPartition: Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int
    /// Partitions per city at most: each is a persistent broker session receiving every board's messages.
    public static let maximumCount = 64

    /// `text` is `K/N`, 0 ≤ K < N ≤ 64.
    public init(_ text: String) throws(AggregatorError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw AggregatorError("--partition \(IntakeName.quoted(text)): expected K/N, the part this instance owns (K from 0 to N-1) of N parts, e.g. 0/3, 1/3 and 2/3 for three instances")
        }
        guard (1...Self.maximumCount).contains(n) else {
            throw AggregatorError("--partition \(text): N is \(n), expected 1 to \(Self.maximumCount) parts (each part is one broker session receiving every board's messages)")
        }
        guard (0..<n).contains(k) else {
            throw AggregatorError("--partition \(text): K is \(k), expected 0 to \(n - 1) (parts are numbered from 0)")
        }
        index = k
        count = n
    }

    /// The part `device` belongs to among `count` parts.
    public static func index(of device: String, among count: Int) -> Int {
        Int(fnv1a64(device.utf8) % UInt64(count))
    }

    /// Whether this part holds `device`.
    public func holds(_ device: String) -> Bool { Self.index(of: device, among: count) == index }

    /// 64-bit FNV-1a: offset basis 0xcbf29ce484222325, prime 0x100000001b3, one byte at a time.
    public static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// The persistent MQTT client id of this part's session: every instance started for it (owner or standby)
    /// uses it, so the broker keeps queuing the part's messages while no owner is connected.
    public func clientID(base: String) -> String { "\(base)-part\(index)of\(count)" }

    public var description: String { "\(index)/\(count)" }
}
