import Testing
import TestSupport

/// The judge the fault tests use for order per channel must itself tell good from bad.
@Suite struct ArrivalOrderTests {
    @Test func acceptsOnlyTwoAscendingParts() {
        #expect(ArrivalOrder.isBacklogAndLiveInOrder([1, 2, 3, 4]))
        #expect(ArrivalOrder.isBacklogAndLiveInOrder([10, 1, 11, 2, 3, 12]))
        #expect(ArrivalOrder.isBacklogAndLiveInOrder([]))
        #expect(ArrivalOrder.isBacklogAndLiveInOrder([2, 1]))
        #expect(!ArrivalOrder.isBacklogAndLiveInOrder([3, 1, 2, 0]))
        #expect(!ArrivalOrder.isBacklogAndLiveInOrder([10, 1, 3, 2, 11]))
        #expect(!ArrivalOrder.isBacklogAndLiveInOrder([1, 2, 2]))
    }
}
