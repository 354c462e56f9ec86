import AyameSigV4

/// The request rewrites botocore's presigner (`SigV4QueryAuth`) makes before signing, so that
/// `ayame sign` gives byte-identical URLs. The library's presigner does not make them: they
/// lose information (repeated query keys collapse to their first value).
enum BotocoreCompatibility {
    /// botocore drops the form content type its own serializer adds, as meaningless in a URL.
    static let formContentType = "application/x-www-form-urlencoded; charset=utf-8"

    static func presignHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        guard let first = headers.first(where: { $0.name.lowercased() == "content-type" }), first.value == formContentType else {
            return headers
        }
        return headers.filter { $0.name.lowercased() != "content-type" }
    }

    /// Re-serializes the query as botocore does: decoded (`+` is a space), one value per key
    /// (the first, in first-seen order), blank values kept, re-encoded with SigV4's unreserved set.
    static func presignURL(_ url: String) -> String {
        let bytes = Array(url.utf8)
        guard let questionMark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return url }
        let fragmentStart = bytes[questionMark...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        var keys: [[UInt8]] = []
        var values: [[UInt8]: [UInt8]] = [:]
        for segment in bytes[(questionMark + 1)..<fragmentStart].split(separator: UInt8(ascii: "&")) {
            let equals = segment.firstIndex(of: UInt8(ascii: "=")) ?? segment.endIndex
            let key = normalized(segment[segment.startIndex..<equals])
            let value = equals < segment.endIndex ? normalized(segment[(equals + 1)...]) : []
            if values[key] == nil {
                keys.append(key)
                values[key] = value
            }
        }
        var output = Array(bytes[..<questionMark])
        if !keys.isEmpty {
            output.append(UInt8(ascii: "?"))
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: "&")) }
                encode(key, to: &output)
                output.append(UInt8(ascii: "="))
                encode(values[key]!, to: &output)
            }
        }
        output.append(contentsOf: bytes[fragmentStart...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Percent-decoded UTF-8, with invalid sequences replaced as Python's `unquote` does.
    private static func normalized(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var decoded = [UInt8]()
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "%"), raw.endIndex - index >= 3,
               let high = hexValue(raw[index + 1]), let low = hexValue(raw[index + 2]) {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return Array(String(decoding: decoded, as: UTF8.self).utf8)
    }

    private static func encode(_ bytes: [UInt8], to output: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                output.append(byte)
            default:
                output += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
