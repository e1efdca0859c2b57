import GatewayCore
import Testing

@Suite struct EchonetLiteTests {
    let response: [UInt8] = [0x10, 0x81, 0x00, 0x01, 0x02, 0x88, 0x01, 0x05, 0xFF, 0x01, 0x72, 0x01,
                             0xE7, 0x04, 0x00, 0x00, 0x04, 0xA5]

    @Test func instantaneousPowerFromGetResponse() throws {
        let frame = try EchonetLiteFrame(bytes: response)
        #expect(frame.transactionID == 1)
        #expect(frame.source == .smartMeter && frame.destination == .controller)
        #expect(frame.service == .getResponse)
        #expect(try SmartMeterProperty.instantaneousPower(in: frame) == Watts(1189))
    }

    @Test func exportIsNegativePower() throws {
        var bytes = response
        bytes.replaceSubrange(14..., with: [0xFF, 0xFF, 0xFF, 0x9C])
        #expect(try SmartMeterProperty.instantaneousPower(in: EchonetLiteFrame(bytes: bytes)) == Watts(-100))
    }

    @Test func getRequestRoundTrips() throws {
        let request = EchonetLiteFrame.get([0xE7, 0xE0], transactionID: 0x0102)
        #expect(request.bytes == [0x10, 0x81, 0x01, 0x02, 0x05, 0xFF, 0x01, 0x02, 0x88, 0x01, 0x62, 0x02, 0xE7, 0x00, 0xE0, 0x00])
        #expect(try EchonetLiteFrame(bytes: request.bytes) == request)
    }

    @Test func cumulativeEnergyWithCoefficientAndUnit() throws {
        let frame = EchonetLiteFrame(transactionID: 2, source: .smartMeter, destination: .controller, service: .getResponse,
                                     properties: [.init(code: 0xE0, data: [0x00, 0x01, 0xE2, 0x40])])  // 123,456
        let energy = try SmartMeterProperty.cumulativeEnergy(in: frame, coefficient: 1, unitCode: 0x01)
        #expect(approximately(energy.value, 12_345.6, within: 1e-9))
        #expect(throws: EchonetLiteError.unknownUnitCode(0x05)) {
            try SmartMeterProperty.cumulativeEnergy(in: frame, coefficient: 1, unitCode: 0x05)
        }
    }

    @Test func malformedFramesSayWhatIsWrong() {
        #expect(throws: EchonetLiteError.truncated(expected: 12, got: 4)) { try EchonetLiteFrame(bytes: [0x10, 0x81, 0, 1]) }
        #expect(throws: EchonetLiteError.notFixedFormat(0x10, 0x82)) {
            try EchonetLiteFrame(bytes: [0x10, 0x82] + Array(response.dropFirst(2)))
        }
        #expect(throws: EchonetLiteError.truncated(expected: 18, got: 17)) { try EchonetLiteFrame(bytes: Array(response.dropLast())) }
        #expect(throws: EchonetLiteError.trailingBytes(1)) { try EchonetLiteFrame(bytes: response + [0x00]) }
        #expect(throws: EchonetLiteError.unknownService(0x99)) {
            var b = response
            b[10] = 0x99
            return try EchonetLiteFrame(bytes: b)
        }
    }

    @Test func missingOrMisSizedPropertyIsRejected() throws {
        let frame = try EchonetLiteFrame(bytes: response)
        #expect(throws: EchonetLiteError.missingProperty(0xE0, from: .smartMeter)) {
            try SmartMeterProperty.cumulativeEnergy(in: frame, coefficient: 1, unitCode: 0x01)
        }
        var short = response
        short.replaceSubrange(13..., with: [0x02, 0x04, 0xA5])
        #expect(throws: EchonetLiteError.badPropertyLength(0xE7, expected: 4, got: 2)) {
            try SmartMeterProperty.instantaneousPower(in: EchonetLiteFrame(bytes: short))
        }
    }
}
