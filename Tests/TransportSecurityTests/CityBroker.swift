import Foundation
import MQTTTransport
import TestSupport

/// The shipped Deploy/broker config, running for real: a fresh city CA issued by the shipped scripts, the
/// shipped ACL, the aggregator's password, with only ports and paths moved into a scratch folder.
final class CityBroker {
    /// Which certificate the board listener presents. The aggregator listener always presents a valid one,
    /// so an independent subscriber can confirm that nothing arrived while boards were turned away.
    enum BoardListenerCertificate { case valid, expired, wrongHost }

    static let brokerName = "broker.city.example"
    static let aggregatorPassword = "aggregator-secret"

    let folder: String
    let boardPort: Int32
    let aggregatorPort: Int32
    let broker: MosquittoBroker

    /// `revokedBoards` get a certificate, which is then revoked with the shipped script before the broker
    /// starts with the shipped (commented-out) `crlfile` line enabled.
    init(_ certificate: BoardListenerCertificate = .valid, revokedBoards: [String] = []) throws {
        folder = Paths.scratch("city-broker")
        try Shell.run(CityBroker.script("init-ca.sh"), ["--broker-name", CityBroker.brokerName,
                                                        "--broker-ip", "127.0.0.1", "--out", folder + "/ca"])
        let boardCertificate: String
        switch certificate {
        case .valid: boardCertificate = folder + "/ca/broker"
        case .expired:
            try Shell.run(CityBroker.script("issue-broker-cert.sh"), [
                "--name", CityBroker.brokerName, "--ip", "127.0.0.1", "--valid-from", "20250101000000Z",
                "--valid-until", "20260101000000Z", "--ca-dir", folder + "/ca", "--out", folder + "/expired"])
            boardCertificate = folder + "/expired/broker"
        case .wrongHost:
            try Shell.run(CityBroker.script("issue-broker-cert.sh"), [
                "--name", CityBroker.brokerName, "--ca-dir", folder + "/ca", "--out", folder + "/wrong-host"])
            boardCertificate = folder + "/wrong-host/broker"
        }
        let etc = folder + "/etc/"
        try FileManager.default.createDirectory(atPath: etc, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
        for file in ["ca.crt", "broker.crt", "broker.key"] {
            try FileManager.default.copyItem(atPath: folder + "/ca/" + file, toPath: etc + file)
        }
        try FileManager.default.copyItem(atPath: CityBroker.deploy + "/acl", toPath: etc + "acl")
        _ = FileManager.default.createFile(atPath: etc + "passwd", contents: nil)
        try Shell.run("/usr/bin/mosquitto_passwd", ["-b", etc + "passwd", "aggregator", CityBroker.aggregatorPassword])

        for device in revokedBoards {
            _ = try CityBroker.issueBoard(device, folder: folder)
            try Shell.run(CityBroker.script("revoke-board-cert.sh"), [device, "--ca-dir", folder + "/ca", "--crl", etc + "city-ca.crl"])
        }
        boardPort = try MosquittoBroker.freePort()
        aggregatorPort = try MosquittoBroker.freePort()
        var config = try String(contentsOfFile: CityBroker.deploy + "/mosquitto.conf", encoding: .utf8)
            .replacingOccurrences(of: "listener 8883\n", with: "listener \(boardPort) 127.0.0.1\n")
            .replacingOccurrences(of: "listener 8884\n", with: "listener \(aggregatorPort) 127.0.0.1\n")
            .replacingOccurrences(of: "/var/lib/mosquitto/", with: folder + "/lib/")
        // Only the first certfile/keyfile pair belongs to the board listener.
        for ext in ["crt", "key"] {
            let shipped = "/etc/mosquitto/sgw/broker.\(ext)"
            if let r = config.range(of: shipped) { config.replaceSubrange(r, with: boardCertificate + ".\(ext)") }
        }
        if !revokedBoards.isEmpty { config = config.replacingOccurrences(of: "#crlfile ", with: "crlfile ") }
        config = config.replacingOccurrences(of: "/etc/mosquitto/sgw/", with: etc)
        // Run as ourselves: as root, Mosquitto would drop to user "mosquitto", who cannot read a scratch folder.
        config += "\nuser \(String(cString: getpwuid(geteuid())!.pointee.pw_name))\n"
        // "Reloading config." is logged at this level: the tests wait for it after granting a board.
        config += "log_type information\n"
        broker = try MosquittoBroker(directory: folder, configuration: config, port: boardPort)
        guard eventually(5, { MosquittoBroker.accepts(port: aggregatorPort) }) else {
            throw MosquittoBroker.BrokerError("aggregator listener \(aggregatorPort) did not open")
        }
    }

    /// Issues a board certificate with the shipped script, which grants the board its site's topics in the
    /// broker's ACL; reloads the broker; returns the TLS options a board would be given.
    func issueBoard(_ device: String, site: String = "kumamoto-07", extra: [String] = []) throws -> MQTTConnectionOptions.TLS {
        let reloads = broker.log.components(separatedBy: "Reloading config.").count
        let tls = try CityBroker.issueBoard(device, site: site, folder: folder, extra: extra)
        broker.reload()
        guard eventually(5, { broker.log.components(separatedBy: "Reloading config.").count > reloads }) else {
            throw MosquittoBroker.BrokerError("the broker did not reload its ACL: \(broker.log)")
        }
        return tls
    }

    private static func issueBoard(_ device: String, site: String = "kumamoto-07", folder: String,
                                   extra: [String] = []) throws -> MQTTConnectionOptions.TLS {
        let out = folder + "/boards/" + device
        try Shell.run(script("issue-board-cert.sh"), [device, "--site", site, "--acl", folder + "/etc/acl",
                                                      "--ca-dir", folder + "/ca", "--out", out] + extra)
        return .init(caFile: out + "/ca.crt", certificateFile: out + "/\(device).crt", keyFile: out + "/\(device).key")
    }

    func board(_ device: String, tls: MQTTConnectionOptions.TLS, host: String = "127.0.0.1") -> MQTTConnectionOptions {
        MQTTConnectionOptions(host: host, port: boardPort, clientID: "sgw-\(device)", tls: tls, maxInflightMessages: 100)
    }

    func aggregator(password: String = aggregatorPassword, sessionExpirySeconds: UInt32 = 0) -> MQTTConnectionOptions {
        MQTTConnectionOptions(host: "127.0.0.1", port: aggregatorPort, clientID: "kpi-aggregator",
                              sessionExpirySeconds: sessionExpirySeconds,
                              credentials: .init(username: "aggregator", password: password),
                              tls: .init(caFile: folder + "/ca/ca.crt"), maxInflightMessages: 100)
    }

    /// mosquitto_sub as the aggregator, independent of our client library, printing "topic payload" lines.
    func independentSubscriber() throws -> ChildProcess {
        // stdbuf: mosquitto_sub's stdout is a file here, and block buffering would hide its lines.
        let sub = try ChildProcess("/usr/bin/stdbuf", ["-oL", "/usr/bin/mosquitto_sub",
            "-V", "5", "-h", "127.0.0.1", "-p", "\(aggregatorPort)", "--cafile", folder + "/ca/ca.crt",
            "-u", "aggregator", "-P", CityBroker.aggregatorPassword, "-t", "sgw/#", "-v", "-q", "1", "-d",
        ], logDirectory: folder, name: "mosquitto_sub-\(UUID().uuidString.prefix(6))")
        guard eventually(5, { sub.output.contains("SUBACK") }) else {
            throw MosquittoBroker.BrokerError("mosquitto_sub did not subscribe: \(sub.output)")
        }
        return sub
    }

    /// Lines mosquitto_sub printed for received messages (its -d chatter filtered out).
    static func received(_ sub: ChildProcess) -> [String] {
        sub.output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("sgw/") }
    }

    static let deploy = Paths.packageRoot + "/Deploy/broker"
    static func script(_ name: String) -> String { deploy + "/" + name }
}

enum Shell {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func run(_ executable: String, _ arguments: [String]) throws {
        let p = Process()
        let pipe = Pipe()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(output)")
        }
    }
}
