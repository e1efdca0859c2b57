import AggregatorKit
import FuzzSupport

/// The aggregator's status intake: no payload may trap, and an accepted status describes only the board
/// whose topic it came on, with every channel within bounds.
let board = BoardTopic(site: "sapporo-cityhall", device: "sapporo-cityhall-gw1", kind: .status,
                       topic: "sgw/sapporo-cityhall/sapporo-cityhall-gw1/status")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let status = try? StatusIntake.decode(FuzzInput.bytes(data, size), from: board) else { return 0 }
    if status.device != board.device || status.site != board.site { FuzzInput.violated("accepted another board's status") }
    for c in status.channels ?? [] {
        if !IntakeName.isID(c.id) || !IntakeName.isUnit(c.unit) { FuzzInput.violated("accepted a channel name or unit out of bounds") }
        if !c.intervalSeconds.isFinite || c.intervalSeconds < 0 { FuzzInput.violated("accepted interval \(c.intervalSeconds)") }
    }
    return 0
}
