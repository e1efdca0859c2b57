/// The VT and CT of a Japanese high-voltage meter. The meter reads the transformers' secondary side, so its
/// register times the multiplier (乗率 = VT ratio × CT ratio) is the energy actually drawn.
public struct InstrumentTransformers: Hashable, Sendable {
    public var primaryVolts: Double, secondaryVolts: Double
    public var primaryAmperes: Double, secondaryAmperes: Double

    public init(vt: (primary: Double, secondary: Double), ct: (primary: Double, secondary: Double)) {
        primaryVolts = vt.primary
        secondaryVolts = vt.secondary
        primaryAmperes = ct.primary
        secondaryAmperes = ct.secondary
    }

    /// 6600/110 V and 200/5 A → 60 × 40 = 2400.
    public var multiplier: Double { (primaryVolts / secondaryVolts) * (primaryAmperes / secondaryAmperes) }
}
