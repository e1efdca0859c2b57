import BoardIO
import GatewayCore
import SensorDrivers

/// A channel read from an I2C chip. The driver is built on first use and rebuilt after a failure, so a chip
/// that was unplugged or not yet powered at boot is picked up when it answers again.
final class I2CChannelSampler: ChannelSampler {
    let spec: ChannelSpec
    private let connect: () throws(SensorError) -> () throws(SensorError) -> MeasuredValue
    private var measure: (() throws(SensorError) -> MeasuredValue)?

    /// `connect` opens the driver (reading chip id and calibration) and returns its measurement.
    init(spec: ChannelSpec, connect: @escaping () throws(SensorError) -> () throws(SensorError) -> MeasuredValue) {
        self.spec = spec
        self.connect = connect
    }

    func sample() -> ChannelSample {
        do {
            if measure == nil { measure = try connect() }
            return .value(try measure!())
        } catch {
            measure = nil
            return .fault(error.description)
        }
    }

    func close() {}
}

extension I2CChannelSampler {
    /// The sampler for an I2C driver spec, or nil when the spec is not an I2C chip.
    static func make(_ spec: ChannelSpec, bus: @escaping (String) throws(I2CError) -> I2CBus) -> I2CChannelSampler? {
        func opened(_ address: I2CDeviceAddress, chip: String) throws(SensorError) -> I2CBus {
            do { return try bus(address.busPath) } catch {
                throw SensorError(.bus(error.kind), chip: chip, bus: address.busPath, address: address.address,
                                  operation: error.operation)
            }
        }
        switch spec.driver {
        case .bme280(let a, let measurement):
            return I2CChannelSampler(spec: spec) { () throws(SensorError) in
                let chip = try BME280(bus: opened(a, chip: "BME280"), address: a.address)
                return { () throws(SensorError) in
                    let r = try chip.measure()
                    switch measurement {
                    case .temperature: return r.temperature.measured
                    case .pressure: return r.pressure.measured
                    case .humidity:
                        guard let h = r.humidity else {
                            throw SensorError(.unsupportedSetting("humidity (this is a BMP280)"), chip: "BME280",
                                              bus: a.busPath, address: a.address, operation: "measure humidity")
                        }
                        return h.measured
                    }
                }
            }
        case .sht3x(let a, let measurement):
            return I2CChannelSampler(spec: spec) { () throws(SensorError) in
                let chip = SHT3x(bus: try opened(a, chip: "SHT3x"), address: a.address)
                return { () throws(SensorError) in
                    let r = try chip.measure()
                    return measurement == .temperature ? r.temperature.measured : r.humidity.measured
                }
            }
        case .tmp117(let a):
            return I2CChannelSampler(spec: spec) { () throws(SensorError) in
                let chip = try TMP117(bus: opened(a, chip: "TMP117"), address: a.address)
                return { () throws(SensorError) in try chip.measure().measured }
            }
        case .ads1115(let a, let input, let fullScale, let rate, let shunt, let scaling):
            return I2CChannelSampler(spec: spec) { () throws(SensorError) in
                let loop = try LoopCurrentInput(bus: opened(a, chip: "ADS1115"), address: a.address, input: input,
                                                fullScaleVolts: fullScale, samplesPerSecond: rate, shunt: shunt)
                return { () throws(SensorError) in
                    let current = try loop.measure()
                    if spec.quantity == .loopCurrent { return current.measured }
                    switch scaling.signal(current, as: ChannelUnit.self) {
                    case .valid(let v), .outOfRange(let v, _):
                        return MeasuredValue(v.value, spec.unit)
                    case .fault(let i):
                        throw SensorError(.implausible("loop current \(rounded(i.value)) mA is a transmitter fault (NAMUR NE 43: at most 3.6 or at least 21 mA)"),
                                          chip: "ADS1115", bus: a.busPath, address: a.address, operation: "read \(input.rawValue)")
                    }
                }
            }
        case .pulseFlow, .pulseEnergy:
            return nil
        }
    }
}

/// "Whatever unit the channel's site file names": loop scaling maps 4–20 mA onto the configured LRV–URV in
/// that unit, which is only known at run time.
enum ChannelUnit: PhysicalUnit { static let senmlSymbol = "" }
