import BoardIO
import GatewayCore
import Platform
import SensorDrivers

/// A whole board in software, built from a site: the chips each channel names sit at their bus and address as
/// register-level models, and each pulse line plays a deterministic meter. Drivers and the runtime use it
/// through the same `I2CBusProvider` and `EdgeLineProvider` seams as the Linux board.
public final class SimulatedBoard: I2CBusProvider, EdgeLineProvider {
    public let clock: any SimulationClock
    public private(set) var buses: [String: SimulatedI2CBus] = [:]
    public private(set) var pulseProfiles: [GPIOLineAddress: PulseProfile] = [:]
    private var requestedLines: [GPIOLineAddress: String] = [:]
    /// Simulated seconds per second of `clock` (`--speedup`): every meter, whether its rate comes from the site
    /// file or from the defaults, pulses this many times faster, so flows follow the simulated clock.
    public let speedup: Double
    /// The true quantities this board has stood for so far (`passTime`), independent of its quantisation.
    public private(set) var groundTruth = GroundTruth()
    /// How each sensor channel fails and returns (`setFailed`): its chip stops answering, or its loop opens.
    private var failures: [String: (Bool) -> Void] = [:]
    /// The I2C chip each I2C channel reads: when it fails, every channel it serves falls silent.
    private var chipOf: [String: I2CDeviceAddress] = [:]
    /// A paddy's inflow and outflow meters: with a scripted season they play what its pond lets in and out.
    private var paddyMeters: [PaddyMeter] = []
    /// Sets a paddy's level loop to a ponded depth in metres, by channel.
    private var pondedLevels: [String: (Double) -> Void] = [:]
    /// The paddy's ponded depth now, in metres (nil: the site's steady value); a level loop that returns from a
    /// fault reads the depth in force.
    private let pondedDepth = Locked<Double?>(nil)
    /// The paddy's level channel's steady depth (its `simulate: value`), in metres.
    private var targetDepth = Metres(0)
    /// The paddy's water through a scripted season (`setPaddySeason`), and the stretch of it in force.
    public private(set) var pond: PaddyPond?
    private var pondStretch: Int64?
    private let site: Site

    /// `clock` is a `ManualClock` in tests, `RealTimeClock(systemClock)` to run in real time, or a
    /// `SimulatedTimeBase` with `instantConversions` (chips convert within the frozen instant of a tick).
    public init(site: Site, clock: any SimulationClock, speedup: Double = 1, instantConversions: Bool = false) {
        self.clock = clock
        self.speedup = speedup
        self.site = site
        for path in site.board.i2cBuses.values { buses[path] = SimulatedI2CBus(path: path) }
        for channel in site.channels { install(channel) }
        if instantConversions {
            for bus in buses.values { bus.conversionsTakeRealTime = false }
        }
    }

    public func bus(_ path: String) -> SimulatedI2CBus? { buses[path] }

    /// Each meter's own register (declared in the site file) as a technician would read it now.
    public var meterRegisters: [String: SimulatedMeterRegister] { groundTruth.registers }

    /// The gateway was stopped for `seconds` while the meters turned on: their registers count it.
    public func passWhileGatewayStopped(seconds: Double) { groundTruth.passWhileGatewayStopped(seconds: seconds) }

    /// Simulated time passed from realtime `start` for `nanoseconds` of monotonic time: the meters turned and
    /// the steady values held all along it.
    public func passTime(from start: UnixTime, nanoseconds: UInt64) {
        groundTruth.pass(from: start, nanoseconds: nanoseconds)
        if pond != nil { followPaddy(at: UnixTime(milliseconds: start.milliseconds + Int64(nanoseconds / 1_000_000))) }
    }

    /// A sensor fails (`failed`) or returns: an I2C chip stops acknowledging on its bus (a broken cable or a dead
    /// chip; every channel of that chip falls silent), a 4–20 mA loop opens (0 mA: NAMUR NE 43's failure band).
    /// While failed, the channel's time counts as truly missing in the ground truth. Returns false for a channel
    /// that has no sensor to fail (a pulse line, an unknown id).
    @discardableResult
    public func setFailed(_ channel: String, _ failed: Bool) -> Bool {
        guard let apply = failures[channel] else { return false }
        apply(failed)
        // All measurements of one I2C chip; a loop serves its one channel.
        var silenced = [channel]
        if let chip = chipOf[channel] {
            silenced = chipOf.filter { $0.value.busPath == chip.busPath && $0.value.address == chip.address }.map { $0.key }.sorted()
        }
        groundTruth.failed.removeAll { silenced.contains($0) }
        if failed { groundTruth.failed += silenced }
        return true
    }

