import Foundation

/// How ``AsyncInferenceClient/result(for:polling:)`` waits: HeadObject checks spaced by
/// exponential backoff with full jitter, bounded by an overall deadline.
public struct PollingPolicy: Sendable, Equatable {
    /// The shortest pause between checks.
    public var minimumDelay: Duration
    /// The longest pause between checks; the backoff doubles up to it.
    public var maximumDelay: Duration
    /// How long to wait in total before throwing ``AsyncInferenceError/timedOut(handle:after:lastState:)``.
    /// Nil (the default) waits as long as SageMaker may still write a result: the request's
    /// `RequestTTL` (how long it may sit in the queue, which includes waking an endpoint scaled
    /// to zero; 6 hours unless the request set it) plus its `InvocationTimeout` (15 minutes unless
    /// set) plus a minute for the write, counted from the submission (see
    /// ``resultDeadline(for:now:)``).
    public var deadline: Duration?

    /// Defaults suit a model that answers in seconds to minutes: first check after 1 s, at most
    /// every 30 s, until SageMaker can no longer answer (nil deadline).
    public init(minimumDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(30), deadline: Duration? = nil) {
        self.minimumDelay = minimumDelay
        self.maximumDelay = maximumDelay
        self.deadline = deadline
    }

    /// The pause before check number `attempt` (0-based): a uniformly random value between the
    /// minimum and the exponentially grown ceiling. Full jitter keeps many waiters that started
    /// together from polling S3 in lockstep.
    func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let low = max(minimumDelay, .zero)
        let high = max(maximumDelay, low)
        // Cap the exponent so the doubling cannot overflow.
        let ceiling = min(low * (1 << min(attempt, 30)), high)
        let lowSeconds = Self.seconds(low), ceilingSeconds = Self.seconds(ceiling)
        guard ceilingSeconds > lowSeconds else { return low }
        return .seconds(Double.random(in: lowSeconds...ceilingSeconds, using: &generator))
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// AWS's `RequestTTLSeconds` when a request does not set one.
    public static let defaultRequestTTL: Duration = .seconds(21600)
    /// AWS's `InvocationTimeoutSeconds` when a request does not set one.
    public static let defaultInvocationTimeout: Duration = .seconds(900)
    /// Time allowed for the output to be written after the invocation ends.
    static let writeAllowance: Duration = .seconds(60)

    /// How much longer, at `now`, a result of `handle` may still appear: its time-to-live in the
    /// queue plus its invocation timeout plus a minute, less the time since it was submitted
    /// (a handle without a submission time counts from now). Never negative.
    public static func resultDeadline(for handle: InferenceHandle, now: Date = Date()) -> Duration {
        let ttl = handle.requestTTLSeconds.map { Duration.seconds($0) } ?? defaultRequestTTL
        let timeout = handle.invocationTimeoutSeconds.map { Duration.seconds($0) } ?? defaultInvocationTimeout
        let total = ttl + timeout + writeAllowance
        guard let submitted = handle.submittedAt else { return total }
        let remaining = total - .milliseconds(Int64(now.timeIntervalSince(submitted) * 1000))
        return max(remaining, .zero)
    }

    /// The deadline a wait for `handle` uses: the one set here, else ``resultDeadline(for:now:)``.
    func effectiveDeadline(for handle: InferenceHandle) -> Duration {
        deadline ?? Self.resultDeadline(for: handle)
    }
}
