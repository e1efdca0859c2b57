import SystemdNotify
import Testing

@Suite struct WatchdogPacerTests {
    @Test func petsAtMostOncePerInterval() {
        var pacer = WatchdogPacer(intervalNanoseconds: 10_000_000_000)
        let answers = [5, 1_000_000_000, 10_000_000_004, 10_000_000_005, 10_000_000_006].map {
            pacer.due(nowNanoseconds: Int64($0))
        }
        #expect(answers == [true, false, false, true, false])
    }
}
