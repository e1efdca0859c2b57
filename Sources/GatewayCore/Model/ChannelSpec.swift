/// The physical quantity a channel reports.
public enum QuantityKind: String, Sendable, CaseIterable, Hashable {
    case temperature
    case relativeHumidity = "relative-humidity"
    case pressure
    case waterLevel = "water-level"
    case loopCurrent = "loop-current"
    case volume
    case energy
}

/// What the channel's number means to the city: which KPI it feeds.
public enum ChannelRole: String, Sendable, CaseIterable, Hashable {
    case inflow, outflow
    case paddyLevel = "paddy-level"
    case wellLevel = "well-level"
    case barometer
    case energyImport = "import"
    case energyExport = "export"
    case generation
    case indoor, outdoor
}

/// Which ADS1115 input the signal is on (single-ended to GND).
public enum ADS1115Input: String, Sendable, CaseIterable, Hashable {
    case ain0 = "AIN0", ain1 = "AIN1", ain2 = "AIN2", ain3 = "AIN3"
}

/// Which side of the instrument transformers the meter's pulse constant is stated for. Makers differ, so the
/// site file must say; a secondary-side constant needs the multiplier (乗率) applied.
public enum MeterSide: String, Sendable, Hashable, CaseIterable {
    case primary, secondary
}

/// The 4–20 mA loop scaling: value = LRV + (I − 4 mA) / 16 mA × (URV − LRV).
public struct LoopScaling: Hashable, Sendable {
    public var lowerRangeValue: Double
    public var upperRangeValue: Double
    public init(lowerRangeValue: Double, upperRangeValue: Double) {
        self.lowerRangeValue = lowerRangeValue
        self.upperRangeValue = upperRangeValue
    }
}

public enum DriverSpec: Hashable, Sendable {
    public enum BME280Measurement: String, Sendable, Hashable, CaseIterable { case temperature, pressure, humidity }
    public enum SHT3xMeasurement: String, Sendable, Hashable, CaseIterable { case temperature, humidity }

    case bme280(I2CDeviceAddress, BME280Measurement)
    case sht3x(I2CDeviceAddress, SHT3xMeasurement)
    case tmp117(I2CDeviceAddress)
    /// `fullScaleVolts` is the PGA range (6.144, 4.096, 2.048, 1.024, 0.512, 0.256); `samplesPerSecond` the
    /// data rate; a loop current is read across `shunt` and scaled by `scaling`.
    case ads1115(I2CDeviceAddress, input: ADS1115Input, fullScaleVolts: Double, samplesPerSecond: Int,
                 shunt: Ohms, scaling: LoopScaling)
    case pulseFlow(GPIOLineReference, pulsesPerLitre: Double, debounceMilliseconds: Double)
    case pulseEnergy(GPIOLineReference, impulsesPerKWh: Double, multiplier: Double, side: MeterSide,
                     debounceMilliseconds: Double)

    /// The name used for this driver in site files.
    public var name: String {
        switch self {
        case .bme280: "bme280"
        case .sht3x: "sht3x"
        case .tmp117: "tmp117"
        case .ads1115: "ads1115"
        case .pulseFlow: "pulse-flow"
        case .pulseEnergy: "pulse-energy"
        }
    }

    public var isPulseCounter: Bool {
        switch self {
        case .pulseFlow, .pulseEnergy: true
        default: false
        }
    }
}

/// Values the simulated board plays for a channel in place of a real sensor. Every field is optional; the
/// simulated board picks a plausible default from the channel's role.
public struct SimulationProfile: Hashable, Sendable {
    /// Mean pulse rate for pulse channels.
    public var pulsesPerSecond: Double?
    /// A constant value in the channel's unit for analogue channels (°C, Pa, %RH, mA).
    public var value: Double?
    /// Where a meter's own register stands when the simulation starts (a meter with a declared `register:`).
    public var register: Double?
    public init(pulsesPerSecond: Double? = nil, value: Double? = nil, register: Double? = nil) {
        self.pulsesPerSecond = pulsesPerSecond
        self.value = value
        self.register = register
    }
}

public struct ChannelSpec: Hashable, Sendable {
    public var id: ChannelID
    public var driver: DriverSpec
    public var quantity: QuantityKind
    public var role: ChannelRole?
    /// SenML unit symbol the channel publishes in.
    public var unit: String
    public var interval: Duration
    public var simulation: SimulationProfile
    /// A meter channel's own register (site file `register:`), read by the technician at visits.
    public var register: MeterRegister?

    public init(id: ChannelID, driver: DriverSpec, quantity: QuantityKind, role: ChannelRole?, unit: String,
                interval: Duration, simulation: SimulationProfile = .init(), register: MeterRegister? = nil) {
        self.register = register
        self.id = id
        self.driver = driver
        self.quantity = quantity
        self.role = role
        self.unit = unit
        self.interval = interval
        self.simulation = simulation
    }
}
