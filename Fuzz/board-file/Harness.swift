import Foundation
import FuzzSupport
import SiteConfig

/// `SiteLoader.load(siteFile:)` with a shipped site file and any bytes as its board file.
let siteFile = try! Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Board/sites/kumamoto-well-07.yaml").standardizedFileURL)
let site = FuzzInput.write(Array(siteFile), to: "sites/kumamoto-well-07.yaml")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzInput.write(FuzzInput.bytes(data, size), to: "rpi4-sgw.yaml")
    _ = try? SiteLoader.load(siteFile: site)
    return 0
}
