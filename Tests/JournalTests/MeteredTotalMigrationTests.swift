import Foundation
import GatewayCore
@testable import Journal
import Testing

/// Issue 15: totals are kept in the physical unit (`channel_state.metered_total`). A journal written before kept
/// only pulses; opened by this firmware, each channel's unit total is taken from its newest reading's sum.
@Suite struct MeteredTotalMigrationTests {
    func reading(_ seq: UInt64, channel: String, value: Double?, sum: Double?) -> Reading {
        Reading(key: ReadingKey(device: "d", channel: ChannelID(channel), sequence: seq),
                time: UnixTime(milliseconds: 1_790_000_000_000 + Int64(seq) * 1000),
                value: value.map { MeasuredValue($0, "L") }, sum: sum.map { MeasuredValue($0, "L") })
    }

    @Test func anOldJournalContinuesFromTheTotalTheCityLastSaw() throws {
        let path = PulseCheckpointTests().tempPath()
        do {
            let j = try ReadingJournal(path: path)
            // 1,200 pulses, of which the first 1,000 at 0.1 pulse/L and the last 200 at 0.125: 10,000 + 1,600 L.
            try j.record([reading(1, channel: "inflow", value: 10_000, sum: 10_000)],
                         states: [ChannelState(device: "d", channel: "inflow", lastSequence: 1, pulseTotal: 1000)])
            try j.record([reading(2, channel: "inflow", value: 1_600, sum: 11_600),
                          reading(1, channel: "temp", value: 21, sum: nil)],
                         states: [ChannelState(device: "d", channel: "inflow", lastSequence: 2, pulseTotal: 1200)])
            // What firmware before the unit totals left behind: the same tables without the column.
            try j.withConnection { (db) throws(JournalError) in
                try db.execute("ALTER TABLE channel_state DROP COLUMN metered_total")
            }
        }
        let j = try ReadingJournal(path: path)
        let states = try j.channelStates()
        #expect(states.first { $0.channel == "inflow" }?.meteredTotal == 11_600)
        #expect(states.first { $0.channel == "inflow" }?.pulseTotal == 1200)
        #expect(states.first { $0.channel == "temp" }?.meteredTotal == nil)
        // From here on the unit total is recorded with every reading and survives a restart as it is.
        try j.record([reading(3, channel: "inflow", value: 8, sum: 11_608)],
                     states: [ChannelState(device: "d", channel: "inflow", lastSequence: 3, pulseTotal: 1201, meteredTotal: 11_608)])
        let reopened = try ReadingJournal(path: path)
        #expect(try reopened.channelStates().first { $0.channel == "inflow" }?.meteredTotal == 11_608)
    }
}
