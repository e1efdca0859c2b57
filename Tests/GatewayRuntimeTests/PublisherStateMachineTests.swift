import BoardLog
import Testing
@testable import GatewayRuntime

/// The publisher's decisions without a broker, a journal or a clock: events in, actions out.
@Suite struct PublisherStateMachineTests {
    static let second: Int64 = 1_000_000_000

    func machine(_ change: (inout PublisherStateMachine.Limits) -> Void = { _ in }) -> PublisherStateMachine {
        var limits = PublisherStateMachine.Limits(brokerDescription: "127.0.0.1:1883")
        change(&limits)
        return PublisherStateMachine(limits: limits, seed: 42)
    }

    /// Connects at `now` with `newest` rows journaled and returns what the connect asked for.
    func connect(_ m: inout PublisherStateMachine, now: Int64 = 0, newest: Int64 = 0, resumed: Bool = false) -> [PublisherAction] {
        #expect(m.nextAction(nowNanoseconds: now) == .connect)
        return m.connected(sessionPresent: resumed, newestRowID: newest, backlogCount: 0, nowNanoseconds: now)
    }

    func reports(_ actions: [PublisherAction]) -> [String] {
        actions.compactMap { if case .report(_, let text) = $0 { text } else { nil } }
    }

    // MARK: Broker away

    @Test func connectsAtOnceThenBacksOffWithJitterSayingSoOnce() {
        var m = machine()
        var now: Int64 = 0
        var said: [String] = []
        var previousCeiling = 0.5
        for attempt in 0..<8 {
            #expect(m.nextAction(nowNanoseconds: now) == .connect, "attempt \(attempt)")
            said += reports(m.connectFailed(reason: "Connection refused", nowNanoseconds: now))
            guard case .waiting(let due) = m.link else { Issue.record("not waiting: \(m.link)"); return }
            let ceiling = min(30, previousCeiling * 2)
            #expect(due > now && due <= now + Int64(ceiling * 1e9), "attempt \(attempt): waits \(Double(due - now) / 1e9) s, ceiling \(ceiling) s")
            previousCeiling = ceiling
            // Until then: nothing to do but sleep until the attempt, however often it is asked.
            #expect(m.nextAction(nowNanoseconds: now + 1) == .sleep(untilNanoseconds: due))
            now = due
        }
        #expect(said.count == 1 && said[0].contains("unavailable (Connection refused)"), "\(said)")
    }

    @Test func delaysAreJitteredNotLockstep() {
        var a = machine(), b = PublisherStateMachine(limits: machine().limits, seed: 7)
        _ = a.nextAction(nowNanoseconds: 0); _ = b.nextAction(nowNanoseconds: 0)
        _ = a.connectFailed(reason: "x", nowNanoseconds: 0); _ = b.connectFailed(reason: "x", nowNanoseconds: 0)
        #expect(a.link != b.link, "two boards with different seeds retry at different times")
    }

    @Test func whileAwayCommitsDoNotWakeAnyWork() {
        var m = machine()
        _ = m.nextAction(nowNanoseconds: 0)
        _ = m.connectFailed(reason: "refused", nowNanoseconds: 0)
        guard case .waiting(let due) = m.link else { Issue.record("\(m.link)"); return }
        m.journalCommitted()
        m.statusChanged()
        #expect(m.nextAction(nowNanoseconds: 10) == .sleep(untilNanoseconds: due))
    }

    @Test func noConnackInTimeCountsAsAFailedAttempt() {
        var m = machine()
        #expect(m.nextAction(nowNanoseconds: 0) == .connect)
        #expect(m.nextAction(nowNanoseconds: Self.second) == .sleep(untilNanoseconds: 5 * Self.second))
        let action = m.nextAction(nowNanoseconds: 5 * Self.second)
        #expect(reports([action]).first?.contains("no CONNACK") == true, "\(action)")
        guard case .waiting = m.link else { Issue.record("\(m.link)"); return }
    }

