/// The numbers of the standard retry mode: backoff bases and retry-quota costs.
///
/// AWS revised these in 2026 (opt-in with `AWS_NEW_RETRIES_2026=true` in every SDK); Ayame
/// supports both so a program behaves like the rest of its fleet.
public struct RetrySchedule: Sendable, Equatable {
    /// Backoff base for throttling errors: the first retry waits up to this long.
    public var throttlingBase: Duration
    /// Backoff base for other retryable errors.
    public var transientBase: Duration
    /// The longest single backoff.
    public var maximumBackoff: Duration
    /// Quota taken by a retry after a throttling error.
    public var throttlingRetryCost: Int
    /// Quota taken by a retry after a transient error.
    public var transientRetryCost: Int
    /// Quota taken by a retry after a timeout (classic schedule only distinguishes it).
    public var timeoutRetryCost: Int
    /// Quota returned by a call that succeeded on its first attempt.
    public var successIncrement: Int
    /// Whether `x-amz-retry-after` from the service is honoured.
    public var honoursRetryAfter: Bool

    /// The schedule documented in the AWS SDKs and Tools reference before 2026: full jitter
    /// over `min(1 s × 2^(attempt-1), 20 s)`, retries cost 5 (10 after a timeout), a first-attempt
    /// success returns 1.
    public static let classic = RetrySchedule(
        throttlingBase: .seconds(1), transientBase: .seconds(1), maximumBackoff: .seconds(20),
        throttlingRetryCost: 5, transientRetryCost: 5, timeoutRetryCost: 10, successIncrement: 1,
        honoursRetryAfter: false
    )

    /// The 2026 revision: transient errors back off from 50 ms, throttling from 1 s; a retry
    /// costs 14 (5 after throttling); `x-amz-retry-after` is honoured up to 5 s beyond the
    /// computed delay.
    public static let revised2026 = RetrySchedule(
        throttlingBase: .seconds(1), transientBase: .milliseconds(50), maximumBackoff: .seconds(20),
        throttlingRetryCost: 5, transientRetryCost: 14, timeoutRetryCost: 14, successIncrement: 1,
        honoursRetryAfter: true
    )

    /// The schedule the environment asks for: ``revised2026`` when `AWS_NEW_RETRIES_2026` is
    /// `true` (any case), else ``classic``.
    public static func fromEnvironment(_ environment: [String: String]) -> RetrySchedule {
        environment["AWS_NEW_RETRIES_2026"]?.lowercased() == "true" ? .revised2026 : .classic
    }
}
