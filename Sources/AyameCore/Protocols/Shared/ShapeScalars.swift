import Foundation

/// Text forms of scalar shape values shared by XML, query strings, URI labels and headers.
enum ShapeScalars {
    /// The text of a scalar value, or nil when the value is not a scalar of `kind`.
    /// `timestampFormat` applies to timestamps; doubles use the AWS spellings of NaN and the
    /// infinities; blobs are base64.
    static func text(_ value: ShapeValue, kind: ShapeSchema.Kind, timestampFormat: TimestampFormat) -> String? {
        switch (kind, value) {
        case (.string, .string(let text)): return text
        case (.integer, .integer(let number)), (.long, .integer(let number)): return String(number)
        case (.float, .double(let number)), (.double, .double(let number)): return doubleText(number)
        case (.float, .integer(let number)), (.double, .integer(let number)): return String(number)
        case (.boolean, .boolean(let flag)): return flag ? "true" : "false"
        case (.timestamp, .timestamp(let date)): return AWSTimestamp.format(date, as: timestampFormat)
        case (.blob, .blob(let data)): return data.base64EncodedString()
        case (.blob, .string(let text)): return Data(text.utf8).base64EncodedString()
        default: return nil
        }
    }

    static func doubleText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return number.description
    }

    /// The shape value of scalar text, or nil when the text does not parse as `kind`.
    static func value(_ text: String, kind: ShapeSchema.Kind) -> ShapeValue? {
        switch kind {
        case .string: return .string(text)
        case .integer, .long:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let number = Int(trimmed) { return .integer(number) }
            if let number = Double(trimmed), number.rounded() == number, let exact = Int(exactly: number) { return .integer(exact) }
            return nil
        case .float, .double:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            switch trimmed {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default: return Double(trimmed).map(ShapeValue.double)
            }
        case .boolean:
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return nil
            }
        case .timestamp: return AWSTimestamp.parse(text).map(ShapeValue.timestamp)
        case .blob:
            return Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines), options: .ignoreUnknownCharacters)
                .map(ShapeValue.blob)
        default: return nil
        }
    }
}
