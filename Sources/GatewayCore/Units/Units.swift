// The units the gateway measures and the city reports in. SenML symbols from RFC 8428 §12.1 and RFC 8798.

public enum Pascal: PhysicalUnit { public static let senmlSymbol = "Pa" }
public enum Kilopascal: PhysicalUnit { public static let senmlSymbol = "kPa" }
public enum Metre: PhysicalUnit { public static let senmlSymbol = "m" }
public enum Millimetre: PhysicalUnit { public static let senmlSymbol = "mm" }
public enum Celsius: PhysicalUnit { public static let senmlSymbol = "Cel" }
public enum RelativeHumidityPercent: PhysicalUnit { public static let senmlSymbol = "%RH" }
public enum CubicMetre: PhysicalUnit { public static let senmlSymbol = "m3" }
public enum Litre: PhysicalUnit { public static let senmlSymbol = "l" }
public enum CubicMetrePerHour: PhysicalUnit { public static let senmlSymbol = "m3/h" }
public enum KilowattHour: PhysicalUnit { public static let senmlSymbol = "kWh" }
public enum Kilowatt: PhysicalUnit { public static let senmlSymbol = "kW" }
public enum Watt: PhysicalUnit { public static let senmlSymbol = "W" }
public enum Megajoule: PhysicalUnit { public static let senmlSymbol = "MJ" }
public enum Milliampere: PhysicalUnit { public static let senmlSymbol = "mA" }
public enum Volt: PhysicalUnit { public static let senmlSymbol = "V" }
public enum Ohm: PhysicalUnit { public static let senmlSymbol = "Ohm" }
public enum Pulses: PhysicalUnit { public static let senmlSymbol = "count" }
public enum Hectare: PhysicalUnit { public static let senmlSymbol = "ha" }
public enum SquareMetre: PhysicalUnit { public static let senmlSymbol = "m2" }
public enum KilogramPerCubicMetre: PhysicalUnit { public static let senmlSymbol = "kg/m3" }
public enum Seconds: PhysicalUnit { public static let senmlSymbol = "s" }
public enum Megapascal: PhysicalUnit { public static let senmlSymbol = "MPa" }
public enum MillimetrePerDay: PhysicalUnit { public static let senmlSymbol = "mm/d" }
public enum MegajoulePerCubicMetreKelvin: PhysicalUnit { public static let senmlSymbol = "MJ/(m3.K)" }
public enum MegajoulePerKilowattHour: PhysicalUnit { public static let senmlSymbol = "MJ/kWh" }
public enum MegajoulePerSquareMetre: PhysicalUnit { public static let senmlSymbol = "MJ/m2" }
public enum CelsiusDay: PhysicalUnit { public static let senmlSymbol = "Cel.d" }
public enum TonneCO2: PhysicalUnit { public static let senmlSymbol = "t-CO2" }
/// Emission intensity per unit of delivered energy: kg-CO2/kWh for electricity, kg-CO2/MJ for district heat.
public enum KilogramCO2Per<Energy: PhysicalUnit>: PhysicalUnit {
    public static var senmlSymbol: String { "kg-CO2/" + Energy.senmlSymbol }
}

public typealias Pascals = Quantity<Pascal>
public typealias Kilopascals = Quantity<Kilopascal>
public typealias Metres = Quantity<Metre>
public typealias Millimetres = Quantity<Millimetre>
public typealias DegreesCelsius = Quantity<Celsius>
public typealias RelativeHumidity = Quantity<RelativeHumidityPercent>
public typealias CubicMetres = Quantity<CubicMetre>
public typealias Litres = Quantity<Litre>
public typealias CubicMetresPerHour = Quantity<CubicMetrePerHour>
public typealias KilowattHours = Quantity<KilowattHour>
public typealias Kilowatts = Quantity<Kilowatt>
public typealias Watts = Quantity<Watt>
public typealias Megajoules = Quantity<Megajoule>
public typealias Milliamperes = Quantity<Milliampere>
public typealias Volts = Quantity<Volt>
public typealias Ohms = Quantity<Ohm>
public typealias PulseCount = Quantity<Pulses>
public typealias Hectares = Quantity<Hectare>
public typealias SquareMetres = Quantity<SquareMetre>
public typealias Density = Quantity<KilogramPerCubicMetre>
public typealias Duration = Quantity<Seconds>
public typealias Megapascals = Quantity<Megapascal>
public typealias MillimetresPerDay = Quantity<MillimetrePerDay>
public typealias HeatCoefficient = Quantity<MegajoulePerCubicMetreKelvin>
public typealias PrimaryEnergyFactor = Quantity<MegajoulePerKilowattHour>
public typealias EnergyUseIntensity = Quantity<MegajoulePerSquareMetre>
public typealias DegreeDays = Quantity<CelsiusDay>
public typealias TonnesCO2 = Quantity<TonneCO2>
public typealias EmissionFactor<Energy: PhysicalUnit> = Quantity<KilogramCO2Per<Energy>>

// Conversions that the field uses every day; each is exact by definition.
extension Quantity where Unit == Kilopascal { public var pascals: Pascals { Pascals(value * 1000) } }
extension Quantity where Unit == Pascal { public var kilopascals: Kilopascals { Kilopascals(value / 1000) } }
extension Quantity where Unit == Litre { public var cubicMetres: CubicMetres { CubicMetres(value / 1000) } }
extension Quantity where Unit == CubicMetre {
    public var litres: Litres { Litres(value * 1000) }
    /// 万m³ (10⁴ m³), the unit of the city's recharge KPI tables.
    public var manCubicMetres: Double { value / 10_000 }
}
extension Quantity where Unit == Metre { public var millimetres: Millimetres { Millimetres(value * 1000) } }
extension Quantity where Unit == Millimetre { public var metres: Metres { Metres(value / 1000) } }
extension Quantity where Unit == Megajoule { public var kilowattHours: KilowattHours { KilowattHours(value / 3.6) } }
extension Quantity where Unit == KilowattHour { public var megajoules: Megajoules { Megajoules(value * 3.6) } }
extension Quantity where Unit == Watt { public var kilowatts: Kilowatts { Kilowatts(value / 1000) } }
extension Quantity where Unit == Kilowatt { public var watts: Watts { Watts(value * 1000) } }
extension Quantity where Unit == Hectare { public var squareMetres: SquareMetres { SquareMetres(value * 10_000) } }
extension Quantity where Unit == Megapascal { public var pascals: Pascals { Pascals(value * 1_000_000) } }
extension Quantity where Unit == CubicMetrePerHour {
    /// Volume passed at this rate over a span of time.
    public func volume(over span: Duration) -> CubicMetres { CubicMetres(value * span.value / 3600) }
}
