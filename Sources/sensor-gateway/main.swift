print("sensor-gateway")
