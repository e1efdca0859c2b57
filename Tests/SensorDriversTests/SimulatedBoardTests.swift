import BoardIO
import GatewayCore
import SensorDrivers
import SimulatedBoard
import Testing

@Suite struct SimulatedBoardTests {
    static let sensors = "/dev/i2c-1"
    static let flowLine = GPIOLineAddress(chip: "gpiochip0", offset: 17)
    static let energyLine = GPIOLineAddress(chip: "gpiochip0", offset: 27)

    static func device(_ address: UInt8) -> I2CDeviceAddress {
        I2CDeviceAddress(busRole: "sensors", busPath: sensors, address: address)
    }

    static func channel(_ id: ChannelID, _ driver: DriverSpec, _ quantity: QuantityKind, _ role: ChannelRole?,
                        _ unit: String, _ simulation: SimulationProfile = .init()) -> ChannelSpec {
        ChannelSpec(id: id, driver: driver, quantity: quantity, role: role, unit: unit, interval: Duration(60),
                    simulation: simulation)
    }

    static let site = Site(
        id: "test-well", kind: .well, municipality: "Kumamoto", location: nil, device: "test-well-gw1",
        board: BoardDefinition(name: "test-board", i2cBuses: ["sensors": sensors],
                               gpioLines: ["pulse-1": flowLine, "pulse-2": energyLine]),
        topicPrefix: "sgw",
        channels: [
            channel("air-temperature", .bme280(device(0x76), .temperature), .temperature, nil, "Cel", .init(value: 18.5)),
            channel("barometer", .bme280(device(0x76), .pressure), .pressure, .barometer, "Pa", .init(value: 101_325)),
            channel("air-humidity", .bme280(device(0x76), .humidity), .relativeHumidity, nil, "%RH", .init(value: 40)),
            channel("outdoor", .sht3x(device(0x44), .temperature), .temperature, .outdoor, "Cel", .init(value: -5)),
            channel("indoor", .tmp117(device(0x48)), .temperature, .indoor, "Cel"),
            channel("water-column", .ads1115(device(0x49), input: .ain1, fullScaleVolts: 4.096, samplesPerSecond: 128,
                                             shunt: Ohms(150), scaling: LoopScaling(lowerRangeValue: 0, upperRangeValue: 10)),
                    .waterLevel, .wellLevel, "m", .init(value: 7.0)),
            channel("inflow", .pulseFlow(GPIOLineReference(role: "pulse-1", line: flowLine), pulsesPerLitre: 0.1,
                                         debounceMilliseconds: 10), .volume, .inflow, "m3", .init(pulsesPerSecond: 2)),
            channel("grid-import", .pulseEnergy(GPIOLineReference(role: "pulse-2", line: energyLine), impulsesPerKWh: 1000,
                                                multiplier: 1, side: .primary, debounceMilliseconds: 5),
                    .energy, .energyImport, "kWh"),
        ])

    @Test func chipsDeliverTheConfiguredValues() throws {
        let board = SimulatedBoard(site: Self.site, clock: ManualClock())
        let bus = try board.openBus(Self.sensors)
        let air = try BME280(bus: bus, address: 0x76).measure()
        #expect(air.temperature == DegreesCelsius(18.5))
        #expect(abs(air.pressure.value - 101_325) < 0.5)
        #expect(abs(try #require(air.humidity).value - 40) < 0.05)
        #expect(abs(try SHT3x(bus: bus, address: 0x44).measure().temperature.value + 5) < 0.002)
        #expect(try TMP117(bus: bus, address: 0x48).measure() == DegreesCelsius(21))  // indoor default
        let loop = try LoopCurrentInput(bus: bus, address: 0x49, input: .ain1, fullScaleVolts: 4.096,
                                        samplesPerSecond: 128, shunt: Ohms(150))
        #expect(abs(try loop.measure().value - 15.2) < 0.001)  // 7 m of 0–10 m → 4 + 11.2 mA
    }

    @Test func scanOfTheSimulatedBusFindsTheSiteChips() throws {
        let board = SimulatedBoard(site: Self.site, clock: ManualClock())
        let found = ChipIdentification.scan(bus: try board.openBus(Self.sensors))
        #expect(found.map(\.chip) == [.sht3x, .tmp117, .ads1115, .bme280])
    }

    @Test func pulseLinePlaysItsRateAndCountsExactlyThroughBounce() throws {
        let clock = ManualClock()
        let board = SimulatedBoard(site: Self.site, clock: clock)
        let profile = try #require(board.pulseProfiles[Self.flowLine])
        #expect(profile.contactBounce)
        let source = try board.requestEdges(Self.flowLine, detect: .both, activeLow: false, bias: .pullUp,
                                            consumer: "test")
        var debounced = PulseCounter(debounce: Duration(0.010))
        var naive = PulseCounter(debounce: .zero)
        for _ in 0..<60 {
            clock.advance(by: Duration(1))
            let events = try source.waitForEvents(timeoutMilliseconds: 0)
            debounced.record(events)
            naive.record(events)
        }
        debounced.settle(now: clock.nowNanoseconds())
        let expected = profile.pulsesStarted(by: clock.nowNanoseconds() - 20_000_000)
        #expect(Int(debounced.total) == expected)
        #expect((115...120).contains(expected))  // 2 pulses/s for 60 s, the first after 0.5 s
        #expect(naive.total > debounced.total)  // the bounce is really there
    }

    @Test func waitingOnAManualClockAdvancesToTheNextEdge() throws {
        let clock = ManualClock()
        let board = SimulatedBoard(site: Self.site, clock: clock)
        let start = clock.nowNanoseconds()
        let source = try board.requestEdges(Self.energyLine, detect: .rising, activeLow: false, bias: .asIs,
                                            consumer: "test")
        let events = try source.waitForEvents(timeoutMilliseconds: 5_000)
        // grid-import has no simulate rate: the import role's default is 1 pulse/s.
        #expect(events == [EdgeEvent(.rising, at: start + 1_000_000_000)])
        #expect(clock.nowNanoseconds() == start + 1_000_000_000)
        #expect(try source.waitForEvents(timeoutMilliseconds: 100) == [])
        #expect(clock.nowNanoseconds() == start + 1_100_000_000)
    }

    @Test func lineCanBeHeldByOneConsumerAtATime() throws {
        let board = SimulatedBoard(site: Self.site, clock: ManualClock())
        let first = try board.requestEdges(Self.flowLine, detect: .both, activeLow: false, bias: .asIs, consumer: "a")
        let busy = #expect(throws: GPIOError.self) {
            try board.requestEdges(Self.flowLine, detect: .both, activeLow: false, bias: .asIs, consumer: "b")
        }
        #expect(busy?.reason.contains("already requested by a") == true)
        first.close()
        #expect(throws: GPIOError.self) { try first.waitForEvents(timeoutMilliseconds: 0) }
        _ = try board.requestEdges(Self.flowLine, detect: .both, activeLow: false, bias: .asIs, consumer: "b")
    }

    @Test func unknownBusAndLineAreTypedErrors() {
        let board = SimulatedBoard(site: Self.site, clock: ManualClock())
        let bus = #expect(throws: I2CError.self) { try board.openBus("/dev/i2c-7") }
        #expect(bus?.kind == .cannotOpenBus)
        let line = GPIOLineAddress(chip: "gpiochip0", offset: 4)
        #expect(throws: GPIOError.self) {
            try board.requestEdges(line, detect: .both, activeLow: false, bias: .asIs, consumer: "x")
        }
    }
}
