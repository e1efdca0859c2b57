import GatewayCore
import SensorDrivers

extension I2CChannelSampler {
    /// What the chip behind the channel resolves, as its driver declares it, in the unit the channel publishes.
    /// A scaled 4–20 mA channel resolves one ADC code through the shunt and the loop scaling:
    /// (URV − LRV) / 16 mA per mA of one code.
    var resolution: MeasurementResolution? {
        switch spec.driver {
        case .bme280(_, let measurement):
            switch measurement {
            case .temperature: MeasurementResolution(BME280.temperatureResolution)
            case .pressure: MeasurementResolution(BME280.pressureResolution)
            case .humidity: MeasurementResolution(BME280.humidityResolution)
            }
        case .sht3x(_, let measurement):
            measurement == .temperature
                ? MeasurementResolution(SHT3x.temperatureResolution) : MeasurementResolution(SHT3x.humidityResolution)
        case .tmp117:
            MeasurementResolution(TMP117.temperatureResolution)
        case .ads1115(_, _, let fullScaleVolts, _, let shunt, let scaling):
            LoopCurrentInput.currentResolution(fullScaleVolts: fullScaleVolts, shunt: shunt).flatMap { code in
                spec.quantity == .loopCurrent
                    ? MeasurementResolution(code)
                    : MeasurementResolution(code)?.scaled(by: (scaling.upperRangeValue - scaling.lowerRangeValue) / 16,
                                                         unit: spec.unit)
            }
        case .pulseFlow, .pulseEnergy:
            nil
        }
    }
}
