/// SigV4's URI encoding: everything but `A-Z a-z 0-9 - _ . ~` becomes `%XX` (upper-case hex).
enum PercentEncoding {
    private static let upperDigits: StaticString = "0123456789ABCDEF"

    /// Unreserved bytes by table; one load beats four range checks per byte.
    private static let unreserved: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        return (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
    }

    @inline(__always)
    static func appendEscaped(_ byte: UInt8, to output: inout ByteWriter) {
        let table = upperDigits.utf8Start
        output.reserve(3)
        output.appendReserved(UInt8(ascii: "%"))
        output.appendReserved(table[Int(byte >> 4)])
        output.appendReserved(table[Int(byte & 0x0F)])
    }

    /// Encodes raw bytes; `keepSlash` leaves `/` alone (paths).
    static func encode<C: Collection<UInt8>>(_ bytes: C, keepSlash: Bool = false, to output: inout ByteWriter) {
        unreserved.withUnsafeBufferPointer { table in
            for byte in bytes {
                if table[Int(byte)] || (keepSlash && byte == UInt8(ascii: "/")) {
                    output.append(byte)
                } else {
                    appendEscaped(byte, to: &output)
                }
            }
        }
    }

    /// Re-encodes text that may already hold `%XX` escapes: valid escapes are decoded first so
    /// `%2f`, `%2F` and `/` all end up as `%2F`, and nothing is encoded twice.
    static func reencode(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout ByteWriter) {
        unreserved.withUnsafeBufferPointer { table in
            var index = 0
            let end = bytes.count
            while index < end {
                var byte = bytes[index]
                if byte == UInt8(ascii: "%"), end - index >= 3,
                   let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    byte = high << 4 | low
                    index += 3
                } else {
                    index += 1
                }
                if table[Int(byte)] { output.append(byte) } else { appendEscaped(byte, to: &output) }
            }
        }
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
