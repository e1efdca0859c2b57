import Platform
import Synchronization
import Testing

@Suite struct LockedTests {
    @Test func incrementsFromManyThreadsAreNotLost() {
        let counter = Locked(0)
        let finished = Atomic<Int>(0)
        for _ in 0..<8 {
            BoardThread.start {
                for _ in 0..<10_000 { counter.withLock { $0 += 1 } }
                finished.add(1, ordering: .releasing)
            }
        }
        while finished.load(ordering: .acquiring) < 8 { BoardThread.sleep(nanoseconds: 1_000_000) }
        #expect(counter.withLock { $0 } == 80_000)
    }

    @Test func aThrownErrorKeepsItsTypeAndReleasesTheLock() {
        struct Refused: Error {}
        let value = Locked(1)
        #expect(throws: Refused.self) { try value.withLock { (_: inout Int) throws(Refused) in throw Refused() } }
        #expect(value.withLock { $0 } == 1)
    }
}
