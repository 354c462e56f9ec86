import CCurl

/// Why a request failed in the transport (never because of an HTTP status: any status that
/// arrives is a response).
///
/// Descriptions never contain `Authorization` values or presigned-URL credentials, so
/// they can be logged as they are.
public enum HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request could not be turned into a transfer (bad URL, forbidden header bytes, ...).
    case invalidRequest(Context)
    /// No connection could be made (refused, unreachable, DNS failure, proxy failure, a TLS
    /// handshake that failed for any reason but the certificate).
    case couldNotConnect(Context)
    /// Making the connection took longer than `connectTimeout`.
    case connectTimeout(Context)
    /// The whole attempt took longer than `attemptTimeout`.
    case attemptTimeout(Context)
    /// No bytes moved in either direction for `idleTimeout`.
    case idleTimeout(Context)
    /// The connection was closed or reset before the response was complete; the context says
    /// how much had been received.
    case connectionClosed(Context)
    /// Certificate verification or the TLS setup failed (CA bundle, pinning, engine).
    case tlsFailure(Context)
    /// The request body could not be produced (file unreadable, stream threw, a one-shot body
    /// needed a replay).
    case bodySourceFailed(Context)
    /// The response body could not be written to the destination file.
    case responseFileFailed(Context)
    /// The caller's task was cancelled; the transfer was aborted.
    case cancelled
    /// The client was shut down before or while the request ran.
    case clientShutdown
    /// Any other libcurl failure, with curl's code.
    case curl(code: Int, Context)

    /// Where and how far a failed transfer got, for diagnostics and retry decisions.
    public struct Context: Sendable, Hashable, CustomStringConvertible {
        /// The request URL with credential query values and userinfo redacted.
        public var url: String
        /// A human-readable cause (curl's message or ours), redacted.
        public var detail: String
        /// Request body bytes handed to the connection before the failure.
        public var bytesSent: Int64
        /// Response body bytes received before the failure.
        public var bytesReceived: Int64

        /// Creates a context, redacting `url` and `detail`.
        public init(url: String, detail: String, bytesSent: Int64 = 0, bytesReceived: Int64 = 0) {
            self.url = Redaction.url(url)
            self.detail = Redaction.text(detail)
            self.bytesSent = bytesSent
            self.bytesReceived = bytesReceived
        }

        /// URL and detail, redacted.
        public var description: String {
            detail.isEmpty ? url : "\(url): \(detail)"
        }
    }

    /// The context of the failure, if the case has one.
    public var context: Context? {
        switch self {
        case .invalidRequest(let context), .couldNotConnect(let context), .connectTimeout(let context),
            .attemptTimeout(let context), .idleTimeout(let context), .connectionClosed(let context),
            .tlsFailure(let context), .bodySourceFailed(let context), .responseFileFailed(let context),
            .curl(_, let context):
            return context
        case .cancelled, .clientShutdown:
            return nil
        }
    }

    /// Whether the failure is transient, so the same request may succeed if sent again
    /// (subject to the caller's idempotency rules and the body being replayable).
    public var isRetryable: Bool {
        switch self {
        case .couldNotConnect, .connectTimeout, .attemptTimeout, .idleTimeout, .connectionClosed:
            return true
        case .invalidRequest, .tlsFailure, .bodySourceFailed, .responseFileFailed, .cancelled, .clientShutdown, .curl:
            return false
        }
    }

    /// Whether one of the three timeouts fired.
    public var isTimeout: Bool {
        switch self {
        case .connectTimeout, .attemptTimeout, .idleTimeout: return true
        default: return false
        }
    }

    /// Whether the server can be sure to have seen nothing of this request, which makes a
    /// retry safe even for non-idempotent operations.
    public var requestNeverSent: Bool {
        switch self {
        case .invalidRequest, .couldNotConnect, .connectTimeout: return true
        default: return false
        }
    }

    /// What happened and what to do next; redacted.
    public var description: String {
        switch self {
        case .invalidRequest(let context):
            return "Invalid request \(context). Fix the request; sending it again will fail the same way."
        case .couldNotConnect(let context):
            return "Could not connect to \(context). Check the endpoint, DNS and proxy settings "
                + "(http_proxy/https_proxy/no_proxy); retrying later may succeed."
        case .connectTimeout(let context):
            return "Timed out connecting to \(context). Retry; if it keeps happening, check reachability "
                + "or raise connectTimeout."
        case .attemptTimeout(let context):
            return "The attempt did not finish within attemptTimeout (\(context)). Retry, or raise "
                + "attemptTimeout for large transfers."
        case .idleTimeout(let context):
            return "No data moved within idleTimeout (\(context)); the server or network stalled. Retry."
        case .connectionClosed(let context):
            return "The connection closed before the response was complete (\(context); "
                + "\(context.bytesReceived) body bytes received). The server may have processed the request; "
                + "retry if the operation is idempotent."
        case .tlsFailure(let context):
            return "TLS failed for \(context). Check the CA bundle (AWS_CA_BUNDLE or caBundlePath) and the "
                + "server certificate; retrying will not help."
        case .bodySourceFailed(let context):
            return "The request body could not be read (\(context)). Fix the body source; one-shot "
                + "stream bodies cannot be replayed, so supply a replayable body to retry."
        case .responseFileFailed(let context):
            return "Writing the response body to disk failed (\(context)). Check the path, permissions and "
                + "free space; the partial file was removed."
        case .cancelled:
            return "The request was cancelled and its transfer aborted. Nothing to do unless the "
                + "cancellation was unexpected."
        case .clientShutdown:
            return "The HTTP client was shut down. Create a new client to send more requests."
        case .curl(let code, let context) where code == Int(CURLE_WEIRD_SERVER_REPLY.rawValue):
            return "The server's reply is not valid HTTP (\(context)). Something other than the service may "
                + "be answering: check the endpoint URL and any proxy in between."
        case .curl(let code, let context):
            return "libcurl failed with code \(code) (\(context)). Not classified as transient; "
                + "report it if it persists."
        }
    }
}