    @Test func aRefusalIsSaidOnceAndRetriedWithBackoff() {
        var m = machine()
        var said: [String] = []
        var now: Int64 = 0
        for _ in 0..<3 {
            #expect(m.nextAction(nowNanoseconds: now) == .connect)
            said += reports(m.connectionRefused("broker refused the connection: Not authorized", nowNanoseconds: now))
            said += reports(m.disconnected(reason: "Not authorized", nowNanoseconds: now))
            guard case .waiting(let due) = m.link else { Issue.record("\(m.link)"); return }
            now = due
        }
        #expect(said.filter { $0.hasPrefix("broker refused") }.count == 1, "\(said)")
        #expect(said.filter { $0.contains("unavailable") }.count == 1, "\(said)")
    }

    // MARK: Connected: live first, backlog paced behind

    @Test func onConnectStatusAndResendSubscriptionThenLiveBeforeBacklog() {
        var m = machine()
        let actions = connect(&m, newest: 100)
        #expect(actions.contains(.publishStatus) && actions.contains(.subscribeResend))
        #expect(reports(actions).first?.hasPrefix("connected to broker 127.0.0.1:1883") == true)
        #expect(m.nextAction(nowNanoseconds: 0) == .readLive(after: 100, limit: 50))
        #expect(m.liveRowsRead([101, 102]) == [.publishPack(PackPlan(part: .live, rowIDs: [101, 102], cursorAfter: 102))])
        m.packPublished(PackPlan(part: .live, rowIDs: [101, 102], cursorAfter: 102), messageID: 1)
        // A short read reached the newest commit: the backlog comes next.
        #expect(m.nextAction(nowNanoseconds: 0) == .readBacklog(after: 0, through: 100, limit: 50))
        #expect(m.backlogRowsRead([1, 2, 3], nowNanoseconds: 0) == [.publishPack(PackPlan(part: .backlog, rowIDs: [1, 2, 3], cursorAfter: 3))])
        m.packPublished(PackPlan(part: .backlog, rowIDs: [1, 2, 3], cursorAfter: 3), messageID: 2)
        #expect(m.nextAction(nowNanoseconds: 0) == .readBacklog(after: 3, through: 100, limit: 50))
        #expect(m.backlogRowsRead([], nowNanoseconds: 0) == [])
        // Everything replayed and nothing new: sleep until an event, with no timer at all.
        #expect(m.nextAction(nowNanoseconds: 0) == .sleep(untilNanoseconds: nil))
        m.journalCommitted()
        #expect(m.nextAction(nowNanoseconds: 0) == .readLive(after: 102, limit: 50))
    }

    @Test func theBacklogLeavesTheReservedPartOfTheWindowToLiveReadings() {
        var m = machine { $0.inflightMessages = 4; $0.inflightReservedForLive = 1; $0.replayReadingsPerSecond = 0; $0.readingsPerMessage = 2 }
        _ = connect(&m, newest: 100)
        #expect(m.nextAction(nowNanoseconds: 0) == .readLive(after: 100, limit: 2))
        _ = m.liveRowsRead([])
        var mid: Int32 = 0
        var row: Int64 = 0
        while case .readBacklog(let after, _, _) = m.nextAction(nowNanoseconds: 0) {
            #expect(after == row)
            mid += 1
            let plan = PackPlan(part: .backlog, rowIDs: [row + 1, row + 2], cursorAfter: row + 2)
            #expect(m.backlogRowsRead(plan.rowIDs, nowNanoseconds: 0) == [.publishPack(plan)])
            m.packPublished(plan, messageID: mid)
            row += 2
        }
        #expect(m.window.count == 3, "the backlog took three of four slots")
        m.journalCommitted()
        #expect(m.nextAction(nowNanoseconds: 0) == .readLive(after: 100, limit: 2), "the last slot is live's")
        let live = PackPlan(part: .live, rowIDs: [101], cursorAfter: 101)
        #expect(m.liveRowsRead([101]) == [.publishPack(live)])
        m.packPublished(live, messageID: 10)
        #expect(m.nextAction(nowNanoseconds: 0) == .sleep(untilNanoseconds: nil), "window full: wait for a PUBACK")
        #expect(m.acknowledged(messageID: 1, reasonCode: 0, reasonText: "Success") == [.markSent(rowIDs: [1, 2])])
        #expect(m.nextAction(nowNanoseconds: 0) == .sleep(untilNanoseconds: nil), "one free slot is still live's")
        _ = m.acknowledged(messageID: 2, reasonCode: 0, reasonText: "Success")
        #expect(m.nextAction(nowNanoseconds: 0) == .readBacklog(after: 6, through: 100, limit: 2))
    }

