import BoardLog
import GatewayCore
import SimulatedBoard
import Testing
@testable import GatewayRuntime

/// Issue 16: numbers from files are checked before arithmetic. A debounce of 1e308 ms trapped converting it to
/// nanoseconds when the pulse channel opened; it is now a start-up error naming the channel and the bound.
@Suite struct PulseDebounceBoundsTests {
    func site(debounce: Double) -> Site {
        let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)
        let channel = ChannelSpec(id: "inflow", driver: .pulseFlow(GPIOLineReference(role: "pulse-1", line: line),
                                                                   pulsesPerLitre: 0.1, debounceMilliseconds: debounce),
                                  quantity: .volume, role: .inflow, unit: "m3", interval: Duration(60))
        return Site(id: "s", kind: .well, municipality: "Kumamoto", location: nil, device: "gw",
                    board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: ["pulse-1": line]), topicPrefix: "sgw",
                    channels: [channel])
    }

    func open(_ site: Site) throws(GatewayStartupError) -> [ChannelSampler] {
        let board = SimulatedBoard(site: site, clock: ManualClock())
        let calibrations: LiveCalibrations
        do { calibrations = try LiveCalibrations(directory: nil, log: Logger(label: "t")) } catch {
            throw GatewayStartupError("\(error)")
        }
        return try SamplerFactory(site: site, hardware: BoardHardware(i2c: board, gpio: board, clock: ManualClock()),
                                  calibrations: calibrations, log: Logger(label: "t")).makeSamplers(states: [])
    }

    @Test(arguments: [1e308, -5, Double.nan, 1001])
    func anImpossibleDebounceIsAStartupErrorNotATrap(debounce: Double) {
        do {
            let samplers = try open(site(debounce: debounce))
            samplers.forEach { $0.close() }
            Issue.record("opened a pulse channel with debounce \(debounce) ms")
        } catch {
            #expect(error.description.contains("channel inflow: debounce"), "\(error)")
            #expect(error.description.contains("outside 0 to 1000 ms"), "\(error)")
        }
    }

    @Test func anOrdinaryDebounceOpens() throws {
        let samplers = try open(site(debounce: 10))
        #expect(samplers.count == 1)
        samplers.forEach { $0.close() }
    }
}
