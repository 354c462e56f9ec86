/// What went wrong on one attempt, reduced to what a retry strategy needs to decide.
public struct AttemptFailure: Sendable, Equatable {
    /// How the attempt ended.
    public enum Kind: Sendable, Equatable {
        /// The service answered with this status and, where the body had one, this error code.
        case response(statusCode: Int, errorCode: String?)
        /// No complete response arrived.
        case transport(TransportFailure)
    }

    /// Transport failures, by how a retry should treat them.
    public enum TransportFailure: Sendable, Equatable {
        /// The connection could not be made (refused, DNS, unreachable).
        case connectionFailed
        /// The connection broke mid-request or mid-response.
        case connectionReset
        /// An attempt, connect or idle timeout fired.
        case timeout
        /// Anything else; not retried.
        case other
    }

    /// How the attempt ended.
    public let kind: Kind
    /// The delay the service asked for in `x-amz-retry-after` (milliseconds on the wire).
    public let retryAfter: Duration?
    /// Set when the operation's model marks this error code retryable; `true` for throttling.
    public let modeledRetryableThrottling: Bool?

    /// Creates a failure description.
    public init(kind: Kind, retryAfter: Duration? = nil, modeledRetryableThrottling: Bool? = nil) {
        self.kind = kind
        self.retryAfter = retryAfter
        self.modeledRetryableThrottling = modeledRetryableThrottling
    }

    /// The error code, when the service sent one.
    public var errorCode: String? {
        if case .response(_, let code) = kind { return code }
        return nil
    }
}
