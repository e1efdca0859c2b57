import GatewayCore
import YAMLReader

// Typed reads. Each returns nil after reporting when the value is missing or of the wrong kind, so the caller
// can carry on and find the next problem in the same pass.
extension MappingReader {
    /// `longest` is in characters; names, paths and descriptions longer than that are mistakes or attacks.
    func text(_ key: String, required: Bool = true, longest: Int = PlausibleBounds.longestText) -> String? {
        guard let entry = entry(key, required: required) else { return nil }
        guard let scalar = entry.value.scalar, !entry.value.isNothing else {
            report("expected a text value, found \(entry.value.shownAs)", about: entry)
            return nil
        }
        let length = scalar.text.count
        guard length <= longest else {
            report("the text is \(length) characters long; at most \(longest) are allowed here", about: entry)
            return nil
        }
        // The text exactly as written: YAML's guess that `no` is a boolean must not rewrite a description.
        return scalar.text
    }

    /// An id that ends up in MQTT topics and SenML names.
    func identifier(_ key: String, required: Bool = true) -> String? {
        guard let value = text(key, required: required), let entry = entry(key, required: false) else { return nil }
        guard Identifier.isValid(value) else {
            report("\(quotedForMessage(value)) is not a valid id: use lower-case letters, digits, \"-\" and \"_\", "
                   + "starting with a letter or digit, at most 64 characters", about: entry)
            return nil
        }
        return value
    }

    func number(_ key: String, required: Bool = true) -> Double? {
        guard let entry = entry(key, required: required) else { return nil }
        // Quoted numbers are text in YAML; accepting them would hide a typo such as "4,096".
        guard let scalar = entry.value.scalar, scalar.style == .plain,
              let value = scalar.int.map(Double.init) ?? scalar.double, value.isFinite else {
            report("expected a number, found \(entry.value.shownAs)", about: entry)
            return nil
        }
        return value
    }

    func integer(_ key: String, required: Bool = true) -> Int? {
        guard let entry = entry(key, required: required) else { return nil }
        guard let scalar = entry.value.scalar, scalar.style == .plain, let value = scalar.int else {
            report("expected a whole number, found \(entry.value.shownAs)", about: entry)
            return nil
        }
        return value
    }

    /// One of a fixed set of words; `what` names the set in the message ("driver", "site kind").
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _: Choice.Type, what: String,
                                                         required: Bool = true) -> Choice?
    where Choice.RawValue == String {
        guard let value = text(key, required: required), let entry = entry(key, required: false) else { return nil }
        guard let choice = Choice(rawValue: value) else {
            let known = Choice.allCases.map { $0.rawValue }.joined(separator: ", ")
            report("unknown \(what) \(quotedForMessage(value)) (known: \(known))", about: entry)
            return nil
        }
        return choice
    }

    /// A time span written with its unit (`500ms`, `15s`, `5m`, `1h`), in seconds.
    func duration(_ key: String, required: Bool = true) -> Double? {
        guard let entry = entry(key, required: required) else { return nil }
        guard let scalar = entry.value.scalar, !entry.value.isNothing,
              let seconds = DurationText.seconds(scalar.text) else {
            report("expected a time with its unit such as 500ms, 15s, 5m or 1h, found \(entry.value.shownAs)",
                   about: entry)
            return nil
        }
        return seconds
    }

    func mapping(_ key: String, required: Bool = true) -> MappingReader? {
        guard let entry = entry(key, required: required) else { return nil }
        return MappingReader.make(entry.value, path: path.child(key), at: entry.keyMark, diagnostics: diagnostics)
    }

    func list(_ key: String, required: Bool = true) -> (entry: Entry, items: [YAMLNode])? {
        guard let entry = entry(key, required: required) else { return nil }
        guard let items = entry.value.items else {
            report("expected a list (lines starting with \"- \"), found \(entry.value.shownAs)", about: entry)
            return nil
        }
        return (entry, items)
    }
}
