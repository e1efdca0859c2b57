import CcJSON

/// A flat JSON object read with cJSON (manifests and the update's own records): strings and numbers by key.
public struct JSONObject: Sendable {
    public private(set) var strings: [String: String] = [:]
    public private(set) var numbers: [String: Double] = [:]

    /// Nil unless `bytes` is one JSON object.
    public init?(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return nil }
        let parsed: UnsafeMutablePointer<cJSON>? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cJSON_ParseWithLength($0, buffer.count)
            }
        }
        guard let root = parsed else { return nil }
        defer { cJSON_Delete(root) }
        guard cJSON_IsObject(root) != 0 else { return nil }
        var item = root.pointee.child
        while let current = item {
            if let name = current.pointee.string {
                let key = String(cString: name)
                if cJSON_IsString(current) != 0, let value = current.pointee.valuestring {
                    strings[key] = String(cString: value)
                } else if cJSON_IsNumber(current) != 0 {
                    numbers[key] = current.pointee.valuedouble
                }
            }
            item = current.pointee.next
        }
    }

    public func integer(_ key: String) -> Int64? {
        guard let n = numbers[key], n.isFinite, n >= -9.0e15, n <= 9.0e15 else { return nil }
        return Int64(n)
    }
}
