/// `manifest.json` in an update bundle: what the payload is, for which machine, and its digest. The signature
/// covers these bytes, so the digest binds the payload to the signature.
///
///     {"architecture":"x86_64","format":1,"journalLayout":1,"payloadBytes":4194304,
///      "payloadSHA256":"…64 hex digits…","program":"sensor-gateway","version":"0.1.1"}
public struct BundleManifest: Sendable {
    public static let format: Int64 = 1

    public let version: ReleaseVersion
    public let architecture: String
    public let payloadSHA256: String
    public let payloadBytes: Int64
    /// The journal layout (`PRAGMA user_version`) this version writes; informative (layouts change additively).
    public let journalLayout: Int64

    public init(_ bytes: [UInt8], at location: String) throws(UpdateError) {
        func refuse(_ cause: String) -> UpdateError {
            UpdateError(.refused, "update refused: the manifest is not valid", at: location, cause: cause,
                        action: "Build the bundle with Deploy/update/make-bundle.sh.")
        }
        guard let object = JSONObject(bytes) else { throw refuse("it is not a JSON object") }
        guard object.integer("format") == BundleManifest.format else {
            throw refuse("format \(object.integer("format").map { String($0) } ?? "missing"), this board reads format \(BundleManifest.format)")
        }
        guard object.strings["program"] == "sensor-gateway" else { throw refuse("`program` is not sensor-gateway") }
        guard let versionText = object.strings["version"], let version = ReleaseVersion(versionText) else {
            throw refuse("`version` is not MAJOR.MINOR.PATCH")
        }
        guard let architecture = object.strings["architecture"], !architecture.isEmpty else { throw refuse("`architecture` is missing") }
        guard let digest = object.strings["payloadSHA256"], digest.utf8.count == 64 else { throw refuse("`payloadSHA256` is not 64 hex digits") }
        guard let size = object.integer("payloadBytes"), size > 0 else { throw refuse("`payloadBytes` is missing") }
        self.version = version
        self.architecture = architecture
        self.payloadSHA256 = digest
        self.payloadBytes = size
        self.journalLayout = object.integer("journalLayout") ?? 0
    }
}