    @Test func replayIsPacedAndSleepsUntilTheNextTokens() {
        var m = machine { $0.replayReadingsPerSecond = 100; $0.readingsPerMessage = 50 }
        _ = connect(&m, newest: 1000)
        _ = m.nextAction(nowNanoseconds: 0)
        _ = m.liveRowsRead([])
        var published = 0
        for i in 0..<2 {
            #expect(m.nextAction(nowNanoseconds: 0) == .readBacklog(after: Int64(i * 50), through: 1000, limit: 50))
            let rows = (1...50).map { Int64(i * 50 + $0) }
            let actions = m.backlogRowsRead(rows, nowNanoseconds: 0)
            guard case .publishPack(let plan) = actions.first else { Issue.record("\(actions)"); return }
            m.packPublished(plan, messageID: Int32(i + 1))
            _ = m.acknowledged(messageID: Int32(i + 1), reasonCode: 0, reasonText: "Success")
            published += 1
        }
        // One second's burst is spent: the third pack needs half a second of tokens.
        #expect(m.nextAction(nowNanoseconds: 0) == .readBacklog(after: 100, through: 1000, limit: 50))
        #expect(m.backlogRowsRead((101...150).map { Int64($0) }, nowNanoseconds: 0) == [])
        #expect(m.nextAction(nowNanoseconds: 1) == .sleep(untilNanoseconds: Self.second / 2))
        #expect(m.nextAction(nowNanoseconds: Self.second / 2) == .readBacklog(after: 100, through: 1000, limit: 50))
        let actions = m.backlogRowsRead((101...150).map { Int64($0) }, nowNanoseconds: Self.second / 2)
        #expect(actions == [.publishPack(PackPlan(part: .backlog, rowIDs: (101...150).map { Int64($0) }, cursorAfter: 150))])
    }

    // MARK: What gets marked sent

    @Test func onlyAnAcceptingPubackMarksRowsSent() {
        var m = machine()
        _ = connect(&m)
        m.packPublished(PackPlan(part: .live, rowIDs: [1, 2], cursorAfter: 2), messageID: 7)
        m.packPublished(PackPlan(part: .live, rowIDs: [3], cursorAfter: 3), messageID: 8)
        m.packPublished(PackPlan(part: .live, rowIDs: [4], cursorAfter: 4), messageID: 9)
        let refused = m.acknowledged(messageID: 7, reasonCode: 0x87, reasonText: "Not authorized")
        #expect(!refused.contains { if case .markSent = $0 { true } else { false } })
        #expect(reports(refused).first?.contains("refused 2 readings: Not authorized (reason 0x87)") == true, "\(refused)")
        #expect(m.acknowledged(messageID: 8, reasonCode: 0x10, reasonText: "No matching subscribers") == [.markSent(rowIDs: [3])])
        #expect(m.acknowledged(messageID: 9, reasonCode: 0, reasonText: "Success") == [.markSent(rowIDs: [4])])
        #expect(m.acknowledged(messageID: 9, reasonCode: 0, reasonText: "Success") == [], "a second PUBACK marks nothing")
    }

    @Test func aPackThatCouldNotBeEncodedOrPublishedMarksNothingAndDoesNotStallWhatFollows() {
        var m = machine()
        _ = connect(&m, newest: 10)
        #expect(m.nextAction(nowNanoseconds: 0) == .readLive(after: 10, limit: 50))
        let plan = PackPlan(part: .live, rowIDs: [11, 12], cursorAfter: 12)
        #expect(m.liveRowsRead([11, 12]) == [.publishPack(plan)])
        let actions = m.packNotPublished(plan, reason: "the SenML encoder could not encode the pack")
        #expect(actions.count == 1 && reports(actions).first?.contains("2 readings (journal rows 11–12) were not sent") == true, "\(actions)")
        #expect(m.window.isEmpty && !m.window.contains(row: 11))
        m.journalCommitted()
        #expect(m.nextAction(nowNanoseconds: 0) == .readLive(after: 12, limit: 50), "the next commit goes out")
    }

