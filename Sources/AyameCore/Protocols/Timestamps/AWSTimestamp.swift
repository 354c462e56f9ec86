import Foundation

/// Formats and parses the three timestamp forms AWS protocols use.
///
/// Formatting is exact and deterministic: millisecond precision (what Smithy specifies and AWS
/// services keep), fractional digits only when the milliseconds are not zero. Parsing is
/// lenient about which of the three forms arrives, because services and mocks do not always
/// use the form the model names (moto answers epoch seconds where ISO 8601 is modelled).
public enum AWSTimestamp {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Writes `date` in `format`: `2026-11-25T17:36:18Z` (or `…18.123Z`), `1795628178`
    /// (or `1795628178.123`), or `Wed, 25 Nov 2026 17:36:18 GMT` (whole seconds, truncated).
    public static func format(_ date: Date, as format: TimestampFormat) -> String {
        let (seconds, milliseconds) = split(date)
        switch format {
        case .iso8601:
            let time = CivilTime(epochSeconds: seconds)
            var text = "\(pad(time.year, 4))-\(pad(time.month, 2))-\(pad(time.day, 2))T"
            text += "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
            if milliseconds != 0 { text += ".\(pad(milliseconds, 3))" }
            return text + "Z"
        case .unixTimestamp:
            let total = seconds * 1000 + milliseconds
            let magnitude = total.magnitude
            let sign = total < 0 ? "-" : ""
            guard magnitude % 1000 != 0 else { return sign + String(magnitude / 1000) }
            var fraction = pad(Int(magnitude % 1000), 3)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(sign)\(magnitude / 1000).\(fraction)"
        case .rfc822:
            let time = CivilTime(epochSeconds: seconds)
            return "\(weekdays[time.weekday]), \(pad(time.day, 2)) \(months[time.month - 1]) \(pad(time.year, 4)) "
                + "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2)) GMT"
        }
    }

    /// The instant as whole seconds (floored) and milliseconds (rounded to the nearest).
    private static func split(_ date: Date) -> (Int, Int) {
        let totalMilliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = totalMilliseconds >= 0 ? totalMilliseconds / 1000 : (totalMilliseconds - 999) / 1000
        return (seconds, totalMilliseconds - seconds * 1000)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Reads a timestamp in any of the three forms (and ISO 8601 with an offset), or nil.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.utf8.first else { return nil }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") {
            return parseEpoch(trimmed)
        }
        if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") {
            if trimmed.utf8.count > 4, Array(trimmed.utf8)[4] == UInt8(ascii: "-") { return parseISO8601(trimmed) }
            return parseEpoch(trimmed) ?? parseHTTPDate(trimmed)
        }
        return parseHTTPDate(trimmed)
    }

    /// Epoch seconds, integer or fractional (`1795628179.143`, `1.7e9`).
    static func parseEpoch(_ text: String) -> Date? {
        if let whole = Int(text) { return Date(timeIntervalSince1970: TimeInterval(whole)) }
        guard let value = Double(text), value.isFinite else { return nil }
        return Date(timeIntervalSince1970: value)
    }

    /// RFC 3339 / ISO 8601: `2026-11-25T17:36:18Z`, `…18.410878Z`, `…18+09:00`, `…18-0500`.
    static func parseISO8601(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
              let day = scanner.number(2), scanner.skip(anyOf: "Tt "),
              let hour = scanner.number(2), scanner.skip(":"), let minute = scanner.number(2), scanner.skip(":"),
              let second = scanner.number(2)
        else { return nil }
        var fraction = 0.0
        if scanner.skip(".") || scanner.skip(",") {
            var scale = 0.1
            var digits = 0
            while let digit = scanner.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                digits += 1
            }
            if digits == 0 { return nil }
        }
        var offset = 0
        if scanner.skip(anyOf: "Zz") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.number(2) else { return nil }
            _ = scanner.skip(":")
            guard let offsetMinutes = scanner.number(2) else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else if !scanner.atEnd {
            return nil
        }
        guard scanner.atEnd else { return nil }
        let time = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard time.isValid else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(time.epochSeconds - offset) + fraction)
    }

    /// The HTTP date (`Wed, 25 Nov 2026 17:36:18 GMT`), also without the weekday and with a
    /// numeric zone (`+0000`), as RFC 822 allows.
    static func parseHTTPDate(_ text: String) -> Date? {
        var parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let first = parts.first, first.hasSuffix(",") || weekdays.contains(first) { parts.removeFirst() }
        guard parts.count >= 4,
              let day = Int(parts[0]), let monthIndex = months.firstIndex(where: { $0.caseInsensitiveCompare(parts[1]) == .orderedSame }),
              var year = Int(parts[2])
        else { return nil }
        if parts[2].count == 2 { year += year < 70 ? 2000 : 1900 }
        let clock = parts[3].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]) else { return nil }
        var fraction = 0.0
        let secondText = clock[2]
        let second: Int
        if let dot = secondText.firstIndex(of: ".") {
            guard let whole = Int(secondText[..<dot]), let fractional = Double("0" + secondText[dot...]) else { return nil }
            second = whole
            fraction = fractional
        } else {
            guard let whole = Int(secondText) else { return nil }
            second = whole
        }
        var offset = 0
        if parts.count > 4 {
            let zone = parts[4]
            if zone == "GMT" || zone == "UTC" || zone == "UT" || zone == "Z" {
                offset = 0
            } else if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
                offset = (sign == "-" ? -1 : 1) * (value / 100 * 3600 + value % 100 * 60)
            } else {
                return nil
            }
        }
        let time = CivilTime(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second)
        guard time.isValid else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(time.epochSeconds - offset) + fraction)
    }
}

/// Reads fixed-width digit groups and separators from ASCII bytes.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func digit() -> Int? {
        guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
        defer { index += 1 }
        return Int(bytes[index] - 0x30)
    }

    mutating func number(_ width: Int) -> Int? {
        var value = 0
        for _ in 0..<width {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func skip(anyOf characters: String) -> Bool {
        guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
