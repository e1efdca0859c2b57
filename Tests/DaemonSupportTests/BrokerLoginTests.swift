import DaemonSupport
import Foundation
import Testing

/// The broker login settings without any command-line layer: the checks both daemons rely on.
@Suite struct BrokerLoginTests {
    func refusal(_ login: BrokerLogin) -> BrokerLoginError? {
        do { try login.validate() } catch { return error }
        return nil
    }

    @Test func settingsThatGoTogetherOrContradict() {
        #expect(refusal(BrokerLogin(username: "tech"))?.description == "--username and --password-file go together")
        #expect(refusal(BrokerLogin(caFile: "/etc/hostname", certFile: "/etc/hostname"))?.description
                == "--cert-file and --key-file go together")
        #expect(refusal(BrokerLogin(certFile: "/etc/hostname", keyFile: "/etc/hostname"))?.description
                == "--cert-file needs --ca-file: the CA that signed the broker's certificate")
        #expect(refusal(BrokerLogin(caFile: "/etc/hostname", insecurePlaintext: true))?.description
                == "--insecure-plaintext and --ca-file contradict each other")
        #expect(refusal(BrokerLogin()) == nil)
    }

    @Test func filesMustBeReadable() {
        #expect(refusal(BrokerLogin(caFile: "/nonexistent/ca.crt")) == .unreadableFile(.caFile, path: "/nonexistent/ca.crt"))
        #expect(refusal(BrokerLogin(caFile: "/nonexistent/ca.crt"))?.description == "--ca-file /nonexistent/ca.crt: no such readable file")
        #expect(refusal(BrokerLogin(username: "u", passwordFile: "/nonexistent/pw"))?.description
                == "--password-file /nonexistent/pw: no such readable file")
        #expect(refusal(BrokerLogin(caFile: "/etc/hostname")) == nil)
    }

    @Test func thePasswordIsTheFileWithoutItsLineBreaks() throws {
        let path = NSTemporaryDirectory() + "sgw-password-\(UUID().uuidString)"
        try "s3cret pass\r\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let credentials = try BrokerLogin(username: "board-07", passwordFile: path).credentials()
        #expect(credentials?.username == "board-07")
        #expect(credentials?.password == "s3cret pass")
        #expect(try BrokerLogin().credentials() == nil)
    }

    @Test func aPasswordFileThatIsNotTextIsRefused() throws {
        let path = NSTemporaryDirectory() + "sgw-password-\(UUID().uuidString)"
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: BrokerLoginError.passwordFileUnreadable(path: path)) {
            try BrokerLogin(username: "u", passwordFile: path).credentials()
        }
    }

    @Test func tlsUnlessTheBrokerIsLocalOrPlaintextIsAskedFor() {
        #expect(BrokerLogin().tls(host: "broker.city.example")?.caFile == BrokerLogin.systemCABundle)
        #expect(BrokerLogin().tls(host: "127.0.0.1") == nil)
        #expect(BrokerLogin(insecurePlaintext: true).tls(host: "broker.city.example") == nil)
        let mutual = BrokerLogin(caFile: "ca.pem", certFile: "c.pem", keyFile: "k.pem").tls(host: "127.0.0.1")
        #expect(mutual?.caFile == "ca.pem" && mutual?.certificateFile == "c.pem" && mutual?.keyFile == "k.pem")
    }
}
