import GatewayCore

/// What kind of value a technician brings to a visit: it names the YAML keys of the technician's value and of
/// the gateway's value beside it.
public protocol VisitValueKind: Sendable, Hashable {
    static var broughtKey: String { get }
    static var gatewayKey: String { get }
}

/// A meter's register as read off its face, beside the gateway's running total at the same moment.
public enum MeterRegister: VisitValueKind {
    public static let broughtKey = "register"
    public static let gatewayKey = "gateway-total"
}

/// A reference instrument's value (tape to water, reference thermometer), beside what the gateway read.
public enum ReferenceReading: VisitValueKind {
    public static let broughtKey = "reference"
    public static let gatewayKey = "gateway"
}

/// One channel's value as the technician brought it and as the gateway had it, in the channel's unit.
public struct VisitValue<Kind: VisitValueKind>: Sendable, Hashable {
    public var channel: ChannelID
    public var unit: String
    public var brought: Double
    public var gateway: Double?

    public init(channel: ChannelID, unit: String, brought: Double, gateway: Double?) {
        self.channel = channel
        self.unit = unit
        self.brought = brought
        self.gateway = gateway
    }
}

extension VisitValue where Kind == MeterRegister {
    public init(channel: ChannelID, unit: String, register: Double, gatewayTotal: Double?) {
        self.init(channel: channel, unit: unit, brought: register, gateway: gatewayTotal)
    }
    public var register: Double { get { brought } set { brought = newValue } }
    public var gatewayTotal: Double? { get { gateway } set { gateway = newValue } }
}

extension VisitValue where Kind == ReferenceReading {
    public init(channel: ChannelID, unit: String, reference: Double, gatewayValue: Double?) {
        self.init(channel: channel, unit: unit, brought: reference, gateway: gatewayValue)
    }
    public var reference: Double { get { brought } set { brought = newValue } }
    public var gatewayValue: Double? { get { gateway } set { gateway = newValue } }
}
