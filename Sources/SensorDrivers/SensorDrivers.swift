// SensorDrivers
