import BoardIO
import LinuxBoard
import Testing

@Suite struct LinuxI2CBusTests {
    @Test func missingAdapterSaysCannotOpenAndNamesThePath() {
        do {
            _ = try LinuxI2CBusProvider().openBus("/dev/i2c-99")
            Issue.record("/dev/i2c-99 opened on a host that should not have it")
        } catch {
            #expect(error.kind == .cannotOpenBus)
            #expect(error.bus == "/dev/i2c-99")
            #expect(error.description.contains("/dev/i2c-99"))
            #expect(error.description.contains("No such file or directory"))
        }
    }

    /// Issue 17: the daemon's log said only "cannot open the bus" where `scan` gives the likely cause and remedy.
    @Test func aMissingAdapterCarriesTheLikelyCauseAndRemedyAsScanGives() {
        do {
            _ = try LinuxI2CBusProvider().openBus("/dev/i2c-99")
            Issue.record("/dev/i2c-99 opened on a host that should not have it")
        } catch {
            #expect(error.description.contains("enable I2C in the device tree and load i2c-dev"), "\(error)")
            #expect(error.description.contains("i2c group"), "\(error)")
        }
    }

    @Test func aFileThatIsNotAnAdapterIsRefusedAtOpen() {
        // /dev/null opens fine but answers I2C_FUNCS with ENOTTY: the check must catch a mistyped bus path.
        #expect(throws: I2CError.self) { try LinuxI2CBus(path: "/dev/null") }
        do {
            _ = try LinuxI2CBus(path: "/dev/null")
        } catch {
            #expect(error.kind == .cannotOpenBus)
            #expect(error.description.contains("not an I2C adapter"))
        }
    }
}
