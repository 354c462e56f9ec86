/// The signing time, kept as the two ASCII forms SigV4 needs.
///
/// Formatting is done arithmetically from epoch seconds: `DateFormatter` and friends cost
/// microseconds and depend on locale and time-zone state.
public struct SigV4Timestamp: Sendable, Hashable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int64
    // "YYYYMMDDTHHMMSSZ", 16 ASCII bytes packed in two words; the date stamp is the first 8.
    let packed: (UInt64, UInt64)

    /// The timestamp for `secondsSince1970` (UTC; leap seconds do not exist in epoch time).
    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
        let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
        let secondOfDay = secondsSince1970 - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        var text = [UInt8](repeating: 0, count: 16)
        Self.write(year, digits: 4, into: &text, at: 0)
        Self.write(month, digits: 2, into: &text, at: 4)
        Self.write(day, digits: 2, into: &text, at: 6)
        text[8] = UInt8(ascii: "T")
        Self.write(secondOfDay / 3600, digits: 2, into: &text, at: 9)
        Self.write(secondOfDay / 60 % 60, digits: 2, into: &text, at: 11)
        Self.write(secondOfDay % 60, digits: 2, into: &text, at: 13)
        text[15] = UInt8(ascii: "Z")
        packed = text.withUnsafeBytes { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (the form the `ayame sign` input uses); nil if malformed.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              bytes[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        let days = Self.days(fromCivil: year, month, day)
        self.init(secondsSince1970: days * 86_400 + hour * 3600 + minute * 60 + second)
    }

    /// `YYYYMMDDTHHMMSSZ`, the `X-Amz-Date` form.
    public var amzDate: String {
        withAmzDate { String(decoding: $0, as: UTF8.self) }
    }

    /// `YYYYMMDD`, the credential-scope form.
    public var dateStamp: String {
        withAmzDate { String(decoding: $0.prefix(8), as: UTF8.self) }
    }

    /// The `X-Amz-Date` form.
    public var description: String { amzDate }

    func withAmzDate<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var copy = packed
        return try withUnsafeBytes(of: &copy) { try body($0) }
    }

    /// Equal when they denote the same second.
    public static func == (lhs: SigV4Timestamp, rhs: SigV4Timestamp) -> Bool {
        lhs.secondsSince1970 == rhs.secondsSince1970
    }

    /// Hashes the epoch seconds.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSince1970)
    }

    private static func write(_ value: Int64, digits: Int, into text: inout [UInt8], at offset: Int) {
        var rest = value
        for index in stride(from: offset + digits - 1, through: offset, by: -1) {
            text[index] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
            rest /= 10
        }
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days-from-civil and civil-from-days (proleptic Gregorian calendar).
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
