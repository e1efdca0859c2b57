// CalibrationStore
