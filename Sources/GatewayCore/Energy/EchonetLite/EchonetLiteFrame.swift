/// An ECHONET Lite object: class group, class, instance (e.g. 02 88 01, the first low-voltage smart meter).
public struct EchonetObject: Hashable, Sendable, CustomStringConvertible {
    public var classGroup: UInt8, classCode: UInt8, instance: UInt8
    public init(_ classGroup: UInt8, _ classCode: UInt8, _ instance: UInt8) {
        self.classGroup = classGroup
        self.classCode = classCode
        self.instance = instance
    }
    public static let smartMeter = EchonetObject(0x02, 0x88, 0x01)
    public static let controller = EchonetObject(0x05, 0xFF, 0x01)
    public var bytes: [UInt8] { [classGroup, classCode, instance] }
    public var description: String { bytes.map(hex).joined() }
}

/// An ECHONET Lite frame in the fixed format (EHD 10 81), as a Japanese smart meter answers over Route B.
public struct EchonetLiteFrame: Hashable, Sendable {
    public enum Service: UInt8, Hashable, Sendable {
        case get = 0x62, getResponse = 0x72, getNotPossible = 0x52
    }
    public struct Property: Hashable, Sendable {
        public var code: UInt8
        public var data: [UInt8]
        public init(code: UInt8, data: [UInt8] = []) {
            self.code = code
            self.data = data
        }
    }

    public var transactionID: UInt16
    public var source: EchonetObject
    public var destination: EchonetObject
    public var service: Service
    public var properties: [Property]

    public init(transactionID: UInt16, source: EchonetObject, destination: EchonetObject, service: Service,
                properties: [Property]) {
        self.transactionID = transactionID
        self.source = source
        self.destination = destination
        self.service = service
        self.properties = properties
    }

    /// A Get request from the controller to the smart meter for the given property codes.
    public static func get(_ codes: [UInt8], transactionID: UInt16) -> EchonetLiteFrame {
        EchonetLiteFrame(transactionID: transactionID, source: .controller, destination: .smartMeter, service: .get,
                         properties: codes.map { Property(code: $0) })
    }

    public var bytes: [UInt8] {
        var out: [UInt8] = [0x10, 0x81, UInt8(transactionID >> 8), UInt8(transactionID & 0xFF)]
        out += source.bytes + destination.bytes + [service.rawValue, UInt8(properties.count)]
        for p in properties { out += [p.code, UInt8(p.data.count)] + p.data }
        return out
    }

    public init(bytes b: [UInt8]) throws(EchonetLiteError) {
        guard b.count >= 12 else { throw .truncated(expected: 12, got: b.count) }
        guard b[0] == 0x10, b[1] == 0x81 else { throw .notFixedFormat(b[0], b[1]) }
        guard let service = Service(rawValue: b[10]) else { throw .unknownService(b[10]) }
        var properties: [Property] = []
        var at = 12
        for _ in 0..<Int(b[11]) {
            guard at + 2 <= b.count else { throw .truncated(expected: at + 2, got: b.count) }
            let length = Int(b[at + 1])
            guard at + 2 + length <= b.count else { throw .truncated(expected: at + 2 + length, got: b.count) }
            properties.append(Property(code: b[at], data: Array(b[(at + 2)..<(at + 2 + length)])))
            at += 2 + length
        }
        guard at == b.count else { throw .trailingBytes(b.count - at) }
        self.init(transactionID: UInt16(b[2]) << 8 | UInt16(b[3]), source: EchonetObject(b[4], b[5], b[6]),
                  destination: EchonetObject(b[7], b[8], b[9]), service: service, properties: properties)
    }

    public func property(_ code: UInt8) -> [UInt8]? { properties.first { $0.code == code }?.data }
}

public enum EchonetLiteError: Error, Hashable, CustomStringConvertible {
    case truncated(expected: Int, got: Int)
    case notFixedFormat(UInt8, UInt8)
    case unknownService(UInt8)
    case trailingBytes(Int)
    case missingProperty(UInt8, from: EchonetObject)
    case badPropertyLength(UInt8, expected: Int, got: Int)
    case unknownUnitCode(UInt8)

    public var description: String {
        switch self {
        case .truncated(let e, let g): "ECHONET Lite frame is \(g) bytes, needs at least \(e)"
        case .notFixedFormat(let a, let b): "ECHONET Lite header \(hex(a)) \(hex(b)) is not the fixed format 10 81"
        case .unknownService(let s): "ECHONET Lite service code \(hex(s)) is not Get, Get_Res or Get_SNA"
        case .trailingBytes(let n): "ECHONET Lite frame has \(n) bytes after its last property"
        case .missingProperty(let p, let o): "smart meter \(o) did not return property \(hex(p))"
        case .badPropertyLength(let p, let e, let g): "property \(hex(p)) carries \(g) bytes, expected \(e)"
        case .unknownUnitCode(let u): "cumulative energy unit code \(hex(u)) (property E1) is not defined"
        }
    }
}

func hex(_ b: UInt8) -> String {
    let s = String(b, radix: 16, uppercase: true)
    return s.count < 2 ? "0" + s : s
}
