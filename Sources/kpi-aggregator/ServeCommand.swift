import AggregatorKit
import ArgumentParser
import FlyingFox
import Foundation
import GatewayCore

extension KPIAggregator {
    /// The city's KPI pages over HTTP, read from the database `run` writes, each page computed when asked.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve each city's plan KPIs as web pages (charts drawn on the server; no script or CDN).")

        @Option(help: "SQLite database file written by `kpi-aggregator run`, or its PostgreSQL URI (postgres://…).") var db: String
        @Flag(help: "Read from PostgreSQL: --db is then any libpq connection string.") var postgres = false
        @Option(help: "City file (Deploy/cities/*.yaml); repeat for several cities.") var city: [String]
        @Option(help: "Address to listen on as IP:PORT (127.0.0.1 keeps the pages on this machine).")
        var listen = "127.0.0.1:8080"
        @Option(help: "Fiscal year shown when a page does not ask for one (?fy=2026). Default: the current one.")
        var fiscalYear: Int?

        func validate() throws {
            if let fy = fiscalYear, !(2000...2999).contains(fy) {
                throw ValidationError("--fiscal-year \(fy): a year from 2000 to 2999")
            }
        }

        func run() throws {
            guard !city.isEmpty else { throw ValidationError("--city: give at least one city file") }
            guard namesPostgreSQL(db, postgres: postgres) || FileManager.default.fileExists(atPath: db) else {
                throw ValidationError("--db \(db): no such database (run `kpi-aggregator run --db \(db)` first)")
            }
            let parts = listen.split(separator: ":")
            guard parts.count == 2, let port = UInt16(parts[1]) else { throw ValidationError("--listen \(listen): expected IP:PORT") }
            var plans: [CityPlan] = []
            for file in city { plans.append(try loadCity(file)) }
            let store = try openCityStore(db, postgres: postgres)
            let defaultYear = fiscalYear ?? FiscalYear(containing: UnixTime(seconds: Date().timeIntervalSince1970)).startYear
            let pages = KPIPages(plans: plans, store: store, defaultYear: defaultYear)
            let server = HTTPServer(address: try .inet(ip4: String(parts[0]), port: port), logger: .disabled)
            let done = DispatchSemaphore(value: 0)
            let failure = ServeFailure()
            Task {
                await server.appendRoute("GET /") { _ in pages.index() }
                await server.appendRoute("GET /city/:id") { request in pages.city(request.routeParameters["id"], request.query["fy"]) }
                await server.appendRoute("GET /city/:id/report.json") { request in
                    pages.json(request.routeParameters["id"], request.query["fy"])
                }
                do {
                    try await server.run()
                } catch {
                    failure.message = "kpi-aggregator serve: cannot listen on \(listen): \(error)"
                }
                done.signal()
            }
            Task {
                try? await server.waitUntilListening()
                let names = plans.map(\.name).joined(separator: ", ")
                FileHandle.standardOutput.write(Data("serving \(names) KPIs at http://\(listen)/ (FY\(defaultYear) unless ?fy= says otherwise)\n".utf8))
            }
            done.wait()
            if let message = failure.message {
                FileHandle.standardError.write(Data((message + "\n").utf8))
                throw ExitCode(1)
            }
        }
    }
}

final class ServeFailure: @unchecked Sendable {
    var message: String?
}

/// The pages, each computed from the store when asked.
struct KPIPages: Sendable {
    let plans: [CityPlan]
    let store: any CityStore
    let defaultYear: Int

    func index() -> HTTPResponse {
        page(CityPage.index(plans.map { ($0.id, $0.name) }, fiscalYear: defaultYear))
    }

    func city(_ id: String?, _ fy: String?) -> HTTPResponse {
        report(id, fy) { plan, report in
            page(CityPage.html(report, links: [("All cities", "/"), ("JSON", "/city/\(plan.id)/report.json?fy=\(report.fiscalYear)")]))
        }
    }

    func json(_ id: String?, _ fy: String?) -> HTTPResponse {
        report(id, fy) { _, report in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: Data(report.json.utf8))
        }
    }

    private func report(_ id: String?, _ fy: String?, _ render: (CityPlan, CityKPIReport) -> HTTPResponse) -> HTTPResponse {
        guard let plan = plans.first(where: { $0.id == id }) else {
            return text(.notFound, "no city \(id ?? "") here (cities: \(plans.map(\.id).joined(separator: ", ")))")
        }
        let year: Int
        if let fy {
            guard let y = Int(fy), (2000...2999).contains(y) else { return text(.badRequest, "fy=\(fy): a fiscal year from 2000 to 2999") }
            year = y
        } else {
            year = defaultYear
        }
        do {
            return render(plan, try CityKPICalculator.report(plan: plan, year: FiscalYear(year), data: StoredKPIs(store)))
        } catch {
            return text(.internalServerError, "cannot compute \(plan.name) FY\(year): \(error)")
        }
    }

    private func page(_ html: String) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: Data(html.utf8))
    }

    private func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data((message + "\n").utf8))
    }
}

/// A city file, or a usage error listing every problem in it.
func loadCity(_ file: String) throws -> CityPlan {
    do {
        return try CityFileReader.load(file)
    } catch {
        throw ValidationError("--city \(file): the city file has problems:\n\(error)")
    }
}
