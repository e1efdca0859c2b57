#!/usr/bin/env python3
"""Where the journal's writes come from: a model of ReadingJournal's write pattern (the reading table and its
indexes, WAL, synchronous=FULL, 11 readings a tick as the building example at 1 s sampling makes, markSent of
each tick's readings) in Python's sqlite3, measured by /proc/self/io. The first row is the journal's first
layout (it matched journal-bench's SQLite figure); the rows after it change one thing at a time, and the last
is the layout in Sources/Journal/JournalSchema.swift now.
Usage: python3 Board/bench/journal-write-model.py [ticks=3600]"""
import os, shutil, sqlite3, sys, tempfile

CHANNELS = ["grid-import", "grid-export", "pv-generation", "indoor-temperature", "outdoor-temperature",
            "outdoor-humidity", "heating-flow", "supply-temperature", "return-temperature",
            "grid-import-demand-predicted", "district-heat"]


def write_bytes():
    for line in open("/proc/self/io"):
        if line.startswith("write_bytes:"):
            return int(line.split()[1])


def hour(ticks, unique, acks_in_next_commit, autoincrement=True, page_size=4096):
    folder = tempfile.mkdtemp()
    db = sqlite3.connect(folder + "/j.sqlite", isolation_level=None)
    db.execute(f"pragma page_size={page_size}")
    db.execute("pragma journal_mode=wal")
    db.execute("pragma synchronous=full")
    db.execute("create table reading (id integer primary key" + (" autoincrement" if autoincrement else "") + ", device text not null, channel text not null,"
               " seq integer not null, t_ms integer not null, value real, sum real, unit text, quality text not null,"
               " cal text, fault text, method text, mono_ns integer, boot_id text, sent_at_ms integer"
               + (", unique (device, channel, seq))" if unique else ")"))
    db.execute("create index reading_unsent on reading (id) where sent_at_ms is null")
    db.execute("create table channel_state (device text not null, channel text not null, last_seq integer not null,"
               " pulse_total integer not null, primary key (device, channel))")
    before, row = write_bytes(), 0
    for k in range(ticks):
        db.execute("begin")
        for ch in CHANNELS:
            method = "m" * 70 if ch in ("grid-import-demand-predicted", "district-heat") else None
            db.execute("insert into reading (device, channel, seq, t_ms, value, unit, quality, method, mono_ns, boot_id)"
                       " values (?, ?, ?, ?, 21.5, 'Cel', 'good', ?, ?, ?)",
                       ("sapporo-cityhall-gw1", ch, k + 1, 1_763_800_000_000 + k * 1000, method, k * 10**9, "b" * 36))
            db.execute("insert into channel_state values (?, ?, ?, 0) on conflict (device, channel)"
                       " do update set last_seq = excluded.last_seq", ("sapporo-cityhall-gw1", ch, k + 1))
        if not acks_in_next_commit:
            db.execute("commit")
            db.execute("begin")
        for _ in CHANNELS:
            row += 1
            db.execute("update reading set sent_at_ms = ? where id = ?", (k, row))
        db.execute("commit")
    written = write_bytes() - before
    db.close()
    shutil.rmtree(folder)
    return written * 3600 / ticks / 1e6


ticks = int(sys.argv[1]) if len(sys.argv) > 1 else 3600
print(f"command: python3 Board/bench/journal-write-model.py {ticks}")
for args, what in [((True, False), "first layout: UNIQUE (device, channel, seq), AUTOINCREMENT, acks in their own commit"),
                   ((False, False), "without the UNIQUE index"),
                   ((True, True), "acks in the next tick's commit"),
                   ((False, True), "both"),
                   ((False, True, False), "both, and no AUTOINCREMENT"),
                   ((False, True, False, 1024), "all three, and 1 KiB pages: the layout now")]:
    print(f"{hour(ticks, *args):6.0f} MB/h device  {what}")
