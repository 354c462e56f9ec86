import AyameCore
import Foundation
import Testing

@Suite struct ProfileProviderTests {
    func provider(
        _ directory: TemporaryAWSDirectory, profile: String = "default", sts: RecordingSTS? = RecordingSTS(),
        env: [String: String] = [:], mustExist: Bool = false
    ) throws -> ProfileCredentialsProvider {
        let environment = directory.environment(env)
        var settings = CredentialsChainSettings()
        settings.instanceMetadata = InstanceMetadataConfiguration(isDisabled: true)
        return ProfileCredentialsProvider(
            profileName: profile, configFile: try AWSConfigFile.load(environment: environment), environment: environment,
            transport: CredentialsFixture.client, stsFactory: sts?.factory, settings: settings, profileMustExist: mustExist)
    }

    @Test func staticKeysFromEitherFile() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("credentials", "[default]\naws_access_key_id = AKIACRED\naws_secret_access_key = \(Secrets.secretKey)\n")
        try directory.write("config", "[profile dev]\naws_access_key_id = AKIACONF\naws_secret_access_key = s\naws_session_token = \(Secrets.sessionToken)\n")
        let fromCredentials = try await provider(directory).resolveCredentials()
        #expect(fromCredentials.accessKeyID == "AKIACRED")
        #expect(fromCredentials.source == "profile default")
        let fromConfig = try await provider(directory, profile: "dev").resolveCredentials()
        #expect(fromConfig.sessionToken == Secrets.sessionToken)
    }

    @Test func missingOrEmptyProfiles() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", "[profile empty]\nregion = eu-west-1\n")
        guard case .notConfigured(let missing) = try await provider(directory).lookUpCredentials(),
            case .notConfigured(let empty) = try await provider(directory, profile: "empty").lookUpCredentials()
        else {
            Issue.record("expected not configured")
            return
        }
        #expect(missing == "no such profile in \(directory.credentialsPath) or \(directory.configPath)")
        #expect(empty == "no credentials in \(directory.credentialsPath) or \(directory.configPath)")
        let attempts = await credentialsFailure {
            _ = try await provider(directory, profile: "nope", mustExist: true).lookUpCredentials()
        }
        #expect(attempts == ["profile nope: the profile is not defined in \(directory.credentialsPath) or \(directory.configPath)"])
    }

    @Test func halfAKeyPairIsAnError() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("credentials", "[default]\naws_access_key_id = AKIA\n")
        let attempts = await credentialsFailure { _ = try await provider(directory).lookUpCredentials() }
        #expect(attempts == ["profile default: profile default has only half a key pair: aws_secret_access_key is missing"])
    }

    @Test func credentialProcessFromTheProfile() async throws {
        let directory = try TemporaryAWSDirectory()
        let script = try CredentialProcessTests.script(
            directory, #"echo '{"Version":1,"AccessKeyId":"AKIAPROC","SecretAccessKey":"s"}'"#)
        try directory.write("config", "[default]\ncredential_process = \(script)\n")
        #expect(try await provider(directory).resolveCredentials().accessKeyID == "AKIAPROC")
    }

    @Test func assumeRoleThroughASourceProfileChain() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("credentials", "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = \(Secrets.secretKey)\n")
        try directory.write("config", """
            [profile middle]
            role_arn = arn:aws:iam::111111111111:role/middle
            source_profile = base
            [profile top]
            role_arn = arn:aws:iam::222222222222:role/top
            source_profile = middle
            role_session_name = deploy
            external_id = ext-123
            duration_seconds = 1800
            region = eu-central-1
            """)
        let sts = RecordingSTS()
        let credentials = try await provider(directory, profile: "top", sts: sts).resolveCredentials()
        let requests = sts.assumeRoleRequests
        #expect(requests.map(\.roleARN) == ["arn:aws:iam::111111111111:role/middle", "arn:aws:iam::222222222222:role/top"])
        #expect(requests[0].sourceCredentials.accessKeyID == "AKIABASE")
        #expect(requests[1].sourceCredentials.accessKeyID == "ASIA(arn:aws:iam::111111111111:role/middle via AKIABASE)")
        #expect(requests[0].roleSessionName.hasPrefix("ayame-session-"))
        #expect(requests[0].externalID == nil)
        #expect(requests[1].roleSessionName == "deploy")
        #expect(requests[1].externalID == "ext-123")
        #expect(requests[1].durationSeconds == 1800)
        #expect(requests.allSatisfy { $0.region == "eu-central-1" })
        #expect(credentials.source == "profile top (role arn:aws:iam::222222222222:role/top)")
    }

    @Test func staticKeysOfASourceProfileBeatItsOwnRole() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", """
            [profile base]
            aws_access_key_id = AKIABASE
            aws_secret_access_key = s
            role_arn = arn:aws:iam::1:role/never
            source_profile = elsewhere
            [profile top]
            role_arn = arn:aws:iam::1:role/top
            source_profile = base
            """)
        let sts = RecordingSTS()
        _ = try await provider(directory, profile: "top", sts: sts).resolveCredentials()
        #expect(sts.assumeRoleRequests.map(\.roleARN) == ["arn:aws:iam::1:role/top"])
    }

    @Test func aProfileMayBeItsOwnSourceWhenItHasKeys() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", """
            [profile self]
            aws_access_key_id = AKIASELF
            aws_secret_access_key = s
            role_arn = arn:aws:iam::1:role/self
            source_profile = self
            """)
        let sts = RecordingSTS()
        _ = try await provider(directory, profile: "self", sts: sts).resolveCredentials()
        #expect(sts.assumeRoleRequests.first?.sourceCredentials.accessKeyID == "AKIASELF")
    }

    @Test func cyclesAreNamed() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", """
            [profile a]
            role_arn = arn:aws:iam::1:role/a
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::1:role/b
            source_profile = c
            [profile c]
            role_arn = arn:aws:iam::1:role/c
            source_profile = a
            [profile lonely]
            role_arn = arn:aws:iam::1:role/lonely
            source_profile = lonely
            """)
        let sts = RecordingSTS()
        let cycle = await credentialsFailure { _ = try await provider(directory, profile: "a", sts: sts).resolveCredentials() }
        #expect(cycle == ["profile a: source_profile cycle: a -> b -> c -> a"])
        let selfCycle = await credentialsFailure { _ = try await provider(directory, profile: "lonely", sts: sts).resolveCredentials() }
        #expect(selfCycle == ["profile lonely: source_profile cycle: lonely -> lonely"])
        #expect(sts.recorded.isEmpty)
    }

    @Test func roleConfigurationErrors() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", """
            [profile both]
            role_arn = arn:aws:iam::1:role/x
            source_profile = both
            credential_source = Environment
            [profile neither]
            role_arn = arn:aws:iam::1:role/x
            [profile dangling]
            role_arn = arn:aws:iam::1:role/x
            source_profile = ghost
            [profile badsource]
            role_arn = arn:aws:iam::1:role/x
            credential_source = Laptop
            [profile mfa]
            role_arn = arn:aws:iam::1:role/x
            credential_source = Environment
            mfa_serial = arn:aws:iam::1:mfa/me
            [profile empty-source]
            role_arn = arn:aws:iam::1:role/x
            source_profile = nothing
            [profile nothing]
            region = us-east-1
            """)
        func message(_ profile: String) async throws -> String {
            try #require(await credentialsFailure { _ = try await provider(directory, profile: profile).resolveCredentials() }?.first)
        }
        #expect(try await message("both") == "profile both: profile both sets both source_profile and credential_source; keep one")
        #expect(try await message("neither") == "profile neither: profile neither sets role_arn but neither source_profile nor credential_source")
        #expect(try await message("dangling") == "profile dangling: source_profile \"ghost\" of profile dangling does not exist")
        #expect(try await message("badsource").contains("credential_source \"Laptop\" in profile badsource is not one of Environment, Ec2InstanceMetadata, EcsContainer"))
        #expect(try await message("mfa").contains("mfa_serial"))
        #expect(try await message("empty-source") == "profile empty-source: source_profile nothing of profile empty-source has no credentials")
    }

    @Test func credentialSourceEnvironmentAndContainer() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", """
            [profile env]
            role_arn = arn:aws:iam::1:role/env
            credential_source = environment
            [profile ecs]
            role_arn = arn:aws:iam::1:role/ecs
            credential_source = EcsContainer
            [profile imds]
            role_arn = arn:aws:iam::1:role/imds
            credential_source = Ec2InstanceMetadata
            """)
        let sts = RecordingSTS()
        _ = try await provider(directory, profile: "env", sts: sts, env: [
            "AWS_ACCESS_KEY_ID": "AKIAFROMENV", "AWS_SECRET_ACCESS_KEY": "s",
        ]).resolveCredentials()
        #expect(sts.assumeRoleRequests.last?.sourceCredentials.accessKeyID == "AKIAFROMENV")

        let scenario = try await CredentialsScenario.make(["container": ["credentials": credentialsJSON(accessKey: "ASIATASK")]])
        _ = try await provider(directory, profile: "ecs", sts: sts, env: [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": scenario.url("container") + "/creds",
        ]).resolveCredentials()
        #expect(sts.assumeRoleRequests.last?.sourceCredentials.accessKeyID == "ASIATASK")

        let attempts = await credentialsFailure {
            _ = try await provider(directory, profile: "imds", sts: sts).resolveCredentials()
        }
        #expect(attempts == [
            "profile imds: credential_source Ec2InstanceMetadata of profile imds found no credentials: disabled by AWS_EC2_METADATA_DISABLED"
        ])
    }

    @Test func withoutSTSRoleProfilesSayWhy() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n")
        let attempts = await credentialsFailure {
            _ = try await provider(directory, sts: nil, env: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "s"])
                .resolveCredentials()
        }
        #expect(attempts?.first?.contains("needs STS, but no STS service was given to the credentials chain") == true)
    }

    @Test func stsFailureIsAnErrorNamingTheRole() async throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n")
        let sts = RecordingSTS(failure: .service(AWSServiceError(
            code: "AccessDenied", message: "not authorized", statusCode: 403, requestID: "req-1", operation: "STS.AssumeRole",
            rawBody: [])))
        let attempts = await credentialsFailure {
            _ = try await provider(directory, sts: sts, env: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": Secrets.secretKey])
                .resolveCredentials()
        }
        let message = try #require(attempts?.first)
        #expect(message.hasPrefix("profile default: AssumeRole for arn:aws:iam::1:role/r (profile default) failed: "))
        #expect(message.contains("AccessDenied"))
        #expect(Secrets.leaked(in: message).isEmpty)
    }

    @Test func webIdentityProfileReadsTheTokenFileEachTime() async throws {
        let directory = try TemporaryAWSDirectory()
        let tokenFile = try directory.write("token", "one-\(Secrets.webToken)\n")
        try directory.write("config", """
            [profile k8s]
            role_arn = arn:aws:iam::1:role/pod
            web_identity_token_file = \(tokenFile)
            role_session_name = pod-session
            """)
        let sts = RecordingSTS()
        let provider = try provider(directory, profile: "k8s", sts: sts)
        _ = try await provider.resolveCredentials()
        try directory.write("token", "two-\(Secrets.webToken)")
        let credentials = try await provider.resolveCredentials()
        #expect(sts.webIdentityRequests.map(\.webIdentityToken) == ["one-\(Secrets.webToken)", "two-\(Secrets.webToken)"])
        #expect(sts.webIdentityRequests.allSatisfy { $0.roleSessionName == "pod-session" && $0.roleARN == "arn:aws:iam::1:role/pod" })
        #expect(credentials.accessKeyID == "ASIAWEB(arn:aws:iam::1:role/pod)")
        #expect(sts.assumeRoleRequests.isEmpty)
    }
}
