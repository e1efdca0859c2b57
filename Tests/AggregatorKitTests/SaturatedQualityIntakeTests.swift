import AggregatorKit
import Foundation
import GatewayCore
import Testing

/// Issue 15: boards now flag 4–20 mA readings in a NAMUR NE 43 saturation band with `q: saturated`; the city
/// must store them (not quarantine them as of unknown quality) and never take one as the latest depth to water.
extension IntakeTests {
    @Test func aSaturatedReadingIsStoredButNeverTheLatestDepthToWater() throws {
        let c = try city()
        c.status("gw1", site: "well-3", """
            {"state":"online","site":"well-3","siteKind":"well","device":"gw1","channels":[\
            {"id":"depth-below-mp","quantity":"water-level","unit":"m","intervalSeconds":60,"driver":"derived:well-depth"}]}
            """, at: now)
        c.data("gw1", site: "well-3", """
            [{"bn":"gw1:","n":"depth-below-mp","seq":1,"t":\(now.seconds - 120),"u":"m","v":7.25},\
            {"n":"depth-below-mp","seq":2,"t":\(now.seconds - 60),"u":"m","v":10,"q":"saturated"}]
            """, at: now)
        #expect(try c.store.allReadings().map(\.reading.quality) == [.good, .saturated])
        #expect(try c.counts("gw1")?.quarantined ?? [:] == [:])
        let well = try #require(try c.store.report(fiscalYear: FiscalYear(containing: now), asOf: now).sites.first)
        #expect(well.latestDepthToWaterMetres == 7.25)
    }
}
