import Foundation
import Testing
@testable import SiteConfig

@Suite struct ConfigHashTests {
    /// Published FNV-1a 64 test vectors (Fowler/Noll/Vo reference values).
    @Test func matchesTheReferenceVectors() {
        #expect(ConfigHash.fnv1a64([]) == "cbf29ce484222325")
        #expect(ConfigHash.fnv1a64([Array("a".utf8)]) == "af63dc4c8601ec8c")
        #expect(ConfigHash.fnv1a64([Array("foobar".utf8)]) == "85944171f73967e8")
    }

    @Test func coversTheBoardFileToo() throws {
        let site = try TempSite(channels: validBarometer)
        let before = try site.load().get().configHash
        #expect(try site.load().get().configHash == before)
        try (TempSite.board + "\n# HAT rev C\n").write(toFile: site.boardPath, atomically: true, encoding: .utf8)
        #expect(try site.load().get().configHash != before)
    }
}
