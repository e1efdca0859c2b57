import Foundation
import GatewayCore
import Journal
import SenML
import Testing
@testable import GatewayRuntime

/// Status names each channel's interval. It is the interval the loop really samples at, so a site value the
/// loop bounds (issue 16) is reported as bounded, and always as a number JSON can carry.
@Suite struct StatusIntervalTests {
    @Test func statusReportsTheIntervalTheLoopUses() throws {
        let dir = NSTemporaryDirectory() + "status-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        func channel(_ id: ChannelID, _ seconds: Double) -> ChannelSpec {
            ChannelSpec(id: id, driver: .tmp117(I2CDeviceAddress(busRole: "s", busPath: "/dev/i2c-1", address: 0x48)),
                        quantity: .temperature, role: nil, unit: "Cel", interval: Duration(seconds))
        }
        let site = Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                        board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: [:]), topicPrefix: "sgw",
                        channels: [channel("minute", 60), channel("never", .infinity), channel("fast", 1e-9)])
        let status = GatewayDaemon.status("online", site: site, derived: [], configHash: "h", journal: journal, failed: [:],
                                          clockSynchronised: true)
        #expect(status.channels?.map(\.intervalSeconds) == [60, 366 * 86_400, 0.01])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.encoded())) as? [String: Any])
        let channels = try #require(json["channels"] as? [[String: Any]])
        #expect(channels.compactMap { $0["intervalSeconds"] as? Double } == [60, 31_622_400, 0.01])
    }
}
