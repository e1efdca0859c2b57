import FieldText

extension GPIOError {
    /// A pulse line that cannot be requested or read: most often the service (or another tool) holds it, or
    /// the board file names the wrong chip or line, as `scan` says.
    public var fieldProblem: FieldProblem {
        FieldProblem(what: "\(line)", happened: .gpioHappened, [operation, reason], cause: .scanLineCause,
                     action: .scanLineAction)
    }
}
