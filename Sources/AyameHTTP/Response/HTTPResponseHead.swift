/// The HTTP version a response arrived over.
public enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// HTTP/1.0
    case http1_0
    /// HTTP/1.1
    case http1_1
    /// HTTP/2
    case http2
    /// HTTP/3
    case http3
    /// Not reported by libcurl.
    case unknown

    /// The version as written on a status line.
    public var description: String {
        switch self {
        case .http1_0: return "HTTP/1.0"
        case .http1_1: return "HTTP/1.1"
        case .http2: return "HTTP/2"
        case .http3: return "HTTP/3"
        case .unknown: return "HTTP/?"
        }
    }
}

/// Status line and headers of the final response.
///
/// Interim responses (`100 Continue`) and followed redirects are dropped, so these are the
/// headers of the response whose body the caller gets.
public struct HTTPResponseHead: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// Header fields in arrival order, repeats kept.
    public var headers: HTTPHeaders
    /// The protocol version of the response.
    public var version: HTTPVersion

    /// Creates a head.
    public init(status: Int, headers: HTTPHeaders, version: HTTPVersion) {
        self.status = status
        self.headers = headers
        self.version = version
    }
}
