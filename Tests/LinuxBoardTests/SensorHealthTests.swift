import BoardIO
import GatewayCore
import Testing

@Suite struct SensorHealthTests {
    let bme: ChannelID = "well-3-pressure"
    let ads: ChannelID = "well-3-level"

    @Test func failuresBelowTheThresholdOnlyDegrade() {
        var health = SensorHealth<ChannelID>(failureThreshold: 3)
        #expect(health.status(of: bme) == .healthy)
        #expect(health.recordFailure(bme, error: "timeout") == nil)
        #expect(health.recordFailure(bme, error: "timeout") == nil)
        #expect(health.status(of: bme) == .degraded(consecutiveFailures: 2))
        #expect(health.failedSensors.isEmpty)
    }

    @Test func reachingTheThresholdMarksFailedExactlyOnce() {
        var health = SensorHealth<ChannelID>(failureThreshold: 2)
        health.recordFailure(bme, error: "timeout")
        #expect(health.recordFailure(bme, error: "no acknowledge") == .markedFailed(bme, lastError: "no acknowledge"))
        #expect(health.recordFailure(bme, error: "no acknowledge") == nil)
        #expect(health.status(of: bme) == .failed(consecutiveFailures: 3))
        #expect(health.failedSensors == [bme])
    }

    @Test func aGoodReadingRecoversAFailedSensor() {
        var health = SensorHealth<ChannelID>(failureThreshold: 2)
        for _ in 0..<4 { health.recordFailure(bme, error: "timeout") }
        #expect(health.recordSuccess(bme) == .recovered(bme, afterFailures: 4))
        #expect(health.status(of: bme) == .healthy)
        #expect(health.recordSuccess(bme) == nil)
    }

    @Test func aGoodReadingWhileDegradedIsNoTransition() {
        var health = SensorHealth<ChannelID>(failureThreshold: 3)
        health.recordFailure(bme, error: "bus error")
        #expect(health.recordSuccess(bme) == nil)
        #expect(health.status(of: bme) == .healthy)
    }

    @Test func countersKeepTheHistoryForTheTechnician() {
        var health = SensorHealth<ChannelID>(failureThreshold: 5)
        health.recordFailure(bme, error: "timeout")
        health.recordSuccess(bme)
        health.recordFailure(bme, error: "bus error")
        let record = health.record(of: bme)
        #expect(record.totalFailures == 2)
        #expect(record.totalSuccesses == 1)
        #expect(record.consecutiveFailures == 1)
        #expect(record.lastError == "bus error")
    }

    @Test func sensorsAreTrackedIndependently() {
        var health = SensorHealth<ChannelID>(failureThreshold: 1)
        #expect(health.recordFailure(ads, error: "timeout") == .markedFailed(ads, lastError: "timeout"))
        #expect(health.status(of: bme) == .healthy)
        #expect(health.record(of: bme).totalFailures == 0)
    }
}
