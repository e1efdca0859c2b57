/// A release number `MAJOR.MINOR.PATCH`, ordered numerically (0.1.10 is newer than 0.1.9).
public struct ReleaseVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let parts: [Int]

    /// Nil unless `text` is three dot-separated decimal numbers.
    public init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return nil }
        var numbers: [Int] = []
        for piece in pieces {
            guard !piece.isEmpty, piece.count <= 6, piece.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(piece) else { return nil }
            numbers.append(n)
        }
        parts = numbers
    }

    public static func < (a: ReleaseVersion, b: ReleaseVersion) -> Bool { a.parts.lexicographicallyPrecedes(b.parts) }

    public var description: String { "\(parts[0]).\(parts[1]).\(parts[2])" }
}
