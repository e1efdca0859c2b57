import GatewayCore

/// The paddy recharge site the derivation tests share: an inflow and an outflow pulse meter and the ponded
/// level on a 4–20 mA loop (0–0.5 m) through an ADS1115, with the intervals and units each test needs.
enum PaddySiteFixture {
    static func site(meterIntervalSeconds: Double, levelIntervalSeconds: Double, outflowUnit: String = "m3",
                     recharge: PaddyRechargeSettings? = nil) -> Site {
        let line = GPIOLineReference(role: "p", line: GPIOLineAddress(chip: "c", offset: 0))
        let adc = I2CDeviceAddress(busRole: "s", busPath: "/dev/i2c-1", address: 0x48)
        return Site(id: "p", kind: .rechargePaddy, municipality: "Kumamoto", location: nil, device: "gw",
                    board: BoardDefinition(name: "b", i2cBuses: [:], gpioLines: [:]), topicPrefix: "sgw",
                    channels: [
                        ChannelSpec(id: "in", driver: .pulseFlow(line, pulsesPerLitre: 1, debounceMilliseconds: 10),
                                    quantity: .volume, role: .inflow, unit: "m3", interval: Duration(meterIntervalSeconds)),
                        ChannelSpec(id: "out", driver: .pulseFlow(line, pulsesPerLitre: 1, debounceMilliseconds: 10),
                                    quantity: .volume, role: .outflow, unit: outflowUnit, interval: Duration(meterIntervalSeconds)),
                        ChannelSpec(id: "level", driver: .ads1115(adc, input: .ain0, fullScaleVolts: 4.096, samplesPerSecond: 128,
                                                                  shunt: Ohms(150), scaling: LoopScaling(lowerRangeValue: 0, upperRangeValue: 0.5)),
                                    quantity: .waterLevel, role: .paddyLevel, unit: "m", interval: Duration(levelIntervalSeconds)),
                    ], recharge: recharge)
    }
}
