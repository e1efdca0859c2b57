import BoardLog
import Testing

@Suite struct LogLineTests {
    @Test func journalLinesCarryTheSyslogPriority() {
        #expect(LogLine.format(.error, label: "gw", "bus lost", forJournal: true) == "<3>bus lost\n")
        #expect(LogLine.format(.notice, label: "gw", "connected", forJournal: true) == "<5>connected\n")
        #expect(LogLine.format(.debug, label: "gw", "x", forJournal: true) == "<7>x\n")
    }

    @Test func terminalLinesNameThePriorityInWords() {
        #expect(LogLine.format(.warning, label: "sensor-gateway", "broker away", forJournal: false)
                == "warning sensor-gateway: broker away\n")
    }

    @Test func aMessageWithLineBreaksStaysOneLine() {
        #expect(LogLine.format(.error, label: "gw", "a\nb\r\nc", forJournal: true) == "<3>a b  c\n")
    }
}
