import ArgumentParser
import Foundation
import SiteConfig

extension SensorGateway {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate site files without touching hardware.")

        @Option(name: .customLong("config"), help: "Site file(s) to validate.") var siteFiles: [String] = []

        func validate() throws {
            if siteFiles.isEmpty { throw ValidationError("give at least one --config SITE.yaml") }
        }

        func run() throws {
            var failed = false
            for file in siteFiles {
                do {
                    let loaded = try SiteLoader.load(siteFile: file)
                    print("\(file): ok (site \(loaded.site.id), \(loaded.site.channels.count) channels, board \(loaded.site.board.name), config \(loaded.configHash))")
                } catch {
                    print("\(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
