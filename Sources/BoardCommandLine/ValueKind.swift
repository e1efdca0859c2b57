/// What an option's value must read as. The parser checks a value when it meets it (so a bad number is reported
/// before anything else is), and `ParsedArguments` converts it again with the same function when a command asks.
public enum ValueKind: Sendable, Equatable {
    case text
    case integer
    case integer32
    case unsignedInteger32
    case decimal

    public func accepts(_ value: String) -> Bool {
        switch self {
        case .text: true
        case .integer: Int(value) != nil
        case .integer32: Int32(value) != nil
        case .unsignedInteger32: UInt32(value) != nil
        case .decimal: Double(value) != nil
        }
    }
}

/// A Swift number a command reads from an option: converted the way `ValueKind` checked it.
public protocol ArgumentNumber {
    init?(argument: String)
}

extension Int: ArgumentNumber { public init?(argument: String) { self.init(argument) } }
extension Int32: ArgumentNumber { public init?(argument: String) { self.init(argument) } }
extension UInt32: ArgumentNumber { public init?(argument: String) { self.init(argument) } }
extension Double: ArgumentNumber { public init?(argument: String) { self.init(argument) } }
