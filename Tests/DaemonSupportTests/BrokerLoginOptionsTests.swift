import AggregatorKit
import DaemonSupport
import Testing

/// TLS is the default: plain MQTT only to this machine's own broker, or when a lab setup says so in words.
@Suite struct BrokerLoginOptionsTests {
    @Test func aRemoteBrokerIsVerifiedAgainstThePublicCAsWithoutACAFile() throws {
        let login = try BrokerLoginOptions.parse([])
        #expect(login.tls(host: "broker.city.example")?.caFile == BrokerLoginOptions.systemCABundle)
        #expect(login.tls(host: "203.0.113.10")?.caFile == BrokerLoginOptions.systemCABundle)
    }

    @Test func aBrokerOnThisMachineMayBePlain() throws {
        let login = try BrokerLoginOptions.parse([])
        for host in ["127.0.0.1", "127.0.1.1", "localhost", "::1"] { #expect(login.tls(host: host) == nil, "\(host)") }
    }

    @Test func plaintextToARemoteBrokerOnlyWhenAskedFor() throws {
        #expect(try BrokerLoginOptions.parse(["--insecure-plaintext"]).tls(host: "broker.city.example") == nil)
    }

    @Test func aCAFileAlwaysMeansTLS() throws {
        let login = try BrokerLoginOptions.parse(["--ca-file", BrokerLoginOptions.systemCABundle])
        #expect(login.tls(host: "127.0.0.1")?.caFile == BrokerLoginOptions.systemCABundle)
    }

    @Test func contradictionsAndMissingFilesAreRefused() {
        #expect(throws: (any Error).self) { try BrokerLoginOptions.parse(["--insecure-plaintext", "--ca-file", BrokerLoginOptions.systemCABundle]) }
        #expect(throws: (any Error).self) { try BrokerLoginOptions.parse(["--username", "aggregator"]) }
        #expect(throws: (any Error).self) { try BrokerLoginOptions.parse(["--ca-file", "/nonexistent/ca.crt"]) }
        #expect(throws: (any Error).self) { try BrokerLoginOptions.parse(["--cert-file", "/etc/hostname", "--key-file", "/etc/hostname"]) }
        do {
            _ = try BrokerLoginOptions.parse(["--ca-file", "/nonexistent/ca.crt"])
        } catch {
            #expect(BrokerLoginOptions.message(for: error).contains("--ca-file /nonexistent/ca.crt: no such readable file"))
        }
    }
}
