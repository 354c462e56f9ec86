import Foundation
import Testing
@testable import AyameCore

@Suite("Cross-checks against botocore")
struct BotocoreCrossCheckTests {
    static let config = """
        # Shared config used by every scenario.
        [default]
        region = us-east-1

        [profile dev]
        Region = eu-west-1
        retry_mode = adaptive
        max_attempts = 5
        ca_bundle = /tmp/ayame-ca.pem
        use_fips_endpoint = true
        use_dualstack_endpoint = FALSE
        request_checksum_calculation = when_required
        response_checksum_validation = when_required
        sts_regional_endpoints = legacy
        ec2_metadata_service_endpoint = http://169.254.169.254
        metadata_service_timeout = 3
        metadata_service_num_attempts = 4
        sdk_ua_app_id = ayame-test
        services = local
        endpoint_url = http://profile-global:4566
        s3 =
          addressing_style = path
          use_accelerate_endpoint = true
        role_arn = arn:aws:iam::123456789012:role/test

        [profile "quoted name"]
        region = ap-south-1
        [profiles sneaky]
        region = ap-northeast-1
        [not-a-profile]
        region = nowhere

        [services local]
        sagemaker_runtime =
          endpoint_url = http://localhost:8080
        application_auto_scaling =
          endpoint_url = http://localhost:8081

        [sso-session corp]
        sso_region = us-east-1

        [DEFAULT]
        output = json
        """

    static let credentials = """
        [dev]
        aws_access_key_id = AKIDFROMCREDENTIALS
        aws_secret_access_key = not-a-real-secret
        region = us-west-1
        [profile literal]
        x: 1
        """

    /// Ayame's values in botocore's vocabulary.
    private func ayameSettings(_ configuration: ClientConfiguration) -> [String: String?] {
        [
            "region": configuration.region?.value,
            // Ayame defaults to standard (the cross-SDK recommendation);
            // botocore still defaults to legacy.
            "retry_mode": configuration.retryMode.source == .default ? "legacy" : configuration.retryMode.value.rawValue,
            "max_attempts": configuration.maxAttempts.map { String($0.value) },
            "ca_bundle": configuration.caBundle?.value,
            "use_fips_endpoint": configuration.useFIPSEndpoint.source == .default
                ? nil : String(configuration.useFIPSEndpoint.value),
            "use_dualstack_endpoint": configuration.useDualStackEndpoint.source == .default
                ? nil : String(configuration.useDualStackEndpoint.value),
            "request_checksum_calculation": configuration.requestChecksumCalculation.value.rawValue,
            "response_checksum_validation": configuration.responseChecksumValidation.value.rawValue,
            "sts_regional_endpoints": configuration.stsRegionalEndpoints.value.rawValue,
            "ec2_metadata_service_endpoint": configuration.ec2MetadataServiceEndpoint?.value,
            "metadata_service_timeout": String(configuration.metadataServiceTimeout.value),
            "metadata_service_num_attempts": String(configuration.metadataServiceNumAttempts.value),
            "user_agent_appid": configuration.appID?.value,
            "ignore_configured_endpoint_urls": configuration.ignoreConfiguredEndpointURLs.source == .default
                ? nil : String(configuration.ignoreConfiguredEndpointURLs.value),
        ]
    }

    private func compare(env: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = try TemporaryAWSDirectory()
        let resolver = try directory.resolver(config: Self.config, credentials: Self.credentials, env: env)
        let oracle = try BotocoreOracle.run(environment: directory.environment(env))

        #expect(oracle["profile"] as? String == (resolver.profileName.source == .default ? nil : resolver.profileName.value),
                sourceLocation: sourceLocation)
        let botocoreProfiles = BotocoreOracle.botocoreProfiles(oracle)
        #expect(botocoreProfiles.count == 5, "guards against an empty, vacuous comparison", sourceLocation: sourceLocation)
        #expect(BotocoreOracle.profilesJSON(resolver.configFile) == botocoreProfiles, sourceLocation: sourceLocation)

        let botocoreSettings = try #require(oracle["settings"] as? [String: Any], sourceLocation: sourceLocation)
        let configuration = try resolver.resolve(service: .sageMakerRuntime)
        for (name, ours) in ayameSettings(configuration) {
            #expect(botocoreSettings[name] as? String == ours, "setting \(name)", sourceLocation: sourceLocation)
        }
        let s3 = oracle["s3"] as? [String: String] ?? [:]
        #expect(s3["addressing_style"] == (configuration.s3AddressingStyle.source == .default
            ? nil : configuration.s3AddressingStyle.value.rawValue), sourceLocation: sourceLocation)
        #expect(s3["use_accelerate_endpoint"] == (configuration.s3UseAccelerateEndpoint.source == .default
            ? nil : String(configuration.s3UseAccelerateEndpoint.value)), sourceLocation: sourceLocation)

        let endpoints = oracle["endpoints"] as? [String: Any] ?? [:]
        for (client, service) in BotocoreOracle.clientNames {
            let ours = try resolver.resolve(service: service).endpointURL?.value
            #expect(endpoints[client] as? String == ours, "endpoint for \(client)", sourceLocation: sourceLocation)
        }
    }

    @Test func filesOnlyWithProfileFromEnvironment() throws {
        try compare(env: ["AWS_PROFILE": "dev"])
    }

    @Test func defaultProfileWithoutEnvironment() throws {
        try compare(env: [:])
    }

    @Test func quotedAndPrefixQuirkProfiles() throws {
        try compare(env: ["AWS_PROFILE": "quoted name"])
        try compare(env: ["AWS_PROFILE": "sneaky"])
        try compare(env: ["AWS_PROFILE": "profile literal"])
    }

    @Test func environmentBeatsFiles() throws {
        try compare(env: [
            "AWS_PROFILE": "default", "AWS_DEFAULT_PROFILE": "dev",
            "AWS_DEFAULT_REGION": "ca-central-1", "AWS_RETRY_MODE": "standard", "AWS_MAX_ATTEMPTS": "2",
            "AWS_CA_BUNDLE": "/env/ca.pem", "AWS_USE_FIPS_ENDPOINT": "false", "AWS_USE_DUALSTACK_ENDPOINT": "true",
            "AWS_REQUEST_CHECKSUM_CALCULATION": "when_supported", "AWS_STS_REGIONAL_ENDPOINTS": "regional",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://[fd00:ec2::254]", "AWS_METADATA_SERVICE_TIMEOUT": "7",
            "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "8", "AWS_SDK_UA_APP_ID": "env-app",
            "AWS_ENDPOINT_URL_SAGEMAKER": "http://env-sagemaker", "AWS_ENDPOINT_URL_CLOUDWATCH": "http://env-cw",
            "AWS_ENDPOINT_URL": "http://env-global",
        ])
    }

    @Test func ignoreConfiguredEndpoints() throws {
        try compare(env: [
            "AWS_PROFILE": "dev", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL": "http://env",
        ])
    }

    /// Documents the one deliberate parser difference: Ayame follows the AWS
    /// SDKs' shared-file rules for inline comments, botocore keeps the text.
    @Test func inlineCommentsDifferFromBotocoreByDesign() throws {
        let directory = try TemporaryAWSDirectory()
        try directory.write("config", "[default]\nregion = us-east-2 # ohio\n")
        let oracle = try BotocoreOracle.run(environment: directory.environment())
        let botocore = (oracle["settings"] as? [String: Any])?["region"] as? String
        #expect(botocore == "us-east-2 # ohio")
        #expect(try ConfigurationResolver(environment: directory.environment()).region()?.value == "us-east-2")
    }
}
