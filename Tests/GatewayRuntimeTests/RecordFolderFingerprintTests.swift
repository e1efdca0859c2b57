import Foundation
import Testing
@testable import GatewayRuntime

/// The store loads `.yaml` and `.yml` records; the live reload watched only `.yaml`, so a technician's new
/// `.yml` record stayed out of force until a restart.
@Suite struct RecordFolderFingerprintTests {
    @Test(arguments: ["pump.yaml", "pump.yml"])
    func aNewOrChangedRecordFileChangesTheFingerprint(name: String) throws {
        let dir = NSTemporaryDirectory() + "fingerprint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let empty = RecordFolderFingerprint(directory: dir)
        try "- id: a\n".write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        let added = RecordFolderFingerprint(directory: dir)
        #expect(added != empty)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_790_000_000)],
                                              ofItemAtPath: dir + "/" + name)
        #expect(RecordFolderFingerprint(directory: dir) != added)
        try "notes".write(toFile: dir + "/README.txt", atomically: true, encoding: .utf8)
        #expect(RecordFolderFingerprint(directory: dir) == RecordFolderFingerprint(directory: dir))
    }
}
