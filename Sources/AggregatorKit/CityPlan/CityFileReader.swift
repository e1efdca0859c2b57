import GatewayCore
import YAMLReader

/// Reads a city file (`Deploy/cities/<city>.yaml`) strictly: unknown keys, wrong kinds, missing keys,
/// references to sites or factor series the file does not define, and targets that do not improve on their
/// base are all reported at once, with line and column.
public enum CityFileReader {
    static let largestBytes = 1 << 20

    public static func load(_ path: String) throws(CityFileError) -> CityPlan {
        let checks = Checks(file: path)
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limitBytes: largestBytes)
        } catch {
            checks.report("file cannot be read (\(error)); check the path given to --city", at: nil, path: "")
            throw checks.failure
        }
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(bytes)
        } catch {
            checks.report(describe(error).0, at: describe(error).1, path: "")
            throw checks.failure
        }
        guard let root, let top = checks.mapping(root, path: "") else {
            if checks.problems.isEmpty { checks.report("file is empty", at: nil, path: "") }
            throw checks.failure
        }
        let plan = read(top, checks: checks)
        guard checks.problems.isEmpty, let plan else { throw checks.failure }
        return plan
    }

    private static func describe(_ error: YAMLReadError) -> (String, YAMLMark?) {
        switch error {
        case let .syntax(problem, mark, context, contextMark):
            ("not valid YAML: \(problem)" + (context.map { " (\($0) at line \(contextMark?.line ?? 0))" } ?? ""), mark)
        case let .duplicateKeys(keys, mark): ("key \(keys.joined(separator: ", ")) appears twice in the same block; keep one", mark)
        case let .undefinedAlias(name, mark): ("not valid YAML: found undefined alias \(name)", mark)
        case let .severalDocuments(mark): ("not valid YAML: a second document starts here; a city file holds one", mark)
        case .notUTF8: ("file is not UTF-8 text (save it as UTF-8)", nil)
        case let .notText(problem, offset): ("file is not a text file (\(problem), at byte \(offset)); is this the right file?", nil)
        case let .tooComplex(what, mark): ("not valid YAML: \(what)", mark)
        }
    }

    private static func read(_ top: Block, checks: Checks) -> CityPlan? {
        let city = top.block("city")
        let id = city?.identifier("id"), name = city?.text("name"), planName = city?.text("plan")
        city?.finish()

        var sites: [PlanSite] = []
        for item in top.list("sites") {
            guard let s = item.block else { continue }
            let facility = s.choice("facility", PlanSite.Facility.self)
            let site = PlanSite(
                id: s.identifier("id") ?? "", facility: facility ?? .building, name: s.text("name", required: false),
                paddyArea: s.positive("paddy-area-m2").map(SquareMetres.init),
                floorArea: s.positive("floor-area-m2").map(SquareMetres.init),
                publicBuilding: s.flag("public-building"), disasterBase: s.flag("disaster-base"),
                pvCapacityKW: s.positive("pv-capacity-kw"),
                floodedDepthMinimum: s.positive("flooded-depth-min-m").map(Metres.init),
                seasonCapDays: s.positive("season-cap-days").map { Int($0) })
            if sites.contains(where: { $0.id == site.id }) { s.complain(about: "id", "site \(site.id) is listed twice") }
            if site.facility == .rechargePaddy, site.paddyArea == nil { s.complain("a recharge-paddy site needs paddy-area-m2") }
            s.finish()
            sites.append(site)
        }

        var series: [EmissionFactorSeries] = []
        for item in top.list("emission-factors", required: false) {
            guard let f = item.block else { continue }
            let energy = f.choice("energy", FactorEnergy.self) ?? .electricity
            var one = EmissionFactorSeries(id: f.identifier("id") ?? "", energy: energy, supplier: f.text("supplier") ?? "",
                                           versions: [])
            for v in f.list("versions") {
                guard let vb = v.block else { continue }
                var version = EmissionFactorVersion(
                    version: vb.text("version") ?? "", source: vb.text("source") ?? "",
                    published: vb.date("published") ?? CivilDate(year: 2000, month: 1, day: 1),
                    appliesFrom: FiscalYear(vb.year("applies-from") ?? 2000), spans: [])
                for s in vb.list("factors") {
                    guard let sb = s.block else { continue }
                    let from = sb.year("from"), to = sb.year("to"), factor = sb.positive(energy.key, required: true)
                    sb.finish()
                    guard let from, let to, let factor else { continue }
                    if to < from { sb.complain(about: "to", "span ends (FY\(to)) before it starts (FY\(from))") }
                    if version.spans.contains(where: { $0.from.startYear <= to && from <= $0.to.startYear }) {
                        sb.complain(about: "from", "FY\(from)–FY\(to) overlaps another span of version \(version.version)")
                    }
                    version.spans.append(FactorSpan(from: FiscalYear(from), to: FiscalYear(to), kgCO2PerUnit: factor))
                }
                if one.versions.contains(where: { $0.appliesFrom == version.appliesFrom }) {
                    vb.complain(about: "applies-from", "two versions of \(one.id) apply from \(version.appliesFrom); a later version applies from a later year")
                }
                vb.finish()
                one.versions.append(version)
            }
            one.versions.sort { $0.appliesFrom < $1.appliesFrom }
            f.finish()
            series.append(one)
        }

        var kpis: [PlanKPI] = []
        for item in top.list("kpis") {
            guard let k = item.block else { continue }
            let method = k.choice("method", KPIMethod.self)
            let unit = k.text("unit") ?? ""
            if let method, !unit.isEmpty, unit != method.unit {
                k.complain(about: "unit", "\(method.rawValue) gives \(method.unit), not \(unit); write unit: \(method.unit)")
            }
            let direction = k.choice("direction", KPIDirection.self) ?? .higherIsBetter
            let base = k.figure("base"), target = k.figure("target")
            if let base, let target {
                do {
                    _ = try KPITarget<KPIValue>(baseline: .init(base.value), baselineYear: FiscalYear(base.year),
                                                target: .init(target.value), targetYear: FiscalYear(target.year), direction: direction)
                } catch {
                    let way = direction == .higherIsBetter ? "above" : "below"
                    k.complain(about: "target", "target \(plainNumber(target.value)) (FY\(target.year)) must be \(way) the base \(plainNumber(base.value)) (FY\(base.year)) of a \(direction.rawValue) KPI, and later")
                }
            } else if (base == nil) != (target == nil) {
                k.complain("give both base and target, or neither (a count the plan only tracks)")
            }
            var feeds: [KPIFeed] = []
            for f in k.list("feeds", required: method != .publicBuildingsWithPV) {
                guard let fb = f.block else { continue }
                let feed = KPIFeed(site: fb.identifier("site") ?? "", channel: fb.identifier("channel") ?? "",
                                   role: fb.choice("role", FeedRole.self) ?? .volume,
                                   factors: fb.identifier("factors", required: method == .co2))
                if !feed.site.isEmpty, !sites.contains(where: { $0.id == feed.site }) {
                    fb.complain(about: "site", "no site \(feed.site) under sites: (known: \(sites.map(\.id).joined(separator: ", ")))")
                }
                if let f = feed.factors, !series.contains(where: { $0.id == f }) {
                    fb.complain(about: "factors", "no emission-factors series \(f) (known: \(series.map(\.id).joined(separator: ", ")))")
                }
                if method == .co2, let f = feed.factors, let s = series.first(where: { $0.id == f }),
                   (s.energy == .heat) != (feed.role == .heat) {
                    fb.complain(about: "role", "a \(feed.role.rawValue) feed converted by \(s.energy.rawValue) factors \(f)")
                }
                fb.finish()
                feeds.append(feed)
            }
            let kpi = PlanKPI(id: k.identifier("id") ?? "", title: k.text("title") ?? "", method: method ?? .energyTotal,
                              unit: unit, direction: direction, base: base, target: target,
                              factorBaseYear: k.optionalYear("factor-base-year") ?? base?.year, feeds: feeds)
            if kpis.contains(where: { $0.id == kpi.id }) { k.complain(about: "id", "KPI \(kpi.id) is listed twice") }
            k.finish()
            kpis.append(kpi)
        }
        top.finish()
        guard let id, let name, let planName else { return nil }
        return CityPlan(file: checks.file, id: id, name: name, plan: planName, sites: sites, emissionFactors: series, kpis: kpis)
    }
}

