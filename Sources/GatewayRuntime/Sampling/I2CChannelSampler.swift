import BoardIO
import FieldText
import GatewayCore
import SensorDrivers

/// A channel read from an I2C chip. The driver is built on first use and rebuilt after a failure, so a chip
/// that was unplugged or not yet powered at boot is picked up when it answers again.
final class I2CChannelSampler: ChannelSampler {
    let spec: ChannelSpec
    private let connect: () throws(SensorError) -> () throws(SensorError) -> ChannelSample
    private var measure: (() throws(SensorError) -> ChannelSample)?

    /// `connect` opens the driver (reading chip id and calibration) and returns its measurement.
    init(spec: ChannelSpec, connect: @escaping () throws(SensorError) -> () throws(SensorError) -> ChannelSample) {
        self.spec = spec
        self.connect = connect
    }

    func sample() -> ChannelSample {
        do {
            if measure == nil { measure = try connect() }
            return try measure!()
        } catch {
            measure = nil
            return .fault(error.fieldProblem)
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
                    case .temperature: return .value(r.temperature.measured)
                    case .pressure: return .value(r.pressure.measured)
                    case .humidity:
                        guard let h = r.humidity else {
                            throw SensorError(.unsupportedSetting("humidity (this is a BMP280)"), chip: "BME280",
                                              bus: a.busPath, address: a.address, operation: "measure humidity")
                        }
                        return .value(h.measured)
                    }
                }
            }
        case .sht3x(let a, let measurement):
            return I2CChannelSampler(spec: spec) { () throws(SensorError) in
                let chip = SHT3x(bus: try opened(a, chip: "SHT3x"), address: a.address)
                return { () throws(SensorError) in
                    let r = try chip.measure()
                    return .value(measurement == .temperature ? r.temperature.measured : r.humidity.measured)
                }
            }
        case .tmp117(let a):
            return I2CChannelSampler(spec: spec) { () throws(SensorError) in
                let chip = try TMP117(bus: opened(a, chip: "TMP117"), address: a.address)
                return { () throws(SensorError) in .value(try chip.measure().measured) }
            }
        case .ads1115(let a, let input, let fullScale, let rate, let shunt, let scaling):
            return I2CChannelSampler(spec: spec) { () throws(SensorError) in
                let loop = try LoopCurrentInput(bus: opened(a, chip: "ADS1115"), address: a.address, input: input,
                                                fullScaleVolts: fullScale, samplesPerSecond: rate, shunt: shunt)
                return { () throws(SensorError) in
                    let current = try loop.measure()
                    if spec.quantity == .loopCurrent { return .value(current.measured) }
                    switch scaling.signal(current, as: ChannelUnit.self) {
                    case .valid(let v):
                        return .value(MeasuredValue(v.value, spec.unit))
                    case .saturated(let v, _):
                        return .saturated(MeasuredValue(v.value, spec.unit))
                    case .fault(let failure):
                        throw SensorError(.loopCurrent(failure),
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
