import Foundation

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` (or
/// the older `AWS_SECURITY_TOKEN`), with `AWS_CREDENTIAL_EXPIRATION` and `AWS_ACCOUNT_ID` when
/// set, as botocore reads them.
public struct EnvironmentCredentialsProvider: ChainableCredentialsProvider {
    /// `environment`.
    public var name: String { "environment" }
    /// The snapshot the variables are read from.
    public let environment: AWSEnvironment

    /// Creates a provider reading `environment` (never the live process environment).
    public init(environment: AWSEnvironment) { self.environment = environment }

    public func lookUpCredentials() async throws(AyameError) -> CredentialsLookup {
        guard let accessKey = environment.nonEmpty("AWS_ACCESS_KEY_ID") else {
            return .notConfigured(reason: "AWS_ACCESS_KEY_ID not set")
        }
        // Half a key pair is a mistake to report, not a reason to try other sources.
        guard let secret = environment.nonEmpty("AWS_SECRET_ACCESS_KEY") else {
            throw failure("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        var expiration: Date?
        if let text = environment.nonEmpty("AWS_CREDENTIAL_EXPIRATION") {
            guard let date = CredentialsTimestamp.parse(text) else {
                throw failure("AWS_CREDENTIAL_EXPIRATION \"\(text)\" is not an ISO 8601 timestamp")
            }
            expiration = date
        }
        return .found(AWSCredentials(
            accessKeyID: accessKey, secretAccessKey: secret,
            sessionToken: environment.nonEmpty("AWS_SESSION_TOKEN") ?? environment.nonEmpty("AWS_SECURITY_TOKEN"),
            expiration: expiration, accountID: environment.nonEmpty("AWS_ACCOUNT_ID"), source: "environment"))
    }
}