    /// Gives a recharge paddy its flooding season (`--simulated-paddy-season`): from now on its water follows
    /// `PaddyPond` (filled from its intake, held, drained through its outlet) by the true time `followPaddy`
    /// is given, and the ground truth counts its flooded days, percolation and evaporation. The pond's area and
    /// evaporation are the site's `recharge:` settings (10,000 m² and 4 mm/d without them), its target depth
    /// the level channel's simulated value, its ponded flows the site's simulated meter rates.
    public func setPaddySeason(_ season: PaddySeason) {
        let settings = site.recharge
        func rate(_ role: ChannelRole) -> Double {
            paddyMeters.filter { $0.role == role }.reduce(0) { $0 + $1.siteProfile.pulsesPerSecond * $1.cubicMetresPerPulse }
        }
        pond = PaddyPond(season: season, area: settings?.area ?? SimulationDefaults.paddyArea, targetDepth: targetDepth,
                         evaporationPerDay: settings?.evaporationPerDay ?? SimulationDefaults.paddyEvaporationPerDay,
                         siteInflowCubicMetresPerSecond: rate(.inflow), siteOutflowCubicMetresPerSecond: rate(.outflow))
        pondStretch = nil
        for channel in [GroundTruth.percolationChannel, GroundTruth.evaporationChannel]
        where !groundTruth.sources.contains(where: { $0.channel == channel }) {
            groundTruth.sources.append(.init(channel: channel, unit: "m3", kind: .total, perSecond: 0))
        }
    }

    /// Puts the paddy in the state its pond is in at true time `t`: the level loop at the depth, the meters at
    /// the flows of the stretch in force (a new stretch restarts their trains: a meter's first pulse comes one
    /// interval after), the ground truth's rates with them, and whether the season has it flooded.
    public func followPaddy(at t: UnixTime) {
        guard let pond else { return }
        let stretch = pond.stretch(at: t)
        let depth = stretch.depthMetres(at: t)
        pondedDepth.withLock { $0 = depth }
        for (channel, setLevel) in pondedLevels {
            setLevel(depth)
            groundTruth.play(channel, perSecond: depth, slope: stretch.depthMetresPerSecond)
        }
        groundTruth.flooded = pond.season.isFlooded(at: t)
        guard pondStretch != stretch.from else { return }
        pondStretch = stretch.from
        groundTruth.play(GroundTruth.percolationChannel, perSecond: stretch.percolationCubicMetresPerSecond)
        groundTruth.play(GroundTruth.evaporationChannel, perSecond: stretch.evaporationCubicMetresPerSecond)
        let now = clock.nowNanoseconds()
        for role in [ChannelRole.inflow, .outflow] {
            let meters = paddyMeters.filter { $0.role == role }
            let total = role == .inflow ? stretch.inflowCubicMetresPerSecond : stretch.outflowCubicMetresPerSecond
            let siteTotal = meters.reduce(0) { $0 + $1.siteProfile.pulsesPerSecond }
            for meter in meters {
                // Each meter carries its share of the flow, by its simulated rate (equal shares without one).
                let share = siteTotal > 0 ? meter.siteProfile.pulsesPerSecond / siteTotal : 1 / Double(meters.count)
                let pulses = PulseProfile.playable(total * share / meter.cubicMetresPerPulse)
                let first = pulses > 0 ? UInt64((1e9 / pulses).rounded()) : 0
                meter.train.play(PulseProfile(pulsesPerSecond: pulses, startNanoseconds: now + first,
                                              contactBounce: meter.siteProfile.contactBounce))
                groundTruth.play(meter.channel, perSecond: pulses * meter.amountPerPulse)
            }
        }
    }

    /// Whether the site has a paddy level to flood and dry (`setPaddySeason`).
    public var hasPaddyLevel: Bool { !pondedLevels.isEmpty }

    public func model<Model: I2CDeviceModel>(at device: I2CDeviceAddress, as type: Model.Type) -> Model? {
        buses[device.busPath]?.model(at: device.address) as? Model
    }

    public func openBus(_ path: String) throws(I2CError) -> I2CBus {
        guard let bus = buses[path] else {
            throw I2CError(.cannotOpenBus, bus: path, address: nil, operation: "open (not a bus of the simulated board)")
        }
        return bus
    }

