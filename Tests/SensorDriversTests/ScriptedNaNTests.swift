import BoardIO
import GatewayCore
import SensorDrivers
import SimulatedBoard
import Testing

/// A `simulate:` value of `.nan` converted straight to a register integer, which traps. The models read it as
/// zero (and clamp everything else to the register's range), so a bad script cannot crash the simulated board.
@Suite struct ScriptedNaNTests {
    @Test func aNaNTemperatureOrHumidityIsAZeroRegisterNotATrap() throws {
        #expect(TMP117Model(temperature: DegreesCelsius(.nan)).resultRegister == 0)
        let sht = SHT3xModel(temperature: DegreesCelsius(.nan), humidity: RelativeHumidity(.nan))
        #expect(sht.rawTemperature == 0 && sht.rawHumidity == 0)
        #expect(TMP117Model(temperature: DegreesCelsius(1e308)).resultRegister == 0x7FFF)
    }

    @Test func aNaNInputVoltageConvertsToCodeZero() throws {
        let bus = SimulatedI2CBus(path: "/dev/i2c-1")
        let model = ADS1115Model()
        model.busyPolls = 0
        bus.attach(model, at: 0x48)
        model.setVoltage(Volts(.nan), on: .ain0)
        let adc = ADS1115(bus: bus, address: 0x48)
        let configuration = ADS1115Configuration(input: .ain0, range: .volts4_096, rate: .sps860)
        #expect(try adc.convert(configuration) == 0)
    }
}
