/// Builds the final response head from the raw header lines libcurl hands over.
///
/// libcurl reports every response of a transfer (interim `1xx`, followed redirects), each
/// starting with its status line, so a status line starts the head over and only the last
/// complete block survives.
///
/// A status line whose code is not exactly three ASCII digits (RFC 9112, section 4) gives
/// status 0 and a reason in `invalidStatusLine`; the transfer then fails rather than hand a
/// guessed status to the caller (`Int("+200")` would be 200).
struct ResponseHeadParser {
    private(set) var status = 0
    /// Why the current block's status line was refused; nil when it was valid.
    private(set) var invalidStatusLine: String?
    private(set) var version: HTTPVersion = .unknown
    private(set) var headers = HTTPHeaders()
    /// Set when the blank line ending a block arrives.
    private(set) var blockComplete = false

    mutating func consume(line raw: UnsafeRawBufferPointer) {
        var bytes = raw[...]
        while let last = bytes.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") {
            bytes = bytes.dropLast()
        }
        if bytes.isEmpty {
            blockComplete = true
            return
        }
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            startBlock(statusLine: line)
        } else if let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            // An obsolete folded continuation of the previous value.
            headers.extendLastValue(with: trim(line))
        } else if !blockComplete, let colon = line.firstIndex(of: ":") {
            headers.add(name: String(line[..<colon]), value: trim(String(line[line.index(after: colon)...])))
        }
    }

    private mutating func startBlock(statusLine: String) {
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        switch parts.first {
        case "HTTP/1.0": version = .http1_0
        case "HTTP/1.1": version = .http1_1
        case "HTTP/2", "HTTP/2.0": version = .http2
        case "HTTP/3": version = .http3
        default: version = .unknown
        }
        if parts.count > 1, let code = Self.statusCode(parts[1].utf8) {
            status = code
            invalidStatusLine = nil
        } else {
            status = 0
            invalidStatusLine = parts.count > 1
                ? "the reply is not valid HTTP: its status code \(String(reflecting: String(parts[1].prefix(16)))) is not three digits"
                : "the reply is not valid HTTP: its status line has no status code"
        }
        headers = HTTPHeaders()
        blockComplete = false
    }

    /// `3DIGIT`: exactly three ASCII digits, no sign, no padding.
    private static func statusCode(_ token: Substring.UTF8View) -> Int? {
        guard token.count == 3 else { return nil }
        var code = 0
        for byte in token {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return code
    }

    private func trim(_ value: String) -> String {
        var slice = Substring(value)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    var head: HTTPResponseHead {
        HTTPResponseHead(status: status, headers: headers, version: version)
    }
}
