/// Whether something outside the gateway (chrony, systemd-timesyncd, a GNSS receiver feeding one of them) has
/// set and disciplines the wall clock. Class-bound so board code can hold "some source" as a value in Embedded
/// Swift; tests hand the sampling loop one whose answer they choose.
protocol ClockSynchronisationSource: AnyObject, Sendable {
    /// False while the clock's time is not vouched for.
    func isSynchronised() -> Bool
}
