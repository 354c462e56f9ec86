import AyameCore
import AyameHTTP
import Foundation
import Testing

/// A client configured from the environment reaches an HTTPS endpoint signed by a private CA
/// exactly when `AWS_CA_BUNDLE` names that CA (loopback nginx, TLS and HTTP/2).
@Suite struct TLSRuntimeTests {
    static func nginx() throws -> (url: String, caBundle: String) {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["AYAME_TLS_URL"], let caBundle = environment["AYAME_TLS_CA_BUNDLE"] else {
            throw FixtureFailure(
                "AYAME_TLS_URL and AYAME_TLS_CA_BUNDLE are not set: run the tests with scripts/test, "
                    + "which starts nginx with TLS and HTTP/2 on a free loopback port (scripts/lib/tls_nginx.sh)")
        }
        return (url, caBundle)
    }

    static func runtime(url: String, caBundle: String?) async throws -> AWSClientRuntime {
        var variables = [
            "AWS_ENDPOINT_URL": url + "/__json/runtime",
            "AWS_REGION": "us-east-1",
            "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
            "AWS_MAX_ATTEMPTS": "1",
        ]
        variables["AWS_CA_BUNDLE"] = caBundle
        return try await AWSClientRuntime.standard(
            service: PipelineTestService.descriptor,
            credentialsProvider: StaticCredentialsProvider(accessKeyID: "AKIDTLS", secretAccessKey: "tls-test-secret"),
            environment: AWSEnvironment(variables))
    }

    @Test func aCallVerifiesTheServerAgainstAWSCABundle() async throws {
        let nginx = try Self.nginx()
        let response = try await Self.runtime(url: nginx.url, caBundle: nginx.caBundle)
            .execute(PipelineTestService.operation, input: nil)
        #expect(response.output == .structure(["ok": .boolean(true)]))
    }

    @Test func withoutTheBundleTheTestCAIsRefused() async throws {
        let nginx = try Self.nginx()
        let runtime = try await Self.runtime(url: nginx.url, caBundle: nil)
        await #expect {
            try await runtime.execute(PipelineTestService.operation, input: nil)
        } throws: { error in
            guard case AyameError.transport(let underlying) = error, let http = underlying as? HTTPClientError,
                  case .tlsFailure = http
            else { return false }
            return "\(error)".contains("AWS_CA_BUNDLE")
        }
    }
}
