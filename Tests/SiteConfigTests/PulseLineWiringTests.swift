import GatewayCore
import Testing
@testable import SiteConfig

@Suite struct PulseLineWiringTests {
    func site(_ extra: String) throws -> TempSite {
        try TempSite(channels: """
              - id: inflow
                driver: pulse-flow
                line: pulse-1
                quantity: volume
                unit: m3
                interval: 15s
                pulses-per-litre: 0.1
            \(extra)
            """)
    }

    func line(_ site: TempSite) throws -> GPIOLineReference {
        let spec = try #require(try site.load().get().site.channels.first)
        guard case .pulseFlow(let line, _, _) = spec.driver else { throw SiteConfigErrors([]) }
        return line
    }

    @Test func defaultIsAContactToGroundWithPullUp() throws {
        let l = try line(site(""))
        #expect(l.activeLow && l.bias == .pullUp)
    }

    @Test func activeHighRestsOnAPullDown() throws {
        let l = try line(site("    active: high"))
        #expect(!l.activeLow && l.bias == .pullDown)
    }

    @Test func biasCanBeSetExplicitly() throws {
        let l = try line(site("    bias: disabled"))
        #expect(l.activeLow && l.bias == .disabled)
    }

    @Test func unknownWordsAreNamed() throws {
        let text = try site("    active: sideways\n    bias: strong").errors().joined(separator: "\n")
        #expect(text.contains("channels[0].active: unknown active level \"sideways\" (known: low, high)"))
        #expect(text.contains("channels[0].bias: unknown bias \"strong\" (known: as-is, disabled, pull-up, pull-down)"))
    }
}
