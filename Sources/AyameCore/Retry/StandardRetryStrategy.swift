/// The AWS SDKs' `standard` retry mode: a fixed set of retryable errors, exponential backoff
/// with full jitter, and a client-wide retry quota.
public struct StandardRetryStrategy: RetryStrategy {
    /// The most attempts a call makes, the first included (at least 1).
    public let maximumAttempts: Int
    /// The backoff and quota numbers.
    public let schedule: RetrySchedule
    /// The quota shared by every call that uses this strategy.
    public let quota: RetryQuota
    private let random: @Sendable () -> Double

    /// Creates a standard strategy.
    /// - Parameters:
    ///   - maximumAttempts: attempts per call, the first included (3 by default; at least 1).
    ///   - schedule: backoff and quota numbers.
    ///   - quota: the budget to share; a new full one by default.
    ///   - random: a source of uniform values in [0, 1) for jitter; replaceable in tests.
    public init(
        maximumAttempts: Int = 3,
        schedule: RetrySchedule = .classic,
        quota: RetryQuota = RetryQuota(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.schedule = schedule
        self.quota = quota
        self.random = random
    }

    public func waitForSendCapacity() async throws {}

    public func decide(afterAttempt attempt: Int, failure: AttemptFailure, state: inout RetryCallState) -> RetryDecision {
        let classification = RetryClassifier.classify(failure)
        guard classification != .notRetryable else { return .stop(reason: "not retryable") }
        guard attempt < maximumAttempts else {
            return .stop(reason: "reached the maximum of \(maximumAttempts) attempts")
        }
        let cost: Int
        if classification == .throttling {
            cost = schedule.throttlingRetryCost
        } else if RetryClassifier.isTimeout(failure) {
            cost = schedule.timeoutRetryCost
        } else {
            cost = schedule.transientRetryCost
        }
        guard quota.acquire(cost) else { return .stop(reason: "the client's retry quota is exhausted") }
        state.acquiredCapacity = cost
        return .retry(after: backoff(afterAttempt: attempt, classification: classification, retryAfter: failure.retryAfter))
    }

    public func record(attemptSucceeded: Bool, failure: AttemptFailure?, state: RetryCallState) {
        guard attemptSucceeded else { return }
        quota.release(state.acquiredCapacity ?? schedule.successIncrement)
    }

    /// Full jitter: a uniform delay in [0, min(base × 2^(attempt-1), maximum)).
    func backoff(afterAttempt attempt: Int, classification: RetryClassification, retryAfter: Duration?) -> Duration {
        let base = classification == .throttling ? schedule.throttlingBase : schedule.transientBase
        let exponent = Double(1 << min(attempt - 1, 30))
        let ceiling = min(base.seconds * exponent, schedule.maximumBackoff.seconds)
        let delay = random() * ceiling
        if schedule.honoursRetryAfter, let retryAfter {
            // The service's hint wins, but never more than 5 s beyond what we computed.
            return .seconds(max(delay, min(retryAfter.seconds, delay + 5)))
        }
        return .seconds(delay)
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
