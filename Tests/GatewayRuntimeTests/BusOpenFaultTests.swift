import BoardIO
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
        guard case .fault(let why) = sampler.sample() else {
            Issue.record("/dev/i2c-99 opened on a host that should not have it")
            return
        }
        #expect(why.contains("TMP117"), "\(why)")
        #expect(why.contains("/dev/i2c-99"), "\(why)")
        #expect(why.contains("No such file or directory"), "\(why)")
        #expect(why.contains("enable I2C in the device tree and load i2c-dev"), "\(why)")
    }
}
