import CcJSON

extension SenMLIntake {
    /// Reads a data payload's records with cJSON, one pass over each record's fields. It replaced Foundation's
    /// JSONDecoder, which took 17 % of the aggregator's time at full intake. Same contract as the decoder it
    /// replaced: the payload must be a JSON array of objects; a known field of the wrong JSON type (a string
    /// where a number belongs) makes the whole message malformed; `null` counts as absent; unknown fields are
    /// ignored. Numbers are read as doubles and checked by `record(...)`, so nothing here can trap.
    /// Each record is handed to `body` as it is read, not gathered into an array first (copying records of seven
    /// optional strings was a visible share of the intake); returns how many there were.
    static func forEachWireRecord(_ payload: [UInt8], _ body: (borrowing WireRecord) throws(IntakeRefusal) -> Void) throws(IntakeRefusal) -> Int {
        let root: UnsafeMutablePointer<cJSON>? = withoutNULEscapes(payload).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                guard let base = text.baseAddress else { return nil }
                return cJSON_ParseWithLength(base, text.count)
            }
        }
        guard let root else {
            throw .malformed("not a SenML JSON array of records (not JSON, or JSON nested too deeply)")
        }
        defer { cJSON_Delete(root) }
        guard cJSON_IsArray(root) != 0 else {
            throw .malformed("not a SenML JSON array of records (the top level is not an array)")
        }
        var element = root.pointee.child
        var index = 0
        while let item = element {
            element = item.pointee.next
            guard cJSON_IsObject(item) != 0 else {
                throw .malformed("not a SenML JSON array of records (\(index): expected an object)")
            }
            try body(try wireRecord(item, index: index))
            index += 1
        }
        return index
    }

    /// cJSON returns C strings, which end at a NUL: a string escaping one (`"k\u0000Wh"`) would come back
    /// cut short and pass as a clean name or unit. The escape is replaced by `\u001f`, another control
    /// character of the same length, which every name, unit and text check refuses, as it refused the NUL.
    static func withoutNULEscapes(_ payload: [UInt8]) -> [UInt8] {
        // Nearly every pack has no backslash at all: then it is passed on as it is, not copied.
        guard payload.contains(0x5C) else { return payload }
        let escape: [UInt8] = Array(#"\u0000"#.utf8)
        var out = payload
        var i = 0
        var backslashes = 0
        while i + escape.count <= out.count {
            if out[i] == 0x5C {
                // An even run of backslashes before this one are escaped backslashes; this one starts an escape.
                if backslashes % 2 == 0, out[i..<(i + escape.count)].elementsEqual(escape) {
                    out[i + 4] = 0x31
                    out[i + 5] = 0x66
                    i += escape.count
                    backslashes = 0
                    continue
                }
                backslashes += 1
            } else {
                backslashes = 0
            }
            i += 1
        }
        return out
    }

    private static func wireRecord(_ object: UnsafeMutablePointer<cJSON>, index: Int) throws(IntakeRefusal) -> WireRecord {
        var r = WireRecord()
        var field = object.pointee.child
        while let item = field {
            field = item.pointee.next
            guard let keyPointer = item.pointee.string, cJSON_IsNull(item) == 0 else { continue }
            // Every SenML key this intake knows is 1 to 5 ASCII bytes: told apart from the C string's bytes,
            // without making a Swift string of each key of each record.
            func name() -> String { String(cString: keyPointer) }
            func number() throws(IntakeRefusal) -> Double {
                guard cJSON_IsNumber(item) != 0 else {
                    throw .malformed("not a SenML JSON array of records (\(index).\(name()): expected Double)")
                }
                return item.pointee.valuedouble
            }
            func text() throws(IntakeRefusal) -> String {
                guard cJSON_IsString(item) != 0, let s = item.pointee.valuestring else {
                    throw .malformed("not a SenML JSON array of records (\(index).\(name()): expected String)")
                }
                return String(cString: s)
            }
            switch WireKey(keyPointer) {
            case .bn: r.bn = try text()
            case .bt: r.bt = try number()
            case .bu: r.bu = try text()
            case .bv: r.bv = try number()
            case .bs: r.bs = try number()
            case .n: r.n = try text()
            case .u: r.u = try text()
            case .v: r.v = try number()
            case .s: r.s = try number()
            case .t: r.t = try number()
            case .seq: r.seq = try number()
            case .q: r.q = try text()
            case .cal: r.cal = try text()
            case .fault: r.fault = try text()
            case .m: r.m = try text()
            case nil: continue
            }
        }
        return r
    }
}

/// The SenML keys the intake reads, recognised from a key's NUL-terminated bytes (up to 5, then the NUL), packed
/// into an integer, first byte lowest ("bn" is 0x6E62).
enum WireKey {
    case bn, bt, bu, bv, bs, n, u, v, s, t, seq, q, cal, fault, m

    init?(_ key: UnsafePointer<CChar>) {
        var packed: UInt64 = 0
        for i in 0..<6 {
            let byte = UInt8(bitPattern: key[i])
            if byte == 0 { break }
            guard i < 5 else { return nil }
            packed |= UInt64(byte) << (8 * UInt64(i))
        }
        switch packed {
        case 0x6E62: self = .bn
        case 0x7462: self = .bt
        case 0x7562: self = .bu
        case 0x7662: self = .bv
        case 0x7362: self = .bs
        case 0x6E: self = .n
        case 0x75: self = .u
        case 0x76: self = .v
        case 0x73: self = .s
        case 0x74: self = .t
        case 0x716573: self = .seq
        case 0x71: self = .q
        case 0x6C6163: self = .cal
        case 0x746C756166: self = .fault
        case 0x6D: self = .m
        default: return nil
        }
    }
}
