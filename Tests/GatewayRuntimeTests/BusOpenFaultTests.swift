import BoardIO
import FieldText
import GatewayCore
import LinuxBoard
import Testing
@testable import GatewayRuntime

/// Issue 17: a missing adapter in the daemon's log said only "cannot open the bus"; `scan` said the useful
/// thing. The channel's fault now carries the system's reason and the same likely cause and remedy.
@Suite struct BusOpenFaultTests {
    @Test func aChannelOnAMissingAdapterSaysWhyAndWhatToDo() throws {
        let spec = ChannelSpec(id: "attic-temp", driver: .tmp117(I2CDeviceAddress(busRole: "s", busPath: "/dev/i2c-99", address: 0x4B)),
                               quantity: .temperature, role: nil, unit: "Cel", interval: Duration(10))
        let provider = LinuxI2CBusProvider()
        let sampler = try #require(I2CChannelSampler.make(spec) { path throws(I2CError) in try provider.openBus(path) })
        guard case .fault(let problem) = sampler.sample() else {
            Issue.record("/dev/i2c-99 opened on a host that should not have it")
            return
        }
        let why = problem.line(in: .english)
        #expect(why.hasPrefix("TMP117 on /dev/i2c-99 address 0x4b: the bus cannot be opened ("), "\(why)")
        #expect(why.contains("No such file or directory"), "\(why)")
        #expect(why.contains("likely cause: I2C is not enabled in the device tree, or the i2c-dev module is not loaded"), "\(why)")
        #expect(why.contains("what to do: enable I2C (dtparam=i2c_arm=on), run `modprobe i2c-dev`"), "\(why)")
        let japanese = problem.line(in: .japanese)
        #expect(japanese.hasPrefix("TMP117 on /dev/i2c-99 address 0x4b: バスを開けません（"), "\(japanese)")
        #expect(japanese.contains("考えられる原因: デバイスツリーで I2C が有効になっていない"), "\(japanese)")
        #expect(japanese.contains("対処: I2C を有効にし"), "\(japanese)")
    }
}
