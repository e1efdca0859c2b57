import GatewayCore

/// The `site:` block: who the site is and where.
struct SiteHeader {
    var id: SiteID
    var kind: SiteKind
    var municipality: String
    var location: Location?
}

enum SiteHeaderParser {
    static let keys = ["id", "kind", "municipality", "location"]
    static let locationKeys = ["latitude", "longitude", "description"]
    /// The longest municipality name in Japan is about 10 characters; 100 leaves room for romanised forms.
    static let longestMunicipality = 100

    static func parse(_ block: MappingReader) -> SiteHeader? {
        let id = block.identifier("id")
        let kind = block.choice("kind", SiteKind.self, what: "site kind")
        var municipality = block.text("municipality")
        if let name = municipality, name.allSatisfy({ $0.isWhitespace }) {
            block.reportValue(of: "municipality", "the municipality must not be blank")
            municipality = nil
        } else if let name = municipality, name.count > longestMunicipality {
            block.reportValue(of: "municipality", "the municipality is \(name.count) characters long; "
                              + "at most \(longestMunicipality) are allowed")
            municipality = nil
        }
        let location = block.has("location") ? block.mapping("location").flatMap(parseLocation) : nil
        block.reportUnknownKeys(allowed: keys)
        guard let id, let kind, let municipality, !(block.has("location") && location == nil) else { return nil }
        return SiteHeader(id: SiteID(id), kind: kind, municipality: municipality, location: location)
    }

    private static func parseLocation(_ block: MappingReader) -> Location? {
        var latitude = block.number("latitude")
        var longitude = block.number("longitude")
        let description = block.text("description", required: false)
        block.reportUnknownKeys(allowed: locationKeys)
        if let value = latitude, !(-90...90).contains(value) {
            block.reportValue(of: "latitude", "\(plain(value)) is not a latitude (−90 to 90 degrees)")
            latitude = nil
        }
        if let value = longitude, !(-180...180).contains(value) {
            block.reportValue(of: "longitude", "\(plain(value)) is not a longitude (−180 to 180 degrees)")
            longitude = nil
        }
        guard let latitude, let longitude else { return nil }
        return Location(latitude: latitude, longitude: longitude, description: description)
    }
}
