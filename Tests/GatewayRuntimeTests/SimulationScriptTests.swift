import BoardIO
import GatewayCore
import SimulatedBoard
import Testing

/// Issue 15's scripted events on a simulated board: a sensor that fails and returns at its scripted true
/// times (an I2C chip silences all its channels, a 4–20 mA loop opens), counted as truly missing time in the
/// ground truth; and a wall clock set wrong, then stepped right by NTP, with the kernel's synchronisation
/// state following it.
@Suite struct SimulationScriptTests {
    let start = CivilTime.jstInstant(year: 2027, month: 8, day: 1)
    let sensors = I2CDeviceAddress(busRole: "sensors", busPath: "/dev/i2c-1", address: 0x76)
    let adc = I2CDeviceAddress(busRole: "sensors", busPath: "/dev/i2c-1", address: 0x48)

    func board(_ clock: SimulatedTimeBase) -> SimulatedBoard {
        let channels = [
            ChannelSpec(id: "barometer", driver: .bme280(sensors, .pressure), quantity: .pressure, role: nil, unit: "Pa",
                        interval: Duration(3600)),
            ChannelSpec(id: "enclosure-temperature", driver: .bme280(sensors, .temperature), quantity: .temperature,
                        role: nil, unit: "Cel", interval: Duration(3600)),
            ChannelSpec(id: "water-column", driver: .ads1115(adc, input: .ain0, fullScaleVolts: 4.096, samplesPerSecond: 128,
                                                             shunt: Ohms(150), scaling: LoopScaling(lowerRangeValue: 0, upperRangeValue: 10)),
                        quantity: .waterLevel, role: nil, unit: "m", interval: Duration(3600),
                        simulation: SimulationProfile(value: 7)),
        ]
        let site = Site(id: "well", kind: .well, municipality: "Kumamoto", location: nil, device: "gw",
                        board: BoardDefinition(name: "b", i2cBuses: ["sensors": "/dev/i2c-1"], gpioLines: [:]),
                        topicPrefix: "sgw", channels: channels)
        return SimulatedBoard(site: site, clock: clock, instantConversions: true)
    }

    func hours(_ h: Int64) -> UnixTime { UnixTime(milliseconds: start.milliseconds + h * 3_600_000) }

    @Test func aFailedSensorIsSilentAndItsTimeIsMissing() throws {
        let clock = SimulatedTimeBase(start: start)
        let board = board(clock)
        let script = SimulationScript(sensorFaults: [
            .init(channel: "barometer", from: hours(1), to: hours(3)),
            .init(channel: "water-column", from: hours(2), to: hours(3)),
        ])
        let bus = try #require(board.bus("/dev/i2c-1"))
        var missing: [String: Double] = [:]
        for h in 0..<4 {
            script.apply(to: board, clock: clock)
            // The chip answers only outside its fault; the ADC keeps answering, with its loop open (0 mA).
            #expect(bus.probe(address: 0x76) == !(1..<3).contains(h), "hour \(h)")
            let loop = try #require(board.model(at: adc, as: ADS1115Model.self)).voltage(on: .ain0).value
            #expect(abs(loop - (h == 2 ? 0 : (4 + 16 * 0.7) / 1000 * 150)) < 1e-12, "hour \(h): \(loop) V")
            let from = clock.trueRealtime()
            clock.advance(to: clock.nowNanoseconds() + 3_600_000_000_000)
            board.passTime(from: from, nanoseconds: 3_600_000_000_000)
        }
        for entry in board.groundTruth.entries where entry.kind == .missing && entry.period == "FY2027" {
            missing[entry.channel] = entry.value
        }
        // Both measurements of the BME280 for two hours, the loop for one.
        #expect(missing == ["barometer": 7200, "enclosure-temperature": 7200, "water-column": 3600])
        #expect(!board.setFailed("no-such-channel", true))
    }

    @Test func aClockSetWrongIsUnsynchronisedUntilNTPStepsItRight() {
        let clock = SimulatedTimeBase(start: start)
        let board = board(clock)
        let script = SimulationScript(clockErrors: [.init(milliseconds: -10_800_000, from: hours(1), to: hours(3))])
        #expect(script.nextChange(after: start) == hours(1))
        #expect(script.nextChange(after: hours(1)) == hours(3))
        #expect(script.nextChange(after: hours(3)) == nil)
        var steps: [Int64] = []
        for _ in 0..<4 {
            steps.append(script.apply(to: board, clock: clock))
            #expect(clock.realtime().milliseconds - clock.trueRealtime().milliseconds == clock.clockErrorMilliseconds)
            #expect(clock.kernelSynchronised == (clock.clockErrorMilliseconds == 0))
            clock.advance(to: clock.nowNanoseconds() + 3_600_000_000_000)
        }
        #expect(steps == [0, -10_800_000, 0, 10_800_000])
        #expect(clock.trueRealtime() == hours(4) && clock.realtime() == hours(4))
    }
}
