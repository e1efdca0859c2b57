/// Names as the field writes them in site files: lower-case letters, digits and dashes.
public struct SiteID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ raw: String) { rawValue = raw }
    public init(stringLiteral raw: String) { rawValue = raw }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One board at a site. A site has one device today; the id is separate so a site can grow a second board.
public struct DeviceID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ raw: String) { rawValue = raw }
    public init(stringLiteral raw: String) { rawValue = raw }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public struct ChannelID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ raw: String) { rawValue = raw }
    public init(stringLiteral raw: String) { rawValue = raw }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public enum Identifier {
    /// Ids end up in MQTT topics and SenML names, so `/`, `+`, `#` and spaces must never appear.
    public static func isValid(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !s.isEmpty, s.count <= 64 else { return false }
        guard ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
