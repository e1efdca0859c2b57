import GatewayCore
import SensorDrivers

/// Sets raw ADC values so the driver's compensation reads back a chosen value: a search over the raw range,
/// since Bosch publishes only the forward formulas.
extension BME280Model {
    public func set(temperature: DegreesCelsius) {
        adcTemperature = Self.rawClosest(to: temperature.value * 100, in: 0...0xFFFFF, increasing: true, skipped: 0x80000) {
            Double(calibration.centidegrees(fineTemperature: calibration.fineTemperature(adc: $0)))
        }
    }

    public func set(pressure: Pascals) {
        let tFine = calibration.fineTemperature(adc: adcTemperature)
        adcPressure = Self.rawClosest(to: pressure.value * 256, in: 0...0xFFFFF, increasing: false, skipped: 0x80000) {
            Double(calibration.pressureQ24_8(adc: $0, fineTemperature: tFine) ?? 0)
        }
    }

    public func set(humidity: RelativeHumidity) {
        let tFine = calibration.fineTemperature(adc: adcTemperature)
        adcHumidity = Self.rawClosest(to: humidity.value * 1024, in: 0...0xFFFF, increasing: true, skipped: 0x8000) {
            Double(calibration.humidityQ22_10(adc: $0, fineTemperature: tFine) ?? 0)
        }
    }

    private static func rawClosest(to target: Double, in range: ClosedRange<Int32>, increasing: Bool, skipped: Int32,
                                   _ reading: (Int32) -> Double) -> Int32 {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = low + (high - low) / 2
            if (reading(middle) < target) == increasing { low = middle + 1 } else { high = middle }
        }
        let candidates = [low - 1, low].filter(range.contains)
        let best = candidates.min { abs(reading($0) - target) < abs(reading($1) - target) } ?? low
        // The chip's "skipped" marker would read as no measurement; one count off reads the same value.
        return best == skipped ? best + 1 : best
    }
}
