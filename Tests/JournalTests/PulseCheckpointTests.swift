import Foundation
import GatewayCore
@testable import Journal
import Testing

/// Issue 15: running pulse totals are checkpointed between readings, so a crash loses at most the last second.
@Suite struct PulseCheckpointTests {
    func tempPath() -> String {
        let dir = NSTemporaryDirectory() + "checkpoint-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/journal.sqlite"
    }

    func reading(_ seq: UInt64, channel: String = "flow") -> Reading {
        Reading(key: ReadingKey(device: "d", channel: ChannelID(channel), sequence: seq),
                time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(seq) * 1000), value: MeasuredValue(1, "L"))
    }

    @Test func aCheckpointSurvivesReopenAndLeavesThePublishedTotalAlone() throws {
        let path = tempPath()
        do {
            let j = try ReadingJournal(path: path)
            try j.record([reading(1)], states: [ChannelState(device: "d", channel: "flow", lastSequence: 1, pulseTotal: 100)])
            try j.checkpointPulses([ChannelState(device: "d", channel: "flow", lastSequence: 1, pulseTotal: 100, pulseCheckpoint: 140)])
            // A channel with no reading yet gets a row, with the sequence the loop knows.
            try j.checkpointPulses([ChannelState(device: "d", channel: "export", lastSequence: 7, pulseTotal: 0, pulseCheckpoint: 3)])
        }
        let j = try ReadingJournal(path: path)
        let states = try j.channelStates().sorted { $0.channel.rawValue < $1.channel.rawValue }
        #expect(states == [ChannelState(device: "d", channel: "export", lastSequence: 7, pulseTotal: 0, pulseCheckpoint: 3),
                           ChannelState(device: "d", channel: "flow", lastSequence: 1, pulseTotal: 100, pulseCheckpoint: 140)])
        #expect(states.map(\.pulsesCounted) == [3, 140])
        // The next reading moves the published total and keeps the sequence; the counter goes on from the larger.
        try j.record([reading(2)], states: [ChannelState(device: "d", channel: "flow", lastSequence: 2, pulseTotal: 150)])
        let flow = try j.channelStates().first { $0.channel == "flow" }
        #expect(flow?.pulseTotal == 150)
        #expect(flow?.pulsesCounted == 150)
    }

    @Test func aCheckpointNeverMovesASequenceBack() throws {
        let j = try ReadingJournal(path: tempPath())
        try j.record([reading(5)], states: [ChannelState(device: "d", channel: "flow", lastSequence: 5, pulseTotal: 10)])
        try j.checkpointPulses([ChannelState(device: "d", channel: "flow", lastSequence: 2, pulseTotal: 10, pulseCheckpoint: 12)])
        #expect(try j.channelStates().first?.lastSequence == 5)
    }

    /// A journal of layout 1 from before the checkpoint column opens with its states intact and takes checkpoints.
    @Test func aJournalFromBeforeCheckpointsGainsTheColumn() throws {
        let path = tempPath()
        do {
            let j = try ReadingJournal(path: path)
            try j.record([reading(1)], states: [ChannelState(device: "d", channel: "flow", lastSequence: 1, pulseTotal: 42)])
            try j.withConnection { (db) throws(JournalError) in
                try db.execute("ALTER TABLE channel_state DROP COLUMN pulse_checkpoint")
            }
        }
        let j = try ReadingJournal(path: path)
        #expect(j.recoveredFrom == nil)
        #expect(try j.channelStates() == [ChannelState(device: "d", channel: "flow", lastSequence: 1, pulseTotal: 42)])
        try j.checkpointPulses([ChannelState(device: "d", channel: "flow", lastSequence: 1, pulseTotal: 42, pulseCheckpoint: 43)])
        #expect(try j.channelStates().first?.pulsesCounted == 43)
    }

    /// What checkpointing costs on the card: the building example (sapporo-cityhall) has four pulse channels,
    /// and at its simulated rates at least one moves nearly every second, so an hour is up to 3600 checkpoints.
    /// Each one is a synced WAL commit of the one `channel_state` page: 1,048 bytes, so 3.8 MB and 3,600 syncs an
    /// hour at most (measured with this test), and nothing while the meters stand still.
    @Test func aCheckpointWritesOnePageOfTheWriteAheadLog() throws {
        let path = tempPath()
        let j = try ReadingJournal(path: path)
        let channels: [ChannelID] = ["grid-import", "grid-export", "pv-generation", "heating-flow"]
        try j.record(channels.map { reading(1, channel: $0.rawValue) },
                     states: channels.map { ChannelState(device: "sapporo-cityhall-gw1", channel: $0, lastSequence: 1, pulseTotal: 0) })
        try j.withConnection { (db) throws(JournalError) in
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute("PRAGMA wal_autocheckpoint = 0")
        }
        let checkpoints = 600
        for second in 1...checkpoints {
            try j.checkpointPulses(channels.map {
                ChannelState(device: "sapporo-cityhall-gw1", channel: $0, lastSequence: 1, pulseTotal: 0,
                             pulseCheckpoint: UInt64(second) * 1_000_003)
            })
        }
        let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        let perCheckpoint = Double(wal - 32) / Double(checkpoints)
        // One frame: a 24-byte header and one page (1 KiB in journals this firmware creates).
        #expect(perCheckpoint <= Double(JournalSchema.pageSize + 24), "\(perCheckpoint) bytes a checkpoint")
    }
}
