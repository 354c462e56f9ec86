import Foundation

/// Credentials from `AssumeRoleWithWebIdentity` with an OIDC token read from a file.
///
/// The token file is read again for every fetch, because Kubernetes and other issuers rotate the
/// token in place well before the role credentials expire.
public struct WebIdentityCredentialsProvider: ChainableCredentialsProvider {
    /// `web identity` from the environment, `profile <name>` from a profile.
    public let name: String
    let tokenFile: String?
    let tokenFileSetting: String
    let roleARN: String?
    let roleARNSetting: String
    let roleSessionName: String?
    let durationSeconds: Int?
    let region: String?
    let endpointURL: String?
    let sts: LazySTSService
    let now: @Sendable () -> Date

    /// Creates a provider from explicit settings.
    ///
    /// - Parameters:
    ///   - name: The name used in errors.
    ///   - tokenFile: The token path; `nil` means "not configured".
    ///   - roleARN: The role; `nil` with a token file is a configuration error.
    ///   - roleSessionName: The session name, or `nil` for ``RoleSessionName/generated(now:)``.
    ///   - durationSeconds: The requested credential lifetime.
    ///   - region: The STS region.
    ///   - endpointURL: An explicit STS endpoint.
    ///   - stsFactory: Makes the STS service; `nil` makes a configured provider fail clearly.
    public init(
        name: String, tokenFile: String?, roleARN: String?, roleSessionName: String? = nil,
        durationSeconds: Int? = nil, region: String? = nil, endpointURL: String? = nil,
        stsFactory: STSCredentialsServiceFactory?
    ) {
        self.init(
            name: name, tokenFile: tokenFile, tokenFileSetting: "web_identity_token_file", roleARN: roleARN,
            roleARNSetting: "role_arn", roleSessionName: roleSessionName, durationSeconds: durationSeconds,
            region: region, endpointURL: endpointURL, sts: LazySTSService(stsFactory), now: { Date() })
    }

    init(
        name: String, tokenFile: String?, tokenFileSetting: String, roleARN: String?, roleARNSetting: String,
        roleSessionName: String?, durationSeconds: Int?, region: String?, endpointURL: String?,
        sts: LazySTSService, now: @escaping @Sendable () -> Date
    ) {
        self.name = name
        self.tokenFile = tokenFile
        self.tokenFileSetting = tokenFileSetting
        self.roleARN = roleARN
        self.roleARNSetting = roleARNSetting
        self.roleSessionName = roleSessionName
        self.durationSeconds = durationSeconds
        self.region = region
        self.endpointURL = endpointURL
        self.sts = sts
        self.now = now
    }

    /// The provider for `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and
    /// `AWS_ROLE_SESSION_NAME`.
    public static func fromEnvironment(
        _ environment: AWSEnvironment, region: String? = nil, endpointURL: String? = nil,
        stsFactory: STSCredentialsServiceFactory?
    ) -> WebIdentityCredentialsProvider {
        fromEnvironment(environment, region: region, endpointURL: endpointURL, sts: LazySTSService(stsFactory), now: { Date() })
    }

    static func fromEnvironment(
        _ environment: AWSEnvironment, region: String?, endpointURL: String?, sts: LazySTSService,
        now: @escaping @Sendable () -> Date
    ) -> WebIdentityCredentialsProvider {
        WebIdentityCredentialsProvider(
            name: "web identity", tokenFile: environment.nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE"),
            tokenFileSetting: "AWS_WEB_IDENTITY_TOKEN_FILE", roleARN: environment.nonEmpty("AWS_ROLE_ARN"),
            roleARNSetting: "AWS_ROLE_ARN", roleSessionName: environment.nonEmpty("AWS_ROLE_SESSION_NAME"),
            durationSeconds: nil, region: region, endpointURL: endpointURL, sts: sts, now: now)
    }

    public func lookUpCredentials() async throws(AyameError) -> CredentialsLookup {
        guard let tokenFile else { return .notConfigured(reason: "\(tokenFileSetting) not set") }
        guard let roleARN else {
            throw failure("\(tokenFileSetting) is set but \(roleARNSetting) is not; set the role to assume")
        }
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw failure("cannot read the web identity token file \(tokenFile)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw failure("the web identity token file \(tokenFile) is empty") }
        let service = try sts.service(for: "\(name): role \(roleARN)")
        let request = AssumeRoleWithWebIdentityRequest(
            roleARN: roleARN, roleSessionName: roleSessionName ?? RoleSessionName.generated(now: now()),
            webIdentityToken: token, durationSeconds: durationSeconds, region: region, endpointURL: endpointURL)
        do {
            return .found(try await service.assumeRoleWithWebIdentity(request))
        } catch {
            throw .stsCallFailed(error, provider: name, call: "AssumeRoleWithWebIdentity for \(roleARN)")
        }
    }
}