    // MARK: Sessions and resends

    @Test func aResumedSessionKeepsItsWindowAndForgetsStaleMessagesAfterTheGrace() {
        var m = machine { $0.sessionPersists = true }
        _ = connect(&m, newest: 0)
        m.packPublished(PackPlan(part: .live, rowIDs: [1, 2], cursorAfter: 2), messageID: 1)
        _ = m.disconnected(reason: "connection lost", nowNanoseconds: 0)
        guard case .waiting(let due) = m.link else { Issue.record("\(m.link)"); return }
        _ = connect(&m, now: due, newest: 5, resumed: true)
        #expect(m.window.contains(row: 1), "libmosquitto resends it in the resumed session")
        _ = m.nextAction(nowNanoseconds: due)
        _ = m.liveRowsRead([])
        #expect(m.nextAction(nowNanoseconds: due) == .readBacklog(after: 0, through: 5, limit: 50))
        // Rows still in flight are skipped by the backlog pass, but its cursor moves past them.
        #expect(m.backlogRowsRead([1, 2, 3], nowNanoseconds: due) == [.publishPack(PackPlan(part: .backlog, rowIDs: [3], cursorAfter: 3))])
        m.packPublished(PackPlan(part: .backlog, rowIDs: [3], cursorAfter: 3), messageID: 2)
        #expect(m.nextAction(nowNanoseconds: due) == .readBacklog(after: 3, through: 5, limit: 50))
        _ = m.backlogRowsRead([], nowNanoseconds: due)
        #expect(m.nextAction(nowNanoseconds: due) == .sleep(untilNanoseconds: due + 30 * Self.second), "the grace is a timer")
        let stale = m.nextAction(nowNanoseconds: due + 30 * Self.second)
        #expect(reports([stale]).first == "2 readings sent before the reconnect were never acknowledged; sending them again")
        #expect(!m.window.contains(row: 1) && m.window.contains(row: 3))
        #expect(m.nextAction(nowNanoseconds: due + 30 * Self.second) == .readBacklog(after: 0, through: 5, limit: 50))
    }

    @Test func withoutASessionTheWindowStartsEmpty() {
        var m = machine { $0.sessionPersists = false }
        _ = connect(&m)
        m.packPublished(PackPlan(part: .live, rowIDs: [1], cursorAfter: 1), messageID: 1)
        _ = m.disconnected(reason: "connection lost", nowNanoseconds: 0)
        guard case .waiting(let due) = m.link else { Issue.record("\(m.link)"); return }
        _ = connect(&m, now: due, newest: 1, resumed: true)
        #expect(m.window.isEmpty, "the row goes out again with the backlog")
    }

    @Test func aResendRestartsTheBacklogPassUpToTheLiveCursor() {
        var m = machine()
        _ = connect(&m, newest: 100)
        _ = m.nextAction(nowNanoseconds: 0)
        let live = PackPlan(part: .live, rowIDs: [101, 102], cursorAfter: 102)
        _ = m.liveRowsRead([101, 102])
        m.packPublished(live, messageID: 1)
        _ = m.nextAction(nowNanoseconds: 0)
        _ = m.backlogRowsRead([], nowNanoseconds: 0)
        #expect(m.nextAction(nowNanoseconds: 0) == .sleep(untilNanoseconds: nil))
        m.resendRequeued(0)
        #expect(m.nextAction(nowNanoseconds: 0) == .sleep(untilNanoseconds: nil), "nothing requeued, nothing to do")
        m.resendRequeued(3)
        #expect(m.nextAction(nowNanoseconds: 0) == .readBacklog(after: 0, through: 102, limit: 50))
    }

    @Test func aStatusChangeIsPublishedWhileConnected() {
        var m = machine()
        _ = connect(&m)
        _ = m.nextAction(nowNanoseconds: 0)
        _ = m.liveRowsRead([])
        m.statusChanged()
        #expect(m.nextAction(nowNanoseconds: 0) == .publishStatus)
    }

