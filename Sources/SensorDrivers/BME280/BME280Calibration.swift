/// The trimming parameters Bosch burns into each BME280/BMP280 at the factory. They differ chip by chip, so
/// they are read once when the driver opens the chip and used for every conversion after.
public struct BME280Calibration: Hashable, Sendable {
    public var t1: UInt16, t2: Int16, t3: Int16
    public var p1: UInt16, p2: Int16, p3: Int16, p4: Int16, p5: Int16, p6: Int16, p7: Int16, p8: Int16, p9: Int16
    /// Humidity trimming; absent on a BMP280, which has no humidity sensor.
    public var humidity: Humidity?

    public struct Humidity: Hashable, Sendable {
        public var h1: UInt8, h2: Int16, h3: UInt8, h4: Int16, h5: Int16, h6: Int8
        public init(h1: UInt8, h2: Int16, h3: UInt8, h4: Int16, h5: Int16, h6: Int8) {
            (self.h1, self.h2, self.h3, self.h4, self.h5, self.h6) = (h1, h2, h3, h4, h5, h6)
        }
    }

    public init(t1: UInt16, t2: Int16, t3: Int16, p1: UInt16, p2: Int16, p3: Int16, p4: Int16, p5: Int16,
                p6: Int16, p7: Int16, p8: Int16, p9: Int16, humidity: Humidity?) {
        (self.t1, self.t2, self.t3) = (t1, t2, t3)
        (self.p1, self.p2, self.p3, self.p4, self.p5) = (p1, p2, p3, p4, p5)
        (self.p6, self.p7, self.p8, self.p9) = (p6, p7, p8, p9)
        self.humidity = humidity
    }

    /// Decodes the registers 0x88…0xA1 (`primary`, 26 bytes) and, for a BME280, 0xE1…0xE7 (`humidityBlock`,
    /// 7 bytes), laid out as in the datasheet's memory map.
    public init(primary: [UInt8], humidityBlock: [UInt8]?) {
        precondition(primary.count == 26 && (humidityBlock?.count ?? 7) == 7)
        func unsigned(_ i: Int) -> UInt16 { UInt16(primary[i]) | UInt16(primary[i + 1]) << 8 }
        func signed(_ i: Int) -> Int16 { Int16(bitPattern: unsigned(i)) }
        self.init(t1: unsigned(0), t2: signed(2), t3: signed(4),
                  p1: unsigned(6), p2: signed(8), p3: signed(10), p4: signed(12), p5: signed(14),
                  p6: signed(16), p7: signed(18), p8: signed(20), p9: signed(22),
                  humidity: humidityBlock.map { Self.decodeHumidity(h1: primary[25], $0) })
    }

    /// H4 and H5 are 12-bit values sharing register 0xE5 between them; their high bytes are signed.
    private static func decodeHumidity(h1: UInt8, _ e: [UInt8]) -> Humidity {
        let h4 = Int16(Int8(bitPattern: e[3])) * 16 | Int16(e[4] & 0x0F)
        let h5 = Int16(Int8(bitPattern: e[5])) * 16 | Int16(e[4] >> 4)
        return Humidity(h1: h1, h2: Int16(bitPattern: UInt16(e[0]) | UInt16(e[1]) << 8), h3: e[2],
                        h4: h4, h5: h5, h6: Int8(bitPattern: e[6]))
    }
}
