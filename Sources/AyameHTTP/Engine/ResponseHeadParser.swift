/// Builds the final response head from the raw header lines libcurl hands over.
///
/// libcurl reports every response of a transfer (interim `1xx`, followed redirects), each
/// starting with its status line, so a status line starts the head over and only the last
/// complete block survives.
struct ResponseHeadParser {
    private(set) var status = 0
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
        status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        headers = HTTPHeaders()
        blockComplete = false
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
