import GatewayCore

/// The SenML units each quantity may be published in. The aggregator adds numbers per quantity, so a channel
/// whose unit does not fit its quantity would silently corrupt city totals.
enum UnitRules {
    static func units(for quantity: QuantityKind) -> [String] {
        switch quantity {
        case .temperature: ["Cel"]
        case .relativeHumidity: ["%RH"]
        case .pressure: ["Pa", "hPa", "kPa"]
        case .waterLevel: ["m"]
        case .loopCurrent: ["mA"]
        case .volume: ["m3", "l"]
        case .energy: ["kWh"]
        }
    }
}
