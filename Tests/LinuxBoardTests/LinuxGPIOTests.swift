import BoardIO
import GatewayCore
import LinuxBoard
import Testing

@Suite struct LinuxGPIOTests {
    @Test func missingChipGivesAGPIOErrorNamingTheChip() {
        let line = GPIOLineAddress(chip: "gpiochip99", offset: 17)
        do {
            _ = try LinuxEdgeLineProvider(notice: { _ in })
                .requestEdges(line, detect: .falling, activeLow: false, bias: .pullUp, consumer: "sensor-gateway-test")
            Issue.record("gpiochip99 opened on a host that should not have it")
        } catch {
            #expect(error.line == line)
            #expect(error.operation == "open chip")
            #expect(error.description.contains("gpiochip99"))
        }
    }

    @Test func monotonicClockAdvancesAcrossAPause() {
        let clock = SystemMonotonicClock()
        let before = clock.nowNanoseconds()
        ThreadPause.sleep(milliseconds: 3)
        let after = clock.nowNanoseconds()
        #expect(after >= before + 3_000_000)
        #expect(after - before < 1_000_000_000)
    }
}
