import Foundation

/// How ``AsyncInferenceClient/result(for:polling:)`` waits: HeadObject checks spaced by
/// exponential backoff with full jitter, bounded by an overall deadline.
public struct PollingPolicy: Sendable, Equatable {
    /// The shortest pause between checks.
    public var minimumDelay: Duration
    /// The longest pause between checks; the backoff doubles up to it.
    public var maximumDelay: Duration
    /// How long to wait in total before throwing ``InferenceError/timedOut(handle:after:lastState:)``.
    public var deadline: Duration

    /// Defaults suit a model that answers in seconds to minutes: first check after 1 s, at most
    /// every 30 s, giving up after 15 minutes (the default `InvocationTimeoutSeconds`).
    public init(minimumDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(30), deadline: Duration = .seconds(900)) {
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
}
