import Testing
@testable import SiteConfig

/// The `site:` block, `device`, `mqtt` and the top level of a site file.
@Suite struct SiteHeaderErrorTests {
    func site(_ header: String) throws -> TempSite {
        try TempSite(site: header + "channels:\n" + channel(pulseFlowKeys))
    }

    @Test func unknownTopLevelKey() throws {
        let site = try site("site: { id: a, kind: well, municipality: Kumamoto }\ndevice: a-gw1\nboard: test-board\nsensors: 3\n")
        expectSiteErrors(site, ["4:1: sensors: unknown key \"sensors\" (allowed here: site, device, board, board-file, mqtt, channels, recharge, heat)"])
    }

    @Test func missingDeviceAndBoard() throws {
        let site = try site("site: { id: a, kind: well, municipality: Kumamoto }\n")
        expectSiteErrors(site, ["1:1: missing required key \"board\"", "1:1: missing required key \"device\""])
    }

    @Test func invalidIdsAndUnknownKind() throws {
        let site = try site("""
            site:
              id: Kumamoto Well 7
              kind: spring
              municipality: Kumamoto
            device: gw/1
            board: test-board

            """)
        expectSiteErrors(site, [
            "2:3: site.id: \"Kumamoto Well 7\" is not a valid id: use lower-case letters, digits, \"-\" and \"_\", starting with a letter or digit, at most 64 characters",
            "3:3: site.kind: unknown site kind \"spring\" (known: well, recharge-paddy, building)",
            "5:1: device: \"gw/1\" is not a valid id: use lower-case letters, digits, \"-\" and \"_\", starting with a letter or digit, at most 64 characters",
        ])
    }

    @Test func blankMunicipalityAndMissingKind() throws {
        let site = try site("site:\n  id: a\n  municipality: \" \"\ndevice: a-gw1\nboard: test-board\n")
        expectSiteErrors(site, [
            "2:3: site: missing required key \"kind\"",
            "3:3: site.municipality: the municipality must not be blank",
        ])
    }

    @Test func locationOutOfRangeAndUnknownKey() throws {
        let site = try site("""
            site:
              id: a
              kind: well
              municipality: Kumamoto
              location: { latitude: 132.8, longitude: 190, altitude: 20 }
            device: a-gw1
            board: test-board

            """)
        expectSiteErrors(site, [
            "5:15: site.location.latitude: 132.8 is not a latitude (−90 to 90 degrees)",
            "5:32: site.location.longitude: 190 is not a longitude (−180 to 180 degrees)",
            "5:48: site.location.altitude: unknown key \"altitude\" (allowed here: latitude, longitude, description)",
        ])
    }

    @Test func siteBlockOfTheWrongKind() throws {
        let site = try site("site: kumamoto-paddy-01\ndevice: a-gw1\nboard: test-board\n")
        expectSiteErrors(site, ["1:1: site: expected a block of keys, found \"kumamoto-paddy-01\""])
    }

    @Test(arguments: [
        ("sgw/#", "\"sgw/#\" contains an MQTT wildcard (+ or #)"),
        ("sgw/+/x", "\"sgw/+/x\" contains an MQTT wildcard (+ or #)"),
        ("/sgw", "\"/sgw\" has an empty level (a leading, trailing or doubled \"/\")"),
        ("sgw//kumamoto", "\"sgw//kumamoto\" has an empty level (a leading, trailing or doubled \"/\")"),
        ("\"sgw x\"", "\"sgw x\" contains a space"),
    ])
    func badTopicPrefix(prefix: String, message: String) throws {
        let site = try site("site: { id: a, kind: well, municipality: Kumamoto }\ndevice: a-gw1\nboard: test-board\n"
                            + "mqtt:\n  topic-prefix: \(prefix)\n")
        expectSiteErrors(site, ["5:3: mqtt.topic-prefix: \(message)"])
    }

    @Test func mqttTakesOnlyTheTopicPrefix() throws {
        let site = try site("site: { id: a, kind: well, municipality: Kumamoto }\ndevice: a-gw1\nboard: test-board\n"
                            + "mqtt:\n  broker: mqtt.city.example\n")
        expectSiteErrors(site, ["5:3: mqtt.broker: unknown key \"broker\" (allowed here: topic-prefix)"])
    }

    @Test func topicPrefixDefaultsToSgw() throws {
        let site = try site("site: { id: a, kind: well, municipality: Kumamoto }\ndevice: a-gw1\nboard: test-board\n")
        #expect(try site.load().get().site.topicPrefix == "sgw")
    }

    @Test func emptyChannelList() throws {
        let site = try TempSite(site: TempSite.header.replacingOccurrences(of: "channels:\n", with: "channels: []\n"))
        expectSiteErrors(site, ["7:1: channels: a site needs at least one channel"])
    }

    @Test func channelsMustBeAList() throws {
        let site = try TempSite(site: TempSite.header + "  inflow: pulse-1\n")
        expectSiteErrors(site, ["7:1: channels: expected a list (lines starting with \"- \"), found a block of keys"])
    }
}
