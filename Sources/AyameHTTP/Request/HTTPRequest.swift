import Foundation

/// One HTTP request: what to send, exactly as the caller wants it on the wire.
///
/// The transport adds only what HTTP framing needs (`Host` when absent, `Content-Length` or
/// `Transfer-Encoding: chunked` for a body); it never adds `Accept`, `Expect`,
/// `Accept-Encoding` or `Content-Type`, so a signature computed over these headers stays valid.
public struct HTTPRequest: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The request method.
    public var method: HTTPMethod
    /// The absolute `http` or `https` URL, already percent-encoded as it must be sent.
    public var url: String
    /// Header fields, sent in this order; names may repeat.
    public var headers: HTTPHeaders
    /// The request body.
    public var body: HTTPRequestBody

    /// Creates a request from a URL string that is sent verbatim (no re-encoding), which
    /// matters when the path or query was canonicalised for signing.
    public init(method: HTTPMethod = .get, url: String, headers: HTTPHeaders = [:], body: HTTPRequestBody = .empty) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Creates a request from a Foundation `URL`.
    public init(method: HTTPMethod = .get, url: URL, headers: HTTPHeaders = [:], body: HTTPRequestBody = .empty) {
        self.init(method: method, url: url.absoluteString, headers: headers, body: body)
    }

    /// Method, redacted URL and redacted headers; safe to log.
    public var description: String {
        "\(method) \(Redaction.url(url)) \(headers)"
    }

    /// Same as ``description``: debug output reaches logs as easily.
    public var debugDescription: String { description }

    /// What `dump()` shows: the redacted URL and headers, never a presigned signature or token.
    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": Redaction.url(url), "headers": headers], displayStyle: .struct)
    }
}
