import GatewayCore

/// Reads the driver-specific keys of a channel into a `DriverSpec`.
enum DriverParser {
    /// The driver, or nil when any of its keys is wrong (each problem reported).
    static func parse(_ kind: DriverKind, channel: MappingReader, board: BoardReferences) -> DriverSpec? {
        switch kind {
        case .bme280:
            let device = board.i2cDevice(channel, driver: kind)
            let measure = channel.choice("measure", DriverSpec.BME280Measurement.self, what: "BME280 measurement")
            guard let device, let measure else { return nil }
            return .bme280(device, measure)
        case .sht3x:
            let device = board.i2cDevice(channel, driver: kind)
            let measure = channel.choice("measure", DriverSpec.SHT3xMeasurement.self, what: "SHT3x measurement")
            guard let device, let measure else { return nil }
            return .sht3x(device, measure)
        case .tmp117:
            return board.i2cDevice(channel, driver: kind).map { .tmp117($0) }
        case .ads1115:
            return ADS1115Parser.parse(channel, board: board)
        case .pulseFlow, .pulseEnergy:
            return PulseDriverParser.parse(kind, channel: channel, board: board)
        }
    }

    /// The one quantity a bme280 or sht3x channel delivers, given what it measures.
    static func measuredQuantity(_ driver: DriverSpec) -> QuantityKind? {
        switch driver {
        case .bme280(_, .temperature), .sht3x(_, .temperature): .temperature
        case .bme280(_, .pressure): .pressure
        case .bme280(_, .humidity), .sht3x(_, .humidity): .relativeHumidity
        default: nil
        }
    }
}