/// A KPI's figure in the plan's own unit (万m³, t-CO₂, MWh, a count): the unit is the KPI's, checked against
/// its method when the file is read.
public enum KPIValueUnit: PhysicalUnit { public static let senmlSymbol = "kpi" }
public typealias KPIValue = KPIValueUnit

/// Collects problems for one file.
final class Checks {
    let file: String
    private(set) var problems: [SourceLocation.Problem] = []
    init(file: String) { self.file = file }

    func report(_ message: String, at mark: YAMLMark?, path: String) {
        guard problems.count < 200 else { return }
        problems.append(.init(location: SourceLocation(file: file, line: mark?.line, column: mark?.column, keyPath: path),
                              message: message))
    }

    var failure: CityFileError {
        CityFileError(problems: problems.sorted { ($0.location.line ?? 0, $0.location.column ?? 0) < ($1.location.line ?? 0, $1.location.column ?? 0) })
    }

    func mapping(_ node: YAMLNode, path: String) -> Block? {
        guard let pairs = node.pairs else {
            report("expected a block of keys", at: node.mark, path: path)
            return nil
        }
        return Block(node: node, pairs: pairs, path: path, checks: self)
    }
}

/// One mapping of a city file, remembering which keys were read so the rest can be refused.
final class Block {
    let node: YAMLNode
    let pairs: [YAMLPair]
    let path: String
    let checks: Checks
    private var asked: [String] = []

