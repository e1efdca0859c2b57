import GatewayCore
import SimulatedBoard
import Testing

/// Issue 15: the simulated board plays each meter's own register (declared in the site file): it counts the
/// true amount through the meter, also while the gateway is stopped, and wraps at its digits.
@Suite struct SimulatedMeterRegisterTests {
    @Test func theRegisterWrapsAtItsDigits() {
        var register = SimulatedMeterRegister(register: MeterRegister(digits: 5, mostPerHour: 25), reading: 99_990)
        register.count(22.5)
        #expect(register.reading == 12.5 && register.shown == 12 && register.wraps == 1)
        register.count(-3)
        #expect(register.reading == 12.5, "a meter never counts back")
    }

    static let site: Site = {
        let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)
        // 0.1 pulses per litre, a pulse a second: 10 l/s, 36 m³ an hour, through a 5-digit m³ register at 99,990.
        let channel = ChannelSpec(id: "inflow", driver: .pulseFlow(GPIOLineReference(role: "pulse-1", line: line),
                                                                   pulsesPerLitre: 0.1, debounceMilliseconds: 10),
                                  quantity: .volume, role: .inflow, unit: "m3", interval: Duration(60),
                                  simulation: SimulationProfile(pulsesPerSecond: 1, register: 99_990),
                                  register: MeterRegister(digits: 5, mostPerHour: 40))
        return Site(id: "s", kind: .rechargePaddy, municipality: "Kumamoto", location: nil, device: "gw",
                    board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: ["pulse-1": line]), topicPrefix: "sgw",
                    channels: [channel])
    }()

    @Test func theBoardsRegisterCountsTrueVolumeAlsoWhileTheGatewayIsStopped() throws {
        let board = SimulatedBoard(site: Self.site, clock: ManualClock())
        let start = CivilTime.jstInstant(year: 2027, month: 5, day: 1)
        board.passTime(from: start, nanoseconds: 3_600 * 1_000_000_000)        // an hour the gateway ran: 36 m³
        board.passWhileGatewayStopped(seconds: 1800)                            // half an hour it was down: 18 m³
        let register = try #require(board.meterRegisters["inflow"])
        #expect(abs(register.reading - 44) < 1e-6, "99,990 + 54 m³ wraps to 44: \(register.reading)")
        #expect(register.wraps == 1)
        // The gateway's truth holds only the hour it ran; the register's advance beyond it is what it missed.
        let truth = try #require(board.groundTruth.entries.first { $0.channel == "inflow" && $0.period == "FY2027" })
        #expect(abs(truth.value - 36) < 1e-6)
    }
}
