import GatewayCore
import Testing
@testable import SiteConfig

/// Issue 15: a meter channel declares its own register (digits, the most it counts in an hour), so visit drift
/// is told across the register's wrap; every mistake in it is reported at its file:line:column.
@Suite struct MeterRegisterSectionTests {
    @Test func aMeterChannelDeclaresItsRegister() throws {
        let site = try TempSite(channels: channel(pulseFlowKeys + ["register: { digits: 5, most-per-hour: 25 }"]))
        let loaded = try site.load().get()
        #expect(loaded.site.channels.first?.register == MeterRegister(digits: 5, mostPerHour: 25))
    }

    @Test func withoutRegisterThereIsNone() throws {
        let loaded = try TempSite(channels: channel(pulseEnergyKeys)).load().get()
        #expect(loaded.site.channels.first?.register == nil)
    }

    @Test(arguments: [
        ("register: { digits: 13, most-per-hour: 25 }",
         "15:17: channels[0].register.digits: a register shows 1 to 12 whole digits, found 13"),
        ("register: { digits: 5.5, most-per-hour: 25 }",
         "15:17: channels[0].register.digits: expected a whole number, found \"5.5\""),
        ("register: { digits: 5, most-per-hour: 0 }",
         "15:28: channels[0].register.most-per-hour: the most the meter counts in an hour must be more than 0 and at most 1000000000, found 0"),
        ("register: { digits: 5 }", "15:15: channels[0].register: missing required key \"most-per-hour\""),
        ("register: { digits: 5, most-per-hour: 25, start: 3 }",
         "15:47: channels[0].register.start: unknown key \"start\" (allowed in register: digits, most-per-hour)"),
        ("register: five", "15:5: channels[0].register: expected a block of keys, found \"five\""),
    ])
    func badRegister(line: String, expected: String) throws {
        let site = try TempSite(channels: channel(pulseFlowKeys + [line]))
        expectSiteErrors(site, [expected])
    }

    @Test func theSimulatedRegisterStartsWhereTheSiteFileSays() throws {
        let good = try TempSite(channels: channel(pulseFlowKeys + ["simulate: { pulses-per-second: 1, register: 99990 }"])).load().get()
        #expect(good.site.channels.first?.simulation.register == 99_990)
        let site = try TempSite(channels: channel(pulseFlowKeys + ["simulate: { register: -1 }"]))
        expectSiteErrors(site, ["15:17: channels[0].simulate.register: a meter's register reads 0 or more, at most 1000000000, found -1"])
    }

    @Test func onlyAMeterHasARegister() throws {
        let site = try TempSite(channels: channel(ads1115Keys + ["register: { digits: 5, most-per-hour: 25 }"]))
        #expect(site.errors().contains { $0.contains("channels[0].register") }, "\(site.errors())")
    }
}
