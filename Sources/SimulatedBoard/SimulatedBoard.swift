// SimulatedBoard
