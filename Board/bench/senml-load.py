# A light load generator for the city's intake: BOARDS simulated boards, each publishing SenML packs of
# CHANNELS readings (one sampling tick, as sensor-gateway does) with per-channel sequence numbers, QoS 1, on
# <prefix>/<site>/<device>/data, as fast as the broker takes them. Not a gateway: no journal, no sensors.
# Usage: python3 senml-load.py HOST PORT READINGS [BOARDS=100] [CHANNELS=10] [FIRST_SEQ=1]
import json, sys, time
import paho.mqtt.client as mqtt
host, port, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
boards = int(sys.argv[4]) if len(sys.argv) > 4 else 100
channels = int(sys.argv[5]) if len(sys.argv) > 5 else 10
first = int(sys.argv[6]) if len(sys.argv) > 6 else 1
client = mqtt.Client(client_id="senml-load", clean_session=True)
client.max_inflight_messages_set(1000)
client.max_queued_messages_set(0)
client.connect(host, port)
client.loop_start()
ticks = total // (boards * channels)
start_t = time.time() - ticks * 60
started = time.monotonic()
last = None
for tick in range(ticks):
    t = start_t + tick * 60
    for b in range(boards):
        device = f"gw{b:03d}"
        pack = [{"bn": device + ":", "bt": t, "bu": "kWh", "n": f"ch{c}", "v": 0.25 * ((tick + c) % 8),
                 "s": 0.25 * tick, "seq": first + tick} if c == 0 else
                {"n": f"ch{c}", "v": 0.25 * ((tick + c) % 8), "s": 0.25 * tick, "seq": first + tick} for c in range(channels)]
        last = client.publish(f"sgw/site-{b:03d}/{device}/data", json.dumps(pack, separators=(",", ":")), qos=1)
last.wait_for_publish()
client.loop_stop()
client.disconnect()
print(f"generator: {ticks * boards * channels} readings in {ticks * boards} messages, {time.monotonic() - started:.2f} s")
