import Foundation

/// Settings shared by every request of one `HTTPClient`.
///
/// Proxies are not configured here on purpose: libcurl reads `http_proxy` (lower case only,
/// as a CGI-safety rule), `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY` and
/// `no_proxy`/`NO_PROXY` from the environment for each transfer, exactly as the `curl`
/// command does, and the client keeps that behaviour. When none of them is set as the client is
/// created, the client tells libcurl so once and the per-transfer look-up is skipped; a proxy
/// variable set later is then seen by clients created after it.
public struct HTTPClientConfiguration: Sendable {
    /// Which HTTP version to negotiate.
    public enum HTTPVersionPreference: Sendable, Hashable {
        /// HTTP/2 over TLS when the server offers it via ALPN; plain `http://` stays HTTP/1.1.
        case http2OverTLS
        /// HTTP/1.1 only.
        case http1_1
    }

    /// Upper bound on open connections across all hosts; further requests wait for a free one.
    public var maxConnections: Int = 64
    /// Upper bound on open connections to one host, or `nil` for no limit beyond `maxConnections`.
    public var maxConnectionsPerHost: Int? = nil
    /// Time allowed to resolve, connect and finish the TLS handshake.
    public var connectTimeout: Duration = .seconds(10)
    /// Time allowed for one whole attempt, measured from submission (queueing for a connection
    /// included), or `nil` for none.
    public var attemptTimeout: Duration? = nil
    /// Longest time no body or header byte may move in either direction once the connection is
    /// up, or `nil` for none. Time spent paused because the caller reads a streamed body
    /// slowly, or because a streamed upload has no data yet, does not count.
    public var idleTimeout: Duration? = .seconds(60)
    /// A PEM CA bundle to verify servers with instead of the system store. Defaults to the
    /// `AWS_CA_BUNDLE` environment variable, matching the AWS CLI and SDKs.
    /// Verification itself cannot be turned off.
    public var caBundlePath: String? = ProcessInfo.processInfo.environment["AWS_CA_BUNDLE"].flatMap {
        $0.isEmpty ? nil : $0
    }
    /// The HTTP version policy.
    public var httpVersion: HTTPVersionPreference = .http2OverTLS
    /// Whether to follow 3xx redirects (replaying replayable bodies). AWS services do not
    /// expect clients to follow redirects, so this is off by default.
    public var followRedirects: Bool = false
    /// Redirects followed at most when `followRedirects` is on.
    public var maxRedirects: Int = 5
    /// Bytes a streamed response may buffer ahead of its consumer before the transfer is
    /// paused.
    public var streamingBufferLimit: Int = 1 << 20
    /// Bytes a streamed upload may buffer ahead of the connection before its source is
    /// suspended.
    public var uploadBufferLimit: Int = 1 << 20

    /// Creates the default configuration.
    public init() {}
}
