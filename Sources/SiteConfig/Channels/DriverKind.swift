import GatewayCore

/// The drivers a site file can name, with the keys each one takes. Keeping the key sets here, next to the
/// names, is what lets a key meant for one driver be refused on another.
enum DriverKind: String, CaseIterable {
    case bme280, sht3x, tmp117, ads1115
    case pulseFlow = "pulse-flow"
    case pulseEnergy = "pulse-energy"

    /// Keys every channel has, whatever its driver.
    static let commonKeys = ["id", "driver", "quantity", "role", "unit", "interval", "simulate"]

    var keys: [String] {
        switch self {
        case .bme280, .sht3x: ["bus", "address", "measure"]
        case .tmp117: ["bus", "address"]
        case .ads1115: ["bus", "address", "input", "full-scale", "data-rate", "shunt-ohms", "range"]
        case .pulseFlow: ["line", "pulses-per-litre", "debounce", "active", "bias", "register"]
        case .pulseEnergy: ["line", "impulses-per-kwh", "multiplier", "side", "debounce", "active", "bias", "register"]
        }
    }

    var countsPulses: Bool { self == .pulseFlow || self == .pulseEnergy }

    /// The I2C addresses the chip can be strapped to; anything else is a wiring or typing mistake.
    var i2cAddresses: [Int] {
        switch self {
        case .bme280: [0x76, 0x77]
        case .sht3x: [0x44, 0x45]
        case .tmp117, .ads1115: [0x48, 0x49, 0x4A, 0x4B]
        case .pulseFlow, .pulseEnergy: []
        }
    }

    /// Quantities the driver can deliver. For bme280 and sht3x the `measure` key narrows this to one.
    var quantities: [QuantityKind] {
        switch self {
        case .bme280: [.temperature, .pressure, .relativeHumidity]
        case .sht3x: [.temperature, .relativeHumidity]
        case .tmp117: [.temperature]
        // A 4–20 mA transmitter can stand for any instantaneous value; totals come from pulse meters.
        case .ads1115: [.waterLevel, .pressure, .loopCurrent, .temperature, .relativeHumidity]
        case .pulseFlow: [.volume]
        case .pulseEnergy: [.energy]
        }
    }

    var chipName: String {
        switch self {
        case .bme280: "BME280"
        case .sht3x: "SHT3x"
        case .tmp117: "TMP117"
        case .ads1115: "ADS1115"
        case .pulseFlow, .pulseEnergy: rawValue
        }
    }
}
