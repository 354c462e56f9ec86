/// SigV4's URI encoding: everything but `A-Z a-z 0-9 - _ . ~` becomes `%XX` (upper-case hex).
enum PercentEncoding {
    private static let upperDigits: StaticString = "0123456789ABCDEF"

    /// A 256-entry table: 1 for unreserved bytes. Built once; a lookup beats four range checks.
    private static let unreserved: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        return (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
    }

    static func isUnreserved(_ byte: UInt8) -> Bool { unreserved[Int(byte)] }

    static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        let table = upperDigits.utf8Start
        output.append(UInt8(ascii: "%"))
        output.append(table[Int(byte >> 4)])
        output.append(table[Int(byte & 0x0F)])
    }

    /// Encodes raw bytes; `keepSlash` leaves `/` alone (paths).
    static func encode<C: Collection<UInt8>>(_ bytes: C, keepSlash: Bool = false, to output: inout [UInt8]) {
        for byte in bytes {
            if unreserved[Int(byte)] || (keepSlash && byte == UInt8(ascii: "/")) {
                output.append(byte)
            } else {
                appendEscaped(byte, to: &output)
            }
        }
    }

    /// Re-encodes text that may already hold `%XX` escapes: valid escapes are decoded first so
    /// `%2f` and `%2F` and `/` all end up as `%2F`, and nothing is encoded twice.
    static func reencode(_ bytes: ArraySlice<UInt8>, to output: inout [UInt8]) {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            var byte = bytes[index]
            if byte == UInt8(ascii: "%"), end - index >= 3,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                byte = high << 4 | low
                index += 3
            } else {
                index += 1
            }
            if unreserved[Int(byte)] { output.append(byte) } else { appendEscaped(byte, to: &output) }
        }
    }

    /// Decodes `%XX` escapes (invalid ones stay as they are), for callers that need raw values.
    static func decode(_ bytes: ArraySlice<UInt8>, plusAsSpace: Bool = false) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), end - index >= 3,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            output.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
