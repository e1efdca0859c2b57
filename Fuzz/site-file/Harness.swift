import Foundation
import FuzzSupport
import SiteConfig

/// `SiteLoader.load(siteFile:)` on any bytes as a site file, beside the shipped board file: it may refuse the
/// file with errors, never trap.
let boardFile = try! Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Board/rpi4-sgw.yaml").standardizedFileURL)
let placed = FuzzInput.write(Array(boardFile), to: "rpi4-sgw.yaml")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = placed
    let site = FuzzInput.write(FuzzInput.bytes(data, size), to: "sites/site.yaml")
    _ = try? SiteLoader.load(siteFile: site)
    return 0
}
