/// True when `a` and `b` agree within `tolerance` (absolute). Vectors in the brief are printed to a fixed
/// number of decimals, so each test states the tolerance its vector was printed to.
func approximately(_ a: Double, _ b: Double, within tolerance: Double) -> Bool {
    abs(a - b) <= tolerance
}
