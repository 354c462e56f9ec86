/// Removes credentials from text that may end up in errors or logs.
///
/// Presigned URLs carry their signature and session token in the query string, and curl's
/// messages can echo URLs, so everything the transport reports passes through here.
enum Redaction {
    static let placeholder = "REDACTED"

    /// Query parameters whose values are credentials (compared case-insensitively).
    static let sensitiveQueryParameters = ["x-amz-signature", "x-amz-security-token", "x-amz-credential"]

    /// Header names whose values must never be shown.
    static let sensitiveHeaders: Set<String> = ["authorization", "proxy-authorization", "x-amz-security-token", "cookie"]

    static func isSensitiveHeader(_ name: String) -> Bool {
        sensitiveHeaders.contains(name.lowercased())
    }

    /// The URL with credential query values and any `user:password@` userinfo replaced.
    static func url(_ url: String) -> String {
        var result = text(url)
        if let schemeEnd = result.range(of: "://") {
            let afterScheme = result[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
            if let at = afterScheme[..<authorityEnd].lastIndex(of: "@") {
                result.replaceSubrange(schemeEnd.upperBound..<at, with: placeholder)
            }
        }
        return result
    }

    /// Arbitrary text with credential query values and `Authorization:` header values replaced.
    static func text(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for name in sensitiveQueryParameters {
            bytes = replaceValues(in: bytes, after: Array((name + "=").utf8)) { byte in
                byte == UInt8(ascii: "&") || byte == UInt8(ascii: "#") || isSpaceOrQuote(byte)
            }
        }
        for name in ["authorization:", "x-amz-security-token:"] {
            bytes = replaceValues(in: bytes, after: Array(name.utf8)) { byte in
                byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isSpaceOrQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Replaces what follows each case-insensitive occurrence of `marker` up to a terminator.
    private static func replaceValues(in bytes: [UInt8], after marker: [UInt8], isTerminator: (UInt8) -> Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if matches(bytes, at: index, marker) {
                output.append(contentsOf: bytes[index..<index + marker.count])
                index += marker.count
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") {
                    output.append(bytes[index])
                    index += 1
                }
                var end = index
                while end < bytes.count, !isTerminator(bytes[end]) { end += 1 }
                if end > index { output.append(contentsOf: placeholder.utf8) }
                index = end
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    private static func matches(_ bytes: [UInt8], at index: Int, _ marker: [UInt8]) -> Bool {
        guard index + marker.count <= bytes.count else { return false }
        for offset in 0..<marker.count where lowercase(bytes[index + offset]) != marker[offset] {
            return false
        }
        return true
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte + 32 : byte
    }
}
