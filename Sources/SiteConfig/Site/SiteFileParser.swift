import GatewayCore
import YAMLReader

/// Reads a site file and the board file it names, reporting problems in either file against that file.
struct SiteFileParser {
    static let topKeys = ["site", "device", "board", "board-file", "mqtt", "channels", "recharge", "heat"]
    /// PATH_MAX on Linux, in characters.
    static let longestPath = 4096

    let siteFile: YAMLFile
    let site: Diagnostics

    struct Outcome {
        var site: Site?
        var boardFile: YAMLFile?
        /// Problems in the board file (problems in the site file go to the parser's `site` diagnostics).
        var boardErrors: [SiteConfigError] = []
        /// Problems in the board file beyond the ones kept in `boardErrors`.
        var boardNotKept = 0
    }

    init(siteFile: YAMLFile) {
        self.siteFile = siteFile
        self.site = Diagnostics(file: siteFile.path)
    }

    func parse() -> Outcome {
        guard let top = TopLevel.reader(siteFile.root, of: "site", keys: Self.topKeys, diagnostics: site)
        else { return Outcome() }
        let header = top.mapping("site").flatMap(SiteHeaderParser.parse)
        let device = top.identifier("device")
        let (definition, boardFile, boardErrors, boardNotKept) = loadBoard(top)
        let topicPrefix = top.has("mqtt") ? top.mapping("mqtt").flatMap(parseMQTT) : TopicPrefix.standard
        let channels = parseChannels(top, board: BoardReferences(board: definition))
        let heat = top.has("heat") ? parseHeat(top, channels: channels ?? []) : []
        let recharge = top.has("recharge") ? top.mapping("recharge").flatMap { parseRecharge($0, kind: header?.kind) } : nil
        top.reportUnknownKeys(allowed: Self.topKeys)
        guard let header, let device, let definition, let topicPrefix, let channels,
              site.isEmpty, boardErrors.isEmpty, !top.has("recharge") || recharge != nil, let heat
        else { return Outcome(boardFile: boardFile, boardErrors: boardErrors, boardNotKept: boardNotKept) }
        let result = Site(id: header.id, kind: header.kind, municipality: header.municipality,
                          location: header.location, device: DeviceID(device), board: definition,
                          topicPrefix: topicPrefix, channels: channels, recharge: recharge, heatMeters: heat)
        return Outcome(site: result, boardFile: boardFile)
    }

    /// The board definition, or nil when the board file is missing or wrong (reported against the file at fault).
    private func loadBoard(_ top: MappingReader) -> (BoardDefinition?, YAMLFile?, [SiteConfigError], Int) {
        let name = top.identifier("board")
        let explicitPath = top.text("board-file", required: false, longest: Self.longestPath)
        guard let name, !(top.has("board-file") && explicitPath == nil) else { return (nil, nil, [], 0) }
        let path = BoardFileLocation.path(siteFile: siteFile.path, board: name, boardFile: explicitPath)
        guard FileBytes.exists(path) else {
            // A missing board file is the site file's mistake: point at the line that names it.
            top.reportValue(of: explicitPath == nil ? "board" : "board-file", "board file \(path) not found")
            return (nil, nil, [], 0)
        }
        let file: YAMLFile
        switch YAMLFile.read(path) {
        case .success(let read): file = read
        case .failure(let error): return (nil, nil, [error], 0)
        }
        let diagnostics = Diagnostics(file: path)
        guard let definition = BoardFileParser.parse(file, diagnostics: diagnostics) else {
            return (nil, file, diagnostics.errors, diagnostics.notKept)
        }
        guard definition.name == name else {
            top.reportValue(of: "board", "the site asks for board \(name) but \(path) describes board \(definition.name)")
            return (nil, file, [], 0)
        }
        return (definition, file, [], 0)
    }

