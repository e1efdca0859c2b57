import GatewayCore

/// What the simulated board plays when a site file gives no `simulate:` values: numbers a technician would
/// recognise as ordinary for the channel's role, so a demo site looks like a working site.
enum SimulationDefaults {
    static func pulsesPerSecond(for role: ChannelRole?) -> Double {
        switch role {
        case .inflow?: 0.5
        case .outflow?: 0.2
        case .energyImport?: 1.0
        case .energyExport?: 0.3
        case .generation?: 0.5
        default: 0.5
        }
    }

    /// Temperature by role; nil keeps the model's own default (the datasheet vector for a BME280).
    static func temperature(for role: ChannelRole?) -> DegreesCelsius? {
        switch role {
        case .indoor?: DegreesCelsius(21)
        case .outdoor?: DegreesCelsius(15)
        default: nil
        }
    }

    static func humidity(for role: ChannelRole?) -> RelativeHumidity? {
        switch role {
        case .indoor?: RelativeHumidity(45)
        case .outdoor?: RelativeHumidity(70)
        default: nil
        }
    }

    /// A recharge paddy's area and evaporation when the site has no `recharge:` settings (`PaddyPond`).
    static let paddyArea = SquareMetres(10_000)
    static let paddyEvaporationPerDay = Millimetres(4)

    /// Loop current by role: 10.4 mA is the field brief's 40 m³/h on a 0–100 m³/h meter.
    static func loopCurrent(for role: ChannelRole?) -> Milliamperes {
        switch role {
        case .inflow?, .outflow?: Milliamperes(10.4)
        case .paddyLevel?: Milliamperes(8)
        default: Milliamperes(12)
        }
    }
}