    public func requestEdges(_ line: GPIOLineAddress, detect: EdgeDetection, activeLow: Bool, bias: LineBias,
                             consumer: String) throws(GPIOError) -> EdgeEventSource {
        guard let profile = pulseProfiles[line] else {
            throw GPIOError(line: line, operation: "request edges", reason: "no pulse channel on this line in the site")
        }
        if let holder = requestedLines[line] {
            throw GPIOError(line: line, operation: "request edges", reason: "line busy: already requested by \(holder)")
        }
        requestedLines[line] = consumer
        let train = paddyMeters.first { $0.line == line }?.train
        return SimulatedEdgeSource(line: line, profile: profile, clock: clock, detect: detect, train: train) {
            // Strong, not weak (Embedded Swift has no weak references): the board holds no sources, so no cycle.
            self.requestedLines[line] = nil
        }
    }

    private func install(_ channel: ChannelSpec) {
        let value = channel.simulation.value
        if let steady = steadyValue(channel) {
            groundTruth.sources.append(.init(channel: channel.id.rawValue, unit: channel.unit, kind: .mean, perSecond: steady))
        }
        let id = channel.id.rawValue
        switch channel.driver {
        case .bme280(let device, let measurement):
            let model = existing(device, BME280Model.self) ?? attach(BME280Model(), at: device)
            switch measurement {
            case .temperature:
                if let t = value.map(DegreesCelsius.init) ?? SimulationDefaults.temperature(for: channel.role) {
                    model.set(temperature: t)
                }
            case .pressure: if let value { model.set(pressure: Pascals(value)) }
            case .humidity:
                if let h = value.map(RelativeHumidity.init) ?? SimulationDefaults.humidity(for: channel.role) {
                    model.set(humidity: h)
                }
            }
        case .sht3x(let device, let measurement):
            let model = existing(device, SHT3xModel.self) ?? attach(SHT3xModel(), at: device)
            switch measurement {
            case .temperature: value.map(DegreesCelsius.init).map(model.set(temperature:))
            case .humidity: value.map(RelativeHumidity.init).map(model.set(humidity:))
            }
        case .tmp117(let device):
            let model = existing(device, TMP117Model.self) ?? attach(TMP117Model(), at: device)
            if let t = value.map(DegreesCelsius.init) ?? SimulationDefaults.temperature(for: channel.role) {
                model.set(temperature: t)
            }
        case .ads1115(let device, let input, _, _, let shunt, let scaling):
            let model = existing(device, ADS1115Model.self) ?? attach(ADS1115Model(), at: device)
            let current = value.map { Self.loopCurrent(for: $0, unit: channel.unit, scaling: scaling) }
                ?? SimulationDefaults.loopCurrent(for: channel.role)
            model.setLoopCurrent(current, through: shunt, on: input)
            let pondedDepth = self.pondedDepth
            // A paddy's level reads the pond's depth (in metres, carried to the channel's unit) when it has one.
            let isPaddyLevel = channel.role == .paddyLevel
            let metresPerUnit = channel.unit == "mm" ? 0.001 : channel.unit == "cm" ? 0.01 : 1
            let unit = channel.unit
            if isPaddyLevel { targetDepth = Metres((steadyValue(channel) ?? 0) * metresPerUnit) }
            func steady() -> Milliamperes {
                guard isPaddyLevel, let depth = pondedDepth.withLock({ $0 }) else { return current }
                return Self.loopCurrent(for: depth / metresPerUnit, unit: unit, scaling: scaling)
            }
            if isPaddyLevel { pondedLevels[id] = { _ in model.setLoopCurrent(steady(), through: shunt, on: input) } }
            // Closed again, the loop carries the channel's steady current.
            failures[id] = { failed in model.setLoopCurrent(failed ? Milliamperes(0) : steady(), through: shunt, on: input) }
        case .pulseFlow(let line, _, _):
            addMeter(on: line.line, channel, contactBounce: true)
            if let role = channel.role, role == .inflow || role == .outflow, let profile = pulseProfiles[line.line],
               let perPulse = GroundTruth.amountPerPulse(channel) {
                paddyMeters.append(PaddyMeter(channel: id, role: role, line: line.line, siteProfile: profile,
                                              amountPerPulse: perPulse, cubicMetresPerPulse: channel.unit == "m3" ? perPulse : perPulse / 1000,
                                              train: MeterTrain(profile)))
            }
        case .pulseEnergy(let line, _, _, _, _):
            addMeter(on: line.line, channel, contactBounce: false)
        }
        switch channel.driver {
        case .bme280(let device, _), .sht3x(let device, _), .tmp117(let device):
            // The chip stops acknowledging: every channel it serves falls silent with it.
            guard let bus = buses[device.busPath] else { break }
            chipOf[id] = device
            failures[id] = { failed in
                if failed { bus.injectFault(.noAcknowledge, at: device.address) } else { bus.clearFault(at: device.address) }
            }
        default:
            break
        }
    }

