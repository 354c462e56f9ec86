/// Selects the active profile once and resolves per-service client
/// configurations from code, the environment and the shared files, in that
/// order of precedence.
///
/// Loading the files is the only I/O; a resolver is an immutable value that
/// can be shared by all clients of an application.
public struct ConfigurationResolver: Sendable {
    /// The environment snapshot settings are read from.
    public let environment: AWSEnvironment
    /// The merged config and credentials files.
    public let configFile: AWSConfigFile
    /// The active profile name and how it was chosen.
    public let profileName: ResolvedSetting<String>
    /// The active profile; empty when the implicit `default` profile does
    /// not exist.
    public let profile: AWSProfile

    /// Loads the shared files named by `environment` and selects a profile.
    ///
    /// - Parameters:
    ///   - profile: An explicit profile name, beating the environment.
    ///   - environment: The environment snapshot to read.
    /// - Throws: File errors, or ``AWSConfigurationError/profileNotFound(name:source:)``
    ///   when a profile named in code or the environment does not exist.
    public init(profile: String? = nil, environment: AWSEnvironment = .process) throws(AWSConfigurationError) {
        try self.init(profile: profile, environment: environment, configFile: AWSConfigFile.load(environment: environment))
    }

    /// Uses already-loaded files.
    public init(profile: String?, environment: AWSEnvironment, configFile: AWSConfigFile) throws(AWSConfigurationError) {
        let selected = Self.selectProfile(explicit: profile, environment: environment)
        let found = configFile.profile(named: selected.value)
        if found == nil, selected.source != .default {
            throw .profileNotFound(name: selected.value, source: selected.source)
        }
        self.environment = environment
        self.configFile = configFile
        self.profileName = selected
        self.profile = found ?? AWSProfile(name: selected.value, properties: [:])
    }

    /// The profile name from code, then `AWS_DEFAULT_PROFILE`, then
    /// `AWS_PROFILE` (botocore's order), then `default`.
    public static func selectProfile(explicit: String?, environment: AWSEnvironment) -> ResolvedSetting<String> {
        if let explicit { return ResolvedSetting(explicit, source: .code) }
        for variable in ["AWS_DEFAULT_PROFILE", "AWS_PROFILE"] {
            if let name = environment.nonEmpty(variable) {
                return ResolvedSetting(name, source: .environment(variable: variable))
            }
        }
        return ResolvedSetting("default", source: .default)
    }

    /// The `[sso-session x]` section the active profile refers to, if any.
    public var ssoSession: AWSSSOSession? { configFile.ssoSession(for: profile) }

    /// Resolves every setting for `service`.
    ///
    /// - Throws: ``AWSConfigurationError/invalidValue(setting:value:source:expected:)``
    ///   naming the first invalid setting and its source, or
    ///   ``AWSConfigurationError/servicesSectionNotFound(name:profile:)``.
    public func resolve(
        service: AWSServiceID,
        overrides: ClientConfigurationOverrides = ClientConfigurationOverrides()
    ) throws(AWSConfigurationError) -> ClientConfiguration {
        let ignoreEndpoints = try ignoreConfiguredEndpointURLs(override: overrides.ignoreConfiguredEndpointURLs)
        return ClientConfiguration(
            service: service,
            profileName: profileName,
            region: try Self.checkedRegion(region(override: overrides.region)),
            endpointURL: try Self.checkedEndpointURL(
                endpointURL(for: service, override: overrides.endpointURL, ignoring: ignoreEndpoints.value)),
            ignoreConfiguredEndpointURLs: ignoreEndpoints,
            retryMode: try setting(
                "retry_mode", code: overrides.retryMode, env: ["AWS_RETRY_MODE"], default: .standard),
            maxAttempts: try positiveInteger(
                "max_attempts", code: overrides.maxAttempts, env: ["AWS_MAX_ATTEMPTS"]),
            caBundle: string("ca_bundle", code: overrides.caBundle, env: ["AWS_CA_BUNDLE"]),
            useFIPSEndpoint: try boolean(
                "use_fips_endpoint", code: overrides.useFIPSEndpoint, env: ["AWS_USE_FIPS_ENDPOINT"]),
            useDualStackEndpoint: try boolean(
                "use_dualstack_endpoint", code: overrides.useDualStackEndpoint, env: ["AWS_USE_DUALSTACK_ENDPOINT"]),
            requestChecksumCalculation: try setting(
                "request_checksum_calculation", code: overrides.requestChecksumCalculation,
                env: ["AWS_REQUEST_CHECKSUM_CALCULATION"], default: .whenSupported),
            responseChecksumValidation: try setting(
                "response_checksum_validation", code: overrides.responseChecksumValidation,
                env: ["AWS_RESPONSE_CHECKSUM_VALIDATION"], default: .whenSupported),
            s3AddressingStyle: try setting(
                "s3.addressing_style", code: overrides.s3AddressingStyle, env: [], default: .auto),
            s3UseAccelerateEndpoint: try boolean(
                "s3.use_accelerate_endpoint", code: overrides.s3UseAccelerateEndpoint, env: []),
            stsRegionalEndpoints: try setting(
                "sts_regional_endpoints", code: overrides.stsRegionalEndpoints,
                env: ["AWS_STS_REGIONAL_ENDPOINTS"], default: .regional),
            ec2MetadataServiceEndpoint: string(
                "ec2_metadata_service_endpoint", code: overrides.ec2MetadataServiceEndpoint,
                env: ["AWS_EC2_METADATA_SERVICE_ENDPOINT"]),
            ec2MetadataDisabled: try boolean(
                nil, code: overrides.ec2MetadataDisabled, env: ["AWS_EC2_METADATA_DISABLED"]),
            metadataServiceTimeout: try positiveInteger(
                "metadata_service_timeout", code: overrides.metadataServiceTimeout,
                env: ["AWS_METADATA_SERVICE_TIMEOUT"]) ?? ResolvedSetting(1, source: .default),
            metadataServiceNumAttempts: try positiveInteger(
                "metadata_service_num_attempts", code: overrides.metadataServiceNumAttempts,
                env: ["AWS_METADATA_SERVICE_NUM_ATTEMPTS"]) ?? ResolvedSetting(1, source: .default),
            appID: string("sdk_ua_app_id", code: overrides.appID, env: ["AWS_SDK_UA_APP_ID"])
        )
    }

    /// The region from code, `AWS_REGION`, `AWS_DEFAULT_REGION`, then the
    /// profile's `region`; `nil` leaves the decision (e.g. IMDS) to the caller.
    public func region(override: String? = nil) -> ResolvedSetting<String>? {
        string("region", code: override, env: ["AWS_REGION", "AWS_DEFAULT_REGION"])
    }
}
