import GRDB
import GatewayCore

enum JournalSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS reading (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                device TEXT NOT NULL, channel TEXT NOT NULL, seq INTEGER NOT NULL,
                t_ms INTEGER NOT NULL, value REAL, sum REAL, unit TEXT,
                quality TEXT NOT NULL, cal TEXT, fault TEXT, method TEXT,
                mono_ns INTEGER, boot_id TEXT,
                sent_at_ms INTEGER,
                UNIQUE (device, channel, seq)
            );
            CREATE INDEX IF NOT EXISTS reading_unsent ON reading (id) WHERE sent_at_ms IS NULL;
            CREATE TABLE IF NOT EXISTS channel_state (
                device TEXT NOT NULL, channel TEXT NOT NULL,
                last_seq INTEGER NOT NULL, pulse_total INTEGER NOT NULL,
                PRIMARY KEY (device, channel)
            );
            CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """)
    }

    static func decode(_ row: Row) -> JournaledReading {
        let unit: String = row["unit"] ?? ""
        let value: Double? = row["value"]
        let sum: Double? = row["sum"]
        let sent: Int64? = row["sent_at_ms"]
        let mono: Int64? = row["mono_ns"]
        var reading = Reading(
            key: ReadingKey(device: DeviceID(row["device"]), channel: ChannelID(row["channel"]),
                            sequence: UInt64(row["seq"] as Int64)),
            time: UnixTime(milliseconds: row["t_ms"]),
            value: value.map { MeasuredValue($0, unit) },
            sum: sum.map { MeasuredValue($0, unit) },
            quality: ReadingQuality(rawValue: row["quality"]) ?? .good,
            calibrationID: row["cal"], fault: row["fault"], method: row["method"])
        reading.monotonicNanoseconds = mono.map { UInt64(bitPattern: $0) }
        reading.bootID = row["boot_id"]
        return JournaledReading(rowID: row["id"], reading: reading, sentAt: sent.map { UnixTime(milliseconds: $0) })
    }
}