    private func parseRecharge(_ block: MappingReader, kind: SiteKind?) -> PaddyRechargeSettings? {
        let area = block.number("area-m2")
        let evaporation = block.number("evaporation-mm-per-day")
        let minimum = block.has("flooded-depth-min-m") ? block.number("flooded-depth-min-m") : 0.02
        block.reportUnknownKeys(allowed: ["area-m2", "evaporation-mm-per-day", "flooded-depth-min-m"])
        if let kind, kind != .rechargePaddy {
            block.report("a recharge section belongs to a recharge-paddy site, not a \(kind.rawValue) site")
            return nil
        }
        if let area, area <= 0 { block.reportValue(of: "area-m2", "the flooded area must be positive, not \(area) m²") }
        if let area, area > PlausibleBounds.largestAreaSquareMetres {
            block.reportValue(of: "area-m2", "\(plain(area)) m² is larger than a paddy can be "
                              + "(at most \(plain(PlausibleBounds.largestAreaSquareMetres)) m², 100 km²)")
        }
        if let evaporation, evaporation < 0 || evaporation > 20 {
            block.reportValue(of: "evaporation-mm-per-day", "\(evaporation) mm/day is not a plausible evaporation (0–20)")
        }
        if let minimum, minimum < 0 || minimum > 1 {
            block.reportValue(of: "flooded-depth-min-m", "\(minimum) m is not a plausible minimum ponded depth (0–1 m)")
        }
        guard let area, let evaporation, let minimum, area > 0, area <= PlausibleBounds.largestAreaSquareMetres, (0...20).contains(evaporation), (0...1).contains(minimum)
        else { return nil }
        return PaddyRechargeSettings(area: SquareMetres(area), evaporationPerDay: Millimetres(evaporation),
                                     minimumFloodedDepth: Metres(minimum))
    }

    /// Heat meters refer to channels by id; each reference must name a channel of the right quantity.
    private func parseHeat(_ top: MappingReader, channels: [ChannelSpec]) -> [HeatMeterSpec]? {
        guard let (entry, items) = top.list("heat") else { return nil }
        guard items.count <= PlausibleBounds.mostChannels else {
            top.report("\(items.count) heat meters is more than one gateway computes; at most "
                       + "\(PlausibleBounds.mostChannels) are allowed", about: entry)
            return nil
        }
        let path = top.path.child("heat")
        var meters: [HeatMeterSpec] = []
        for (index, node) in items.enumerated() {
            guard let block = MappingReader.make(node, path: path.index(index), at: nil, diagnostics: site) else { continue }
            func reference(_ key: String, _ quantity: QuantityKind) -> ChannelID? {
                guard let id = block.identifier(key) else { return nil }
                guard let channel = channels.first(where: { $0.id.rawValue == id }) else {
                    if !channels.isEmpty { block.reportValue(of: key, "no channel \"\(id)\" in this site") }
                    return nil
                }
                guard channel.quantity == quantity else {
                    block.reportValue(of: key, "channel \(id) measures \(channel.quantity.rawValue), not \(quantity.rawValue)")
                    return nil
                }
                return channel.id
            }
            let id = block.identifier("id")
            let flow = reference("flow", .volume)
            let supply = reference("supply", .temperature)
            let ret = reference("return", .temperature)
            let pipe = block.choice("meter-pipe", MeterPipe.self, what: "meter pipe")
            let circuit = block.choice("circuit", HeatCircuit.self, what: "circuit")
            block.reportUnknownKeys(allowed: ["id", "flow", "supply", "return", "meter-pipe", "circuit"])
            if let id, channels.contains(where: { $0.id.rawValue == id }) {
                block.reportValue(of: "id", "\"\(id)\" is already a channel id; a heat meter publishes under its own id")
                continue
            }
            guard let id, let flow, let supply, let ret, let pipe, let circuit else { continue }
            meters.append(HeatMeterSpec(id: ChannelID(id), flow: flow, supply: supply, returnTemperature: ret,
                                        meterPipe: pipe, circuit: circuit))
        }
        return meters.count == items.count ? meters : nil
    }

    private func parseMQTT(_ block: MappingReader) -> String? {
        let prefix = block.has("topic-prefix") ? block.text("topic-prefix") : TopicPrefix.standard
        block.reportUnknownKeys(allowed: ["topic-prefix"])
        if let prefix, let problem = TopicPrefix.problem(prefix) {
            block.reportValue(of: "topic-prefix", problem)
            return nil
        }
        return prefix
    }

    private func parseChannels(_ top: MappingReader, board: BoardReferences) -> [ChannelSpec]? {
        guard let (entry, items) = top.list("channels") else { return nil }
        guard !items.isEmpty else {
            top.report("a site needs at least one channel", about: entry)
            return nil
        }
        guard items.count <= PlausibleBounds.mostChannels else {
            top.report("\(items.count) channels is more than one gateway samples; at most "
                       + "\(PlausibleBounds.mostChannels) are allowed", about: entry)
            return nil
        }
        let path = top.path.child("channels")
        let parsed = items.enumerated().compactMap { index, node in
            ChannelParser.parse(node, path: path.index(index), board: board, diagnostics: site)
        }
        ChannelSetChecks.check(parsed)
        let specs = parsed.compactMap { $0.spec }
        return specs.count == items.count ? specs : nil
    }
}
