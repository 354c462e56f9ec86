@testable import AyameCore
import AyameHTTP
import Foundation
import Testing

/// The rows of `Documentation/Errors.md`: each bad input and the exact error a user gets.
@Suite struct ErrorCatalogTests {
    @Test func maxAttemptsIsNotANumber() async {
        let text = await errorText { _ = try ClientConfiguration.resolve(service: .sageMaker, environment: AWSEnvironment(["AWS_MAX_ATTEMPTS": "three"].merging(noFiles) { $1 })) }
        expectCatalogRow("maxAttemptsIsNotANumber", text, "Invalid value 'three' for max_attempts from environment variable AWS_MAX_ATTEMPTS; expected a positive integer")
    }

    @Test func maxAttemptsIsZero() async {
        let text = await errorText { _ = try ClientConfiguration.resolve(service: .sageMaker, environment: AWSEnvironment(["AWS_MAX_ATTEMPTS": "0"].merging(noFiles) { $1 })) }
        expectCatalogRow("maxAttemptsIsZero", text, "Invalid value '0' for max_attempts from environment variable AWS_MAX_ATTEMPTS; expected a positive integer")
    }

    @Test func retryModeIsUnknown() async {
        let text = await errorText { _ = try ClientConfiguration.resolve(service: .sageMaker, environment: AWSEnvironment(["AWS_RETRY_MODE": "fast"].merging(noFiles) { $1 })) }
        expectCatalogRow("retryModeIsUnknown", text, "Invalid value 'fast' for retry_mode from environment variable AWS_RETRY_MODE; expected one of legacy, standard, adaptive")
    }

    @Test func endpointURLHasNoScheme() async {
        let text = await errorText { _ = try ClientConfiguration.resolve(service: .sageMaker, environment: AWSEnvironment(["AWS_ENDPOINT_URL": "localhost:4566"].merging(noFiles) { $1 })) }
        expectCatalogRow("endpointURLHasNoScheme", text, "Invalid value 'localhost:4566' for endpoint_url from environment variable AWS_ENDPOINT_URL; expected an http:// or https:// URL with a host, such as http://localhost:4566")
    }

    @Test func serviceEndpointURLHasAnUnsupportedScheme() async {
        let text = await errorText { _ = try ClientConfiguration.resolve(service: .sageMaker, environment: AWSEnvironment(["AWS_ENDPOINT_URL_SAGEMAKER": "ftp://127.0.0.1:21"].merging(noFiles) { $1 })) }
        expectCatalogRow("serviceEndpointURLHasAnUnsupportedScheme", text, "Invalid value 'ftp://127.0.0.1:21' for endpoint_url from environment variable AWS_ENDPOINT_URL_SAGEMAKER; expected an http:// or https:// URL with a host, such as http://localhost:4566")
    }

    @Test func checksumModeIsUnknown() async {
        let text = await errorText { _ = try ClientConfiguration.resolve(service: .sageMaker, environment: AWSEnvironment(["AWS_REQUEST_CHECKSUM_CALCULATION": "sometimes"].merging(noFiles) { $1 })) }
        expectCatalogRow("checksumModeIsUnknown", text, "Invalid value 'sometimes' for request_checksum_calculation from environment variable AWS_REQUEST_CHECKSUM_CALCULATION; expected one of when_supported, when_required")
    }

    @Test func fipsSwitchIsNotABoolean() async {
        let text = await errorText { _ = try ClientConfiguration.resolve(service: .sageMaker, environment: AWSEnvironment(["AWS_USE_FIPS_ENDPOINT": "yes"].merging(noFiles) { $1 })) }
        expectCatalogRow("fipsSwitchIsNotABoolean", text, "Invalid value 'yes' for use_fips_endpoint from environment variable AWS_USE_FIPS_ENDPOINT; expected true or false")
    }