    @Test func aJournalThatCannotBeReadIsRetriedAfterAPauseNotInALoop() {
        var m = machine()
        _ = connect(&m, newest: 5)
        #expect(m.nextAction(nowNanoseconds: 0) == .readLive(after: 5, limit: 50))
        m.readFailed(nowNanoseconds: 0)
        #expect(m.nextAction(nowNanoseconds: 1) == .sleep(untilNanoseconds: Self.second))
        #expect(m.nextAction(nowNanoseconds: Self.second) == .readLive(after: 5, limit: 50))
    }

    // MARK: Stopping

    @Test func aStopWhileConnectedSendsTheLastCommitAndTheBacklogThenSaysGoodbye() {
        var m = machine()
        _ = connect(&m, newest: 5)
        _ = m.nextAction(nowNanoseconds: 0)
        _ = m.liveRowsRead([])
        m.stopRequested(nowNanoseconds: 0)
        #expect(m.nextAction(nowNanoseconds: 0) == .readLive(after: 5, limit: 50))
        let plan = PackPlan(part: .live, rowIDs: [6], cursorAfter: 6)
        #expect(m.liveRowsRead([6]) == [.publishPack(plan)])
        m.packPublished(plan, messageID: 3)
        #expect(m.nextAction(nowNanoseconds: 0) == .readBacklog(after: 0, through: 5, limit: 50))
        #expect(m.backlogRowsRead([], nowNanoseconds: 0) == [])
        #expect(m.nextAction(nowNanoseconds: 0) == .sleep(untilNanoseconds: 3 * Self.second), "waits for the PUBACK")
        #expect(m.acknowledged(messageID: 3, reasonCode: 0, reasonText: "Success") == [.markSent(rowIDs: [6])])
        #expect(m.nextAction(nowNanoseconds: 0) == .sayGoodbye)
        #expect(m.nextAction(nowNanoseconds: 0) == .finish)
    }

    @Test func aStopThatCannotDrainInTimeStillSaysGoodbye() {
        var m = machine()
        _ = connect(&m)
        m.packPublished(PackPlan(part: .live, rowIDs: [1], cursorAfter: 1), messageID: 1)
        m.stopRequested(nowNanoseconds: 0)
        #expect(m.nextAction(nowNanoseconds: 3 * Self.second) == .sayGoodbye)
    }

    @Test func aStopWhileAwaitingTheConnackDrainsOnceItComes() {
        var m = machine()
        #expect(m.nextAction(nowNanoseconds: 0) == .connect)
        m.stopRequested(nowNanoseconds: 0)
        #expect(m.nextAction(nowNanoseconds: 0) == .sleep(untilNanoseconds: 5 * Self.second))
        _ = m.connected(sessionPresent: false, newestRowID: 7, backlogCount: 7, nowNanoseconds: Self.second)
        #expect(m.nextAction(nowNanoseconds: Self.second) == .readLive(after: 7, limit: 50))
        _ = m.liveRowsRead([])
        #expect(m.nextAction(nowNanoseconds: Self.second) == .readBacklog(after: 0, through: 7, limit: 50))
        #expect(m.nextAction(nowNanoseconds: 4 * Self.second) == .sayGoodbye, "within the drain's bound")
    }

    @Test func aStopWhileAwaitingAConnackThatNeverComesEnds() {
        var m = machine()
        _ = m.nextAction(nowNanoseconds: 0)
        m.stopRequested(nowNanoseconds: 0)
        _ = m.connectFailed(reason: "refused", nowNanoseconds: 0)
        #expect(m.nextAction(nowNanoseconds: 0) == .finish)
    }

    @Test func aStopWithoutAConnectionEndsAtOnce() {
        var m = machine()
        _ = m.nextAction(nowNanoseconds: 0)
        _ = m.connectFailed(reason: "refused", nowNanoseconds: 0)
        m.stopRequested(nowNanoseconds: 0)
        #expect(m.nextAction(nowNanoseconds: 0) == .finish)
    }
}
