import ArgumentParser
import Foundation
import Glibc
import GatewayCore
import Journal

/// The journal's side of a backlog drain (issue 11 item 7), without MQTT or SenML: the publisher's loop of
/// `unsent` packs of 50 and `markSent` for each pack's PUBACK, with acknowledgements written as the
/// publisher writes them (`flushMarksIfDue`, every `markLimit` of them). Run it on copies of one backlog
/// file to compare two builds of the journal: `drain --fill` once, then `drain` per build on a copy.
struct Drain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time reading and marking sent every unsent reading of a journal, in packs of 50.")
    @Option(help: "Journal to drain (or to create with --fill).") var journal: String
    @Flag(help: "Create the backlog instead: HOURS of unsent 1 s ticks of the building example's 11 channels.")
    var fill = false
    @Option var hours: Double = 24
    @Option var readingsPerMessage = 50

    static let channels = ["grid-import", "grid-export", "pv-generation", "indoor-temperature", "outdoor-temperature",
                           "outdoor-humidity", "heating-flow", "supply-temperature", "return-temperature",
                           "grid-import-demand-predicted", "district-heat"]

    func run() throws {
        if fill { return try makeBacklog() }
        let source = try ReadingJournal(path: journal)
        var cursor: Int64 = 0
        var drained = 0
        // Wall time includes waiting for the card (each written batch of marks is a synced commit); CPU time
        // is what the journal's code costs, and what a shared build machine disturbs least.
        var read = Span(), mark = Span()
        let now = UnixTime(seconds: Date().timeIntervalSince1970)
        while true {
            var batch: [JournaledReading] = []
            try read.time { batch = try source.unsent(after: cursor, limit: readingsPerMessage) }
            guard let last = batch.last else { break }
            try mark.time {
                try source.markSent(batch.map(\.rowID), at: now)
                try source.flushMarksIfDue()
            }
            cursor = last.rowID
            drained += batch.count
        }
        try mark.time { try source.flushMarks() }
        let unsentLeft = try source.summary().unsentCount
        let n = Double(drained)
        print("""
            drain \(journal): \(drained) readings in packs of \(readingsPerMessage), \(unsentLeft) left unsent
              wall: read \(round1(read.wall)) s, mark \(round1(mark.wall)) s; read+mark \(Int(n / (read.wall + mark.wall))) readings/s \
            (read \(Int(n / read.wall)), mark \(Int(n / mark.wall)))
              cpu:  read \(round1(read.cpu)) s, mark \(round1(mark.cpu)) s; read+mark \(Int(n / (read.cpu + mark.cpu))) readings/s \
            (read \(Int(n / read.cpu)), mark \(Int(n / mark.cpu)))
            """)
    }

    private func makeBacklog() throws {
        let target = try ReadingJournal(path: journal)
        let ticks = Int(hours * 3600)
        let end = Date().timeIntervalSince1970
        let start = Int64((end - Double(ticks)) * 1000)
        var written = 0
        for chunk in stride(from: 0, to: ticks, by: 60) {
            var readings: [Reading] = []
            for k in chunk..<min(ticks, chunk + 60) {
                for (i, channel) in Self.channels.enumerated() {
                    var r = Reading(key: ReadingKey(device: "sapporo-cityhall-gw1", channel: ChannelID(channel),
                                                    sequence: UInt64(k + 1)),
                                    time: UnixTime(milliseconds: start + Int64(k) * 1000),
                                    value: MeasuredValue(20 + Double((k + i) % 50) / 10, i < 3 ? "kWh" : "Cel"),
                                    sum: i < 3 ? MeasuredValue(Double(k), "kWh") : nil,
                                    method: i == 9 ? "demand-30min" : nil)
                    r.monotonicNanoseconds = UInt64(k) * 1_000_000_000
                    r.bootID = "6f1c3a52-0c4e-4a8e-9d7b-2f0a1e5b9c11"
                    readings.append(r)
                }
            }
            try target.record(readings, states: [])
            written += readings.count
        }
        print("filled \(journal): \(written) unsent readings, \(ticks) ticks of \(Self.channels.count) channels")
    }

    /// Wall and CPU seconds spent in one part of the loop.
    struct Span {
        var wall = 0.0, cpu = 0.0
        mutating func time(_ body: () throws -> Void) rethrows {
            let (wall0, cpu0) = (Self.seconds(CLOCK_MONOTONIC), Self.seconds(CLOCK_PROCESS_CPUTIME_ID))
            try body()
            wall += Self.seconds(CLOCK_MONOTONIC) - wall0
            cpu += Self.seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0
        }

        private static func seconds(_ clock: clockid_t) -> Double {
            var t = timespec()
            clock_gettime(clock, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
    }

    private func round1(_ v: Double) -> Double { (v * 10).rounded() / 10 }
}
