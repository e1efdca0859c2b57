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
