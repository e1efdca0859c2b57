import FuzzSupport
import SenML

/// The gateway's resend intake (`<prefix>/<site>/<device>/resend`, from the city): no payload may trap, and
/// an accepted request is one the journal can serve in one pass.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard case .success(let request) = ResendRequest.decode(FuzzInput.bytes(data, size)) else { return 0 }
    if request.spans.isEmpty || request.spans.count > ResendRequest.maximumSpans { FuzzInput.violated("accepted \(request.spans.count) spans") }
    if request.spans.contains(where: { $0.from > $0.to }) { FuzzInput.violated("accepted an empty span") }
    if request.readingCount > ResendRequest.maximumReadings { FuzzInput.violated("accepted \(request.readingCount) readings") }
    return 0
}
