import CalibrationStore

/// Loads a directory expecting failure, returning the errors (empty if it loaded, which the caller checks).
func loadErrors(_ directory: String) -> [CalibrationError] {
    do {
        _ = try CalibrationStore.load(directory: directory)
        return []
    } catch {
        return error.errors
    }
}
