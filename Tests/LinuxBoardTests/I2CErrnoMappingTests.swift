import BoardIO
import Glibc
import LinuxBoard
import Testing

@Suite struct I2CErrnoMappingTests {
    @Test(arguments: [
        (ENXIO, I2CError.Kind.noAcknowledge),
        (EREMOTEIO, .noAcknowledge),
        (ETIMEDOUT, .timeout),
        (EIO, .busError),
        (EAGAIN, .busError),
        (EOPNOTSUPP, .unsupported),
        (EBUSY, .other(errno: EBUSY)),
        (EPROTO, .other(errno: EPROTO)),
        (ENODEV, .noAcknowledge),
    ])
    func mapsErrno(_ code: Int32, _ expected: I2CError.Kind) {
        #expect(I2CErrnoMapping.kind(errno: code) == expected)
    }

    @Test func absentChipIsNotRetriedButBusTroubleIs() {
        let absent = I2CError(I2CErrnoMapping.kind(errno: EREMOTEIO), bus: "/dev/i2c-1", address: 0x76, operation: "read byte")
        let glitch = I2CError(I2CErrnoMapping.kind(errno: EAGAIN), bus: "/dev/i2c-1", address: 0x76, operation: "read byte")
        #expect(!absent.isTransient)
        #expect(glitch.isTransient)
    }
}
