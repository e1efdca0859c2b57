import Foundation
import Testing
import TestSupport

/// Issue 17, part 2: `watch` on a terminal (a tmux pane, as over SSH) redraws one screen in place, with every
/// channel's columns, in the technician's language.
@Suite(.serialized) struct WatchUnderTmuxTests {
    /// Runs `watch` in a pane of a tmux server of this test's own (`-L`), waits for it to finish its refreshes,
    /// and returns the pane as `capture-pane` shows it.
    func screen(lang: String) throws -> String {
        let socket = "sgw-watch-test-\(getpid())-\(UUID().uuidString.prefix(6))"
        let site = Paths.packageRoot + "/Board/sites/kumamoto-paddy-01.yaml"
        let command = "env LANG=\(lang) LC_ALL= LC_MESSAGES= \(Paths.binary("sensor-gateway")) watch --config \(site) "
            + "--simulate --interval 0.5 --count 8; echo WATCH-ENDED; sleep 60"
        let script = """
            tmux -L '\(socket)' new-session -d -s watch -x 200 -y 40 "$1" || exit 1
            for _ in $(seq 150); do
                tmux -L '\(socket)' capture-pane -p -t watch > "$2" 2>&1
                grep -q WATCH-ENDED "$2" && break
                sleep 0.2
            done
            tmux -L '\(socket)' kill-server
            rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/\(socket)"
            """
        let output = Paths.scratch("tmux") + "/pane.txt"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, "watch-in-tmux", command, output]
        // Test pool threads block every signal and a child inherits the mask; spawn with nothing blocked.
        var nothing = sigset_t(), previous = sigset_t()
        sigemptyset(&nothing)
        pthread_sigmask(SIG_SETMASK, &nothing, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
        process.waitUntilExit()
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? "(no capture)"
    }

    @Test(arguments: [("C.UTF-8", false), ("ja_JP.UTF-8", true)]) func theScreenIsRedrawnWithEveryChannel(lang: String, ja: Bool) throws {
        let screen = try screen(lang: lang)
        #expect(screen.contains("WATCH-ENDED"), "\(screen)")
        #expect(screen.contains(ja ? "チャンネル" : "channel"), "\(screen)")
        #expect(screen.contains(ja ? "ハードウェアを直接計測" : "sampling the hardware itself"), "\(screen)")
        for channel in ["inflow", "outflow", "paddy-level", "barometer"] { #expect(screen.contains(channel), "\(screen)") }
        let headings = screen.components(separatedBy: "\n").filter { $0.hasPrefix("sensor-gateway watch") }
        #expect(headings.count == 1, "one screen redrawn in place, not \(headings.count) printed one after another:\n\(screen)")
        #expect(screen.contains("/min"), "the pulse channels' rate: \(screen)")
        // The quality column in the technician's language (the simulated board's channels read good).
        #expect(screen.contains(ja ? "正常" : "good"), "\(screen)")
        if ja { #expect(!screen.contains(" good "), "the wire's code left on the Japanese screen: \(screen)") }
        #expect(["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"].contains { screen.contains($0) }, "a sparkline: \(screen)")
    }
}
