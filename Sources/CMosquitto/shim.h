#include <mosquitto.h>
#include <mqtt_protocol.h>
// OpenSSL, for MQTTTransport's TLS diagnosis: libmosquitto reports a failed handshake only as "TLS error".
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
