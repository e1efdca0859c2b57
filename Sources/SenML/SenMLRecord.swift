/// One SenML record (RFC 8428 §4) as it appears on the wire, with the extension fields this project adds.
/// Extensions are not must-understand (no trailing underscore): a plain SenML consumer may ignore them.
///   `seq`   per-(device, channel) sequence number, for dedupe and gap detection
///   `q`     quality when not good ("clock-unsync", "fault")
///   `cal`   id of the calibration record that produced the value
///   `fault` why the sensor gave no value
///   `mono`  CLOCK_MONOTONIC nanoseconds at sampling, and `boot` the boot it counts from
///   `m`     for derived quantities, the method and parameters that produced the value
///
/// The board writes packs straight from readings (`SenMLPack.encode`); this type is the record as a reader
/// sees it (the aggregator decodes into it).
public struct SenMLRecord: Equatable, Sendable {
    public var bn: String?
    public var bt: Double?
    public var bu: String?
    public var bver: Int?
    public var n: String?
    public var u: String?
    public var v: Double?
    public var vs: String?
    public var vb: Bool?
    public var s: Double?
    public var t: Double?
    public var seq: UInt64?
    public var q: String?
    public var cal: String?
    public var fault: String?
    public var m: String?
    public var mono: UInt64?
    public var boot: String?

    public init(bn: String? = nil, bt: Double? = nil, bu: String? = nil, bver: Int? = nil, n: String? = nil,
                u: String? = nil, v: Double? = nil, vs: String? = nil, vb: Bool? = nil, s: Double? = nil,
                t: Double? = nil, seq: UInt64? = nil, q: String? = nil, cal: String? = nil, fault: String? = nil,
                m: String? = nil) {
        self.bn = bn; self.bt = bt; self.bu = bu; self.bver = bver; self.n = n; self.u = u; self.v = v
        self.vs = vs; self.vb = vb; self.s = s; self.t = t; self.seq = seq; self.q = q; self.cal = cal
        self.fault = fault
        self.m = m
    }
}
