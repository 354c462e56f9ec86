import Foundation

/// Credentials described by a profile of the shared config and credentials files.
///
/// A profile is tried as botocore tries it: `role_arn` with `source_profile` or
/// `credential_source` (AssumeRole); `role_arn` with `web_identity_token_file`; SSO
/// (`sso_account_id`/`sso_role_name`, with an `[sso-session]` or the legacy keys); static
/// keys; `credential_process`. A profile with none of these is "not configured"; a profile
/// that has one but cannot deliver is an error, so the chain never falls through to other
/// credentials by accident.
public struct ProfileCredentialsProvider: ChainableCredentialsProvider {
    /// The profile to read.
    public let profileName: String
    /// `profile <name>`.
    public var name: String { "profile \(profileName)" }
    let configFile: AWSConfigFile
    let environment: AWSEnvironment
    let transport: any HTTPTransport
    let settings: CredentialsChainSettings
    let sts: LazySTSService
    let profileMustExist: Bool

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - profileName: The profile to read.
    ///   - configFile: The loaded shared files.
    ///   - environment: For `credential_source = Environment`, IMDS settings, `PATH` and `HOME`.
    ///   - transport: Sends SSO, container and IMDS requests.
    ///   - stsFactory: Makes the STS service for role profiles; `nil` makes them fail clearly.
    ///   - settings: Endpoint overrides, clock and logger.
    ///   - profileMustExist: Whether a missing profile is an error (it was chosen explicitly)
    ///     rather than "not configured" (the implicit `default`).
    public init(
        profileName: String, configFile: AWSConfigFile, environment: AWSEnvironment, transport: any HTTPTransport,
        stsFactory: STSCredentialsServiceFactory?, settings: CredentialsChainSettings = CredentialsChainSettings(),
        profileMustExist: Bool = false
    ) {
        self.init(
            profileName: profileName, configFile: configFile, environment: environment, transport: transport,
            sts: LazySTSService(stsFactory), settings: settings, profileMustExist: profileMustExist)
    }

    init(
        profileName: String, configFile: AWSConfigFile, environment: AWSEnvironment, transport: any HTTPTransport,
        sts: LazySTSService, settings: CredentialsChainSettings, profileMustExist: Bool
    ) {
        self.profileName = profileName
        self.configFile = configFile
        self.environment = environment
        self.transport = transport
        self.settings = settings
        self.sts = sts
        self.profileMustExist = profileMustExist
    }

    var paths: AWSConfigFilePaths { settings.configFilePaths ?? AWSConfigFilePaths(environment: environment) }

    /// The region STS is called in: the environment's, then the profile's.
    var stsRegion: String? {
        environment.nonEmpty("AWS_REGION") ?? environment.nonEmpty("AWS_DEFAULT_REGION")
            ?? configFile.profile(named: profileName)?["region"]
    }

    public func lookUpCredentials() async throws(AyameError) -> CredentialsLookup {
        guard let profile = configFile.profile(named: profileName) else {
            let where_ = "\(paths.credentialsFile) or \(paths.configFile)"
            if profileMustExist { throw failure("the profile is not defined in \(where_)") }
            return .notConfigured(reason: "no such profile in \(where_)")
        }
        if Self.hasAssumeRoleConfiguration(profile) {
            return .found(try await assumeRole(profile, visited: [profile.name]))
        }
        if let found = try await nonRoleCredentials(profile) { return .found(found) }
        return .notConfigured(reason: "no credentials in \(paths.credentialsFile) or \(paths.configFile)")
    }

    /// `role_arn` without `web_identity_token_file`, which has a provider of its own.
    static func hasAssumeRoleConfiguration(_ profile: AWSProfile) -> Bool {
        profile.roleARN != nil && profile.webIdentityTokenFile == nil
    }

    static func hasStaticKeys(_ profile: AWSProfile) -> Bool {
        profile.accessKeyID != nil || profile.secretAccessKey != nil
    }

    /// Web identity, SSO, static keys, then `credential_process`; `nil` when the profile has none.
    func nonRoleCredentials(_ profile: AWSProfile) async throws(AyameError) -> AWSCredentials? {
        if profile.webIdentityTokenFile != nil {
            let provider = WebIdentityCredentialsProvider(
                name: name, tokenFile: profile.webIdentityTokenFile,
                tokenFileSetting: "web_identity_token_file in profile \(profile.name)", roleARN: profile.roleARN,
                roleARNSetting: "role_arn", roleSessionName: profile.roleSessionName,
                durationSeconds: try durationSeconds(profile), region: stsRegion, endpointURL: settings.stsEndpointURL,
                sts: sts, now: settings.now)
            return try await provider.resolveCredentials()
        }
        if let sso = try ssoSettings(profile) {
            let provider = SSOCredentialsProvider(
                name: name, settings: sso, transport: transport,
                tokenCacheDirectory: settings.ssoTokenCacheDirectory
                    ?? SSOTokenCache.defaultDirectory(environment: environment),
                portalEndpoint: settings.ssoPortalEndpoint, oidcEndpoint: settings.ssoOIDCEndpoint,
                logger: settings.logger, now: settings.now)
            return try await provider.resolveCredentials()
        }
        if Self.hasStaticKeys(profile) { return try staticCredentials(profile) }
        if let command = profile.credentialProcess {
            let provider = CredentialProcessProvider(
                name: name, commandLine: command, environment: environment, accountID: profile["aws_account_id"])
            return try await provider.resolveCredentials()
        }
        return nil
    }

    func staticCredentials(_ profile: AWSProfile) throws(AyameError) -> AWSCredentials {
        guard let accessKey = profile.accessKeyID, let secret = profile.secretAccessKey else {
            let missing = profile.accessKeyID == nil ? "aws_access_key_id" : "aws_secret_access_key"
            throw failure("profile \(profile.name) has only half a key pair: \(missing) is missing")
        }
        return AWSCredentials(
            accessKeyID: accessKey, secretAccessKey: secret, sessionToken: profile.sessionToken,
            accountID: profile["aws_account_id"], source: "profile \(profile.name)")
    }

    func durationSeconds(_ profile: AWSProfile) throws(AyameError) -> Int? {
        guard let text = profile.durationSeconds else { return nil }
        guard let value = Int(text.trimmingWhitespace()), value > 0 else {
            throw failure("duration_seconds in profile \(profile.name) must be a positive integer, not \"\(text)\"")
        }
        return value
    }
}
