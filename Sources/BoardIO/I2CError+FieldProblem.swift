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
        let (happened, cause, action): (FieldMessage, FieldMessage, FieldMessage) = switch kind {
        case .noAcknowledge: (.i2cNoAcknowledgeHappened, .scanSensorSilentCause, .scanSensorSilentAction)
        case .timeout: (.i2cTimeoutHappened, .i2cTimeoutCause, .i2cTimeoutAction)
        case .busError: (.i2cBusErrorHappened, .i2cBusErrorCause, .i2cBusErrorAction)
        case .cannotOpenBus: (.scanBusHappened, .scanBusCause, .scanBusAction)
        case .unsupported: (.i2cUnsupportedHappened, .i2cUnsupportedCause, .i2cUnsupportedAction)
        case .other: (.i2cOtherHappened, .i2cOtherCause, .i2cOtherAction)
        }
        var values = [operation]
        if case .other(let errno) = kind { values.append(String(errno)) }
        return FieldProblem(what: what, happened: happened, values, cause: cause, action: action)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
