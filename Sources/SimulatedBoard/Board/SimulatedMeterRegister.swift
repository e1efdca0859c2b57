import GatewayCore

/// A meter's own register as the simulated board plays it: it counts the true amount through the meter (its
/// rate times the time it turned, not the pulses the gateway counted), also while the gateway is stopped, and
/// wraps to zero at its declared digits (`MeterRegister`), as the drums or LCD a technician reads at a visit.
public struct SimulatedMeterRegister: Sendable, Hashable {
    public let register: MeterRegister
    /// What the register stands at, in the channel's unit: 0 ≤ reading < 10^digits.
    public private(set) var reading: Double
    /// How many times it has passed its largest reading and started again from zero.
    public private(set) var wraps = 0

    /// `reading` is where it stands at the start (site file `simulate: { register: … }`), taken modulo its range.
    public init(register: MeterRegister, reading: Double) {
        self.register = register
        let start = reading.isFinite && reading > 0 ? reading : 0
        self.reading = start.truncatingRemainder(dividingBy: register.modulus)
    }

    /// The meter passed `amount` more (negative or not finite amounts count nothing).
    public mutating func count(_ amount: Double) {
        guard amount.isFinite, amount > 0 else { return }
        reading += amount
        while reading >= register.modulus {
            reading -= register.modulus
            wraps += 1
        }
    }

    /// What a technician reads off it: the whole units its digits show (the fraction is not read).
    public var shown: Double { reading.rounded(.down) }
}