    /// The value a steady channel plays in its own unit, for the ground truth; nil when the model keeps a
    /// default it alone knows.
    private func steadyValue(_ channel: ChannelSpec) -> Double? {
        if let value = channel.simulation.value { return value }
        switch channel.driver {
        case .bme280(_, .temperature), .tmp117:
            return SimulationDefaults.temperature(for: channel.role)?.value ?? (channel.driver.name == "bme280" ? 25.08 : nil)
        case .bme280(_, .pressure): return 100_653.25
        case .bme280(_, .humidity), .sht3x(_, .humidity): return SimulationDefaults.humidity(for: channel.role)?.value
        case .ads1115(_, _, _, _, _, let scaling):
            let current = SimulationDefaults.loopCurrent(for: channel.role).value
            guard channel.unit != Milliampere.senmlSymbol else { return current }
            return scaling.lowerRangeValue + (current - 4) / 16 * (scaling.upperRangeValue - scaling.lowerRangeValue)
        default: return nil
        }
    }

    /// A loop channel's `simulate: value` is in the channel's unit (metres of water, m³/h …), so it is carried
    /// back through the 4–20 mA scaling; a channel published in mA takes it as the current itself.
    private static func loopCurrent(for value: Double, unit: String, scaling: LoopScaling) -> Milliamperes {
        guard unit != Milliampere.senmlSymbol else { return Milliamperes(value) }
        let span = scaling.upperRangeValue - scaling.lowerRangeValue
        return Milliamperes(4 + 16 * (value - scaling.lowerRangeValue) / span)
    }

    /// Reed-switch water meters bounce; S0 outputs of energy meters are solid-state and do not.
    private func addMeter(on line: GPIOLineAddress, _ channel: ChannelSpec, contactBounce: Bool) {
        let simulated = channel.simulation.pulsesPerSecond ?? SimulationDefaults.pulsesPerSecond(for: channel.role)
        let rate = PulseProfile.playable(simulated * speedup)
        if let perPulse = GroundTruth.amountPerPulse(channel) {
            groundTruth.sources.append(.init(channel: channel.id.rawValue, unit: channel.unit, kind: .total,
                                             perSecond: rate * perPulse))
            if let register = channel.register {
                groundTruth.registers[channel.id.rawValue] = SimulatedMeterRegister(register: register,
                                                                                    reading: channel.simulation.register ?? 0)
            }
        }
        // The first pulse comes one mean interval after start-up, as from a meter already turning.
        let firstPulse = rate > 0 ? UInt64((1e9 / rate).rounded()) : 0
        pulseProfiles[line] = PulseProfile(pulsesPerSecond: rate, startNanoseconds: clock.nowNanoseconds() + firstPulse,
                                           contactBounce: contactBounce)
    }

    private func existing<Model: I2CDeviceModel>(_ device: I2CDeviceAddress, _ type: Model.Type) -> Model? {
        model(at: device, as: type)
    }

    private func attach<Model: I2CDeviceModel>(_ model: Model, at device: I2CDeviceAddress) -> Model {
        let bus = buses[device.busPath] ?? SimulatedI2CBus(path: device.busPath)
        buses[device.busPath] = bus
        bus.attach(model, at: device.address)
        return model
    }
}

/// A paddy's inflow or outflow meter as the simulated board plays it (`SimulatedBoard.followPaddy`).
private struct PaddyMeter {
    var channel: String
    var role: ChannelRole
    var line: GPIOLineAddress
    /// The meter as the site file simulates it while the paddy is ponded.
    var siteProfile: PulseProfile
    /// A pulse's volume in the channel's unit, and in m³.
    var amountPerPulse: Double
    var cubicMetresPerPulse: Double
    var train: MeterTrain
}
