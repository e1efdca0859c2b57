import FuzzSupport
import CalibrationStore

/// `CalibrationStore.load(directory:)` on a folder holding one calibration file of any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzInput.write(FuzzInput.bytes(data, size), to: "calibration/water-column.yaml")
    _ = try? CalibrationStore.load(directory: FuzzInput.scratch + "/calibration")
    return 0
}
