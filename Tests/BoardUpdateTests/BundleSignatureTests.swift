import BoardUpdate
import Foundation
import Testing

/// The board's Ed25519 check against signatures made by the OpenSSL command line, as make-bundle.sh makes them.
@Suite struct BundleSignatureTests {
    let folder = NSTemporaryDirectory() + "sig-\(UUID().uuidString)"

    func openssl(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "openssl \(arguments.joined(separator: " "))")
    }

    /// A key pair and `message` signed with the private key: (public key PEM, signature).
    func signed(_ message: String) throws -> (key: [UInt8], signature: [UInt8]) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try openssl(["genpkey", "-algorithm", "ed25519", "-out", folder + "/k.pem"])
        try openssl(["pkey", "-in", folder + "/k.pem", "-pubout", "-out", folder + "/k.pub"])
        try Data(message.utf8).write(to: URL(fileURLWithPath: folder + "/m"))
        try openssl(["pkeyutl", "-sign", "-rawin", "-inkey", folder + "/k.pem", "-in", folder + "/m", "-out", folder + "/s"])
        return ([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/k.pub"))),
                [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/s"))))
    }

    @Test func aSignatureOfTheManifestVerifies() throws {
        let (key, signature) = try signed("{\"version\":\"0.1.1\"}\n")
        try BundleSignature.verify(message: Array("{\"version\":\"0.1.1\"}\n".utf8), signature: signature, publicKeyPEM: key, keyPath: "k.pub")
    }

    @Test func anEditedManifestOrSignatureIsRefused() throws {
        let (key, signature) = try signed("{\"version\":\"0.1.1\"}\n")
        #expect(throws: UpdateError.self) {
            try BundleSignature.verify(message: Array("{\"version\":\"0.1.2\"}\n".utf8), signature: signature, publicKeyPEM: key, keyPath: "k.pub")
        }
        var flipped = signature
        flipped[10] ^= 1
        #expect(throws: UpdateError.self) {
            try BundleSignature.verify(message: Array("{\"version\":\"0.1.1\"}\n".utf8), signature: flipped, publicKeyPEM: key, keyPath: "k.pub")
        }
        #expect(throws: UpdateError.self) {
            try BundleSignature.verify(message: Array("{\"version\":\"0.1.1\"}\n".utf8), signature: Array(signature.prefix(63)),
                                       publicKeyPEM: key, keyPath: "k.pub")
        }
    }

    @Test func sha256MatchesTheKnownVector() {
        #expect(BundleSignature.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
