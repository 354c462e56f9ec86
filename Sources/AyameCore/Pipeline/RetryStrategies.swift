/// Builds the retry strategy a configuration asks for.
public enum RetryStrategies {
    /// `standard` (and `legacy`, which Ayame treats as standard: the legacy modes differ per SDK
    /// and AWS recommends standard) or `adaptive`, with the configured attempt count and the
    /// retry schedule the environment selects.
    public static func make(for configuration: ClientConfiguration, environment: AWSEnvironment = .process) -> any RetryStrategy {
        var variables: [String: String] = [:]
        if let switchValue = environment["AWS_NEW_RETRIES_2026"] { variables["AWS_NEW_RETRIES_2026"] = switchValue }
        let standard = StandardRetryStrategy(
            maximumAttempts: configuration.maxAttempts?.value ?? 3,
            schedule: RetrySchedule.fromEnvironment(variables)
        )
        switch configuration.retryMode.value {
        case .adaptive: return AdaptiveRetryStrategy(standard: standard)
        case .standard, .legacy: return standard
        }
    }
}
