import Testing
@testable import AyameCore

@Suite("Endpoint URLs")
struct EndpointURLTests {
    static let config = """
        [default]
        endpoint_url = http://profile-global
        services = local

        [profile no-services]
        endpoint_url = http://only-global

        [profile dangling]
        services = missing

        [services local]
        sagemaker_runtime =
          endpoint_url = http://services-runtime
        application_auto_scaling =
          endpoint_url = http://services-aas
        s3 =
          addressing_style = path
        """

    private func endpoint(
        _ service: AWSServiceID, env: [String: String] = [:], profile: String? = nil,
        overrides: ClientConfigurationOverrides = .init()
    ) throws -> ResolvedSetting<String>? {
        let directory = try TemporaryAWSDirectory()
        return try directory.resolver(config: Self.config, env: env, profile: profile)
            .resolve(service: service, overrides: overrides).endpointURL
    }

    @Test func serviceIdentifierSpellings() {
        let expected: [(AWSServiceID, String, String)] = [
            (.sageMaker, "SAGEMAKER", "sagemaker"),
            (.sageMakerRuntime, "SAGEMAKER_RUNTIME", "sagemaker_runtime"),
            (.applicationAutoScaling, "APPLICATION_AUTO_SCALING", "application_auto_scaling"),
            (.cloudWatch, "CLOUDWATCH", "cloudwatch"),
            (.s3, "S3", "s3"), (.ecr, "ECR", "ecr"), (.sts, "STS", "sts"), (.sns, "SNS", "sns"), (.sqs, "SQS", "sqs"),
        ]
        for (service, suffix, key) in expected {
            #expect(service.environmentSuffix == suffix)
            #expect(service.configKey == key)
        }
    }

    @Test func serviceEnvironmentVariableFirst() throws {
        let env = ["AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME": "http://env-runtime", "AWS_ENDPOINT_URL": "http://env-global"]
        #expect(try endpoint(.sageMakerRuntime, env: env)
            == ResolvedSetting("http://env-runtime", source: .environment(variable: "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME")))
        #expect(try endpoint(.sageMaker, env: env)
            == ResolvedSetting("http://env-global", source: .environment(variable: "AWS_ENDPOINT_URL")))
        #expect(try endpoint(.applicationAutoScaling, env: ["AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING": "http://a"])?
            .value == "http://a")
    }

    @Test func servicesSectionThenProfileGlobal() throws {
        let runtime = try #require(try endpoint(.sageMakerRuntime))
        #expect(runtime.value == "http://services-runtime")
        guard case let .servicesSection(name, key, location) = runtime.source else {
            Issue.record("wrong source \(runtime.source)"); return
        }
        #expect(name == "local" && key == "sagemaker_runtime" && location.line == 12)
        #expect(try endpoint(.applicationAutoScaling)?.value == "http://services-aas")
        // S3 has a sub-section but no endpoint_url in it, and CloudWatch none at all.
        #expect(try endpoint(.s3)?.value == "http://profile-global")
        let cloudWatch = try #require(try endpoint(.cloudWatch))
        guard case .profile("default", "endpoint_url", _) = cloudWatch.source else {
            Issue.record("wrong source \(cloudWatch.source)"); return
        }
        #expect(try endpoint(.sts, profile: "no-services")?.value == "http://only-global")
    }

    @Test func ignoreSwitchDisablesConfiguredEndpointsButNotCode() throws {
        let env = ["AWS_ENDPOINT_URL": "http://env-global", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]
        #expect(try endpoint(.sageMakerRuntime, env: env) == nil)
        #expect(try endpoint(.sageMakerRuntime, env: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE"]) == nil)
        #expect(try endpoint(.sageMakerRuntime, env: env, overrides: .init(endpointURL: "http://code"))
            == ResolvedSetting("http://code", source: .code))
        #expect(try endpoint(.sageMakerRuntime, env: env, overrides: .init(ignoreConfiguredEndpointURLs: false))?
            .value == "http://env-global")
        #expect(try endpoint(.sageMakerRuntime, env: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"])?
            .value == "http://services-runtime")

        let directory = try TemporaryAWSDirectory()
        let fromFile = try directory.resolver(config: "[default]\nendpoint_url = http://x\nignore_configured_endpoint_urls = true\n")
            .resolve(service: .sqs)
        #expect(fromFile.endpointURL == nil)
        #expect(fromFile.ignoreConfiguredEndpointURLs.value)
    }

    @Test func codeEndpointBeatsEverything() throws {
        let env = ["AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME": "http://env-runtime"]
        #expect(try endpoint(.sageMakerRuntime, env: env, overrides: .init(endpointURL: "http://code"))
            == ResolvedSetting("http://code", source: .code))
    }

    @Test func emptyEnvironmentValueFallsThrough() throws {
        #expect(try endpoint(.sageMakerRuntime, env: ["AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME": ""])?
            .value == "http://services-runtime")
    }

    @Test func missingServicesSectionIsAnError() throws {
        #expect(throws: AWSConfigurationError.servicesSectionNotFound(name: "missing", profile: "dangling")) {
            try endpoint(.sageMakerRuntime, profile: "dangling")
        }
        // botocore only looks at the section after the environment, so an
        // environment URL still works.
        #expect(try endpoint(.sageMakerRuntime, env: ["AWS_ENDPOINT_URL": "http://e"], profile: "dangling")?
            .value == "http://e")
    }
}
