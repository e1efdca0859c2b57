import Foundation

extension BoardStatus {
    /// The status as either store keeps it (`device.status_json`): JSON with sorted keys.
    func storedJSON() throws(AggregatorError) -> String {
        do {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys]
            return String(decoding: try e.encode(self), as: UTF8.self)
        } catch {
            throw AggregatorError("cannot encode the status of \(device): \(error)")
        }
    }
}
