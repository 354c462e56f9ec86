/// Builds the request URL from the endpoint and the codec's path and query.
enum RequestURL {
    /// Joins endpoint URL (which may carry a base path), the operation's encoded path, and the
    /// query, encoded the way SigV4 canonicalises it so the signed and sent URL agree.
    static func make(endpoint: String, hostPrefix: String?, path: String, query: [QueryParameter]) -> String {
        var base = Substring(endpoint)
        if let hostPrefix, !hostPrefix.isEmpty, let schemeEnd = base.range(of: "://") {
            base = base[..<schemeEnd.upperBound] + hostPrefix + base[schemeEnd.upperBound...]
        }
        while base.hasSuffix("/") { base = base.dropLast() }
        let hasBasePath = base.range(of: "://").map { base[$0.upperBound...].contains("/") } ?? false
        var url = String(base)
        if path != "/" || !hasBasePath { url += path }
        if !query.isEmpty {
            url += "?"
            url += query.map { parameter in
                let name = percentEncode(parameter.name)
                return parameter.value.map { "\(name)=\(percentEncode($0))" } ?? name
            }.joined(separator: "&")
        }
        return url
    }

    /// RFC 3986 encoding: everything but `A-Z a-z 0-9 - _ . ~`.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(UnicodeScalar(byte))
            default:
                result += "%"
                result.unicodeScalars.append(UnicodeScalar(hexDigits[Int(byte >> 4)]))
                result.unicodeScalars.append(UnicodeScalar(hexDigits[Int(byte & 0x0F)]))
            }
        }
        return result
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
