// MQTTTransport