    init(node: YAMLNode, pairs: [YAMLPair], path: String, checks: Checks) {
        self.node = node
        self.pairs = pairs
        self.path = path
        self.checks = checks
    }

    private func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private func value(_ key: String, required: Bool) -> YAMLNode? {
        asked.append(key)
        if let pair = pairs.first(where: { $0.key.scalar?.text == key }), !pair.value.isNull { return pair.value }
        if required { complain("missing required key \"\(key)\"") }
        return nil
    }

    func complain(_ message: String) { checks.report(message, at: node.mark, path: path) }

    func complain(about key: String, _ message: String) {
        let mark = pairs.first(where: { $0.key.scalar?.text == key })?.key.mark ?? node.mark
        checks.report(message, at: mark, path: child(key))
    }

    private func wrong(_ key: String, _ node: YAMLNode, _ expected: String) -> Void {
        checks.report("expected \(expected), found \(node.scalar.map { "\"\($0.text)\"" } ?? "a block or list")",
                      at: node.mark, path: child(key))
    }

    func text(_ key: String, required: Bool = true) -> String? {
        guard let v = value(key, required: required) else { return nil }
        guard let s = v.scalar, s.type == .string || s.style != .plain || s.type == .int || s.type == .float else {
            wrong(key, v, "text"); return nil
        }
        return s.text
    }

    func identifier(_ key: String, required: Bool = true) -> String? {
        guard let v = value(key, required: required) else { return nil }
        guard let s = v.scalar?.text, !s.isEmpty, s.count <= 64,
              s.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) else {
            wrong(key, v, "an id (lower-case letters, digits, - and _)"); return nil
        }
        return s
    }

    func number(_ key: String, required: Bool = false) -> Double? {
        guard let v = value(key, required: required) else { return nil }
        guard let d = v.scalar?.double, d.isFinite else { wrong(key, v, "a number"); return nil }
        return d
    }

    func positive(_ key: String, required: Bool = false) -> Double? {
        guard let d = number(key, required: required) else { return nil }
        guard d > 0 else { complain(about: key, "must be above 0, found \(d)"); return nil }
        return d
    }

    func year(_ key: String) -> Int? {
        guard let v = value(key, required: true) else { return nil }
        guard let y = v.scalar?.int, (1990...2100).contains(y) else { wrong(key, v, "a fiscal year from 1990 to 2100"); return nil }
        return y
    }

    func optionalYear(_ key: String) -> Int? {
        guard pairs.contains(where: { $0.key.scalar?.text == key }) else { asked.append(key); return nil }
        return year(key)
    }

    func flag(_ key: String) -> Bool {
        guard let v = value(key, required: false) else { return false }
        guard let s = v.scalar, s.type == .bool else { wrong(key, v, "true or false"); return false }
        return ["true", "yes", "on", "y"].contains(s.text.lowercased())
    }

    func date(_ key: String) -> CivilDate? {
        guard let v = value(key, required: true) else { return nil }
        let parts = (v.scalar?.text ?? "").split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1990...2100).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            wrong(key, v, "a date as YYYY-MM-DD"); return nil
        }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2])
    }

    func choice<C: RawRepresentable & CaseIterable>(_ key: String, _: C.Type) -> C? where C.RawValue == String {
        guard let v = value(key, required: true) else { return nil }
        guard let c = v.scalar.flatMap({ C(rawValue: $0.text) }) else {
            wrong(key, v, "one of " + C.allCases.map(\.rawValue).joined(separator: ", ")); return nil
        }
        return c
    }

    func figure(_ key: String) -> PlanFigure? {
        guard let v = value(key, required: false), let b = checks.mapping(v, path: child(key)) else { return nil }
        let year = b.year("year"), value = b.number("value", required: true)
        b.finish()
        guard let year, let value else { return nil }
        return PlanFigure(year: year, value: value)
    }

    func block(_ key: String) -> Block? {
        guard let v = value(key, required: true) else { return nil }
        return checks.mapping(v, path: child(key))
    }

    struct Item { let block: Block? }

    func list(_ key: String, required: Bool = true) -> [Item] {
        guard let v = value(key, required: required) else { return [] }
        guard let items = v.items else { wrong(key, v, "a list (lines starting with - )"); return [] }
        return items.enumerated().map { i, node in Item(block: checks.mapping(node, path: child(key) + "[\(i)]")) }
    }

    /// Refuses every key nobody read: a misspelt `floor-area` must fail, not fall back to nothing.
    func finish() {
        for pair in pairs {
            let key = pair.key.scalar?.text ?? ""
            guard !asked.contains(key) else { continue }
            checks.report("unknown key \"\(key)\" (allowed here: \(Set(asked).sorted().joined(separator: ", ")))", at: pair.key.mark, path: child(key))
        }
    }
}
