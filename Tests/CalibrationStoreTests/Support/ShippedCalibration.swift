import Foundation

/// The repository's own `Calibration/` folder, found from this source file so tests run from any directory.
enum ShippedCalibration {
    static var records: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent() // Support
            .deletingLastPathComponent() // CalibrationStoreTests
            .deletingLastPathComponent() // Tests
            .deletingLastPathComponent() // package root
            .appendingPathComponent("Calibration/records")
    }

    static func site(_ name: String) -> String { records.appendingPathComponent(name).path }

    static var siteFolders: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: records.path)) ?? []
        return names.sorted().map(site)
    }
}
