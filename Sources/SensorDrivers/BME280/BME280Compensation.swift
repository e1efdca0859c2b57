/// Bosch's integer compensation (BME280 datasheet §4.2.3, the 64-bit pressure variant), kept in integers so the
/// result is bit-for-bit what the datasheet's reference code gives on the same raw values.
///
/// Wrapping arithmetic mirrors the reference code's C integers: a corrupted raw value then yields a nonsense
/// number, caught by the range checks in `BME280`, instead of a trap that would stop the gateway.
extension BME280Calibration {
    /// The fine temperature `t_fine` carries the temperature into the pressure and humidity formulas.
    public func fineTemperature(adc: Int32) -> Int32 {
        let adc = Int64(adc), t1 = Int64(t1), t2 = Int64(t2), t3 = Int64(t3)
        let linear = (((adc >> 3) &- (t1 << 1)) &* t2) >> 11
        let offset = adc >> 4 &- t1
        let quadratic = (((offset &* offset) >> 12) &* t3) >> 14
        return Int32(truncatingIfNeeded: linear &+ quadratic)
    }

    /// Hundredths of a degree Celsius.
    public func centidegrees(fineTemperature tFine: Int32) -> Int32 {
        (tFine &* 5 &+ 128) >> 8
    }

    /// Pascals in Q24.8 fixed point (divide by 256), or nil when P1 is zero (an unprogrammed or unreadable chip),
    /// which would otherwise divide by zero.
    public func pressureQ24_8(adc: Int32, fineTemperature tFine: Int32) -> UInt32? {
        var a = Int64(tFine) &- 128_000
        var b = a &* a &* Int64(p6)
        b = b &+ ((a &* Int64(p5)) << 17)
        b = b &+ (Int64(p4) << 35)
        a = ((a &* a &* Int64(p3)) >> 8) &+ ((a &* Int64(p2)) << 12)
        a = (((Int64(1) << 47) &+ a) &* Int64(p1)) >> 33
        guard a != 0 else { return nil }
        var p = 1_048_576 &- Int64(adc)
        p = (((p << 31) &- b) &* 3125) / a
        a = (Int64(p9) &* (p >> 13) &* (p >> 13)) >> 25
        b = (Int64(p8) &* p) >> 19
        p = ((p &+ a &+ b) >> 8) &+ (Int64(p7) << 4)
        return UInt32(truncatingIfNeeded: p)
    }

    /// Percent relative humidity in Q22.10 fixed point (divide by 1024), clamped to 0…100 % as the reference
    /// code does; nil on a BMP280.
    public func humidityQ22_10(adc: Int32, fineTemperature tFine: Int32) -> UInt32? {
        guard let h = humidity else { return nil }
        let x = Int64(tFine) &- 76_800
        let scaledAdc = ((Int64(adc) << 14) &- (Int64(h.h4) << 20) &- (Int64(h.h5) &* x) &+ 16_384) >> 15
        let temperatureTerm = ((((x &* Int64(h.h6)) >> 10) &* (((x &* Int64(h.h3)) >> 11) &+ 32_768)) >> 10)
            &+ 2_097_152
        var v = scaledAdc &* ((temperatureTerm &* Int64(h.h2) &+ 8192) >> 14)
        v = v &- (((((v >> 15) &* (v >> 15)) >> 7) &* Int64(h.h1)) >> 4)
        v = min(max(v, 0), 419_430_400)
        return UInt32(v >> 12)
    }
}
