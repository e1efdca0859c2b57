import GatewayCore

/// Checks that need all channels at once: things that are each fine alone but collide on the board or on
/// the wire.
enum ChannelSetChecks {
    static func check(_ channels: [ParsedChannel]) {
        var ids: [String: ParsedChannel] = [:]
        var lines: [GPIOLineAddress: ParsedChannel] = [:]
        var chips: [I2CChipSlot: (name: String, channel: ParsedChannel)] = [:]
        for channel in channels {
            if let id = channel.id {
                if let first = ids[id] {
                    // Readings are keyed by device and channel id; two channels with one id would overwrite each other.
                    channel.reader.reportValue(of: "id", "\"\(id)\" is already the id of \(first.reader.path)")
                } else {
                    ids[id] = channel
                }
            }
            switch channel.driver {
            case .pulseFlow(let line, _, _)?, .pulseEnergy(let line, _, _, _, _)?:
                if let first = lines[line.line] {
                    channel.reader.reportValue(of: "line", "\(line) is already counted by \(describe(first)); "
                                               + "one input cannot feed two counters")
                } else {
                    lines[line.line] = channel
                }
            case let driver?:
                guard let device = driver.i2cDevice else { continue }
                let slot = I2CChipSlot(busPath: device.busPath, address: device.address)
                if let first = chips[slot], first.name != driver.name {
                    channel.reader.reportValue(of: "address", "\(device) is already the \(first.name) of "
                                               + "\(describe(first.channel)); two chips cannot share an address")
                } else if chips[slot] == nil {
                    chips[slot] = (driver.name, channel)
                }
            case nil:
                continue
            }
        }
    }

    private static func describe(_ channel: ParsedChannel) -> String {
        channel.id.map { "channel \"\($0)\" at \(channel.reader.path)" } ?? "\(channel.reader.path)"
    }
}

/// One address on one bus, whichever role name the site used for the bus.
private struct I2CChipSlot: Hashable {
    let busPath: String
    let address: UInt8
}

extension DriverSpec {
    var i2cDevice: I2CDeviceAddress? {
        switch self {
        case .bme280(let device, _), .sht3x(let device, _), .tmp117(let device), .ads1115(let device, _, _, _, _, _):
            device
        case .pulseFlow, .pulseEnergy:
            nil
        }
    }
}
