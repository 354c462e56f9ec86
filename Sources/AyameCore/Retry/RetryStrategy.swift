/// Per-call bookkeeping a retry strategy keeps between attempts.
public struct RetryCallState: Sendable, Equatable {
    /// Quota taken for the most recent retry; returned if the call then succeeds.
    public var acquiredCapacity: Int?
    /// Creates the state of a call that has not retried yet.
    public init() {}
}

/// What to do after a failed attempt.
public enum RetryDecision: Sendable, Equatable {
    /// Send again after this delay.
    case retry(after: Duration)
    /// Give up and surface the failure; the reason is for logs.
    case stop(reason: String)
}

/// Decides whether and when the orchestrator sends an operation again.
///
/// One strategy value serves all calls of a client (it owns the shared retry quota and, in
/// adaptive mode, the client-side rate limiter); per-call state lives in ``RetryCallState``.
public protocol RetryStrategy: Sendable {
    /// The most attempts a call makes, the first included.
    var maximumAttempts: Int { get }
    /// Waits until the client may send (adaptive mode's rate limit); immediate otherwise.
    func waitForSendCapacity() async throws
    /// Decides what to do after attempt number `attempt` (1-based) failed.
    func decide(afterAttempt attempt: Int, failure: AttemptFailure, state: inout RetryCallState) -> RetryDecision
    /// Records that an attempt got a response (or not), for quota refunds and rate adaptation.
    func record(attemptSucceeded: Bool, failure: AttemptFailure?, state: RetryCallState)
}
