import Testing
@testable import AyameCore

@Suite("Setting validation")
struct ValidationTests {
    @Test(arguments: [
        (["AWS_USE_FIPS_ENDPOINT": "yes"], "", "use_fips_endpoint", "environment variable AWS_USE_FIPS_ENDPOINT"),
        ([:], "use_dualstack_endpoint = 1", "use_dualstack_endpoint", "key 'use_dualstack_endpoint'"),
        (["AWS_MAX_ATTEMPTS": "0"], "", "max_attempts", "AWS_MAX_ATTEMPTS"),
        ([:], "max_attempts = three", "max_attempts", "profile 'default'"),
        (["AWS_MAX_ATTEMPTS": "-2"], "", "max_attempts", "AWS_MAX_ATTEMPTS"),
        (["AWS_RETRY_MODE": "fast"], "", "retry_mode", "AWS_RETRY_MODE"),
        ([:], "request_checksum_calculation = always", "request_checksum_calculation", "config"),
        (["AWS_RESPONSE_CHECKSUM_VALIDATION": "never"], "", "response_checksum_validation", "AWS_RESPONSE"),
        ([:], "s3 =\n  addressing_style = host", "s3.addressing_style", "s3.addressing_style"),
        ([:], "s3 =\n  use_accelerate_endpoint = on", "s3.use_accelerate_endpoint", "s3.use_accelerate_endpoint"),
        ([:], "sts_regional_endpoints = global", "sts_regional_endpoints", "config"),
        (["AWS_EC2_METADATA_DISABLED": "1"], "", "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_DISABLED"),
        (["AWS_METADATA_SERVICE_TIMEOUT": "1.5"], "", "metadata_service_timeout", "AWS_METADATA_SERVICE_TIMEOUT"),
        ([:], "metadata_service_num_attempts = 0", "metadata_service_num_attempts", "config"),
        (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "ture"], "", "ignore_configured_endpoint_urls", "AWS_IGNORE"),
    ])
    func invalidValuesNameSettingAndSource(env: [String: String], lines: String, setting: String, fragment: String)
        throws
    {
        let directory = try TemporaryAWSDirectory()
        let resolver = try directory.resolver(config: "[default]\n\(lines)\n", env: env)
        #expect {
            try resolver.resolve(service: .sageMakerRuntime)
        } throws: { error in
            guard case let .invalidValue(name, _, _, _) = error as? AWSConfigurationError else { return false }
            let message = "\(error)"
            return name == setting && message.contains(setting) && message.contains(fragment)
        }
    }

    @Test func invalidCodeValuesAreRejected() throws {
        let directory = try TemporaryAWSDirectory()
        let resolver = try directory.resolver()
        #expect(throws: AWSConfigurationError.invalidValue(
            setting: "max_attempts", value: "0", source: .code, expected: "a positive integer")
        ) {
            try resolver.resolve(service: .sqs, overrides: .init(maxAttempts: 0))
        }
    }

    @Test func booleansAreCaseInsensitive() throws {
        let directory = try TemporaryAWSDirectory()
        for (raw, value) in [("true", true), ("TRUE", true), ("True", true), ("false", false), ("FaLsE", false)] {
            let resolver = try directory.resolver(env: ["AWS_USE_FIPS_ENDPOINT": raw])
            #expect(try resolver.resolve(service: .sns).useFIPSEndpoint.value == value)
        }
    }

    @Test func fileSourcePointsAtTheLine() throws {
        let directory = try TemporaryAWSDirectory()
        let resolver = try directory.resolver(config: "[default]\n# c\nretry_mode = bogus\n")
        #expect {
            try resolver.resolve(service: .sqs)
        } throws: { error in
            "\(error)".contains("\(directory.configPath):3")
        }
    }
}
