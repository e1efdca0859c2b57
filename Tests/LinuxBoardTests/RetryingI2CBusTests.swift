import BoardIO
import Testing

@Suite struct RetryingI2CBusTests {
    final class PauseLog {
        var pauses: [Int] = []
        var retried: [I2CError.Kind] = []
    }

    func retrying(_ inner: ScriptedI2CBus, attempts: Int, log: PauseLog) -> RetryingI2CBus {
        RetryingI2CBus(inner, policy: I2CRetryPolicy(attempts: attempts, delayMilliseconds: 7),
                       pause: { log.pauses.append($0) }, onRetry: { log.retried.append($0.kind) })
    }

    @Test func transientFailuresAreRetriedUntilSuccess() throws {
        let inner = ScriptedI2CBus(outcomes: [failure(.timeout), failure(.busError), .success(0x60)])
        let log = PauseLog()
        let value = try retrying(inner, attempts: 3, log: log).readByte(address: 0x76, register: 0xD0)
        #expect(value == 0x60)
        #expect(inner.calls == 3)
        #expect(log.pauses == [7, 7])
        #expect(log.retried == [.timeout, .busError])
    }

    @Test func givesUpAfterTheLastAttemptWithTheLastError() {
        let inner = ScriptedI2CBus(outcomes: [failure(.timeout), failure(.timeout), failure(.busError), .success(1)])
        let log = PauseLog()
        #expect(throws: I2CError(.busError, bus: "/dev/i2c-test", address: 0x48, operation: "read byte")) {
            try retrying(inner, attempts: 3, log: log).readWord(address: 0x48, register: 0)
        }
        #expect(inner.calls == 3)
        #expect(log.pauses.count == 2)
    }

    @Test(arguments: [I2CError.Kind.noAcknowledge, .unsupported, .cannotOpenBus])
    func permanentFailuresAreNotRetried(_ kind: I2CError.Kind) {
        let inner = ScriptedI2CBus(outcomes: [failure(kind), .success(1)])
        let log = PauseLog()
        #expect(throws: I2CError.self) {
            try retrying(inner, attempts: 5, log: log).writeByte(address: 0x48, register: 1, value: 0x83)
        }
        #expect(inner.calls == 1)
        #expect(log.pauses.isEmpty)
    }

    @Test func everyTransferKindGoesThroughTheRetry() throws {
        let inner = ScriptedI2CBus(outcomes: [failure(.timeout), .success(9), failure(.timeout), .success(4)])
        let bus = retrying(inner, attempts: 2, log: PauseLog())
        #expect(try bus.readBlock(address: 0x76, register: 0x88, count: 3) == [9, 9, 9])
        #expect(try bus.transfer(address: 0x44, write: [0x24, 0x00], readCount: 2) == [4, 4])
        #expect(inner.calls == 4)
    }

    @Test func probeIsAskedOnceSoAScanShowsTheBusAsItIs() {
        let inner = ScriptedI2CBus(answering: [0x48])
        let bus = retrying(inner, attempts: 3, log: PauseLog())
        #expect(bus.probe(address: 0x48))
        #expect(!bus.probe(address: 0x49))
        #expect(inner.probes == [0x48, 0x49])
    }

    @Test func singleAttemptPolicyNeverRetries() {
        let inner = ScriptedI2CBus(outcomes: [failure(.timeout), .success(1)])
        let log = PauseLog()
        #expect(throws: I2CError.self) { try retrying(inner, attempts: 1, log: log).readByte(address: 0x48, register: 0) }
        #expect(inner.calls == 1)
    }
}
