import AggregatorKit
import Foundation
import GatewayCore
import Journal
import Testing
import TestSupport

/// A whole fiscal year (FY2027: 2027-04-01 to 2028-04-01 JST, with the leap day 2028-02-29) of each example
/// site through the real gateway on a simulated clock, its real journal, a real Mosquitto and the real
/// aggregator, checked against the ground truth the simulated board writes (what its meters truly turned,
/// independent of pulse and ADC quantisation).
///
/// Scenario: the year runs in gateway runs resumed from the journal: a clean stop at 2027-10-01; during the
/// second run the broker is frozen (SIGSTOP) for a few real seconds, weeks of simulated time, so the board
/// journals through an outage and replays the backlog; then the second run is SIGKILLed wherever it has got
/// to and a third finishes the year. Scripted on the simulated board (`SimulationScript`): the wall clock set
/// three hours behind for two days and two hours ahead for one, each corrected by an NTP step (totals, demand
/// windows and completeness must not move), and a sensor failing for a day or two in each half (an I2C chip
/// silent, the well's level loop open): the city's completeness must fall by exactly the readings truly missing.
///
/// A meter register rollover: the city hall's import meter declares a 6-digit kWh register that the simulated
/// board plays from 700,000 kWh; a technician's visit (`commission`) reads it at the half-year and again at the
/// year's end, after it passed 999,999: the visit's drift must be counted across the wrap and equal what the
/// gateway truly did not count.
///
/// The paddy floods for its season only (`--simulated-paddy-season`): dry until 15 June, flooded for 112 days to
/// 5 October with a 16-day drained interruption (25 July to 10 August), so 96 flooded days, dry again after it;
/// the season spans the clean stop at the half-year, so a run resumes on a ponded paddy. The water behaves as
/// water does (`PaddyPond`): each flood fills the pond from the intake in under three hours, each drain lets it
/// out through the outlet in under three, so every hour's derived values must be physically possible. The
/// edges are at JST midnights, so a flood's first day is ponded on average far above 2 cm and a drain's first
/// day far below it: the city's flooded days (days whose mean level reaches 2 cm) must equal the true flooded
/// days exactly.
///
/// Coarser than the example sites, to fit a year into well under a minute a site: every channel samples
/// hourly (the building every 30 minutes, so each demand window closes on a sample), and the simulated meters
/// pulse at a tenth of the example rates; the paddy's at a fifth, so its intake still holds the pond against
/// its outlet and 4 mm/d of evaporation and leaves some to percolate (at a tenth it could not: 43 m³ a day in,
/// 9 out, 48 evaporating). The allowed error is quantisation alone, at most two pulses per
/// channel and run (a run's first pulse comes one mean interval after its start, and the spacing pattern
/// [1, 0.8, 1.2, 0.9, 1.1] runs up to 0.3 intervals ahead): 20 l of a paddy meter (10 l a pulse) against
/// about 16,000 m³ a year, 4.8 kWh of the city hall's import meter (2.4 kWh a pulse) against about 38,000
/// kWh; for the 4–20 mA levels one ADS1115 step (125 µV across 150 Ω: 26 µm on the paddy's 0.5 m range,
/// 0.52 mm on the well's 10 m). 0.1 % is far above any of these.
@Suite(.serialized) struct FiscalYearGroundTruthTests {
    static let fiscalYearStart = "2027-04-01T00:00+09:00"
    /// The board is already running when the year begins (an hour before it), so its first reading of every
    /// sensor is the year's first instant, as on a site in service.
    static let simulationStart = "2027-03-31T23:00+09:00"
    static let halfYear = "2027-10-01T00:00+09:00"
    static let fiscalYearEnd = "2028-04-01T00:00+09:00"
    /// The city judges what arrives as if received just after the year closed.
    static let cityClock = "2028-04-01T00:05:00+09:00"

