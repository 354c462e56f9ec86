import Foundation

/// The two STS calls the role providers need.
///
/// The providers are written against this seam so they stay free of the wire protocol; the
/// production implementation sends the calls through ``AWSClientRuntime`` with the awsQuery
/// codec. Implementations return the `Credentials` element of the response, with
/// `source` describing the role.
public protocol STSCredentialsService: Sendable {
    /// Calls `AssumeRole`, signed with `request.sourceCredentials`.
    func assumeRole(_ request: AssumeRoleRequest) async throws(AyameError) -> AWSCredentials
    /// Calls `AssumeRoleWithWebIdentity`, which is unsigned.
    func assumeRoleWithWebIdentity(_ request: AssumeRoleWithWebIdentityRequest) async throws(AyameError) -> AWSCredentials
}

/// Makes the STS service when a role profile first needs it, so a chain that never assumes a
/// role never builds an STS client.
public typealias STSCredentialsServiceFactory = @Sendable () throws(AyameError) -> any STSCredentialsService

/// The parameters of an STS `AssumeRole` call.
///
/// `description` never includes the source credentials' secrets.
public struct AssumeRoleRequest: Sendable, Equatable, CustomStringConvertible {
    /// `RoleArn`.
    public var roleARN: String
    /// `RoleSessionName`.
    public var roleSessionName: String
    /// `ExternalId`, when the profile sets `external_id`.
    public var externalID: String?
    /// `DurationSeconds`, when the profile sets `duration_seconds`.
    public var durationSeconds: Int?
    /// The credentials that sign the call.
    public var sourceCredentials: AWSCredentials
    /// The region to call STS in (the profile's or the environment's), or `nil` for the
    /// implementation's default.
    public var region: String?
    /// An explicit STS endpoint, or `nil` to resolve one.
    public var endpointURL: String?

    /// Creates a request.
    public init(
        roleARN: String, roleSessionName: String, externalID: String? = nil, durationSeconds: Int? = nil,
        sourceCredentials: AWSCredentials, region: String? = nil, endpointURL: String? = nil
    ) {
        self.roleARN = roleARN
        self.roleSessionName = roleSessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.sourceCredentials = sourceCredentials
        self.region = region
        self.endpointURL = endpointURL
    }

    public var description: String {
        "AssumeRoleRequest(roleARN: \(roleARN), roleSessionName: \(roleSessionName)"
            + (externalID.map { ", externalID: \($0)" } ?? "")
            + (durationSeconds.map { ", durationSeconds: \($0)" } ?? "")
            + ", sourceCredentials: \(sourceCredentials), region: \(region ?? "default"))"
    }
}

/// The parameters of an STS `AssumeRoleWithWebIdentity` call.
///
/// `description` never includes the web identity token.
public struct AssumeRoleWithWebIdentityRequest: Sendable, Equatable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    /// `RoleArn`.
    public var roleARN: String
    /// `RoleSessionName`.
    public var roleSessionName: String
    /// `WebIdentityToken`: the OIDC token, a secret.
    public var webIdentityToken: String
    /// `DurationSeconds`, when configured.
    public var durationSeconds: Int?
    /// The region to call STS in, or `nil` for the implementation's default.
    public var region: String?
    /// An explicit STS endpoint, or `nil` to resolve one.
    public var endpointURL: String?

    /// Creates a request.
    public init(
        roleARN: String, roleSessionName: String, webIdentityToken: String, durationSeconds: Int? = nil,
        region: String? = nil, endpointURL: String? = nil
    ) {
        self.roleARN = roleARN
        self.roleSessionName = roleSessionName
        self.webIdentityToken = webIdentityToken
        self.durationSeconds = durationSeconds
        self.region = region
        self.endpointURL = endpointURL
    }

    public var description: String {
        "AssumeRoleWithWebIdentityRequest(roleARN: \(roleARN), roleSessionName: \(roleSessionName), "
            + "webIdentityToken: <redacted>, region: \(region ?? "default"))"
    }

    public var debugDescription: String { description }
}

/// Session names for role calls when none is configured.
public enum RoleSessionName {
    /// `ayame-session-<unix seconds>`, in the style of botocore's `botocore-session-<seconds>`.
    public static func generated(now: Date = Date()) -> String {
        "ayame-session-\(Int(now.timeIntervalSince1970))"
    }
}

extension AssumeRoleRequest: CustomReflectable {
    /// A mirror that shows the source credentials only through their redacted mirror.
    public var customMirror: Mirror {
        Mirror(self, children: ["roleARN": roleARN, "roleSessionName": roleSessionName, "sourceCredentials": sourceCredentials])
    }
}

extension AssumeRoleWithWebIdentityRequest: CustomReflectable {
    /// A mirror without the web identity token.
    public var customMirror: Mirror {
        Mirror(self, children: ["roleARN": roleARN, "roleSessionName": roleSessionName])
    }
}
