import BoardIO
import Glibc
import LinuxBoard
import Testing

/// The kernel's i2c-stub adapter, if loaded: a real i2c-dev node backed by an in-kernel register file.
let i2cStubAdapter = I2CAdapterListing.adapters().first { $0.name?.hasPrefix("SMBus stub driver") == true }

/// Real transfers against the kernel's i2c-stub adapter, run only where it is loaded
/// (`modprobe i2c-stub chip_addr=0x50`). The test is reported as skipped elsewhere, never passed silently.
/// This development host has no kernel modules, so these run on the QEMU board image.
@Suite(.enabled(if: i2cStubAdapter != nil,
                "no i2c-stub adapter on this host (modprobe i2c-stub chip_addr=0x50 to run these)"))
struct I2CStubTests {
    func openStub() throws -> (LinuxI2CBus, UInt8) {
        let bus = try LinuxI2CBus(path: try #require(i2cStubAdapter).path)
        let scan = I2CBusScan.scan(bus) { _, _ in nil }
        let address = try #require(scan.findings.keys.min(), "i2c-stub loaded without chip_addr")
        return (bus, address)
    }

    @Test func registerWritesReadBack() throws {
        let (bus, address) = try openStub()
        try bus.writeByte(address: address, register: 0x10, value: 0x5A)
        #expect(try bus.readByte(address: address, register: 0x10) == 0x5A)
        try bus.writeWord(address: address, register: 0x20, value: 0xBEEF)
        #expect(try bus.readWord(address: address, register: 0x20) == 0xBEEF)
        #expect(try bus.readBlock(address: address, register: 0x20, count: 2) == [0xEF, 0xBE])
    }

    /// i2c-stub answers an address without a chip with ENODEV rather than a NAK errno; it must still read as
    /// "no acknowledge" and name the address so the technician sees which chip is missing.
    @Test func anEmptyAddressFailsAndIsNamed() throws {
        let (bus, _) = try openStub()
        let scan = I2CBusScan.scan(bus) { _, _ in nil }
        let empty = try #require(I2CBusScan.defaultAddresses.first { scan.findings[$0] == nil })
        #expect(!bus.probe(address: empty))
        do {
            _ = try bus.readByte(address: empty, register: 0)
            Issue.record("read from empty address 0x\(String(empty, radix: 16)) succeeded")
        } catch {
            #expect(error.kind == .noAcknowledge)
            #expect(error.address == empty)
        }
    }

    @Test func plainTransfersAreUnsupportedOnAnSMBusOnlyAdapter() throws {
        let (bus, address) = try openStub()
        #expect(!bus.functionality.contains(.plainI2C))
        do {
            _ = try bus.transfer(address: address, write: [0x24, 0x00], readCount: 6)
            Issue.record("I2C_RDWR transfer succeeded on an SMBus-only stub")
        } catch {
            #expect(error.kind == .unsupported)
        }
    }
}
