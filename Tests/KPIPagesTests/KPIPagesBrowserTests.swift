import AggregatorKit
import Foundation
import GatewayCore
import SenML
import Testing
import TestSupport

/// `kpi-aggregator serve` and `report --format html` as a browser shows them: Debian's headless Chromium
/// renders each page (screenshots kept under .build/screenshots) and its DOM is checked against the JSON report.
@Suite(.serialized) struct KPIPagesBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Kumamoto FY2019 (the plan's 1,179 万m³) and Sapporo FY2019 in one city database.
    func cityDatabase(_ dir: String) throws -> String {
        let path = dir + "/city.sqlite"
        let store = try AggregatorStore(path: path)
        let t0 = CivilTime.jstInstant(year: 2019, month: 6, day: 1, hour: 12)
        func r(_ d: String, _ c: String, _ seq: UInt64, _ v: Double, _ u: String, _ t: UnixTime) -> Reading {
            Reading(key: ReadingKey(device: DeviceID(d), channel: ChannelID(c), sequence: seq), time: t, value: MeasuredValue(v, u))
        }
        try store.recordStatus(DeviceStatus(state: "online", site: "kumamoto-paddy-01", siteKind: "recharge-paddy", device: "paddy-gw"), receivedAt: t0)
        var paddy: [Reading] = []
        for seq in UInt64(1)...6 where seq != 4 {
            paddy.append(r("paddy-gw", "recharge", seq, 1_965_000, "m3", t0.adding(seconds: Double(seq) * 20 * 86_400)))
        }
        for day in 1...10 { paddy.append(r("paddy-gw", "paddy-level", UInt64(day), day == 5 ? 0.0 : 0.06, "m", t0.adding(seconds: Double(day) * 86_400))) }
        try store.store(paddy, site: "kumamoto-paddy-01", receivedAt: t0)
        try store.recordStatus(DeviceStatus(state: "offline", site: "kumamoto-paddy-01", device: "paddy-gw"), receivedAt: t0.adding(seconds: 30 * 86_400))
        try store.recordStatus(DeviceStatus(state: "online", site: "kumamoto-paddy-01", device: "paddy-gw"), receivedAt: t0.adding(seconds: 33 * 86_400))
        try store.recordStatus(DeviceStatus(state: "online", site: "sapporo-cityhall", siteKind: "building", device: "sapporo-cityhall-gw1"), receivedAt: t0)
        var hall: [Reading] = []
        for month in 0..<12 {
            let t = CivilTime.jstInstant(year: month < 9 ? 2019 : 2020, month: (month + 3) % 12 + 1, day: 10, hour: 11)
            let seq = UInt64(month + 1)
            hall += [r("sapporo-cityhall-gw1", "grid-import", seq, 150_000 + Double(month) * 10_000, "kWh", t),
                     r("sapporo-cityhall-gw1", "district-heat", seq, 4e11, "J", t),
                     r("sapporo-cityhall-gw1", "pv-generation", seq, 4_000 + Double(month % 6) * 500, "kWh", t),
                     r("sapporo-cityhall-gw1", "grid-export", seq, 300, "kWh", t)]
        }
        try store.store(hall, site: "sapporo-cityhall", receivedAt: t0)
        return path
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], seconds: Double = 60) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func browser(_ dir: String, _ arguments: [String]) throws -> String {
        try run(Self.chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(dir)/chromium"] + arguments)
    }

    func report(_ db: String, city: String, year: Int, format: String) throws -> String {
        try run(TestSupport.Paths.binary("kpi-aggregator"),
                ["report", "--db", db, "--city", Self.city(city), "--fiscal-year", String(year), "--format", format])
    }

    static let cities = ["kumamoto", "sapporo", "kamisunagawa", "kaga", "kamishihoro"]

    static func city(_ name: String) -> String { TestSupport.Paths.packageRoot + "/Deploy/cities/\(name).yaml" }

    /// Every KPI figure, achievement and monthly bar the page shows equals the JSON report's.
    func checkDOM(_ dom: String, against json: String) throws {
        let report = try JSONDecoder().decode(CityKPIReport.self, from: Data(json.utf8))
        #expect(!report.kpis.isEmpty)
        for kpi in report.kpis {
            let start = try #require(dom.range(of: "data-kpi=\"\(kpi.id)\""), "no section for \(kpi.id)")
            let section = String(dom[start.lowerBound...]).components(separatedBy: "</section>")[0]
            let shown = kpi.value.map { String(format: "%.\(kpi.decimals)f", $0) } ?? ""
            #expect(section.contains("data-field=\"value\" data-value=\"\(shown)\""), "\(kpi.id): page does not show \(shown)")
            #expect(section.contains("data-field=\"achievement\" data-value=\"\(kpi.achievementPercent.map(String.init) ?? "")\""), "\(kpi.id) achievement")
            #expect(section.contains(">\(kpi.status.rawValue)</td>"), "\(kpi.id) status")
            let bars = section.components(separatedBy: "class=\"bar\"").count - 1
            #expect(bars == kpi.monthly.compactMap { $0 }.count, "\(kpi.id): one bar per month with data")
            for (i, month) in ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"].enumerated() {
                guard let v = kpi.monthly[i] else { continue }
                let text = v == v.rounded() ? String(Int(v)) : String(v)
                #expect(section.contains("data-month=\"\(month)\" data-value=\"\(text)\""), "\(kpi.id) \(month) \(text)")
            }
        }
    }

    @Test(.enabled(if: chromium != nil, "needs Debian's chromium (Deploy/dev/install-build-deps.sh installs it)"))
    func servedPagesShowTheJSONReportsNumbers() throws {
        let dir = TestSupport.Paths.scratch("kpi-pages")
        let db = try cityDatabase(dir)
        let port = try MosquittoBroker.freePort()
        let server = try ChildProcess(TestSupport.Paths.binary("kpi-aggregator"),
                                      ["serve", "--db", db] + Self.cities.flatMap { ["--city", Self.city($0)] }
                                        + ["--listen", "127.0.0.1:\(port)", "--fiscal-year", "2019"],
                                      logDirectory: dir, name: "serve")
        defer { server.kill(SIGTERM) }
        #expect(eventually(20) { server.output.contains("serving Kumamoto, Sapporo, Kamisunagawa, Kaga, Kamishihoro KPIs at http://127.0.0.1:\(port)/") }, "\(server.output)")

        let shots = TestSupport.Paths.packageRoot + "/.build/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let base = "http://127.0.0.1:\(port)"
        for (name, path) in [("index", "/")] + Self.cities.map({ ($0, "/city/\($0)?fy=2019") }) {
            let png = "\(shots)/\(name)-fy2019.png"
            try? FileManager.default.removeItem(atPath: png)
            try browser(dir, ["--window-size=1200,2600", "--hide-scrollbars", "--screenshot=\(png)", base + path])
            let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
            #expect(size > 10_000, "screenshot of \(path) at \(png)")
            print("screenshot of \(base + path): \(png)")
        }
        for city in Self.cities {
            let dom = try browser(dir, ["--dump-dom", "\(base)/city/\(city)?fy=2019"])
            #expect(dom.contains("data-city=\"\(city)\""), "\(dom.prefix(500))")
            try checkDOM(dom, against: report(db, city: city, year: 2019, format: "json"))
        }
        let kumamoto = try browser(dir, ["--dump-dom", "\(base)/city/kumamoto?fy=2019"])
        // The plan's own figure: 5 of 6 readings of 1,965,000 m³ = 982.5 万m³, incomplete, and said so.
        #expect(kumamoto.contains("data-field=\"value\" data-value=\"982.5\""))
        #expect(kumamoto.contains("1 of 6 expected readings missing"))
    }

    @Test(.enabled(if: chromium != nil, "needs Debian's chromium (Deploy/dev/install-build-deps.sh installs it)"))
    func htmlReportIsOneSelfContainedFileWithTheSameNumbers() throws {
        let dir = TestSupport.Paths.scratch("kpi-html")
        let db = try cityDatabase(dir)
        let html = try report(db, city: "sapporo", year: 2019, format: "html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="), "nothing fetched")
        let file = dir + "/sapporo-fy2019.html"
        try html.write(toFile: file, atomically: true, encoding: .utf8)
        let dom = try browser(dir, ["--dump-dom", "file://" + file])
        try checkDOM(dom, against: report(db, city: "sapporo", year: 2019, format: "json"))
        let shots = TestSupport.Paths.packageRoot + "/.build/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        try browser(dir, ["--window-size=1200,2600", "--hide-scrollbars", "--screenshot=\(shots)/sapporo-report-fy2019.png", "file://" + file])
        print("screenshot of the HTML report: \(shots)/sapporo-report-fy2019.png")
    }
}
