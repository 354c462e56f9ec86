/// The fully resolved, immutable settings for one service client.
///
/// Each value records its ``ConfigurationSource`` so tools can explain where
/// a setting came from. Create one with ``ConfigurationResolver/resolve(service:overrides:)``
/// or ``resolve(service:overrides:profile:environment:)``.
public struct ClientConfiguration: Sendable, Equatable {
    /// The service the configuration is for.
    public let service: AWSServiceID
    /// The active profile name and how it was selected.
    public let profileName: ResolvedSetting<String>
    /// The region, or `nil` when none is configured. The caller may then ask
    /// the instance metadata service and apply the answer with
    /// ``withRegion(_:source:)``; this layer never performs network I/O.
    public let region: ResolvedSetting<String>?
    /// The configured endpoint URL, or `nil` to use the endpoint rules.
    public let endpointURL: ResolvedSetting<String>?
    /// Whether environment and config-file endpoint URLs were ignored.
    public let ignoreConfiguredEndpointURLs: ResolvedSetting<Bool>
    /// The retry mode (default ``RetryMode/standard``).
    public let retryMode: ResolvedSetting<RetryMode>
    /// Total attempts including the first, or `nil` for the retry mode's
    /// own default.
    public let maxAttempts: ResolvedSetting<Int>?
    /// A PEM certificate bundle path, or `nil` for the system trust store.
    public let caBundle: ResolvedSetting<String>?
    /// Whether FIPS endpoints are used (default `false`).
    public let useFIPSEndpoint: ResolvedSetting<Bool>
    /// Whether dual-stack endpoints are used (default `false`).
    public let useDualStackEndpoint: ResolvedSetting<Bool>
    /// When request checksums are calculated (default `when_supported`).
    public let requestChecksumCalculation: ResolvedSetting<ChecksumMode>
    /// When response checksums are validated (default `when_supported`).
    public let responseChecksumValidation: ResolvedSetting<ChecksumMode>
    /// The S3 addressing style (default ``S3AddressingStyle/auto``).
    public let s3AddressingStyle: ResolvedSetting<S3AddressingStyle>
    /// Whether S3 Transfer Acceleration is used (default `false`).
    public let s3UseAccelerateEndpoint: ResolvedSetting<Bool>
    /// The STS endpoint behaviour (default ``STSRegionalEndpoints/regional``).
    public let stsRegionalEndpoints: ResolvedSetting<STSRegionalEndpoints>
    /// The IMDS endpoint, or `nil` for the IMDS layer's default.
    public let ec2MetadataServiceEndpoint: ResolvedSetting<String>?
    /// Whether IMDS must not be contacted (default `false`).
    public let ec2MetadataDisabled: ResolvedSetting<Bool>
    /// IMDS timeout in seconds (default 1).
    public let metadataServiceTimeout: ResolvedSetting<Int>
    /// IMDS attempts (default 1).
    public let metadataServiceNumAttempts: ResolvedSetting<Int>
    /// The User-Agent application id, or `nil`.
    public let appID: ResolvedSetting<String>?

    /// Resolves a configuration in one step: loads the shared files named by
    /// `environment`, selects the profile and applies `overrides`.
    ///
    /// - Parameters:
    ///   - service: The service the client talks to.
    ///   - overrides: Values set in code.
    ///   - profile: An explicit profile name, beating `AWS_DEFAULT_PROFILE`
    ///     and `AWS_PROFILE`.
    ///   - environment: The environment snapshot to read.
    public static func resolve(
        service: AWSServiceID,
        overrides: ClientConfigurationOverrides = ClientConfigurationOverrides(),
        profile: String? = nil,
        environment: AWSEnvironment = .process
    ) throws(AWSConfigurationError) -> ClientConfiguration {
        try ConfigurationResolver(profile: profile, environment: environment)
            .resolve(service: service, overrides: overrides)
    }

    /// A copy with `region` replaced, for the layer that discovers the region
    /// later (typically from IMDS with source ``ConfigurationSource/instanceMetadata``).
    public func withRegion(_ region: String, source: ConfigurationSource) -> ClientConfiguration {
        ClientConfiguration(
            service: service, profileName: profileName, region: ResolvedSetting(region, source: source),
            endpointURL: endpointURL, ignoreConfiguredEndpointURLs: ignoreConfiguredEndpointURLs,
            retryMode: retryMode, maxAttempts: maxAttempts, caBundle: caBundle,
            useFIPSEndpoint: useFIPSEndpoint, useDualStackEndpoint: useDualStackEndpoint,
            requestChecksumCalculation: requestChecksumCalculation,
            responseChecksumValidation: responseChecksumValidation, s3AddressingStyle: s3AddressingStyle,
            s3UseAccelerateEndpoint: s3UseAccelerateEndpoint, stsRegionalEndpoints: stsRegionalEndpoints,
            ec2MetadataServiceEndpoint: ec2MetadataServiceEndpoint, ec2MetadataDisabled: ec2MetadataDisabled,
            metadataServiceTimeout: metadataServiceTimeout, metadataServiceNumAttempts: metadataServiceNumAttempts,
            appID: appID)
    }
}
