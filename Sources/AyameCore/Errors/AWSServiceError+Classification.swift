/// The questions callers ask of a service error, answered by each service's own signals.
///
/// AWS services do not agree on how to say "not found": S3 answers `NoSuchKey` or a bare 404,
/// Application Auto Scaling `ObjectNotFoundException`, and SageMaker a `ValidationException` whose
/// message says "Could not find". A code comparison in user code gets this wrong; these
/// predicates know the signals per service (read from ``operation``) and are what the SDK's own
/// workflow code uses.
extension AWSServiceError {
    /// The service part of ``operation`` (`SageMaker` for `SageMaker.DescribeEndpoint`).
    public var service: String? {
        guard let operation, let dot = operation.firstIndex(of: ".") else { return nil }
        return String(operation[..<dot])
    }

    /// Whether the resource the call named does not exist (or no longer exists).
    ///
    /// True for the "not found" codes of every service, a 404 from S3, and SageMaker's
    /// `ValidationException` / `ValidationError` whose message says the resource could not be
    /// found. Any other `ValidationException` ("Cannot update in-progress endpoint", a bad role,
    /// a limit) is not "not found".
    public var isNotFound: Bool {
        if Self.notFoundCodes.contains(code) { return true }
        if service == "S3", statusCode == 404 { return true }
        if Self.validationCodes.contains(code), let message {
            return Self.notFoundPhrases.contains { message.localizedCaseInsensitiveContains($0) }
        }
        return false
    }

    /// Whether the service is shedding load (HTTP 429 or a throttling code such as
    /// `ThrottlingException`, `SlowDown`); the SDK's retry strategy already retried it.
    public var isThrottling: Bool {
        statusCode == 429 || RetryClassifier.throttlingErrorCodes.contains(code)
    }

    /// Whether the service rejected the request because its temporary credentials expired:
    /// `ExpiredToken`, `ExpiredTokenException`, or `RequestExpired` (EC2's code for the same),
    /// the codes the AWS SDK for Go expires its credentials on. `InvalidClientTokenId` is not
    /// among them: it means the key is unknown, which fresh credentials from the same source
    /// would not fix. The client forgets its cached credentials and retries such a call once.
    public var isExpiredToken: Bool {
        Self.expiredTokenCodes.contains(code)
    }

    /// Whether the caller's identity may not perform the action (an IAM policy, a bucket policy,
    /// an SCP): `AccessDenied`, `AccessDeniedException`, SNS `AuthorizationError` and the like.
    /// Bad or expired credentials are not access denials; see ``isAuthenticationFailure``.
    public var isAccessDenied: Bool {
        Self.accessDeniedCodes.contains(code)
    }

    /// Whether the request's credentials or signature were refused: a wrong secret, an unknown
    /// access key, an expired session token or a skewed clock.
    public var isAuthenticationFailure: Bool {
        Self.authenticationCodes.contains(code)
    }

    /// Whether a create failed because the resource is already there: SageMaker's
    /// `ValidationException` "Cannot create already existing ...", S3's
    /// `BucketAlreadyOwnedByYou`, ECR's `RepositoryAlreadyExistsException` and the like.
    /// (S3's `BucketAlreadyExists` means another account owns the name: also true, and the
    /// caller must pick another name.)
    public var isAlreadyExists: Bool {
        if Self.alreadyExistsCodes.contains(code) { return true }
        if Self.validationCodes.contains(code) || code == "ResourceInUse", let message {
            return Self.alreadyExistsPhrases.contains { message.localizedCaseInsensitiveContains($0) }
        }
        return false
    }

    static let validationCodes: Set<String> = ["ValidationException", "ValidationError"]

    static let notFoundCodes: Set<String> = [
        "NotFound", "NotFoundException", "ResourceNotFound", "ResourceNotFoundException", "ObjectNotFoundException",
        "NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NoSuchVersion", "NoSuchEntity",
        "RepositoryNotFoundException", "ImageNotFoundException", "LifecyclePolicyNotFoundException",
        "RepositoryPolicyNotFoundException", "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
    ]

    /// How SageMaker (and SageMaker Runtime) phrase a missing resource in a validation error.
    /// (Application Auto Scaling in moto says "No scaling policy found" / "No scalable target
    /// found" where AWS sends
    /// `ObjectNotFoundException`.)
    static let notFoundPhrases = ["could not find", "does not exist", "not found", "no scaling policy found", "no scalable target found"]

    static let alreadyExistsCodes: Set<String> = [
        "BucketAlreadyOwnedByYou", "BucketAlreadyExists", "RepositoryAlreadyExistsException", "ResourceAlreadyExists",
        "ResourceAlreadyExistsException", "AlreadyExistsException", "EntityAlreadyExists", "QueueAlreadyExists",
        "QueueNameExists",
    ]

    static let alreadyExistsPhrases = ["already existing", "already exists"]

    static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException", "NotAuthorized",
        "UnauthorizedOperation", "AllAccessDisabled",
    ]

    static let expiredTokenCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "RequestExpired"]

    static let authenticationCodes: Set<String> = [
        "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidClientTokenId", "UnrecognizedClientException",
        "IncompleteSignature", "MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException",
        "RequestExpired", "RequestTimeTooSkewed", "InvalidSignatureException", "AuthFailure",
    ]
}
