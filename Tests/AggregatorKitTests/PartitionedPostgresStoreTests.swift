@testable import AggregatorKit
import Foundation
import GatewayCore
import SenML
import TestSupport
import Testing

/// The PostgreSQL store of an instance that owns a partition (no channel locks, each channel's highest sequence
/// and interval kept in memory): the same readings, gaps, conflicts and rollups as the store without one.
@Suite struct PartitionedPostgresStoreTests {
    let t = CivilTime.jstInstant(year: 2026, month: 6, day: 1, hour: 9)

    func pack(_ seqs: [UInt64], device: String = "gw1", value: Double = 0.5) -> IncomingPack {
        IncomingPack(site: "site-a", readings: seqs.map {
            Reading(key: ReadingKey(device: DeviceID(device), channel: "import", sequence: $0), time: t.adding(seconds: Double($0) * 60),
                    value: MeasuredValue(value, "kWh"), sum: MeasuredValue(Double($0) / 2, "kWh"))
        }, receivedAt: t)
    }

    func newDatabase() throws -> String? {
        guard let (_, uri) = try CityStoreContractTests.newStoreAndAddress(.postgres) else { return nil }
        return uri
    }

    @Test func anOwnedPartitionStoresAsTheSharedStoreDoes() throws {
        guard let sharedURI = try newDatabase(), let ownedURI = try newDatabase() else { return }
        let shared = try PostgresStore(conninfo: sharedURI), owned = try PostgresStore(conninfo: ownedURI)
        #expect(try owned.own(BoardPartition("0/1")))
        let batches: [[IncomingPack]] = [
            [pack([1, 2, 3]), pack([1, 2, 3], device: "gw2")],
            [pack([3, 4]), pack([4], value: 0.75)],          // a duplicate, then a conflicting version of 4
            [pack([8, 9])],                                    // a gap: 5...7
            [pack([6]), pack([6]), pack([10])],                // fills part of it, twice
        ]
        for batch in batches {
            #expect(try owned.store(batch) == (try shared.store(batch)))
        }
        try owned.recordStatus(BoardStatus(DeviceStatus(state: "online", site: "site-a", device: "gw1")), receivedAt: t)
        #expect(try owned.store([pack([11, 13])]) == (try shared.store([pack([11, 13])])))
        #expect(try owned.readingCount() == (try shared.readingCount()))
        #expect(try owned.gaps() == (try shared.gaps()))
        #expect(try owned.gaps().map(\.sequences) == [5...5, 7...7, 12...12])
        #expect(try owned.conflictingReadings(device: "gw1") == (try shared.conflictingReadings(device: "gw1")))
        #expect(try owned.conflictingReadings(device: "gw1").count == 1)
        for r in ReadingRollup.Resolution.allCases {
            #expect(try owned.rollups(r, from: t.adding(seconds: -86_400), to: t.adding(seconds: 86_400 * 2), device: nil)
                    == (try shared.rollups(r, from: t.adding(seconds: -86_400), to: t.adding(seconds: 86_400 * 2), device: nil)))
        }
    }

    /// New readings of an owned partition travel as COPY text: a fault or method text with a tab, a line break,
    /// a backslash or a quote reads back as sent, and an absent one as NULL.
    @Test func copiedTextReadsBackAsSent() throws {
        guard let uri = try newDatabase() else { return }
        let owner = try PostgresStore(conninfo: uri)
        #expect(try owner.own(BoardPartition("0/1")))
        let awkward = "a\tb\nc\\d\"e\r f 水位 \\N"
        let readings = [
            Reading(key: ReadingKey(device: "gw1", channel: "level", sequence: 1), time: t, value: MeasuredValue(1.5, "m"),
                    quality: .fault, calibrationID: "cal\\1", fault: awkward, method: nil),
            Reading(key: ReadingKey(device: "gw1", channel: "level", sequence: 2), time: t, value: nil, sum: MeasuredValue(2.25e-7, "m")),
        ]
        #expect(try owner.store([IncomingPack(site: "site-a", readings: readings, receivedAt: t)]) == [2])
        let rows = try PostgresConnection(uri).execute("SELECT seq, value, sum, unit, quality, cal, fault, method FROM reading ORDER BY seq").rows
        #expect(rows == [
            ["1", "1.5", nil, "m", ReadingQuality.fault.rawValue, "cal\\1", awkward, nil],
            ["2", nil, "2.25e-07", "m", ReadingQuality.good.rawValue, nil, nil, nil],
        ])
    }

    /// One owner at a time: a second session waits, and takes the partition once the first connection is gone.
    @Test func aPartitionHasOneOwnerAndPassesOnWhenItsConnectionEnds() throws {
        guard let uri = try newDatabase() else { return }
        var first: PostgresStore? = try PostgresStore(conninfo: uri)
        let second = try PostgresStore(conninfo: uri), third = try PostgresStore(conninfo: uri)
        #expect(try first!.own(BoardPartition("1/3")))
        #expect(try !second.own(BoardPartition("1/3")))
        #expect(try third.own(BoardPartition("2/3")), "another part is free")
        #expect(try !second.own(BoardPartition("1/3")))
        first = nil  // the owner's connection ends, as when its process dies
        #expect(eventually(5) { (try? second.own(BoardPartition("1/3"))) == true })
    }

    /// Should another writer store the partition's readings all the same (an instance without --partition on the
    /// same database), the owner notices instead of counting readings it did not store, and then asks again.
    @Test func anotherWriterOfAnOwnedPartitionIsNoticed() throws {
        guard let uri = try newDatabase() else { return }
        let owner = try PostgresStore(conninfo: uri), intruder = try PostgresStore(conninfo: uri)
        #expect(try owner.own(BoardPartition("0/1")))
        #expect(try owner.store([pack([1, 2])]) == [2])
        #expect(try intruder.store([pack([3])]) == [1])
        #expect(throws: AggregatorError.self) { try owner.store([pack([3, 4])]) }
        // The failed batch forgot the memory: asked again, 3 is a duplicate and 4 is new.
        #expect(try owner.store([pack([3, 4])]) == [1])
        #expect(try owner.readingCount() == 4)
        #expect(try owner.gaps().isEmpty)
    }
}
