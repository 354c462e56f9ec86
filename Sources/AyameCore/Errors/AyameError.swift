/// Every failure an Ayame client call can end with.
///
/// The cases are distinct so callers can react precisely: a ``service(_:)`` error came back from
/// AWS; a ``validation(_:)`` error means nothing was sent; ``transport(_:)`` and ``timeout(_:)``
/// mean the request may or may not have reached the service; ``cancelled`` is the caller's own
/// Task cancellation. No case's description contains a secret.
public enum AyameError: Error, Sendable, CustomStringConvertible {
    /// The service answered with an error.
    case service(AWSServiceError)
    /// The input broke a model constraint; the request was not sent.
    case validation(ValidationFailure)
    /// No credentials could be found or refreshed.
    case credentials(CredentialsFailure)
    /// The endpoint could not be resolved for this configuration.
    case endpoint(String)
    /// The connection failed or broke; `underlying` is the transport's own error.
    case transport(any Error & Sendable)
    /// An attempt or the whole call ran out of time.
    case timeout(String)
    /// The calling Task was cancelled.
    case cancelled
    /// The response could not be decoded as the operation's protocol says it should be.
    case decoding(String)
    /// The configuration (environment, files or code) is invalid.
    case configuration(String)
    /// A waiter stopped without success: a failure state, its maximum wait or its attempts ran
    /// out. Carries the last output or error seen.
    case waiterFailed(WaiterFailure)

    public var description: String {
        switch self {
        case .service(let error): return error.description
        case .validation(let failure): return failure.description
        case .credentials(let failure): return failure.description
        case .endpoint(let message):
            return "Endpoint resolution failed: \(ErrorText.clause(message)). Check the region, FIPS/dual-stack switches and any endpoint URL set."
        case .transport(let error):
            return "The request could not be completed: \(ErrorText.clause(error)). Check connectivity to the endpoint; retryable failures were already retried."
        case .timeout(let what):
            return "Timed out: \(ErrorText.clause(what)). Raise the timeout or check the endpoint's health."
        case .cancelled:
            return "The call was cancelled by its Task."
        case .decoding(let message):
            return "The response could not be decoded: \(ErrorText.clause(message)). This is a bug in Ayame or an unexpected service response; please report it with the request id."
        case .configuration(let message):
            return "Invalid configuration: \(message)"
        case .waiterFailed(let failure):
            return failure.description
        }
    }
}

/// An input that breaks a model constraint, found before anything is sent.
public struct ValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The shape whose member is invalid, for example `CreateEndpointInput`.
    public let shape: String
    /// The member path, for example `EndpointName` or `ProductionVariants[0].VariantName`.
    public let member: String
    /// The rule broken, for example `length >= 1` or `required`.
    public let rule: String

    /// Creates a validation failure naming the shape, member and rule.
    public init(shape: String, member: String, rule: String) {
        self.shape = shape
        self.member = member
        self.rule = rule
    }

    public var description: String {
        "Invalid input: \(shape).\(member) breaks `\(rule)`. Fix the value; nothing was sent."
    }
}

/// Why no usable credentials were found, with what each provider tried.
public struct CredentialsFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line per provider consulted, in order, saying what it looked for and why it failed.
    public let attempts: [String]

    /// Creates a failure from the providers' reports.
    public init(attempts: [String]) { self.attempts = attempts }

    public var description: String {
        "No AWS credentials were found. Tried, in order:\n"
            + attempts.map { "  - \($0)" }.joined(separator: "\n")
            + "\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available."
    }
}

extension AyameError {
    /// The service's error when the call failed with ``service(_:)``, else nil — so a caller can
    /// write `error.serviceError?.s3Code == .noSuchKey` without a `switch`.
    public var serviceError: AWSServiceError? {
        if case .service(let error) = self { return error }
        return nil
    }
}
