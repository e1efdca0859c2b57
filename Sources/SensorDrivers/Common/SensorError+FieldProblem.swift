import BoardIO
import FieldText
import GatewayCore

extension SensorError {
    /// The chip and where it sits: `ADS1115 on /dev/i2c-1 address 0x48`.
    public var place: String { "\(chip) on \(bus) address 0x\(hex(address))" }

    /// The driver's failure as a technician's problem: the chip and where it sits, what happened while doing
    /// what, the likely cause and what to do.
    public var fieldProblem: FieldProblem {
        switch kind {
        case .bus(let busKind):
            return I2CError(busKind, bus: bus, address: address, operation: operation).fieldProblem(what: place)
        case .wrongChip(let expected, let found):
            return FieldProblem(what: place, happened: .scanWrongChipHappened, [found, expected],
                                cause: .scanWrongChipCause, action: .scanWrongChipAction)
        case .checksumMismatch(let received, let computed):
            return FieldProblem(what: place, happened: .sensorChecksumHappened, [operation, hex(received), hex(computed)],
                                cause: .sensorChecksumCause, action: .sensorChecksumAction)
        case .conversionTimeout:
            return FieldProblem(what: place, happened: .sensorConversionTimeoutHappened, [operation],
                                cause: .sensorStuckCause, action: .sensorStuckAction)
        case .noConversionYet:
            return FieldProblem(what: place, happened: .sensorNoConversionHappened, [operation],
                                cause: .sensorStuckCause, action: .sensorStuckAction)
        case .inputOverRange:
            return FieldProblem(what: place, happened: .sensorOverRangeHappened, [operation],
                                cause: .sensorOverRangeCause, action: .sensorOverRangeAction)
        case .implausible(let detail):
            return FieldProblem(what: place, happened: .sensorImplausibleHappened, [operation, detail],
                                cause: .sensorImplausibleCause, action: .sensorImplausibleAction)
        case .unsupportedSetting(let setting):
            return FieldProblem(what: place, happened: .sensorUnsupportedSettingHappened, [setting],
                                cause: .sensorUnsupportedSettingCause, action: .sensorUnsupportedSettingAction)
        case .loopCurrent(let failure):
            return failure.fieldProblem(what: place)
        }
    }
}
