import GatewayCore

/// `valid-from` times: `2026-11-20T10:15:00+09:00`. The offset is required because a board without a time
/// zone database cannot guess whether a bare local time was written in JST or UTC.
public enum ISO8601Instant {
    /// Accepts `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`; nil for anything else.
    public static func parse(_ text: String) -> UnixTime? {
        var s = Substring(text)
        guard let year = take(4, &s), skip("-", &s), let month = take(2, &s), skip("-", &s),
              let day = take(2, &s), skip("T", &s) || skip("t", &s),
              let hour = take(2, &s), skip(":", &s), let minute = take(2, &s) else { return nil }
        var second = 0, millisecond = 0
        if skip(":", &s) {
            guard let sec = take(2, &s) else { return nil }
            second = sec
            if skip(".", &s) {
                let digits = s.prefix { $0.isASCII && $0.isNumber }
                guard (1...3).contains(digits.count), let frac = Int(digits) else { return nil }
                millisecond = frac * [100, 10, 1][digits.count - 1]
                s = s.dropFirst(digits.count)
            }
        }
        guard let offset = takeOffset(&s), s.isEmpty else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        let whole = CivilTime.instant(year: year, month: month, day: day, hour: hour, minute: minute,
                                      second: second, offsetSeconds: offset)
        return UnixTime(milliseconds: whole.milliseconds + Int64(millisecond))
    }

    /// The form the writer uses: JST, the zone every site is in.
    static func format(_ t: UnixTime) -> String {
        let civil = CivilTime.jst(t)
        let text = civil.iso8601 // always carries .mmm
        return (civil.millisecond == 0 ? String(text.dropLast(4)) : text) + "+09:00"
    }

    private static func takeOffset(_ s: inout Substring) -> Int? {
        if skip("Z", &s) || skip("z", &s) { return 0 }
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        s = s.dropFirst()
        guard let h = take(2, &s), skip(":", &s), let m = take(2, &s), h <= 14, m <= 59 else { return nil }
        return (sign == "+" ? 1 : -1) * (h * 3600 + m * 60)
    }

    private static func take(_ count: Int, _ s: inout Substring) -> Int? {
        let digits = s.prefix(count)
        guard digits.count == count, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        s = s.dropFirst(count)
        return Int(digits)
    }

    private static func skip(_ c: Character, _ s: inout Substring) -> Bool {
        guard s.first == c else { return false }
        s = s.dropFirst()
        return true
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
