import CSystem
import Testing
@testable import GatewayRuntime

/// The board asks the kernel itself: the answer must be the STA_UNSYNC bit `adjtimex` reports on this machine
/// (synchronised or not, whichever it is here).
@Suite struct KernelClockSynchronisationTests {
    @Test func theAnswerIsTheKernelsStaUnsyncBit() throws {
        var state = timex()
        let result = adjtimex(&state)
        try #require(result != -1, "adjtimex refused: errno \(sgw_errno())")
        let unsynchronised = state.status & STA_UNSYNC != 0
        #expect(KernelClockSynchronisation().isSynchronised() == !unsynchronised)
    }
}
