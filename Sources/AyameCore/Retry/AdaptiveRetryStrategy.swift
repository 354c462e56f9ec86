/// The AWS SDKs' `adaptive` retry mode: standard mode plus client-side rate limiting that
/// switches on at the first throttling response.
///
/// Suited to a single-tenant program hammering one resource; a multi-tenant program should
/// prefer ``StandardRetryStrategy``, since one tenant's throttling slows every tenant's calls.
public struct AdaptiveRetryStrategy: RetryStrategy {
    /// The standard-mode decisions adaptive mode builds on.
    public let standard: StandardRetryStrategy
    /// The rate limiter shared by every call of the client.
    public let limiter: ClientRateLimiter

    public var maximumAttempts: Int { standard.maximumAttempts }

    /// Creates an adaptive strategy over a standard one.
    public init(standard: StandardRetryStrategy = StandardRetryStrategy(), limiter: ClientRateLimiter = ClientRateLimiter()) {
        self.standard = standard
        self.limiter = limiter
    }

    public func waitForSendCapacity() async throws {
        try await limiter.acquireToken()
    }

    public func decide(afterAttempt attempt: Int, failure: AttemptFailure, state: inout RetryCallState) -> RetryDecision {
        standard.decide(afterAttempt: attempt, failure: failure, state: &state)
    }

    public func record(attemptSucceeded: Bool, failure: AttemptFailure?, state: RetryCallState) {
        let throttled = failure.map { RetryClassifier.classify($0) == .throttling } ?? false
        limiter.recordResponse(throttled: throttled)
        standard.record(attemptSucceeded: attemptSucceeded, failure: failure, state: state)
    }
}
