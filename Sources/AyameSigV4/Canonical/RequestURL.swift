/// The parts of an absolute URL that SigV4 looks at, found by scanning bytes; ranges index the
/// URL's UTF-8.
///
/// Foundation's `URL` re-encodes and rejects some wire forms (the test suite has raw spaces
/// and UTF-8 in paths); SigV4 must see the path and query exactly as they go on the wire.
struct RequestURL {
    let host: Range<Int>
    /// The port digits without leading zeros; empty when absent or the scheme's default.
    let port: Range<Int>
    let path: Range<Int>
    /// Without the `?`; empty when the URL has none.
    let query: Range<Int>
    /// Where the fragment (`#...`) starts, or the end of the URL.
    let fragmentStart: Int
    /// Whether a `?` is present, even with nothing after it.
    let hasQuestionMark: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>) throws(SigV4Error) {
        let count = bytes.count
        var index = 0
        while index < count, bytes[index] != UInt8(ascii: ":") { index += 1 }
        guard index > 0, index + 2 < count, bytes[index + 1] == UInt8(ascii: "/"),
              bytes[index + 2] == UInt8(ascii: "/") else {
            throw .invalidURL("expected an absolute URL such as https://host/path")
        }
        let scheme = UnsafeBufferPointer(rebasing: bytes[0..<index])
        func isScheme(_ name: StaticString) -> Bool {
            scheme.count == name.utf8CodeUnitCount
                && scheme.indices.allSatisfy { scheme[$0] | 0x20 == name.utf8Start[$0] }
        }
        let defaultPort: StaticString = isScheme("https") ? "443" : (isScheme("http") ? "80" : "")

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
        if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "[") {
            guard let close = (hostStart..<authorityEnd).first(where: { bytes[$0] == UInt8(ascii: "]") }) else {
                throw .invalidURL("unterminated IPv6 address in the host")
            }
            hostEnd = close + 1
            guard hostEnd == authorityEnd || bytes[hostEnd] == UInt8(ascii: ":") else {
                throw .invalidURL("unexpected text after the host")
            }
        } else if let colon = (hostStart..<authorityEnd).last(where: { bytes[$0] == UInt8(ascii: ":") }) {
            hostEnd = colon
        }
        guard hostEnd > hostStart else { throw .invalidURL("the URL has no host") }
        host = hostStart..<hostEnd

        var portStart = min(hostEnd + 1, authorityEnd)
        let digits = UnsafeBufferPointer(rebasing: bytes[portStart..<authorityEnd])
        guard digits.count <= 5, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .invalidURL("the port is not a number")
        }
        while authorityEnd - portStart > 1, bytes[portStart] == 0x30 { portStart += 1 }
        let significant = UnsafeBufferPointer(rebasing: bytes[portStart..<authorityEnd])
        let isDefault = significant.elementsEqual(UnsafeBufferPointer(start: defaultPort.utf8Start, count: defaultPort.utf8CodeUnitCount))
        port = isDefault ? authorityEnd..<authorityEnd : portStart..<authorityEnd

        var pathEnd = authorityEnd
        while pathEnd < count, bytes[pathEnd] != UInt8(ascii: "?"), bytes[pathEnd] != UInt8(ascii: "#") { pathEnd += 1 }
        path = authorityEnd..<pathEnd
        var fragment = pathEnd
        while fragment < count, bytes[fragment] != UInt8(ascii: "#") { fragment += 1 }
        fragmentStart = fragment
        hasQuestionMark = pathEnd < count && bytes[pathEnd] == UInt8(ascii: "?")
        query = hasQuestionMark ? (pathEnd + 1)..<fragment : fragment..<fragment
    }

    /// Writes the Host header value: lower-cased host, `:port` unless absent or default.
    func appendHost(of bytes: UnsafeBufferPointer<UInt8>, to output: inout ByteWriter) {
        output.reserve(host.count + port.count + 1)
        for byte in bytes[host] { output.appendReserved(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        if !port.isEmpty {
            output.appendReserved(UInt8(ascii: ":"))
            output.append(UnsafeBufferPointer(rebasing: bytes[port]))
        }
    }
}
