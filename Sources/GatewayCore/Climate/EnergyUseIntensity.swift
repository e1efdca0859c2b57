extension EnergyUseIntensity {
    /// Σ primary energy / floor area: how buildings of different sizes are compared in the city's plans.
    public init(primaryEnergy: Megajoules, floorArea: SquareMetres) throws(ClimateError) {
        guard floorArea.value > 0 else { throw .nonPositiveFloorArea(floorArea) }
        self.init(primaryEnergy.value / floorArea.value)
    }

    /// Purchased electricity converted with the factor in force for the fiscal year.
    public init(electricity: KilowattHours, floorArea: SquareMetres, year: FiscalYear,
                factors: PrimaryEnergyFactorTable = .energyConservationAct) throws(ClimateError) {
        try self.init(primaryEnergy: factors.primaryEnergy(electricity, in: year), floorArea: floorArea)
    }
}
