import Foundation
import GatewayCore
@testable import GatewayRuntime
import Journal
import SenML
import Testing

/// Issue 17: status showed `backlog: 7` on a healthy uplink, the newest tick just committed; it now counts the
/// readings that are waiting behind it, not yet offered.
@Suite struct StatusBacklogTests {
    static let channels: [ChannelID] = ["a", "b", "c"]

    func tick(_ k: UInt64) -> (readings: [Reading], states: [ChannelState]) {
        let readings = Self.channels.map {
            var r = Reading(key: ReadingKey(device: "gw", channel: $0, sequence: k),
                            time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(k) * 1000), value: MeasuredValue(21.5, "Cel"))
            r.monotonicNanoseconds = k * 1_000_000_000
            r.bootID = "boot"
            return r
        }
        return (readings, readings.map { ChannelState(device: "gw", channel: $0.key.channel, lastSequence: k, pulseTotal: 0) })
    }

    func status(_ journal: ReadingJournal, _ state: String = "online", backlog: Bool = true) -> DeviceStatus {
        let site = Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                        board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: [:]), topicPrefix: "sgw", channels: [])
        return GatewayDaemon.status(state, site: site, derived: [], configHash: "h", journal: journal, failed: [:],
                                    clockSynchronised: true, backlog: backlog)
    }

    func backlog(_ journal: ReadingJournal) -> Int? { status(journal).backlog }

    @Test func theNewestTickIsNoBacklogAndOlderUnsentReadingsAre() throws {
        let dir = NSTemporaryDirectory() + "backlog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        let first = tick(1)
        try journal.record(first.readings, states: first.states)
        #expect(backlog(journal) == 0, "a healthy uplink: only the tick just committed")
        let second = tick(2)
        try journal.record(second.readings, states: second.states)
        #expect(backlog(journal) == Self.channels.count, "the first tick was never offered")
    }

    /// Issue 11 item 7: the last will's status skips the pass over every row that the backlog and its oldest
    /// time need (the will drops both), and still carries the losses.
    @Test func theWillsStatusKeepsTheLossesWithoutTheBacklog() throws {
        let dir = NSTemporaryDirectory() + "backlog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let journal = try ReadingJournal(path: dir + "/journal.sqlite")
        for k in 1...600 {
            let t = tick(UInt64(k))
            try journal.record(t.readings, states: t.states)
        }
        let dropped = try journal.enforce(JournalBudget(bytes: try journal.usedBytes() / 2), now: UnixTime(milliseconds: 1_790_000_000_000)).dropped
        #expect(dropped > 0)
        let full = status(journal)
        #expect(full.losses == dropped && full.backlog != nil && full.oldestUnsentTime != nil)
        let will = status(journal, "offline", backlog: false)
        #expect(will.losses == dropped)
        #expect(will.backlog == nil && will.oldestUnsentTime == nil)
    }
}