    /// The wall clock set wrong and stepped right by NTP (true time): three hours behind for two days in June,
    /// two hours ahead for a day in July. Both in the first half, which ends in a clean stop.
    static let clockErrors = "-10800@2027-06-10T09:00+09:00/2027-06-12T09:00+09:00,7200@2027-07-20T09:00+09:00/2027-07-21T09:00+09:00"

    /// The paddy's season and its drained interruption (true time, JST midnights).
    static let paddySeason = "2027-06-15T00:00+09:00/2027-10-05T00:00+09:00,2027-07-25T00:00+09:00/2027-08-10T00:00+09:00"
    static let paddyEdges = ["2027-06-15T00:00:00+09:00", "2027-07-25T00:00:00+09:00", "2027-08-10T00:00:00+09:00", "2027-10-05T00:00:00+09:00"]

    /// Sensors that fail and return: one in each half of the year (the second in the run that is SIGKILLed or
    /// the one after it). An I2C chip silences all its channels; the well's level loop opens.
    static func sensorFaults(_ site: String) -> String {
        switch site {
        case "kumamoto-paddy-01":
            "barometer@2027-08-01T00:00+09:00/2027-08-02T00:00+09:00,barometer@2028-01-10T00:00+09:00/2028-01-11T00:00+09:00"
        case "kumamoto-well-07":
            "water-column@2027-08-01T00:00+09:00/2027-08-02T00:00+09:00,barometer@2028-01-10T00:00+09:00/2028-01-12T00:00+09:00"
        default:
            "outdoor-temperature@2027-08-01T00:00+09:00/2027-08-02T00:00+09:00,indoor-temperature@2028-01-10T00:00+09:00/2028-01-11T00:00+09:00"
        }
    }

    /// The example site with the FY run's coarser intervals and slower meters (see the suite's comment).
    static func fiscalYearVariant(of site: String, in dir: String) throws -> String {
        let text = try String(contentsOfFile: Paths.packageRoot + "/Board/sites/\(site).yaml", encoding: .utf8)
        let interval = site == "sapporo-cityhall" ? "30m" : "1h"
        var out: [String] = []
        // The simulate line of the city hall's import meter (the first channel of the site file).
        var importMeter = "\u{0}"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  - id: grid-import") { importMeter = "    simulate:" }
            if line.hasPrefix("  - id: ") && !line.hasPrefix("  - id: grid-import") { importMeter = "\u{0}" }
            var l = String(line)
            if let r = l.range(of: #"interval: [0-9.]+(ms|s|m|h)"#, options: .regularExpression) {
                l.replaceSubrange(r, with: "interval: \(interval)")
            }
            if let r = l.range(of: #"pulses-per-second: [0-9.eE+-]+"#, options: .regularExpression),
               let rate = Double(l[r].split(separator: " ")[1]) {
                l.replaceSubrange(r, with: "pulses-per-second: \(rate / (site == "kumamoto-paddy-01" ? 5 : 10))"
                                  + (l.hasPrefix(importMeter) ? ", register: 700000" : ""))
                // The city hall's import meter has a 6-digit kWh register, set to wrap once in the year's second
                // half (it counts about 190,000 kWh a half-year at these rates).
                // Its most per hour is out of all proportion because visits are stamped on the real clock while
                // the year passes in minutes.
                if l.hasPrefix(importMeter) { out.append("    register: { digits: 6, most-per-hour: 1000000000 }") }
            }
            out.append(l)
        }
        try FileManager.default.createDirectory(atPath: dir + "/sites", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Paths.packageRoot + "/Board/rpi4-sgw.yaml", toPath: dir + "/rpi4-sgw.yaml")
        let path = dir + "/sites/\(site).yaml"
        try out.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Sums the runs' ground-truth lines: totals and missing seconds add up, means are weighted by the time they held.
    static func groundTruth(_ path: String, period: String) throws -> [String: (kind: String, value: Double, seconds: Double)] {
        var totals: [String: (kind: String, amount: Double, seconds: Double)] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let run = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for case let entry as [String: Any] in run["truth"] as? [Any] ?? [] where entry["period"] as? String == period {
                let channel = entry["channel"] as! String, kind = entry["kind"] as! String
                let value = entry["value"] as! Double, seconds = entry["seconds"] as! Double
                // A failed sensor's missing seconds sit beside its channel's mean, as "<channel> missing".
                let key = kind == "missing" ? channel + " missing" : channel
                var t = totals[key] ?? (kind, 0, 0)
                t.amount += kind == "mean" ? value * seconds : value
                t.seconds += seconds
                totals[key] = t
            }
        }
        return totals.mapValues { ($0.kind, $0.kind == "mean" ? $0.amount / $0.seconds : $0.amount, $0.seconds) }
    }

