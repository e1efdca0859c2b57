import AggregatorKit
import FuzzSupport

/// `CityFileReader.load` on any bytes as a city file: it may refuse the file with errors, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let city = FuzzInput.write(FuzzInput.bytes(data, size), to: "city.yaml")
    _ = try? CityFileReader.load(city)
    return 0
}
