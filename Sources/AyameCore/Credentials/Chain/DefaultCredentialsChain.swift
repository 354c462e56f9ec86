/// The default credentials chain: the first source that yields wins.
///
/// The order is fixed: the environment; the selected profile (roles, web identity, SSO, static
/// keys, `credential_process`); web identity from `AWS_WEB_IDENTITY_TOKEN_FILE`; the ECS/EKS
/// container endpoint; EC2 instance metadata. A source that is not configured is skipped and
/// its reason recorded; a source that is configured but fails ends the search with an error, so
/// a broken role profile never silently yields the instance role instead. When nothing yields,
/// one ``AyameError/credentials(_:)`` lists every source and why it did not.
///
/// The chain fetches on every call; wrap it with ``AWSCredentialsProvider/cached()`` (or a
/// ``CachingCredentialsProvider``) to reuse credentials until they near expiry.
public struct DefaultCredentialsChain: ChainableCredentialsProvider {
    /// `default chain`.
    public var name: String { "default chain" }
    /// The sources, in the order they are tried.
    public let providers: [any ChainableCredentialsProvider]
    /// Notes for sources left out on purpose (shown in the error listing).
    let skipped: [String]

    /// A chain over explicit sources, for programs that want a different order.
    public init(providers: [any ChainableCredentialsProvider]) {
        self.providers = providers
        self.skipped = []
    }

    /// The standard chain.
    ///
    /// - Parameters:
    ///   - environment: The environment snapshot (never the live process environment in tests).
    ///   - configFile: The loaded shared config and credentials files.
    ///   - profileName: A profile chosen in code; `nil` selects it from `AWS_DEFAULT_PROFILE`,
    ///     `AWS_PROFILE` or `default`. As in botocore, a profile chosen in code turns off the
    ///     environment sources (keys and web identity variables).
    ///   - transport: Sends container, IMDS and SSO requests.
    ///   - stsFactory: Makes the STS service for role profiles and web identity; without it
    ///     those sources fail with a message saying STS is unavailable.
    ///   - settings: Endpoint overrides, timeouts, clock and logger.
    /// - Throws: ``AyameError/configuration(_:)`` for invalid IMDS settings.
    public init(
        environment: AWSEnvironment, configFile: AWSConfigFile, profileName: String? = nil,
        transport: any HTTPTransport, stsFactory: STSCredentialsServiceFactory? = nil,
        settings: CredentialsChainSettings = CredentialsChainSettings()
    ) throws(AyameError) {
        let selected = ConfigurationResolver.selectProfile(explicit: profileName, environment: environment)
        let environmentAllowed = selected.source != .code
        let sts = LazySTSService(stsFactory)
        let profile = ProfileCredentialsProvider(
            profileName: selected.value, configFile: configFile, environment: environment, transport: transport,
            sts: sts, settings: settings, profileMustExist: selected.source != .default)
        let imds: InstanceMetadataConfiguration
        if let configured = settings.instanceMetadata {
            imds = configured
        } else {
            imds = try InstanceMetadataConfiguration(
                environment: environment, profile: configFile.profile(named: selected.value))
        }
        var providers: [any ChainableCredentialsProvider] = []
        var skipped: [String] = []
        if environmentAllowed {
            providers.append(EnvironmentCredentialsProvider(environment: environment))
        } else {
            skipped.append("environment: skipped because profile \(selected.value) was chosen in code")
        }
        providers.append(profile)
        if environmentAllowed {
            providers.append(WebIdentityCredentialsProvider.fromEnvironment(
                environment, region: profile.stsRegion, endpointURL: settings.stsEndpointURL, sts: sts, now: settings.now))
        } else {
            skipped.append("web identity: skipped because profile \(selected.value) was chosen in code")
        }
        providers.append(ContainerCredentialsProvider(
            environment: environment, transport: transport, relativeURIBase: settings.containerRelativeURIBase,
            timeout: settings.containerTimeout, attempts: settings.containerAttempts,
            retryDelay: settings.containerRetryDelay))
        providers.append(InstanceMetadataCredentialsProvider(
            client: InstanceMetadataClient(configuration: imds, transport: transport)))
        self.providers = providers
        self.skipped = skipped
    }

    /// The standard chain for a resolver's environment, files and selected profile.
    public init(
        resolver: ConfigurationResolver, transport: any HTTPTransport,
        stsFactory: STSCredentialsServiceFactory? = nil, settings: CredentialsChainSettings = CredentialsChainSettings()
    ) throws(AyameError) {
        let explicit = resolver.profileName.source == .code ? resolver.profileName.value : nil
        try self.init(
            environment: resolver.environment, configFile: resolver.configFile, profileName: explicit,
            transport: transport, stsFactory: stsFactory, settings: settings)
    }

    public func lookUpCredentials() async throws(AyameError) -> CredentialsLookup {
        var attempts = skipped
        for provider in providers {
            let outcome: CredentialsLookup
            do {
                outcome = try await provider.lookUpCredentials()
            } catch {
                // Keep what was tried before the broken source, so the listing shows the whole path.
                if case .credentials(let failure) = error {
                    throw .credentials(CredentialsFailure(attempts: attempts + failure.attempts))
                }
                throw error
            }
            switch outcome {
            case .found(let credentials): return .found(credentials)
            case .notConfigured(let reason): attempts.append("\(provider.name): \(reason)")
            }
        }
        throw .credentials(CredentialsFailure(attempts: attempts))
    }
}
