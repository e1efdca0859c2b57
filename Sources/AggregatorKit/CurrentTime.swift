import Foundation
import GatewayCore

extension UnixTime {
    /// The city server's wall clock: where "now" ends the period a report measures completeness over.
    public static var current: UnixTime { UnixTime(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))) }
}
