import GatewayCore
import SenML
import Testing

/// Issue 15: packs carried binary floating-point noise ("v":3.1999999999999997, "s":7.199999999999999).
@Suite struct PublishedResolutionTests {
    func text(_ readings: [Reading], _ resolutions: [ChannelID: MeasurementResolution]) -> String {
        String(decoding: SenMLPack.encode(readings, resolutions: resolutions), as: UTF8.self)
    }

    @Test func valuesAndTotalsArePublishedAtTheirChannelsResolution() throws {
        let t = UnixTime(milliseconds: 1_790_000_000_000)
        let loop = Reading(key: ReadingKey(device: "gw1", channel: "loop", sequence: 1), time: t,
                           value: MeasuredValue(3.1999999999999997, "mA"))
        let energy = Reading(key: ReadingKey(device: "gw1", channel: "import", sequence: 2), time: t,
                             value: MeasuredValue(0.30000000000000004, "kWh"), sum: MeasuredValue(7.199999999999999, "kWh"))
        let resolutions: [ChannelID: MeasurementResolution] = [
            "loop": try #require(MeasurementResolution(step: MeasuredValue(0.000125 / 150 * 1000, "mA"))),
            "import": try #require(MeasurementResolution(step: MeasuredValue(0.1, "kWh"))),
        ]
        let pack = text([loop, energy], resolutions)
        #expect(pack.contains("\"v\":3.2}"))
        #expect(pack.contains("\"s\":7.2,"))
        #expect(pack.contains("\"v\":0.3}"))
        #expect(!pack.contains("3.1999") && !pack.contains("7.1999") && !pack.contains("0.3000"))
        // A channel without a declared resolution is written as its Double, as before.
        #expect(text([loop], [:]).contains("\"v\":3.1999999999999997"))
    }
}
