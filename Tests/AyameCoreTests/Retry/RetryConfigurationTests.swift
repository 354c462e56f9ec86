import AyameCore
import AyameHTTP
import Testing

/// The retry strategy comes from the environment snapshot a client is configured with, never
/// from the live process environment (which the test process does not set).
@Suite struct RetryConfigurationTests {
    static let service = ServiceDescriptor(
        serviceID: AWSServiceID("Retry Test"), signingName: "retrytest", apiVersion: "1", wireProtocol: .awsJson1_1,
        endpointRuleSet: { try PipelineTestService.parsedRuleSet.get() })

    static func snapshot(_ extra: [String: String]) -> AWSEnvironment {
        AWSEnvironment([
            "AWS_REGION": "eu-west-1",
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
        ].merging(extra) { _, new in new })
    }

    @Test func modeAttemptsAndScheduleComeFromTheSnapshot() async throws {
        let transport = try HTTPClient()
        let runtime = try await AWSClientRuntime.standard(
            service: Self.service, transport: transport,
            environment: Self.snapshot(["AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "7", "AWS_NEW_RETRIES_2026": "true"]))
        let adaptive = try #require(runtime.retryStrategy as? AdaptiveRetryStrategy)
        #expect(adaptive.maximumAttempts == 7)
        #expect(adaptive.standard.schedule == .revised2026)
        let standard = try await AWSClientRuntime.standard(
            service: Self.service, transport: transport, environment: Self.snapshot(["AWS_MAX_ATTEMPTS": "2"]))
        let strategy = try #require(standard.retryStrategy as? StandardRetryStrategy)
        #expect(strategy.maximumAttempts == 2)
        #expect(strategy.schedule == .classic)
        await transport.shutdown()
    }
}
