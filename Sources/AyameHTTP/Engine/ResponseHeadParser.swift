/// Builds the final response head from the raw header lines libcurl hands over.
///
/// libcurl reports every response of a transfer (interim `1xx`, followed redirects), each
/// starting with its status line, so a status line starts the head over and only the last
/// complete block survives.
///
/// Lines are taken apart as bytes and only the name and the trimmed value become strings:
/// this runs for every header of every response, and going through a `String` per line (then
/// splitting and trimming it) cost several allocations per header.
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
        var end = raw.count
        while end > 0, raw[end - 1] == UInt8(ascii: "\r") || raw[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end == 0 {
            blockComplete = true
            return
        }
        let bytes = UnsafeRawBufferPointer(rebasing: raw[0..<end])
        if bytes.starts(with: "HTTP/".utf8) {
            startBlock(statusLine: bytes)
        } else if bytes[0] == UInt8(ascii: " ") || bytes[0] == UInt8(ascii: "\t") {
            // An obsolete folded continuation of the previous value.
            headers.extendLastValue(with: Self.trimmed(bytes, from: 0, to: end))
        } else if !blockComplete, let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            headers.add(
                name: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<colon]), as: UTF8.self),
                value: Self.trimmed(bytes, from: colon + 1, to: end))
        }
    }

    private mutating func startBlock(statusLine: UnsafeRawBufferPointer) {
        let space = UInt8(ascii: " ")
        let versionEnd = statusLine.firstIndex(of: space) ?? statusLine.count
        switch String(decoding: UnsafeRawBufferPointer(rebasing: statusLine[0..<versionEnd]), as: UTF8.self) {
        case "HTTP/1.0": version = .http1_0
        case "HTTP/1.1": version = .http1_1
        case "HTTP/2", "HTTP/2.0": version = .http2
        case "HTTP/3": version = .http3
        default: version = .unknown
        }
        var codeStart = versionEnd
        while codeStart < statusLine.count, statusLine[codeStart] == space { codeStart += 1 }
        var codeEnd = codeStart
        while codeEnd < statusLine.count, statusLine[codeEnd] != space { codeEnd += 1 }
        let code = UnsafeRawBufferPointer(rebasing: statusLine[codeStart..<codeEnd])
        if let valid = Self.statusCode(code) {
            status = valid
            invalidStatusLine = nil
        } else {
            status = 0
            let shown = String(decoding: code.prefix(16), as: UTF8.self)
            invalidStatusLine = code.isEmpty
                ? "the reply is not valid HTTP: its status line has no status code"
                : "the reply is not valid HTTP: its status code \(String(reflecting: shown)) is not three digits"
        }
        // Room for a typical response's fields, so the list is not regrown several times.
        headers = HTTPHeaders(minimumCapacity: 12)
        blockComplete = false
    }

    /// `3DIGIT`: exactly three ASCII digits, no sign, no padding.
    private static func statusCode(_ digits: UnsafeRawBufferPointer) -> Int? {
        guard digits.count == 3 else { return nil }
        var code = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return code
    }

    /// The bytes in `start..<end` without surrounding spaces and tabs, as a string.
    private static func trimmed(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> String {
        var start = start
        var end = end
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    var head: HTTPResponseHead {
        HTTPResponseHead(status: status, headers: headers, version: version)
    }
}
