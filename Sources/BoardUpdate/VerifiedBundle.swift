import Platform
import CSystem

/// An update bundle unpacked into a staging folder and checked, in this order: whole archive, the three
/// members and nothing else, signature against the pinned key, manifest, payload digest and size, architecture,
/// and the payload's own `--version`. Nothing outside the staging folder has changed when any check fails.
///
/// The bundle is a tar archive (unpacked with the system's GNU tar, which refuses absolute and `..` names):
/// `manifest.json`, `sensor-gateway` (the payload) and `signature` (64 bytes, Ed25519 over manifest.json).
public struct VerifiedBundle: Sendable {
    public static let members = ["manifest.json", "sensor-gateway", "signature"]

    public let manifest: BundleManifest
    public let staging: String

    public init(bundle: String, staging: String, root: InstallRoot) throws(UpdateError) {
        guard FileOperations.exists(bundle) else {
            throw UpdateError(.refused, "update refused: no bundle", at: bundle, cause: "the file does not exist",
                              action: "Upload the bundle again (fleet-update does it with scp).")
        }
        FileOperations.removeFlatFolder(staging)
        try FileOperations.makeDirectories(staging)
        let tar = ProgramRun.run(["/bin/tar", "-x", "--no-same-owner", "--no-same-permissions", "-f", bundle, "-C", staging])
        guard tar.status == 0 else {
            throw UpdateError(.refused, "update refused: the bundle is not a whole archive", at: bundle,
                              cause: "tar could not unpack it (status \(tar.status)): a truncated or interrupted upload",
                              action: "Upload it again and compare its size with the original.")
        }
        let found = FileOperations.list(staging)
        if let stray = found.first(where: { !VerifiedBundle.members.contains($0) }) {
            throw UpdateError(.refused, "update refused: the bundle holds an unexpected file", at: bundle,
                              cause: "`\(stray)` is not one of \(VerifiedBundle.members.joined(separator: ", "))",
                              action: "Build the bundle with Deploy/update/make-bundle.sh.")
        }
        guard found.contains("signature") else {
            throw UpdateError(.refused, "update refused: the bundle is unsigned", at: bundle,
                              cause: "it has no `signature`", action: "Sign the release with Deploy/update/make-bundle.sh --key.")
        }
        guard found.contains("manifest.json"), found.contains("sensor-gateway") else {
            throw UpdateError(.refused, "update refused: the bundle is incomplete", at: bundle,
                              cause: "it lacks manifest.json or sensor-gateway: a truncated upload?", action: "Upload it again.")
        }
        guard let key = FileOperations.read(root.publicKey, limit: 16384) else {
            throw UpdateError(.refused, "update refused: no key is pinned on this board", at: root.publicKey,
                              cause: "the file cannot be read", action: "Install the fleet's public key there (Deploy/update/README.md).")
        }
        let manifestBytes = FileOperations.read(staging + "/manifest.json", limit: 65536) ?? []
        let signature = FileOperations.read(staging + "/signature", limit: 4096) ?? []
        try BundleSignature.verify(message: manifestBytes, signature: signature, publicKeyPEM: key, keyPath: root.publicKey)
        let manifest = try BundleManifest(manifestBytes, at: bundle + ":manifest.json")
        let payload = FileOperations.read(staging + "/sensor-gateway", limit: 512 << 20) ?? []
        let sizeMatches = Int64(payload.count) == manifest.payloadBytes
        guard sizeMatches, BundleSignature.sha256Hex(payload) == manifest.payloadSHA256 else {
            throw UpdateError(.refused, "update refused: the program was changed after signing", at: bundle + ":sensor-gateway",
                              cause: sizeMatches
                                  ? "its SHA-256 differs from the one in the signed manifest"
                                  : "it is \(payload.count) bytes, the signed manifest says \(manifest.payloadBytes)",
                              action: "Rebuild and sign the release; do not edit a signed bundle.")
        }
        guard manifest.architecture == BoardArchitecture.current else {
            throw UpdateError(.refused, "update refused: built for another machine", at: bundle,
                              cause: "the bundle is for \(manifest.architecture), this board is \(BoardArchitecture.current)",
                              action: "Roll out the \(BoardArchitecture.current) bundle of this release.")
        }
        chmod(staging + "/sensor-gateway", 0o755)
        let reported = ProgramRun.run([staging + "/sensor-gateway", "--version"], timeoutMilliseconds: 10_000)
        let expected = "sensor-gateway \(manifest.version) (\(manifest.architecture),"
        guard reported.status == 0, reported.output.hasPrefix(expected) else {
            let said = reported.output.split(separator: "\n").first.map(String.init) ?? "nothing"
            throw UpdateError(.refused, "update refused: the program does not report the manifest's version", at: bundle,
                              cause: "`sensor-gateway --version` said \"\(said)\" (status \(reported.status)), the manifest says \(manifest.version)",
                              action: "Stamp the binary with Deploy/update/stamp-version.sh before signing.")
        }
        for member in VerifiedBundle.members { FileOperations.syncFile(staging + "/" + member) }
        FileOperations.syncDirectory(staging)
        self.manifest = manifest
        self.staging = staging
    }
}
