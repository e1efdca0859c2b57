/// A command the program runs: built from its checked options, then asked to check their combination, then
/// run. Conforming types are used as generic parameters only, so board code needs no existentials.
public protocol FieldCommand {
    static var declaration: CommandDeclaration { get }
    init(_ arguments: ParsedArguments)
    /// Checks that need more than one option, or a value's range (e.g. "--keepalive 2: must be 0 (off) or 5 to
    /// 65535 seconds"); use `arguments.invalid(…)`.
    func validate() throws(UsageError)
    func run() throws(CommandFailure)
}

extension FieldCommand {
    public func validate() throws(UsageError) {}
}
