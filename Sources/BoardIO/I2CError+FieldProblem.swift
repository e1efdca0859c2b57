import FieldText

extension I2CError {
    /// The failed transfer as a technician's problem: the bus and address, what the kernel said, the likely
    /// cause and what to do (`scan` gives the same cause and remedy for a silent chip or a missing adapter).
    public var fieldProblem: FieldProblem {
        var at = bus
        if let address { at += " address 0x" + I2CError.hex(address) }
        return fieldProblem(what: at)
    }

    /// The same problem about `what` (a chip and where it sits, when a driver was talking to it).
    public func fieldProblem(what: String) -> FieldProblem {
        switch kind {
        case .noAcknowledge:
            FieldProblem(what: what, happened: .i2cNoAcknowledgeHappened, [operation],
                         cause: .scanSensorSilentCause, action: .scanSensorSilentAction)
        case .timeout:
            FieldProblem(what: what, happened: .i2cTimeoutHappened, [operation], cause: .i2cTimeoutCause,
                         action: .i2cTimeoutAction)
        case .busError:
            FieldProblem(what: what, happened: .i2cBusErrorHappened, [operation], cause: .i2cBusErrorCause,
                         action: .i2cBusErrorAction)
        case .cannotOpenBus:
            FieldProblem(what: what, happened: .scanBusHappened, [operation], cause: .scanBusCause,
                         action: .scanBusAction)
        case .unsupported:
            FieldProblem(what: what, happened: .i2cUnsupportedHappened, [operation], cause: .i2cUnsupportedCause,
                         action: .i2cUnsupportedAction)
        case .other(let errno):
            FieldProblem(what: what, happened: .i2cOtherHappened, [operation, String(errno)], cause: .i2cOtherCause,
                         action: .i2cOtherAction)
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
