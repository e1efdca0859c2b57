import GatewayCore

/// Every problem found in a city file, each as `file:line:column: key.path: message` like the site files'.
public struct CityFileError: Error, Sendable, CustomStringConvertible {
    public var problems: [SourceLocation.Problem]

    public var description: String {
        problems.map { $0.location.describe($0.message) }.joined(separator: "\n")
    }
}

extension SourceLocation {
    public struct Problem: Sendable, Hashable {
        public var location: SourceLocation
        public var message: String
    }
}
