import BoardLog
import Foundation
import GatewayCore
import Journal
import Testing
@testable import GatewayRuntime

/// Issue 15: the 30-minute demand window running when the gateway stopped was never closed when the restarted
/// run's first increment belonged to a later window (a `kill -9` or power cut between a window's last reading,
/// at its end, and the next run's first): the city lost that window's energy and demand. The window is now
/// closed from the increments the journal holds for it, once, and never again by a later restart. A window
/// closes at the reading that completes it (the one at its end), so only a stop mid-window leaves one open.
@Suite(.serialized) struct DemandWindowRestartTests {
    /// One import meter read every 30 minutes, as the FY run's city hall: each window's last increment is read
    /// at its end and the window closes at the next reading.
    static let site: Site = {
        let line = GPIOLineAddress(chip: "gpiochip0", offset: 17)
        let channel = ChannelSpec(id: "import",
                                  driver: .pulseEnergy(GPIOLineReference(role: "pulse-1", line: line), impulsesPerKWh: 1,
                                                       multiplier: 1, side: .primary, debounceMilliseconds: 10),
                                  quantity: .energy, role: .energyImport, unit: "kWh", interval: Duration(1800))
        return Site(id: "s", kind: .building, municipality: "Sapporo", location: nil, device: "gw",
                    board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: ["pulse-1": line]), topicPrefix: "sgw",
                    channels: [channel])
    }()

    /// One gateway run: its derivations built from the journal as the daemon builds them at start, and ticks
    /// committed as the sampling loop commits them (the raw increment and what it derives, in one transaction).
    final class Run {
        let journal: ReadingJournal
        let derivations: [Derivation]
        init(_ journal: ReadingJournal) throws {
            self.journal = journal
            let calibrations = try LiveCalibrations(directory: nil, log: Logger(label: "t", threshold: .critical))
            derivations = GatewayDaemon.derivations(for: DemandWindowRestartTests.site, journal: journal, calibrations: calibrations)
        }

        func read(_ kWh: Double, at time: UnixTime) throws {
            var sequences: [ChannelID: UInt64] = [:]
            for s in try journal.channelStates() { sequences[s.channel] = s.lastSequence }
            func key(_ channel: ChannelID) -> ReadingKey {
                let seq = (sequences[channel] ?? 0) + 1
                sequences[channel] = seq
                return ReadingKey(device: "gw", channel: channel, sequence: seq)
            }
            let raw = Reading(key: key("import"), time: time, value: MeasuredValue(kWh, "kWh"))
            var readings = [raw]
            for d in derivations.flatMap({ $0.derive(from: [raw], at: time) }) {
                readings.append(Reading(key: key(d.channel), time: d.time, value: d.value, method: d.method))
            }
            try journal.record(readings, states: readings.map {
                ChannelState(device: "gw", channel: $0.key.channel, lastSequence: $0.key.sequence, pulseTotal: 0)
            })
        }
    }

    func journalAt() throws -> ReadingJournal {
        let dir = NSTemporaryDirectory() + "demand-restart-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try ReadingJournal(path: dir + "/journal.sqlite")
    }

    /// Each closed window's kWh by its start, as journaled (so as the city receives it).
    func windows(_ journal: ReadingJournal) throws -> [(start: UnixTime, kWh: Double)] {
        try journal.all().map(\.reading).filter { $0.key.channel == "import-30min" }.map { ($0.time, $0.value?.value ?? .nan) }
    }

    static let t0 = CivilTime.jstInstant(year: 2027, month: 9, day: 30, hour: 22, minute: 0)
    func at(minutes: Double) -> UnixTime { Self.t0.adding(seconds: minutes * 60) }

    @Test func aWindowOpenAtAKillClosesInTheNextRun() throws {
        let journal = try journalAt()
        let first = try Run(journal)
        try first.read(4, at: at(minutes: 0))       // 21:30–22:00, closed at its end
        try first.read(5, at: at(minutes: 30))      // 22:00–22:30, closed at its end
        try first.read(1, at: at(minutes: 50))      // a last commit at 22:50; 22:30 is open, then kill -9
        // The next run is back before 23:30 and reads at it.
        let second = try Run(journal)
        try second.read(7, at: at(minutes: 90))     // 23:00–23:30: must close 22:30 with its 1 kWh, then 23:00
        let closed = try windows(journal)
        #expect(closed.map(\.start) == [at(minutes: -30), at(minutes: 0), at(minutes: 30), at(minutes: 60)],
                "every window closed once, in order: \(closed)")
        #expect(closed.map(\.kWh) == [4, 5, 1, 7])
        let demand = try journal.all().map(\.reading).filter { $0.key.channel == "import-demand" }
        #expect(demand.first { $0.time == at(minutes: 0) }?.value == MeasuredValue(10, "kW"))
    }

    /// Issue 15: a window was closed only by the first increment of a later window, so the window running when
    /// a run stopped at its end was left to the next run: the fiscal year's last window (23:30–00:00) was never
    /// closed in its year when the board stopped at the year's end. It now closes at the reading that completes
    /// it: the one at its end, or a clean stop in its last millisecond.
    @Test func theYearsLastWindowClosesAtAStopInItsLastMillisecond() throws {
        let journal = try journalAt()
        let run = try Run(journal)
        let yearEnd = CivilTime.jstInstant(year: 2028, month: 4, day: 1, hour: 0, minute: 0)
        try run.read(6, at: yearEnd.adding(seconds: -1800))                       // closes 23:00–23:30
        try run.read(9, at: UnixTime(milliseconds: yearEnd.milliseconds - 1))     // the clean stop at 23:59:59.999
        let closed = try windows(journal)
        #expect(closed.map(\.start) == [yearEnd.adding(seconds: -3600), yearEnd.adding(seconds: -1800)], "\(closed)")
        #expect(closed.map(\.kWh) == [6, 9])
        let demand = try journal.all().map(\.reading).filter { $0.key.channel == "import-demand" }
        #expect(demand.last?.time == yearEnd.adding(seconds: -1800) && demand.last?.value == MeasuredValue(18, "kW"))
    }

    @Test func aWindowClosedBeforeTheStopIsNotClosedTwice() throws {
        let journal = try journalAt()
        let first = try Run(journal)
        try first.read(4, at: at(minutes: 0))
        try first.read(5, at: at(minutes: 30))      // closes 22:00 at its end
        let second = try Run(journal)
        try second.read(6, at: at(minutes: 60))     // closes 22:30, never 22:00 again
        // A clean stop in 23:00–23:30's last millisecond closes it; the next run's first reading, at 23:30, covers
        // that millisecond and is counted in 23:30–00:00, not in a second 23:00 window.
        let third = try Run(journal)
        try third.read(3, at: UnixTime(milliseconds: at(minutes: 90).milliseconds - 1))
        let fourth = try Run(journal)
        try fourth.read(0.5, at: at(minutes: 90))
        try fourth.read(2, at: at(minutes: 120))    // closes 23:30 with 0.5 + 2
        let closed = try windows(journal)
        #expect(closed.map(\.start) == [at(minutes: -30), at(minutes: 0), at(minutes: 30), at(minutes: 60), at(minutes: 90)],
                "every window closed once, in order: \(closed)")
        #expect(closed.map(\.kWh) == [4, 5, 6, 3, 2.5])
    }

    @Test func aWindowTheGatewayWasDownThroughHasNoValue() throws {
        let journal = try journalAt()
        let first = try Run(journal)
        try first.read(4, at: at(minutes: 0))
        try first.read(5, at: at(minutes: 30))
        // Down from 22:40 to 23:50: 22:30 and 23:00 were never read (truly missing).
        let second = try Run(journal)
        try second.read(3, at: at(minutes: 120))    // covers 23:30–00:00 only (the pulses before were not counted)
        try second.read(2, at: at(minutes: 150))
        let closed = try windows(journal)
        #expect(closed.map(\.start) == [at(minutes: -30), at(minutes: 0), at(minutes: 90), at(minutes: 120)], "\(closed)")
        #expect(closed.map(\.kWh) == [4, 5, 3, 2])
    }
}
