import BoardLog

/// What the publisher's state machine asks its thread to do. The thread carries each one out and reports
/// the outcome back as an event; the machine itself never touches the network, the journal or a clock.
enum PublisherAction: Equatable {
    /// Open the connection and send CONNECT now; the CONNACK (or a failure) comes back as an event.
    case connect
    /// Publish the retained "online" status.
    case publishStatus
    /// Subscribe to the resend topic (kept in a persistent session, but repeating it costs nothing).
    case subscribeResend
    /// Read up to `limit` unsent rows journaled after `after` (live readings, no upper bound).
    case readLive(after: Int64, limit: Int)
    /// Read up to `limit` unsent rows in `after+1 ... through` (the backlog from before the connection).
    case readBacklog(after: Int64, through: Int64, limit: Int)
    /// Encode these rows (just read) as one SenML pack and publish it at QoS 1.
    case publishPack(PackPlan)
    /// The broker accepted these rows (PUBACK): record them as sent in the journal.
    case markSent(rowIDs: [Int64])
    /// Tell the technician (journald): outages, refusals, resend requests.
    case report(LogPriority, String)
    /// Stopping: publish the retained "offline" status, wait briefly for its PUBACK, disconnect cleanly.
    case sayGoodbye
    /// Nothing to do until the monotonic clock reaches this instant (nanoseconds), or until an event wakes
    /// the thread (a commit, a packet from the broker, a stop request). Nil: only an event can.
    case sleep(untilNanoseconds: Int64?)
    /// The thread may end.
    case finish
}

/// Rows read for one pack, and how far the read moved the cursor of its part of the journal. Rows of the
/// backlog that are still in flight from before a resumed session are left out of `rowIDs`, yet the cursor
/// moves past them.
struct PackPlan: Equatable {
    enum Part: Equatable { case live, backlog }
    var part: Part
    var rowIDs: [Int64]
    var cursorAfter: Int64
}
