import Testing
@testable import AyameCore

/// One setting's values at each precedence level, for the code > env > file
/// > default table.
struct SettingCase: Sendable, CustomTestStringConvertible {
    let name: String
    let code: ClientConfigurationOverrides
    let codeValue: String
    let env: (variable: String, raw: String, value: String)?
    let file: (lines: String, key: String, value: String)?
    let defaultValue: String?
    let extract: @Sendable (ClientConfiguration) -> ResolvedSetting<String>?

    var testDescription: String { name }
}

private func render<T: Sendable & Equatable>(_ setting: ResolvedSetting<T>?) -> ResolvedSetting<String>? {
    setting.map { ResolvedSetting(String(describing: $0.value), source: $0.source) }
}

private let settingCases: [SettingCase] = [
    SettingCase(
        name: "region", code: .init(region: "code-1"), codeValue: "code-1",
        env: ("AWS_REGION", "env-1", "env-1"), file: ("region = file-1", "region", "file-1"),
        defaultValue: nil, extract: { render($0.region) }),
    SettingCase(
        name: "retry_mode", code: .init(retryMode: .adaptive), codeValue: "adaptive",
        env: ("AWS_RETRY_MODE", "Legacy", "legacy"), file: ("retry_mode = adaptive", "retry_mode", "adaptive"),
        defaultValue: "standard", extract: { render($0.retryMode).map { ResolvedSetting($0.value, source: $0.source) } }),
    SettingCase(
        name: "max_attempts", code: .init(maxAttempts: 7), codeValue: "7",
        env: ("AWS_MAX_ATTEMPTS", " 5 ", "5"), file: ("max_attempts = 3", "max_attempts", "3"),
        defaultValue: nil, extract: { render($0.maxAttempts) }),
    SettingCase(
        name: "ca_bundle", code: .init(caBundle: "/code.pem"), codeValue: "/code.pem",
        env: ("AWS_CA_BUNDLE", "/env.pem", "/env.pem"), file: ("ca_bundle = /file.pem", "ca_bundle", "/file.pem"),
        defaultValue: nil, extract: { render($0.caBundle) }),
    SettingCase(
        name: "use_fips_endpoint", code: .init(useFIPSEndpoint: false), codeValue: "false",
        env: ("AWS_USE_FIPS_ENDPOINT", "TRUE", "true"),
        file: ("use_fips_endpoint = False", "use_fips_endpoint", "false"),
        defaultValue: "false", extract: { render($0.useFIPSEndpoint) }),
    SettingCase(
        name: "use_dualstack_endpoint", code: .init(useDualStackEndpoint: true), codeValue: "true",
        env: ("AWS_USE_DUALSTACK_ENDPOINT", "false", "false"),
        file: ("use_dualstack_endpoint = true", "use_dualstack_endpoint", "true"),
        defaultValue: "false", extract: { render($0.useDualStackEndpoint) }),
    SettingCase(
        name: "request_checksum_calculation", code: .init(requestChecksumCalculation: .whenRequired),
        codeValue: "whenRequired",
        env: ("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED", "whenRequired"),
        file: ("request_checksum_calculation = when_required", "request_checksum_calculation", "whenRequired"),
        defaultValue: "whenSupported", extract: { render($0.requestChecksumCalculation) }),
    SettingCase(
        name: "response_checksum_validation", code: .init(responseChecksumValidation: .whenSupported),
        codeValue: "whenSupported",
        env: ("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required", "whenRequired"),
        file: ("response_checksum_validation = when_required", "response_checksum_validation", "whenRequired"),
        defaultValue: "whenSupported", extract: { render($0.responseChecksumValidation) }),
    SettingCase(
        name: "s3.addressing_style", code: .init(s3AddressingStyle: .virtual), codeValue: "virtual",
        env: nil, file: ("s3 =\n  addressing_style = path", "s3.addressing_style", "path"),
        defaultValue: "auto", extract: { render($0.s3AddressingStyle) }),
    SettingCase(
        name: "s3.use_accelerate_endpoint", code: .init(s3UseAccelerateEndpoint: false), codeValue: "false",
        env: nil, file: ("s3 =\n  use_accelerate_endpoint = true", "s3.use_accelerate_endpoint", "true"),
        defaultValue: "false", extract: { render($0.s3UseAccelerateEndpoint) }),
    SettingCase(
        name: "sts_regional_endpoints", code: .init(stsRegionalEndpoints: .regional), codeValue: "regional",
        env: ("AWS_STS_REGIONAL_ENDPOINTS", "legacy", "legacy"),
        file: ("sts_regional_endpoints = legacy", "sts_regional_endpoints", "legacy"),
        defaultValue: "regional", extract: { render($0.stsRegionalEndpoints) }),
    SettingCase(
        name: "ec2_metadata_service_endpoint", code: .init(ec2MetadataServiceEndpoint: "http://code"),
        codeValue: "http://code", env: ("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://env", "http://env"),
        file: ("ec2_metadata_service_endpoint = http://file", "ec2_metadata_service_endpoint", "http://file"),
        defaultValue: nil, extract: { render($0.ec2MetadataServiceEndpoint) }),
    SettingCase(
        name: "AWS_EC2_METADATA_DISABLED", code: .init(ec2MetadataDisabled: false), codeValue: "false",
        env: ("AWS_EC2_METADATA_DISABLED", "true", "true"), file: nil,
        defaultValue: "false", extract: { render($0.ec2MetadataDisabled) }),
    SettingCase(
        name: "metadata_service_timeout", code: .init(metadataServiceTimeout: 9), codeValue: "9",
        env: ("AWS_METADATA_SERVICE_TIMEOUT", "4", "4"),
        file: ("metadata_service_timeout = 3", "metadata_service_timeout", "3"),
        defaultValue: "1", extract: { render($0.metadataServiceTimeout) }),
    SettingCase(
        name: "metadata_service_num_attempts", code: .init(metadataServiceNumAttempts: 9), codeValue: "9",
        env: ("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "4", "4"),
        file: ("metadata_service_num_attempts = 3", "metadata_service_num_attempts", "3"),
        defaultValue: "1", extract: { render($0.metadataServiceNumAttempts) }),
    SettingCase(
        name: "sdk_ua_app_id", code: .init(appID: "code-app"), codeValue: "code-app",
        env: ("AWS_SDK_UA_APP_ID", "env-app", "env-app"),
        file: ("sdk_ua_app_id = file-app", "sdk_ua_app_id", "file-app"),
        defaultValue: nil, extract: { render($0.appID) }),
    SettingCase(
        name: "ignore_configured_endpoint_urls", code: .init(ignoreConfiguredEndpointURLs: false),
        codeValue: "false", env: ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", "true"),
        file: ("ignore_configured_endpoint_urls = true", "ignore_configured_endpoint_urls", "true"),
        defaultValue: "false", extract: { render($0.ignoreConfiguredEndpointURLs) }),
]

/// Which levels are populated: code, environment, file.
private let levelCombinations: [(Bool, Bool, Bool)] = [
    (true, true, true), (true, false, false), (false, true, true), (false, true, false),
    (false, false, true), (false, false, false), (true, false, true), (true, true, false),
]

@Suite("Setting precedence")
struct PrecedenceTests {
    @Test(arguments: settingCases)
    func codeBeatsEnvironmentBeatsFileBeatsDefault(setting: SettingCase) throws {
        for (useCode, useEnv, useFile) in levelCombinations {
            let directory = try TemporaryAWSDirectory()
            var env: [String: String] = [:]
            if useEnv, let variable = setting.env { env[variable.variable] = variable.raw }
            let config = "[default]\n" + (useFile ? (setting.file?.lines ?? "") : "") + "\n"
            let resolver = try directory.resolver(config: config, env: env)
            let resolved = setting.extract(
                try resolver.resolve(service: .sageMakerRuntime, overrides: useCode ? setting.code : .init()))
            let label = "code=\(useCode) env=\(useEnv) file=\(useFile)"

            if useCode {
                #expect(resolved == ResolvedSetting(setting.codeValue, source: .code), "\(label)")
            } else if useEnv, let variable = setting.env {
                #expect(resolved == ResolvedSetting(variable.value, source: .environment(variable: variable.variable)),
                        "\(label)")
            } else if useFile, let file = setting.file {
                #expect(resolved?.value == file.value, "\(label)")
                guard case let .profile(name, key, location)? = resolved?.source else {
                    Issue.record("\(label): expected a profile source, got \(String(describing: resolved))")
                    continue
                }
                #expect(name == "default" && key == file.key && location.path == directory.configPath, "\(label)")
                #expect(location.line == 2, "\(label)")
            } else if let fallback = setting.defaultValue {
                #expect(resolved == ResolvedSetting(fallback, source: .default), "\(label)")
            } else {
                #expect(resolved == nil, "\(label)")
            }
        }
    }

    @Test func regionVariablesInOrder() throws {
        let directory = try TemporaryAWSDirectory()
        let config = "[default]\nregion = file-region\n"
        let both = try directory.resolver(config: config, env: ["AWS_REGION": "a", "AWS_DEFAULT_REGION": "b"])
        #expect(both.region() == ResolvedSetting("a", source: .environment(variable: "AWS_REGION")))
        let legacy = try directory.resolver(config: config, env: ["AWS_DEFAULT_REGION": "b"])
        #expect(legacy.region() == ResolvedSetting("b", source: .environment(variable: "AWS_DEFAULT_REGION")))
        let empty = try directory.resolver(config: config, env: ["AWS_REGION": "", "AWS_DEFAULT_REGION": ""])
        #expect(empty.region()?.value == "file-region")
    }

    @Test func regionFromCredentialsFileCountsAsProfile() throws {
        let directory = try TemporaryAWSDirectory()
        let resolver = try directory.resolver(credentials: "[default]\nregion = cred-region\n")
        let region = try #require(resolver.region())
        #expect(region.value == "cred-region")
        guard case let .profile(_, _, location) = region.source else { Issue.record("wrong source"); return }
        #expect(location.path == directory.credentialsPath)
    }

    @Test func missingRegionIsNilAndCanBeFilledLater() throws {
        let directory = try TemporaryAWSDirectory()
        let configuration = try directory.resolver().resolve(service: .sageMaker)
        #expect(configuration.region == nil)
        let filled = configuration.withRegion("us-west-2", source: .instanceMetadata)
        #expect(filled.region == ResolvedSetting("us-west-2", source: .instanceMetadata))
        #expect(filled.retryMode == configuration.retryMode)
    }

    @Test func emptyFileValuesAreUnset() throws {
        let directory = try TemporaryAWSDirectory()
        let configuration = try directory.resolver(config: "[default]\nregion =\nretry_mode =\n")
            .resolve(service: .sqs)
        #expect(configuration.region == nil)
        #expect(configuration.retryMode == ResolvedSetting(.standard, source: .default))
    }

    @Test func s3SettingsIgnoreAPlainS3Value() throws {
        let directory = try TemporaryAWSDirectory()
        let configuration = try directory.resolver(config: "[default]\ns3 = path\n").resolve(service: .s3)
        #expect(configuration.s3AddressingStyle == ResolvedSetting(.auto, source: .default))
    }
}