    @Test func metadataEndpointModeIsUnknown() async {
        let text = await errorText { _ = try InstanceMetadataConfiguration(environment: AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv5"]), profile: nil) }
        expectCatalogRow("metadataEndpointModeIsUnknown", text, "Invalid configuration: AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE must be IPv4 or IPv6, not \"IPv5\"")
    }

    @Test func metadataTimeoutIsNegative() async {
        let text = await errorText { _ = try InstanceMetadataConfiguration(environment: AWSEnvironment(["AWS_METADATA_SERVICE_TIMEOUT": "-1"]), profile: nil) }
        expectCatalogRow("metadataTimeoutIsNegative", text, "Invalid configuration: AWS_METADATA_SERVICE_TIMEOUT must be a positive integer, not \"-1\"")
    }

    @Test func maxAttemptsInCodeIsNegative() async {
        let text = await errorText { _ = try ClientConfiguration.resolve(service: .sageMaker, overrides: ClientConfigurationOverrides(maxAttempts: -1), environment: AWSEnvironment(noFiles)) }
        expectCatalogRow("maxAttemptsInCodeIsNegative", text, "Invalid value '-1' for max_attempts from code; expected a positive integer")
    }

    @Test func regionIsMissing() async {
        let text = await errorText { _ = try RuleSetEndpointResolver().resolveEndpoint(service: STSOperations.service, operation: STSOperations.assumeRole, input: nil, configuration: ClientConfiguration.resolve(service: .sts, environment: AWSEnvironment(noFiles))) }
        expectCatalogRow("regionIsMissing", text, "Invalid configuration: no region is set for STS: set AWS_REGION, a profile region, or the region in code")
    }

    @Test func regionHasSpaces() async {
        let text = await errorText { _ = try RuleSetEndpointResolver().resolveEndpoint(service: STSOperations.service, operation: STSOperations.assumeRole, input: nil, configuration: ClientConfiguration.resolve(service: .sts, environment: AWSEnvironment(["AWS_REGION": "us east 1"].merging(noFiles) { $1 }))) }
        expectCatalogRow("regionHasSpaces", text, "Invalid value 'us east 1' for region from environment variable AWS_REGION; expected a region name such as us-east-1 (1 to 63 letters, digits and inner hyphens)")
    }

    @Test func configFileSectionIsUnclosed() async {
        let text = await errorText { _ = try AWSINIDocument.parse("[default\nregion = us-east-1\n", path: "/home/me/.aws/config") }
        expectCatalogRow("configFileSectionIsUnclosed", text, "Malformed configuration file /home/me/.aws/config, line 1: section header '[default' has no closing ']'; write it as [name]")
    }

    @Test func configFileKeyBeforeAnySection() async {
        let text = await errorText { _ = try AWSINIDocument.parse("region = us-east-1\n", path: "/home/me/.aws/config") }
        expectCatalogRow("configFileKeyBeforeAnySection", text, "Malformed configuration file /home/me/.aws/config, line 1: expected a [section] header before the first key")
    }

    @Test func configFileLineWithoutEquals() async {
        let text = await errorText { _ = try AWSINIDocument.parse("[default]\nregion us-east-1\n", path: "/home/me/.aws/config") }
        expectCatalogRow("configFileLineWithoutEquals", text, "Malformed configuration file /home/me/.aws/config, line 2: expected 'key = value', got 'region us-east-1'")
    }

    @Test func sourceProfileCycle() async {
        let text = await errorText { _ = try await profileChain("[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\n", profile: "a") }
        expectCatalogRow("sourceProfileCycle", text, "No AWS credentials were found. Tried, in order:\n  - environment: skipped because profile a was chosen in code\n  - web identity: skipped because profile a was chosen in code\n  - profile a: source_profile cycle: a -> b -> a\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available.")
    }

    @Test func sourceProfileAndCredentialSourceTogether() async {
        let text = await errorText { _ = try await profileChain("[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\ncredential_source = Environment\n[profile b]\naws_access_key_id = AKIDB\naws_secret_access_key = secret\n", profile: "a") }
        expectCatalogRow("sourceProfileAndCredentialSourceTogether", text, "No AWS credentials were found. Tried, in order:\n  - environment: skipped because profile a was chosen in code\n  - web identity: skipped because profile a was chosen in code\n  - profile a: profile a sets both source_profile and credential_source; keep one\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available.")
    }

    @Test func credentialSourceIsUnknown() async {
        let text = await errorText { _ = try await profileChain("[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\ncredential_source = Laptop\n", profile: "a") }
        expectCatalogRow("credentialSourceIsUnknown", text, "No AWS credentials were found. Tried, in order:\n  - environment: skipped because profile a was chosen in code\n  - web identity: skipped because profile a was chosen in code\n  - profile a: credential_source \"Laptop\" in profile a is not one of Environment, Ec2InstanceMetadata, EcsContainer\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available.")
    }

    @Test func roleProfileNeedsMFA() async {
        let text = await errorText { _ = try await profileChain("[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n[profile b]\naws_access_key_id = AKIDB\naws_secret_access_key = secret\n", profile: "a") }
        expectCatalogRow("roleProfileNeedsMFA", text, "No AWS credentials were found. Tried, in order:\n  - environment: skipped because profile a was chosen in code\n  - web identity: skipped because profile a was chosen in code\n  - profile a: profile a sets mfa_serial, which needs an interactive MFA code prompt that Ayame does not offer; use credential_process or pre-fetched session credentials instead\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available.")
    }

    @Test func profileHasKeyIDButNoSecret() async {
        let text = await errorText { _ = try await profileChain("[profile a]\naws_access_key_id = AKIDA\n", profile: "a") }
        expectCatalogRow("profileHasKeyIDButNoSecret", text, "No AWS credentials were found. Tried, in order:\n  - environment: skipped because profile a was chosen in code\n  - web identity: skipped because profile a was chosen in code\n  - profile a: profile a has only half a key pair: aws_secret_access_key is missing\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available.")
    }

    @Test func credentialProcessFails() async {
        let text = await errorText { _ = try await processChain(printing: "", stderr: "token expired", status: 3) }
        expectCatalogRow("credentialProcessFails", text, "No AWS credentials were found. Tried, in order:\n  - environment: skipped because profile a was chosen in code\n  - web identity: skipped because profile a was chosen in code\n  - profile a: credential_process /opt/tools/helper.sh exited with status 3: token expired\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available.")
    }

    @Test func credentialProcessPrintsTheWrongVersion() async {
        let text = await errorText { _ = try await processChain(printing: #"{"Version": 2, "AccessKeyId": "AKID", "SecretAccessKey": "secret"}"#) }
        expectCatalogRow("credentialProcessPrintsTheWrongVersion", text, "No AWS credentials were found. Tried, in order:\n  - environment: skipped because profile a was chosen in code\n  - web identity: skipped because profile a was chosen in code\n  - profile a: credential_process /opt/tools/helper.sh printed Version 2; only Version 1 is supported\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available.")
    }

    @Test func accessKeyIDWithoutSecretInTheEnvironment() async {
        let text = await errorText { _ = try await EnvironmentCredentialsProvider(environment: AWSEnvironment(["AWS_ACCESS_KEY_ID": "AKIDENV"])).resolveCredentials() }
        expectCatalogRow("accessKeyIDWithoutSecretInTheEnvironment", text, "No AWS credentials were found. Tried, in order:\n  - environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available.")
    }

    @Test func containerURIOverPlainHTTPToAnotherHost() async {
        let text = await errorText { _ = try await ContainerCredentialsProvider(environment: AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"]), transport: CredentialsFixture.client).resolveCredentials() }
        expectCatalogRow("containerURIOverPlainHTTPToAnotherHost", text, "No AWS credentials were found. Tried, in order:\n  - container: AWS_CONTAINER_CREDENTIALS_FULL_URI host example.com is not allowed over plain http; use https, a loopback address, or one of 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or run where a role is available.")
    }

    @Test func responseIsMalformedJSON() async {
        let text = await errorText { _ = try await respond(["status": 200, "body": #"{"ok": tru"#]) }
        expectCatalogRow("responseIsMalformedJSON", text, "The response could not be decoded: the DoThing response is not JSON (invalid JSON at byte 7: unexpected end of input) [request id req-1]. This is a bug in Ayame or an unexpected service response; please report it with the request id.")
    }

    @Test func responseMemberHasTheWrongType() async {
        let text = await errorText { _ = try await respond(["status": 200, "body": #"{"ok": "yes"}"#]) }
        expectCatalogRow("responseMemberHasTheWrongType", text, "The response could not be decoded: ok is not a JSON boolean [request id req-1]. This is a bug in Ayame or an unexpected service response; please report it with the request id.")
    }

    @Test func responseIsAnHTMLErrorPage() async {
        let text = await errorText { _ = try await respond(["status": 502, "headers": ["Content-Type": "text/html"], "body": "<html><body>Bad Gateway</body></html>"]) }
        expectCatalogRow("responseIsAnHTMLErrorPage", text, "PipelineTest.DoThing failed: BadGateway (HTTP 502): HTTP 502 Bad Gateway; the response body (text/html) was not an AWS error document [request id req-1]. The service failed; retrying later usually succeeds.")
    }

    @Test func responseIsHTMLWithStatus200() async {
        let text = await errorText { _ = try await respond(["status": 200, "headers": ["Content-Type": "text/html"], "body": "<html><body>Sign in to the Wi-Fi</body></html>"]) }
        expectCatalogRow("responseIsHTMLWithStatus200", text, "The response could not be decoded: the DoThing response is not JSON (invalid JSON at byte 0: unexpected character); the response came as text/html, so a proxy, a captive portal or a wrong endpoint URL may have answered instead of the service [request id req-1]. This is a bug in Ayame or an unexpected service response; please report it with the request id.")
    }

    @Test func responseBodyIsTruncated() async {
        let text = await errorText { _ = try await respond(["action": "truncate", "body": #"{"ok": tr"#, "declared": 100], maximumAttempts: 1) }
        expectCatalogRow("responseBodyIsTruncated", text, "The request could not be completed: The connection closed before the response was complete (http://127.0.0.1:4566/: transfer closed with 91 bytes remaining to read; 9 body bytes received). The server may have processed the request; retry if the operation is idempotent. Check connectivity to the endpoint; retryable failures were already retried.")
    }

    @Test func errorResponseHasNoBody() async {
        let text = await errorText { _ = try await respond(["status": 400, "body": ""]) }
        expectCatalogRow("errorResponseHasNoBody", text, "PipelineTest.DoThing failed: BadRequest (HTTP 400): HTTP 400 Bad Request; no error details in the response body [request id req-1]. See the service's documentation for this error code.")
    }
}
