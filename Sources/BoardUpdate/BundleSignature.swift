import CCrypto

/// Ed25519 with OpenSSL's libcrypto: the bundle's detached signature over its manifest, checked against the
/// key pinned on the board (never a key from the bundle or the transport).
public enum BundleSignature {
    /// Throws unless `signature` is `message` signed by the private half of the PEM public key in `publicKeyPEM`.
    public static func verify(message: [UInt8], signature: [UInt8], publicKeyPEM: [UInt8], keyPath: String) throws(UpdateError) {
        guard let bio = publicKeyPEM.withUnsafeBytes({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else {
            throw UpdateError(.failed, "update refused: cannot read the pinned key", at: keyPath, cause: "out of memory",
                              action: "Retry.")
        }
        defer { BIO_free(bio) }
        guard let key = PEM_read_bio_PUBKEY(bio, nil, nil, nil) else {
            throw UpdateError(.refused, "update refused: the pinned key is unreadable", at: keyPath,
                              cause: "it is not a PEM public key", action: "Pin the fleet's key: Deploy/update/README.md, \"Pinning the key\".")
        }
        defer { EVP_PKEY_free(key) }
        guard EVP_PKEY_is_a(key, "ED25519") == 1 else {
            throw UpdateError(.refused, "update refused: the pinned key is not Ed25519", at: keyPath,
                              cause: "updates are signed with Ed25519 only", action: "Pin the fleet's Ed25519 public key.")
        }
        guard let context = EVP_MD_CTX_new() else {
            throw UpdateError(.failed, "update refused: cannot check the signature", at: keyPath, cause: "out of memory", action: "Retry.")
        }
        defer { EVP_MD_CTX_free(context) }
        let valid = signature.count == 64
            && EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1
            && signature.withUnsafeBufferPointer { s in
                message.withUnsafeBufferPointer { m in
                    EVP_DigestVerify(context, s.baseAddress, s.count, m.baseAddress, m.count) == 1
                }
            }
        ERR_clear_error()
        guard valid else {
            throw UpdateError(.refused, "update refused: the signature does not match", at: keyPath,
                              cause: "the bundle was signed by another key, or its manifest was changed after signing",
                              action: "Sign the release with the fleet's private key (make-bundle.sh) and upload it again.")
        }
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = bytes.withUnsafeBytes { EVP_Digest($0.baseAddress, $0.count, &digest, &length, EVP_sha256(), nil) }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest { text.append(hex[Int(byte >> 4)]); text.append(hex[Int(byte & 15)]) }
        return String(decoding: text, as: UTF8.self)
    }
}
