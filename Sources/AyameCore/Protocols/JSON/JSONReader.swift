/// Why a JSON text could not be read, with the byte offset where reading stopped.
struct JSONReadError: Error, Equatable, CustomStringConvertible {
    var reason: String
    var offset: Int

    var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A strict RFC 8259 reader over UTF-8 bytes.
///
/// Strict because a lenient reader hides truncated or corrupted bodies that should surface as
/// decoding errors; exact because integers that fit `Int` never pass through `Double`.
@usableFromInline
struct JSONReader {
    /// Deep enough for any AWS document, shallow enough that hostile input cannot exhaust the stack.
    static let maximumDepth = 512

    @usableFromInline let bytes: [UInt8]
    @usableFromInline var position = 0
    @usableFromInline var depth = 0

    @usableFromInline
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Reads one JSON value that must span the whole input (whitespace aside).
    static func parse<Bytes: Collection<UInt8>>(_ input: Bytes) throws(JSONReadError) -> JSONValue {
        var reader = JSONReader(Array(input))
        if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        reader.skipWhitespace()
        let value = try reader.readValue()
        reader.skipWhitespace()
        guard reader.position == reader.bytes.count else { throw reader.failure("unexpected data after the value") }
        return value
    }

    func failure(_ reason: String) -> JSONReadError {
        JSONReadError(reason: reason, offset: position)
    }

    @usableFromInline
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func readValue() throws(JSONReadError) -> JSONValue {
        guard position < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw failure("unexpected character")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONReadError) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw failure("unexpected end of input") }
        for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] {
            throw failure("invalid literal")
        }
        position += count
    }

    mutating func enter() throws(JSONReadError) {
        depth += 1
        if depth > Self.maximumDepth { throw failure("nesting deeper than \(Self.maximumDepth)") }
    }

    private mutating func readObject() throws(JSONReadError) -> JSONValue {
        try enter()
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            let key = try readString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            position += 1
            skipWhitespace()
            object[key] = try readValue()
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end of input") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return .object(object)
            } else {
                throw failure("expected ',' or '}'")
            }
        }
    }

    private mutating func readArray() throws(JSONReadError) -> JSONValue {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try readValue())
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end of input") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return .array(elements)
            } else {
                throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func readNumber() throws(JSONReadError) -> JSONValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw failure("expected a digit") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw failure("leading zero") }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("expected a digit after '.'") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("expected an exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if let exact = Self.exactNumber(bytes[start..<position], isInteger: isInteger) { return exact }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let integer = Int(token) { return .integer(integer) }
        guard let double = Double(token) else { throw JSONReadError(reason: "number out of range", offset: start) }
        return .double(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }

    /// The value of a validated number token read straight from its bytes, when that is exact:
    /// an integer of up to 18 digits, or a decimal whose digits fit in 2^53 scaled by at most
    /// 10^22, which one correctly rounded multiplication or division turns into the nearest
    /// `Double` (Clinger's fast path). Timestamps such as `1764092179.461925` take this path,
    /// without the string the general conversion needs. Anything else returns nil.
    private static func exactNumber(_ token: ArraySlice<UInt8>, isInteger: Bool) -> JSONValue? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var inFraction = false
        for byte in token {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): inFraction = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits > 0 || byte != UInt8(ascii: "0") { digits += 1 }
                guard digits <= 18 else { return nil }
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if inFraction { fractionDigits += 1 }
            default: return nil  // an exponent: left to the general conversion
            }
        }
        if isInteger {
            let value = Int(mantissa)
            return .integer(negative ? -value : value)
        }
        guard mantissa <= 1 << 53, fractionDigits < exactPowersOfTen.count else { return nil }
        let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
        return .double(negative ? -magnitude : magnitude)
    }

    /// The byte range of the string at the reader (which stands on its opening quote) when it
    /// is plain ASCII without escapes, as object keys nearly always are, the reader moved past
    /// its closing quote; nil, the reader unmoved, for any other string (read it with
    /// ``readString()``).
    mutating func readPlainString() -> Range<Int>? {
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
              bytes[end] >= 0x20, bytes[end] < 0x80 {
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        position = end + 1
        return start..<end
    }

    mutating func readString() throws(JSONReadError) -> String {
        position += 1
        var scalars: [UInt8] = []
        var segmentStart = position
        while true {
            guard position < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if scalars.isEmpty {
                    // No escape: the string is the bytes as they stand, without a copy first.
                    guard let text = Self.string(validating: bytes, segmentStart..<position) else {
                        throw failure("invalid UTF-8 in string")
                    }
                    position += 1
                    return text
                }
                scalars.append(contentsOf: bytes[segmentStart..<position])
                position += 1
                break
            }
            if byte < 0x20 { throw failure("control character in string") }
            if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: bytes[segmentStart..<position])
                position += 1
                try readEscape(into: &scalars)
                segmentStart = position
                continue
            }
            position += 1
        }
        guard let text = String(validating: scalars, as: UTF8.self) else { throw failure("invalid UTF-8 in string") }
        return text
    }

    /// The UTF-8 text of `bytes[range]`, or nil when it is not valid UTF-8. ASCII, which nearly
    /// every AWS string is, skips the generic validating initializer: unspecialized, it looked
    /// up generic metadata for every string of every response.
    private static func string(validating bytes: [UInt8], _ range: Range<Int>) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            let text = UnsafeBufferPointer(rebasing: buffer[range])
            var combined: UInt8 = 0
            for byte in text { combined |= byte }
            if combined < 0x80 { return String(decoding: text, as: UTF8.self) }
            return String(validating: text, as: UTF8.self)
        }
    }

    private mutating func readEscape(into output: inout [UInt8]) throws(JSONReadError) {
        guard position < bytes.count else { throw failure("unterminated escape") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "u"):
            var code = try readHex4()
            if (0xD800...0xDBFF).contains(code) {
                guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                else { throw failure("unpaired surrogate") }
                position += 2
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired surrogate") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw failure("unpaired surrogate")
            }
            guard let scalar = Unicode.Scalar(code) else { throw failure("invalid code point") }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw failure("invalid escape")
        }
    }

    private mutating func readHex4() throws(JSONReadError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw failure("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
