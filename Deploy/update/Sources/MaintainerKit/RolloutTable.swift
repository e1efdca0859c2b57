/// The report on stdout: a header and one tab-separated line per board (wave, versions, result, seconds, reason).
public enum RolloutTable {
    public static func text(_ reports: [BoardReport]) -> String {
        var lines = ["BOARD\tWAVE\tBEFORE\tAFTER\tRESULT\tSECONDS\tREASON"]
        for r in reports {
            lines.append([r.board, String(r.wave), r.versionBefore ?? "-", r.versionAfter ?? "-", r.result.rawValue,
                          String(r.seconds), r.reason ?? ""].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }
}