    static func report(db: String) throws -> KPIReport {
        try JSONDecoder().decode(KPIReport.self, from: reportJSON(db: db))
    }

    /// `kpi-aggregator report` of FY2027 as JSON, with `extra` arguments.
    static func reportJSON(db: String, _ extra: [String] = []) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.binary("kpi-aggregator"))
        // Judged when the year has closed (the city's simulated clock), not at today's date: completeness
        // counted up to today once made every simulated year 100 % complete, whatever was missing.
        process.arguments = ["report", "--db", db, "--fiscal-year", "2027", "--format", "json", "--simulated-clock", cityClock] + extra
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return data
    }

    /// No derived value of the paddy is impossible for what it stood for, hour by hour, with no hour left out:
    /// never a negative ponded depth or volume; each interval's recharge within what its inflow, outflow and
    /// change in level allow (the water balance leaves evaporation and percolation, and neither is negative:
    /// recharge is at most what the flows and the level leave, and at least minus the evaporation charged), and
    /// at most what these soils take (20 cm a day, the site file's upper bound); and while the level reads zero
    /// at both ends, no water in, out or down. The margin is quantisation: one ADC step at each end (0.31 m³ of
    /// the pond each) and a pulse of each meter (0.01 m³). The old instant flood broke it at each flood
    /// (−962 m³: a pond from nowhere) and each drain (+961 m³ down in one hour).
    static func expectPhysicallyPossible(_ readings: [Reading], device: String) {
        let area = 12_000.0, evaporationPerHour = 0.004 * area / 24, mostSeepagePerHour = 0.20 * area / 24
        let margin = 1.0
        var values: [String: [Int64: [Double]]] = [:]
        var recharge: [Reading] = []
        for r in readings where r.key.device.rawValue == device {
            guard let value = r.value?.value else { continue }
            let channel = r.key.channel.rawValue
            if ["paddy-level", "inflow", "outflow"].contains(channel) {
                #expect(value >= 0, "\(channel) #\(r.key.sequence) at \(r.time): \(value) is negative")
            }
            values[channel, default: [:]][r.time.milliseconds, default: []].append(value)
            if channel == "recharge" { recharge.append(r) }
        }
        // One value of a channel at an instant (a clock stepped back can stamp two ticks alike: left out).
        func at(_ channel: String, _ t: Int64) -> Double? {
            guard let v = values[channel]?[t], v.count == 1 else { return nil }
            return v[0]
        }
        recharge.sort { $0.key.sequence < $1.key.sequence }
        var checked = 0, dry = 0
        for (before, after) in zip(recharge, recharge.dropFirst()) {
            let t0 = before.time.milliseconds, t1 = after.time.milliseconds
            guard t1 > t0, t1 - t0 <= 7_200_000, let r = after.value?.value, let h0 = at("paddy-level", t0),
                  let h1 = at("paddy-level", t1), let inflow = at("inflow", t1), let outflow = at("outflow", t1) else { continue }
            let hours = Double(t1 - t0) / 3_600_000
            let left = inflow - outflow - area * (h1 - h0)
            #expect(r <= left + margin && r >= -evaporationPerHour * hours - margin && r <= mostSeepagePerHour * hours + margin,
                    "recharge #\(after.key.sequence) at \(after.time): \(r) m³ from \(inflow) m³ in, \(outflow) m³ out, level \(h0) → \(h1) m")
            checked += 1
            if h0 < 1e-4 && h1 < 1e-4 {
                dry += 1
                #expect(inflow == 0 && outflow == 0 && r == 0,
                        "at \(after.time) the paddy is dry but \(inflow) m³ came in, \(outflow) m³ left, \(r) m³ went down")
            }
        }
        // A year of hours, all but a handful (restarts, the hours the clock stood wrong); the dry ones are the
        // year less the 96 flooded days and the hours of each drain.
        #expect(checked > 8_600, "only \(checked) hours of the paddy were checked")
        #expect(dry > (366 - 97) * 24 - 100, "only \(dry) dry hours of the paddy were checked")
    }

    /// The city's own KPIs for the year (`report --city`), as the city files them.
    static func cityReport(db: String, city: String) throws -> CityKPIReport {
        try JSONDecoder().decode(CityKPIReport.self, from: reportJSON(db: db, ["--city", Paths.packageRoot + "/Deploy/cities/\(city).yaml"]))
    }

    func gateway(_ siteFile: String, site: String, broker: MosquittoBroker, dir: String, calibration: String?, end: String,
                 name: String) throws -> ChildProcess {
        try ChildProcess(Paths.binary("sensor-gateway"),
                         ["run", "--config", siteFile, "--simulate", "--broker", broker.address,
                          "--state-dir", dir + "/state", "--keepalive", "5", "--replay-readings-per-second", "0",
                          "--simulated-clock", "\(Self.simulationStart),\(end)", "--time-rate", "max",
                          "--ground-truth", dir + "/ground-truth.jsonl",
                          "--simulated-clock-error=" + Self.clockErrors,
                          "--simulated-sensor-fault", Self.sensorFaults(site)] + (calibration.map { ["--calibration", $0] } ?? [])
                          + (site == "kumamoto-paddy-01" ? ["--simulated-paddy-season", Self.paddySeason] : []),
                         logDirectory: dir, name: name)
    }

    /// Each run's ground-truth line, in order.
    static func truthLines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// A meter's register at the end of the last run, as the simulated board played it.
    static func register(_ channel: String, in path: String) throws -> Double {
        let last = try #require(try truthLines(path).last)
        let entry = try #require((last["registers"] as? [[String: Any]])?.first { $0["channel"] as? String == channel })
        return try #require(entry["reading"] as? Double)
    }

    /// A technician's visit between runs: `commission` reading the import meter's register off the simulated
    /// board (the ground truth's `registers`) against the gateway's journal.
    func visit(_ siteFile: String, dir: String, name: String) throws -> String {
        let reading = try Self.register("grid-import", in: dir + "/ground-truth.jsonl")
        try FileManager.default.createDirectory(atPath: dir + "/calibration", withIntermediateDirectories: true)
        let child = try ChildProcess(Paths.binary("sensor-gateway"),
                                     ["commission", "--config", siteFile, "--calibration", dir + "/calibration",
                                      "--state-dir", dir + "/state", "--by", "FY run", "--instrument", "meter register",
                                      "--no-prompt", "--simulate", "--listen", "0", "--register", "grid-import=\(reading)"],
                                     logDirectory: dir, name: name, environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(child.wait(seconds: 60) == 0, "\(child.output)")
        return child.output
    }

    @Test(arguments: ["kumamoto-paddy-01", "kumamoto-well-07", "sapporo-cityhall"])
    func fiscalYearTotalsMatchGroundTruth(site: String) throws {
        let dir = Paths.scratch("fy-\(site)")
        let siteFile = try Self.fiscalYearVariant(of: site, in: dir)
        // The well's tape reference is needed for its depths; the paddy's bucket-tested K-factors are not used,
        // because the simulated meters turn at the site file's nominal constants.
        let calibration = site == "kumamoto-well-07" ? Paths.packageRoot + "/Calibration/records/\(site)" : nil
        let broker = try MosquittoBroker(directory: dir)
        let db = dir + "/city.sqlite"
        let aggregator = try CityAggregator.start(broker: broker, db: db, clientID: "agg-fy", logs: dir,
                                                  arguments: ["--simulated-clock", Self.cityClock, "--backlog-days", "400"])
        defer { aggregator.kill(SIGKILL) }

        // First half year, stopped by its end; then the rest, resumed from the journal, through an outage.
        let first = try gateway(siteFile, site: site, broker: broker, dir: dir, calibration: calibration, end: Self.halfYear, name: "gateway-1")
        #expect(first.wait(seconds: 150) == 0, "first half did not finish: \(first.output.suffix(2000))")
        // The city hall's meter is visited at the half-year, its register read (scripted event: the register
        // wraps between this visit and the next, at the year's end).
        let runsBeforeVisit = site == "sapporo-cityhall" ? try Self.truthLines(dir + "/ground-truth.jsonl").count : 0
        if site == "sapporo-cityhall" { _ = try visit(siteFile, dir: dir, name: "visit-1") }
        let second = try gateway(siteFile, site: site, broker: broker, dir: dir, calibration: calibration, end: Self.fiscalYearEnd, name: "gateway-2")
        #expect(eventually(30) { second.output.contains("connected to broker") })
        #expect(second.output.contains("simulated clock resumes at"), "second run did not resume: \(second.output.suffix(2000))")
        broker.freeze()
        Thread.sleep(forTimeInterval: 4)
        broker.thaw()
        // Then a SIGKILL somewhere in the year (wherever the run has got to); the third run resumes from the
        // journal, whose pulse checkpoints and readings the killed run committed at the same instants as its truth.
        Thread.sleep(forTimeInterval: 1)
        second.kill(SIGKILL)
        second.wait(seconds: 10)
        let third = try gateway(siteFile, site: site, broker: broker, dir: dir, calibration: calibration, end: Self.fiscalYearEnd, name: "gateway-3")
        #expect(third.wait(seconds: 150) == 0, "the rest of the year did not finish: \(third.output.suffix(2000))")
        if site == "sapporo-cityhall" {
            // The register passed 999,999 kWh since the half-year's visit: its advance is the true energy since
            // then (+~190,000 kWh, not −810,000), and the drift the visit finds is what the gateway truly did not
            // count. What the runs' truth holds is what the gateway stood for, so truly uncounted is the register's
            // advance beyond it (nothing is lost at these stops: up to one interval, 21.6 kWh, when the SIGKILL fell
            // between a commit and the truth line's rewrite). The gateway's count differs from the truth by
            // quantisation alone: two pulses (4.8 kWh) per run at each visit, three runs.
            let output = try visit(siteFile, dir: dir, name: "visit-2")
            #expect(output.contains("the register passed 999999.0 kWh and started again from 0"), "\(output)")
            let line = try #require(output.split(separator: "\n").first { $0.contains("grid-import: since") }, "\(output)")
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            let (advance, counted, gap) = (numbers[0], numbers[1], numbers[2])
            let truthSince = try Self.truthLines(dir + "/ground-truth.jsonl")[runsBeforeVisit...].reduce(0.0) { sum, run in
                sum + ((run["truth"] as? [[String: Any]]) ?? []).filter {
                    $0["channel"] as? String == "grid-import" && $0["period"] as? String == "FY2027"
                }.reduce(0.0) { $0 + ($1["value"] as? Double ?? 0) }
            }
            let trulyUncounted = advance - truthSince
            #expect(advance > 150_000 && trulyUncounted >= -0.01 && trulyUncounted <= 21.61,
                    "register advance \(advance) kWh across the wrap, true energy since the visit \(truthSince) kWh")
            #expect(abs(gap - trulyUncounted) <= 3 * 4.8 + 21.61 && abs(advance - counted - gap) < 0.01,
                    "drift \(gap) kWh, truly uncounted \(trulyUncounted) kWh: \(line)")
        }

        // Everything the board numbered has reached the city once (its failed sensors' fault readings too).
        let states = try ReadingJournal(path: dir + "/state/journal.sqlite").channelStates()
        let numbered = states.reduce(0) { $0 + Int($1.lastSequence) }
        let store = try AggregatorStore(path: db)
        #expect(eventually(60, poll: 1) { try store.readingCount() == numbered },
                "aggregator has \((try? store.readingCount()) ?? -1) of \(numbered) readings: \(aggregator.output.suffix(2000))")
        aggregator.kill(SIGTERM)
        aggregator.wait(seconds: 10)

        // A year of a well (52,000 readings) once took the report 150 s: the latest depth was looked up with a
        // scan of the year per reading. With the (device, channel, t_ms) index it is well under a second.
        let began = Date()
        let report = try Self.report(db: db)
        #expect(Date().timeIntervalSince(began) < 20, "the FY report took \(Date().timeIntervalSince(began)) s")
        let totals = try #require(report.sites.first { $0.site == site }, "no \(site) in the report")
        let truth = try Self.groundTruth(dir + "/ground-truth.jsonl", period: "FY2027")
        func close(_ reported: Double, _ channel: String, _ what: String) {
            guard let t = truth[channel]?.value else {
                Issue.record("no ground truth for \(channel)")
                return
            }
            #expect(abs(reported - t) <= 0.001 * abs(t), "\(what): reported \(reported), ground truth \(t)")
        }
        func truthOf(_ channel: String) -> Double { truth[channel]?.value ?? .nan }

        // The whole year passed in simulated time: the runs' truth spans it (366 days, with 2028-02-29). The
        // truth covers what the journal kept: a site without meters has no final commit at a stop, so its
        // truth (and its readings) end at the last sampling instant, up to one interval (1 h) before the end;
        // and a SIGKILL between a tick's journal commit and the rewrite of the run's truth line leaves that
        // tick's interval out of the truth (at most one interval: 0.011 % of the year, inside 0.1 %).
        let seconds = truth.values.filter { $0.kind != "missing" }.map(\.seconds).max() ?? 0
        let full = 366.0 * 86_400
        #expect(seconds <= full && seconds >= full - (site == "kumamoto-well-07" ? 7200.01 : 3600.01),
                "the runs covered \(seconds) s of the fiscal year")

        switch site {
        case "kumamoto-paddy-01":
            close(totals.rechargeInflowCubicMetres, "inflow", "inflow m³")
            close(totals.outflowCubicMetres, "outflow", "outflow m³")
            // Recharge is the water that truly percolated. The paddy is dry at both ends of the year (Δh = 0 over
            // it), so the truth's own balance closes: in − out − evaporation − percolation = 0. The gateway charges
            // 4 mm/d of evaporation for an hour whose closing level is at least 2 cm: the last hour or two of each
            // drain evaporated (about 2 m³ an hour) without being charged, a few m³ a year, inside the 0.1 %. The
            // balance is a difference, so its 0.1 % is taken of the water moved (inflow + outflow + evaporation).
            // The truth sums seconds ÷ 86,400 per period in binary floating point (96.0000000000017): whole days.
            let trueDays = try #require(truth["paddy flooded"]?.value, "no flooded days in the ground truth")
            #expect(abs(trueDays - 96) < 1e-6, "the scripted season floods the paddy 96 days, the truth counts \(trueDays)")
            let floodedDays = trueDays.rounded()
            let percolation = truthOf("paddy percolation"), evaporation = truthOf("paddy evaporation")
            let moved = truthOf("inflow") + truthOf("outflow") + evaporation
            #expect(abs(truthOf("inflow") - truthOf("outflow") - evaporation - percolation) <= 1e-6 * moved,
                    "the truth's balance does not close: in \(truthOf("inflow")), out \(truthOf("outflow")), evaporation \(evaporation), percolation \(percolation) m³")
            #expect(percolation > 0, "the paddy recharged nothing: \(percolation) m³")
            #expect(abs(totals.rechargeWaterBalanceCubicMetres - percolation) <= 0.001 * moved,
                    "recharge: reported \(totals.rechargeWaterBalanceCubicMetres) m³, ground truth \(percolation) m³ percolated")
            // The city's flooded days: exactly the true ones (the season's edges are at midnight), and the
            // drained interruption reported with its 16 days.
            let city = try Self.cityReport(db: db, city: "kumamoto")
            let kpi = try #require(city.kpis.first { $0.id == "flooded-days" }, "no flooded-days KPI")
            let figure = try #require(kpi.perSite.first { $0.site == site }, "no flooded days for \(site)")
            #expect(figure.value == floodedDays, "the city counts \(figure.value ?? -1) flooded days, ground truth \(floodedDays)")
            #expect(figure.note?.contains("(16 days)") == true, "the interruption is not reported as 16 days: \(figure.note ?? "")")
            Self.expectPhysicallyPossible(try store.allReadings().map(\.reading), device: "kumamoto-paddy-01-gw1")
        case "sapporo-cityhall":
            close(totals.energyImportedKWh, "grid-import", "import kWh")
            close(totals.energyExportedKWh, "grid-export", "export kWh")
            close(totals.energyGeneratedKWh, "pv-generation", "generation kWh")
            // Steady import: every 30-minute window holds the same energy, so the peak demand is the true mean
            // demand plus at most one pulse in a window (2.4 kWh in 30 minutes: 4.8 kW).
            let meanKW = truthOf("grid-import") / (seconds / 3600)
            let peak = try #require(totals.peakDemandKW)
            #expect(peak >= meanKW - 1e-9 && peak <= meanKW + 4.8 + 1e-9, "peak demand \(peak) kW, true steady demand \(meanKW) kW")

        default:
            // Depth below the measuring point from the tape reference: never above the cap, never below the sensor.
            let depth = try #require(totals.latestDepthToWaterMetres, "the well reports a depth to water")
            #expect(depth > 0 && depth < 30, "depth to water \(depth) m is not physically possible for this well")
        }
        // Completeness is the truly missing share: broker outages and restarts lose nothing (the journal
        // resends), the failed sensors' time is missing, one reading per interval of it.
        let interval = site == "sapporo-cityhall" ? 1800.0 : 3600.0
        let missing = truth.filter { $0.key.hasSuffix(" missing") }
        #expect(!missing.isEmpty, "the ground truth has no failed sensor")
        // The well's three derived channels (depth below the measuring point and below land, groundwater
        // elevation) have no value while its level is missing.
        let dependents = ["water-column missing": 3.0]
        let trulyMissing = Int((missing.reduce(0) { $0 + $1.value.value * (1 + (dependents[$1.key] ?? 0)) } / interval).rounded())
        // The restarts themselves leave nothing unread: a sensor back before its next reading was due (the clean
        // stop's final pulse commit is 1 ms before the half-year's end, where the next run resumes) is read when
        // it is due, and the 30-minute window running at a stop mid-window (SIGKILL) is closed by the next run
        // from the journal. A window closes when its end passes, at the reading that completes it, so the year's
        // last window (23:30–00:00) is closed by the last run's final commit at 23:59:59.999: no reading after
        // the year is needed for it, and none is missing.
        for device in totals.devices {
            #expect(device.expected > 0 && device.expected - device.received == trulyMissing,
                    "\(device.device): \(device.received) of \(device.expected) readings, truly missing \(trulyMissing)")
            #expect(device.quarantined == 0 && device.refused == 0)
        }
        // No total is physically impossible.
        for volume in [totals.rechargeInflowCubicMetres, totals.outflowCubicMetres, totals.energyImportedKWh,
                       totals.energyExportedKWh, totals.energyGeneratedKWh, totals.heatMegajoules] {
            #expect(volume >= 0 && volume.isFinite)
        }
    }
}
