// Role profiles: `role_arn` with a `source_profile` chain or a `credential_source`.
extension ProfileCredentialsProvider {
    /// The named sources `credential_source` may name, as botocore spells them.
    enum CredentialSource: String, CaseIterable {
        case environment = "Environment"
        case ec2InstanceMetadata = "Ec2InstanceMetadata"
        case ecsContainer = "EcsContainer"
    }

    /// Assumes the profile's role with credentials from its source; `visited` holds the
    /// profiles already on the source chain, in order, for cycle detection.
    func assumeRole(_ profile: AWSProfile, visited: [String]) async throws(AyameError) -> AWSCredentials {
        guard let roleARN = profile.roleARN else { throw failure("profile \(profile.name) has no role_arn") }
        if profile.mfaSerial != nil {
            throw failure(
                "profile \(profile.name) sets mfa_serial, which needs an interactive MFA code prompt that Ayame does not "
                    + "offer; use credential_process or pre-fetched session credentials instead")
        }
        let source: AWSCredentials
        switch (profile.sourceProfile, profile.credentialSource) {
        case (.some, .some):
            throw failure("profile \(profile.name) sets both source_profile and credential_source; keep one")
        case (nil, nil):
            throw failure("profile \(profile.name) sets role_arn but neither source_profile nor credential_source")
        case (nil, .some(let named)):
            source = try await credentials(fromSource: named, for: profile)
        case (.some(let sourceName), nil):
            source = try await credentials(fromProfile: sourceName, parent: profile, visited: visited)
        }
        let service = try sts.service(for: "\(name): role \(roleARN)")
        let request = AssumeRoleRequest(
            roleARN: roleARN, roleSessionName: profile.roleSessionName ?? RoleSessionName.generated(now: settings.now()),
            externalID: profile.externalID, durationSeconds: try durationSeconds(profile), sourceCredentials: source,
            region: stsRegion, endpointURL: settings.stsEndpointURL)
        let assumed: AWSCredentials
        do {
            assumed = try await service.assumeRole(request)
        } catch {
            throw .stsCallFailed(error, provider: name, call: "AssumeRole for \(roleARN) (profile \(profile.name))")
        }
        return AWSCredentials(
            accessKeyID: assumed.accessKeyID, secretAccessKey: assumed.secretAccessKey,
            sessionToken: assumed.sessionToken, expiration: assumed.expiration, accountID: assumed.accountID,
            source: "profile \(profile.name) (role \(roleARN))")
    }

    /// Source credentials from another profile, as botocore resolves them: static keys win,
    /// then a further role, then the profile's other kinds.
    private func credentials(fromProfile sourceName: String, parent: AWSProfile, visited: [String])
        async throws(AyameError) -> AWSCredentials
    {
        guard let source = configFile.profile(named: sourceName) else {
            throw failure("source_profile \"\(sourceName)\" of profile \(parent.name) does not exist")
        }
        if visited.contains(sourceName) {
            // A profile may name itself to keep its keys and its role together; any other
            // repeat would loop forever.
            let selfReference = sourceName == parent.name && Self.hasStaticKeys(source)
            if !selfReference {
                throw failure("source_profile cycle: \((visited + [sourceName]).joined(separator: " -> "))")
            }
        }
        if Self.hasStaticKeys(source) { return try staticCredentials(source) }
        if Self.hasAssumeRoleConfiguration(source) {
            return try await assumeRole(source, visited: visited + [sourceName])
        }
        if let found = try await nonRoleCredentials(source) { return found }
        throw failure("source_profile \(sourceName) of profile \(parent.name) has no credentials")
    }

    /// Source credentials from a named provider (`credential_source`).
    private func credentials(fromSource named: String, for profile: AWSProfile) async throws(AyameError)
        -> AWSCredentials
    {
        guard let source = CredentialSource.allCases.first(where: { $0.rawValue.lowercased() == named.lowercased() })
        else {
            let valid = CredentialSource.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure("credential_source \"\(named)\" in profile \(profile.name) is not one of \(valid)")
        }
        let provider: any ChainableCredentialsProvider
        switch source {
        case .environment:
            provider = EnvironmentCredentialsProvider(environment: environment)
        case .ecsContainer:
            provider = ContainerCredentialsProvider(
                environment: environment, transport: transport, relativeURIBase: settings.containerRelativeURIBase,
                timeout: settings.containerTimeout, attempts: settings.containerAttempts,
                retryDelay: settings.containerRetryDelay)
        case .ec2InstanceMetadata:
            let configuration: InstanceMetadataConfiguration
            if let configured = settings.instanceMetadata {
                configuration = configured
            } else {
                configuration = try InstanceMetadataConfiguration(environment: environment, profile: profile)
            }
            provider = InstanceMetadataCredentialsProvider(
                client: InstanceMetadataClient(configuration: configuration, transport: transport))
        }
        switch try await provider.lookUpCredentials() {
        case .found(let credentials): return credentials
        case .notConfigured(let reason):
            throw failure("credential_source \(source.rawValue) of profile \(profile.name) found no credentials: \(reason)")
        }
    }
}
