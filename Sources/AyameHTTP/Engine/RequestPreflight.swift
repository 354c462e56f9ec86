/// What is checked and laid out before a request is handed to the engine thread.
///
/// The engine thread runs every transfer of a client, so under concurrency it is the part that
/// saturates first; work that needs only the request (refusing a malformed one, laying out the
/// header list) is done here instead, on the submitting task's thread.
enum RequestPreflight {
    /// The request's header list for libcurl, or the reason the request cannot be sent.
    static func check(_ request: HTTPRequest) throws(HTTPClientError) -> PreparedHeaderList {
        let method = request.method.rawValue
        guard isToken(method) else {
            throw refused(request, "the method \"\(method)\" is not an HTTP token")
        }
        guard request.url.hasPrefix("http://") || request.url.hasPrefix("https://") else {
            throw refused(request, "only absolute http:// and https:// URLs are supported")
        }
        guard !request.url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw refused(request, "the URL contains spaces or control characters; percent-encode them")
        }
        if request.method == .head, !request.body.isEmpty {
            throw refused(request, "a HEAD request cannot have a body")
        }
        var hasAccept = false, hasExpect = false, hasContentType = false
        for field in request.headers {
            guard isToken(field.name) else {
                throw refused(request, "header name \"\(field.name)\" is not an HTTP token")
            }
            guard !containsLineBreakOrNUL(field.value) else {
                throw refused(request, "the value of header \(field.name) contains CR, LF or NUL")
            }
            hasAccept = hasAccept || HTTPHeaders.namesEqual(field.name, "Accept")
            hasExpect = hasExpect || HTTPHeaders.namesEqual(field.name, "Expect")
            hasContentType = hasContentType || HTTPHeaders.namesEqual(field.name, "Content-Type")
        }
        // Accept and Expect are headers curl would otherwise add on its own; a copied body goes
        // out as a curl POST, which would add a form Content-Type.
        let suppressed = Self.suppressionLists[
            (hasAccept ? 0 : 1) | (hasExpect ? 0 : 2) | (copiedBody(of: request) != nil && !hasContentType ? 4 : 0)]
        return PreparedHeaderList(list: CurlHeaderList.make(request.headers, suppressing: suppressed))
    }

    /// The headers to suppress for each combination (bit 0 Accept, bit 1 Expect, bit 2
    /// Content-Type), made once rather than an array per request.
    private static let suppressionLists: [[StaticString]] = (0..<8).map { mask in
        var names: [StaticString] = []
        if mask & 1 != 0 { names.append("Accept") }
        if mask & 2 != 0 { names.append("Expect") }
        if mask & 4 != 0 { names.append("Content-Type") }
        return names
    }

    /// The body libcurl copies and sends with the head (`CURLOPT_COPYPOSTFIELDS`), or nil when a
    /// producer feeds it (or there is none).
    static func copiedBody(of request: HTTPRequest) -> [UInt8]? {
        if let bytes = request.body.smallInMemoryBytes { return bytes }
        // POST, PUT and PATCH carry a body by definition: without one curl would send no
        // Content-Length at all, and servers may answer 411 (InvokeEndpointAsync is such a
        // call). An empty copied body makes curl send `Content-Length: 0`.
        if request.body.isEmpty, [HTTPMethod.post, .put, .patch].contains(request.method) { return [] }
        return nil
    }

    private static func refused(_ request: HTTPRequest, _ detail: String) -> HTTPClientError {
        .invalidRequest(.init(url: request.url, detail: detail))
    }

    private static func isToken(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            for byte in bytes where !isTokenByte(byte) { return false }
            return true
        }
    }

    private static func containsLineBreakOrNUL(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            for byte in bytes where byte == 0x0D || byte == 0x0A || byte == 0 { return true }
            return false
        }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"),
            UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"),
            UInt8(ascii: "+"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
