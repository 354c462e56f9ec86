/// The parts of an absolute URL that SigV4 looks at, found by scanning bytes.
///
/// Foundation's `URL` re-encodes and rejects some wire forms (the test suite has raw spaces
/// and UTF-8 in paths); SigV4 must see the path and query exactly as they go on the wire.
struct RequestURL {
    let bytes: [UInt8]
    let isHTTPS: Bool
    /// The Host header value: lower-cased, without user info or the scheme's default port.
    let host: [UInt8]
    let path: Range<Int>
    /// Without the `?`; empty when the URL has none.
    let query: Range<Int>
    /// Where the fragment (`#...`) starts, or the end of the URL.
    let fragmentStart: Int
    /// Whether a `?` is present, even with nothing after it.
    let hasQuestionMark: Bool

    init(_ url: String) throws(SigV4Error) {
        bytes = Array(url.utf8)
        let count = bytes.count
        var index = 0
        while index < count, bytes[index] != UInt8(ascii: ":") { index += 1 }
        guard index > 0, index + 2 < count, bytes[index + 1] == UInt8(ascii: "/"),
              bytes[index + 2] == UInt8(ascii: "/") else {
            throw .invalidURL("expected an absolute URL such as https://host/path")
        }
        let scheme = bytes[0..<index].map { $0 | 0x20 }
        isHTTPS = scheme == Array("https".utf8)
        let defaultPort: [UInt8] = isHTTPS ? Array("443".utf8) : (scheme == Array("http".utf8) ? Array("80".utf8) : [])

        let authorityStart = index + 3
        var authorityEnd = authorityStart
        while authorityEnd < count {
            let byte = bytes[authorityEnd]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            authorityEnd += 1
        }
        var hostStart = authorityStart
        for position in authorityStart..<authorityEnd where bytes[position] == UInt8(ascii: "@") {
            hostStart = position + 1
        }
        var hostEnd = authorityEnd
        var portStart = authorityEnd
        if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "[") {
            guard let close = bytes[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else {
                throw .invalidURL("unterminated IPv6 address in the host")
            }
            hostEnd = close + 1
            portStart = hostEnd
        } else if let colon = bytes[hostStart..<authorityEnd].lastIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
            portStart = colon
        }
        guard hostEnd > hostStart else { throw .invalidURL("the URL has no host") }
        var host = bytes[hostStart..<hostEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if portStart < authorityEnd {
            guard bytes[portStart] == UInt8(ascii: ":") else { throw .invalidURL("unexpected text after the host") }
            var digits = Array(bytes[(portStart + 1)..<authorityEnd])
            guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), digits.count <= 5 else {
                throw .invalidURL("the port is not a number")
            }
            while digits.count > 1, digits[0] == 0x30 { digits.removeFirst() }
            if !digits.isEmpty, digits != defaultPort {
                host.append(UInt8(ascii: ":"))
                host.append(contentsOf: digits)
            }
        }
        self.host = host

        var pathEnd = authorityEnd
        while pathEnd < count, bytes[pathEnd] != UInt8(ascii: "?"), bytes[pathEnd] != UInt8(ascii: "#") { pathEnd += 1 }
        path = authorityEnd..<pathEnd
        var fragment = pathEnd
        while fragment < count, bytes[fragment] != UInt8(ascii: "#") { fragment += 1 }
        fragmentStart = fragment
        hasQuestionMark = pathEnd < count && bytes[pathEnd] == UInt8(ascii: "?")
        query = hasQuestionMark ? (pathEnd + 1)..<fragment : fragment..<fragment
    }
}
