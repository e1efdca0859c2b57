// OpenSSL's libcrypto as the update checker sees it: public keys (PEM), Ed25519 verification, SHA-256.
#ifndef SGW_CCRYPTO_SHIM_H
#define SGW_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#endif
