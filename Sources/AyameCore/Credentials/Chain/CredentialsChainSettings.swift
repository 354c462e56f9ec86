import Foundation
import Logging

/// Knobs of the default chain that are not AWS configuration settings: endpoint overrides for
/// tests and unusual networks, timeouts of the container fetch, the clock, and the logger.
public struct CredentialsChainSettings: Sendable {
    /// The base for `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (default the ECS agent address).
    public var containerRelativeURIBase: String = ContainerCredentialsProvider.defaultRelativeURIBase
    /// Time allowed per container-endpoint attempt.
    public var containerTimeout: Duration = .seconds(2)
    /// Container-endpoint attempts.
    public var containerAttempts: Int = 3
    /// Pause between container-endpoint attempts.
    public var containerRetryDelay: Duration = .seconds(1)
    /// IMDS settings; `nil` reads them from the environment and the profile.
    public var instanceMetadata: InstanceMetadataConfiguration?
    /// The SSO token cache directory; `nil` means `~/.aws/sso/cache` under the environment's `HOME`.
    public var ssoTokenCacheDirectory: String?
    /// The SSO portal base URL; `nil` means `https://portal.sso.<sso_region>.amazonaws.com`.
    public var ssoPortalEndpoint: String?
    /// The SSO-OIDC base URL; `nil` means `https://oidc.<sso_region>.amazonaws.com`.
    public var ssoOIDCEndpoint: String?
    /// An explicit STS endpoint passed on in every STS request; `nil` lets the STS service resolve one.
    public var stsEndpointURL: String?
    /// The file paths named in "nothing found" messages; `nil` derives them from the environment.
    public var configFilePaths: AWSConfigFilePaths?
    /// Receives warnings such as a failed SSO token refresh; never credentials.
    public var logger: Logger = Logger(label: "ayame.credentials")
    /// The clock for token expiry and generated session names.
    public var now: @Sendable () -> Date = { Date() }

    /// The defaults.
    public init() {}
}
