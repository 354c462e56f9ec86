/// Whether a failure is worth another attempt, and of which kind.
public enum RetryClassification: Sendable, Equatable {
    /// The service is shedding load: retry with the longer, throttling backoff.
    case throttling
    /// A passing fault (5xx, a broken connection, a timeout): retry soon.
    case transient
    /// Retrying would fail the same way.
    case notRetryable
}

/// Classifies attempt failures as the AWS SDKs' standard retry mode does.
public enum RetryClassifier {
    /// Error codes every AWS SDK treats as throttling.
    public static let throttlingErrorCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    /// Error codes that mean the request timed out on the service side.
    public static let transientErrorCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
        // STS answers this when the identity provider it calls for web identity is briefly down.
        "IDPCommunicationError",
    ]

    /// HTTP statuses that signal a transient server-side failure.
    public static let transientStatusCodes: Set<Int> = [500, 502, 503, 504]

    /// Classifies one failure.
    public static func classify(_ failure: AttemptFailure) -> RetryClassification {
        if let throttling = failure.modeledRetryableThrottling {
            return throttling ? .throttling : .transient
        }
        switch failure.kind {
        case .response(let status, let code):
            if let code {
                if throttlingErrorCodes.contains(code) { return .throttling }
                if transientErrorCodes.contains(code) { return .transient }
            }
            if status == 429 { return .throttling }
            return transientStatusCodes.contains(status) ? .transient : .notRetryable
        case .transport(let transport):
            switch transport {
            case .connectionFailed, .connectionReset, .timeout: return .transient
            case .other: return .notRetryable
            }
        }
    }

    /// Whether the failure is a timeout, which costs more retry quota in the classic schedule.
    static func isTimeout(_ failure: AttemptFailure) -> Bool {
        failure.kind == .transport(.timeout)
    }
}
