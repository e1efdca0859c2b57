import GatewayCore

/// One problem in a site or board file, located so a technician can open the file at the right line.
public struct SiteConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the gateway was given it (relative paths stay relative, so messages match what was typed).
    public var file: String
    /// 1-based; nil when the problem is the file as a whole (missing, unreadable, empty).
    public var line: Int?
    public var column: Int?
    /// Where in the document, e.g. `channels[2].address`; empty for the whole file.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int?, column: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        SourceLocation(file: file, line: line, column: column, keyPath: keyPath).describe(message)
    }
}

/// Every problem found while loading a site, so one edit-and-retry round fixes them all.
public struct SiteConfigErrors: Error, Sendable, CustomStringConvertible {
    /// Ordered by file, then line and column (then text, so the order never depends on checking order).
    public let errors: [SiteConfigError]

    /// At most this many problems are listed; the rest are counted in one last line. Fifty is more than one
    /// editing round fixes, and a file of 200,000 wrong keys still gives a screenful, not 35 MB.
    public static let mostListed = 50

    public init(_ errors: [SiteConfigError]) {
        self.init(errors, notKept: 0)
    }

    /// `notKept` counts problems found but not kept while checking (see `Diagnostics.keptErrors`).
    init(_ errors: [SiteConfigError], notKept: Int) {
        let sorted = errors.sorted { a, b in
            (a.file, a.line ?? 0, a.column ?? 0, a.description) < (b.file, b.line ?? 0, b.column ?? 0, b.description)
        }
        let unlisted = max(0, sorted.count - Self.mostListed) + notKept
        guard unlisted > 0, let last = sorted.last else {
            self.errors = sorted
            return
        }
        self.errors = Array(sorted.prefix(Self.mostListed)) + [SiteConfigError(
            file: last.file, line: nil, column: nil, keyPath: "",
            message: "… and \(unlisted) more errors not listed; fix the ones above and check again")]
    }

    public var description: String { errors.map { $0.description }.joined(separator: "\n") }
}
