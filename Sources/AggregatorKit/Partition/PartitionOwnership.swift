import Glibc
import Logging
import Synchronization

/// The exclusive lock an instance takes for its partition before it connects to the broker, so one instance at a
/// time stores a partition's boards and a standby started with the same `--partition K/N` waits, then takes over
/// when the owner stops or dies. PostgreSQL: a session advisory lock on the store's connection (`PostgresStore.own`).
/// SQLite: `flock` on the sidecar file `<database>.partition-K-of-N.lock`, which the kernel releases with the
/// process; SQLite has one writer whatever happens, so there partitions only keep instances from asking the
/// same boards twice.
public enum PartitionOwnership {
    /// Tries every half second until the lock is held (true) or `stop` is set (false).
    public static func take(_ partition: BoardPartition, of store: any CityStore, log: Logger,
                            until stop: borrowing Atomic<Bool>) throws(AggregatorError) -> Bool {
        var waiting = false
        while !stop.load(ordering: .relaxed) {
            if try tryTake(partition, of: store) {
                log.notice("owns partition \(partition) of the boards in \(store.location)")
                return true
            }
            if !waiting {
                log.notice("waiting for partition \(partition): another instance owns it; this one takes over when it stops")
                waiting = true
            }
            usleep(500_000)
        }
        return false
    }

    /// One try, without waiting.
    public static func tryTake(_ partition: BoardPartition, of store: any CityStore) throws(AggregatorError) -> Bool {
        if let postgres = store as? PostgresStore { return try postgres.own(partition) }
        let path = "\(store.location).partition-\(partition.index)-of-\(partition.count).lock"
        if held.withLock({ $0[path] != nil }) { return true }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw AggregatorError("cannot open the partition lock \(path): \(String(cString: strerror(errno))). The aggregator needs to create files beside its database")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let e = errno
            close(fd)
            if e == EWOULDBLOCK { return false }
            throw AggregatorError("cannot lock the partition lock \(path): \(String(cString: strerror(e)))")
        }
        held.withLock { $0[path] = fd }
        return true
    }

    /// Sidecar files this process holds locked (open for the process's life).
    private static let held = Mutex<[String: Int32]>([:])
}
