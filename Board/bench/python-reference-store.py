# The reference the aggregator's intake is measured against (issue 14): paho + sqlite3, 1,000-row transactions.
# Usage: python3 python-reference-store.py HOST PORT DB EXPECTED  (persistent session "py-reference", QoS 1)
import json, os, sqlite3, sys, time
import paho.mqtt.client as mqtt
host, port, path, expected = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
db = sqlite3.connect(path); db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE TABLE IF NOT EXISTS reading (device TEXT, channel TEXT, seq INTEGER, t REAL, v REAL, s REAL, UNIQUE (device, channel, seq))")
rows, stored, started = [], 0, None
def on_message(client, userdata, msg):
    global rows, stored, started
    started = started or time.monotonic()
    bn, bt = "", 0.0
    for r in json.loads(msg.payload):
        bn, bt = r.get("bn", bn), r.get("bt", bt)
        device, _, channel = (bn + r.get("n", "")).rpartition(":")
        rows.append((device, channel, r["seq"], bt + r.get("t", 0), r.get("v"), r.get("s")))
    if len(rows) >= 1000 or stored + len(rows) >= expected:
        db.executemany("INSERT OR IGNORE INTO reading VALUES (?, ?, ?, ?, ?, ?)", rows); db.commit()
        stored, rows = stored + len(rows), []
        if stored >= expected: client.disconnect()
client = mqtt.Client(client_id="py-reference", clean_session=False)
client.on_connect = lambda c, u, f, rc: c.subscribe(sys.argv[5] if len(sys.argv) > 5 else "sgw/+/+/data", qos=1)
client.on_message = on_message
client.on_subscribe = lambda c, *a: expected == 0 and c.disconnect()  # EXPECTED 0: just open the session
client.connect(host, port); client.loop_forever()
if expected: cpu = sum(os.times()[:2]); print(f"python reference: {stored} readings in {time.monotonic() - started:.2f} s, {stored / (time.monotonic() - started):,.0f}/s; CPU {cpu:.2f} s, {cpu / stored * 1e6:.1f} µs/reading")
