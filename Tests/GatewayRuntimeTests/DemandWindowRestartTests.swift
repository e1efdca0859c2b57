import BoardLog
import Foundation
import GatewayCore
import Journal
import Testing
@testable import GatewayRuntime

/// Issue 15: the 30-minute demand window running when the gateway stopped was never closed when the restarted
/// run's first increment belonged to a later window (a `kill -9` or power cut between a window's last reading,
/// at its end, and the next run's first): the city lost that window's energy and demand. The window is now
/// closed from the increments the journal holds for it, once, and never again by a later restart.
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
        try first.read(4, at: at(minutes: 0))       // 21:30–22:00
        try first.read(5, at: at(minutes: 30))      // 22:00–22:30: closes 21:30
        try first.read(6, at: at(minutes: 60))      // 22:30–23:00: closes 22:00; 22:30 is open
        // kill -9 some minutes later; the next run is back before 23:30 and reads at it.
        let second = try Run(journal)
        try second.read(7, at: at(minutes: 90))     // 23:00–23:30: must close 22:30 with its 6 kWh
        try second.read(8, at: at(minutes: 120))    // closes 23:00
        let closed = try windows(journal)
        #expect(closed.map(\.start) == [at(minutes: -30), at(minutes: 0), at(minutes: 30), at(minutes: 60)],
                "every window closed once, in order: \(closed)")
        #expect(closed.map(\.kWh) == [4, 5, 6, 7])
        let demand = try journal.all().map(\.reading).filter { $0.key.channel == "import-demand" }
        #expect(demand.first { $0.time == at(minutes: 30) }?.value == MeasuredValue(12, "kW"))
    }

    @Test func aWindowClosedBeforeTheStopIsNotClosedTwice() throws {
        let journal = try journalAt()
        let first = try Run(journal)
        try first.read(4, at: at(minutes: 0))
        try first.read(5, at: at(minutes: 30))      // closes 21:30; 22:00 open
        let second = try Run(journal)
        try second.read(6, at: at(minutes: 60))     // closes 22:00 (the window open at the stop) with 5 kWh
        // Stopped and restarted again: 22:30 is the window open at this stop.
        let third = try Run(journal)
        try third.read(7, at: at(minutes: 90))      // closes 22:30 (open at the stop again) with 6 kWh
        let fourth = try Run(journal)
        try fourth.read(8, at: at(minutes: 90.01))  // a clean stop's final commit just before: still 23:00, reseeded
        try fourth.read(1, at: at(minutes: 120))    // closes 23:00 with 7 + 8
        let closed = try windows(journal)
        #expect(closed.map(\.start) == [at(minutes: -30), at(minutes: 0), at(minutes: 30), at(minutes: 60)],
                "every window closed once, in order: \(closed)")
        #expect(closed.map(\.kWh) == [4, 5, 6, 15])
    }

    @Test func aWindowTheGatewayWasDownThroughHasNoValue() throws {
        let journal = try journalAt()
        let first = try Run(journal)
        try first.read(4, at: at(minutes: 0))
        try first.read(5, at: at(minutes: 30))      // 22:00 open at the stop
        // Down from 22:40 to 23:50: 22:30 and 23:00 were never read (truly missing); 22:00 closes with 5 kWh.
        let second = try Run(journal)
        try second.read(3, at: at(minutes: 120))    // covers 23:30–00:00 only (the pulses before were not counted)
        try second.read(2, at: at(minutes: 150))
        let closed = try windows(journal)
        #expect(closed.map(\.start) == [at(minutes: -30), at(minutes: 0), at(minutes: 90)], "\(closed)")
        #expect(closed.map(\.kWh) == [4, 5, 3])
    }
}
