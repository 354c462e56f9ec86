import AyameTestSupport
import Foundation
import Testing

/// The proxy variables, as a user sets them for the `ayame` tool: `http_proxy` sends every
/// request through the proxy (absolute-form, as libcurl speaks to proxies), `no_proxy` exempts
/// hosts, and `HTTP_PROXY` in capitals is ignored for http:// URLs (libcurl's CGI-safety rule,
/// which HTTPClientConfiguration's documentation states). `ayame deploy --plan` reads the
/// endpoint's state from ayame-local (SageMaker, Application Auto Scaling, CloudWatch) and
/// changes nothing.
@Suite(.timeLimit(.minutes(2)))
struct ProxyVariableTests {
    private static func plan(environment: [String: String]) async throws -> (status: Int32, output: String) {
        let id = UUID().uuidString.lowercased().prefix(8)
        let spec = try DeployInvokeCommandTests.write("""
            {"endpointName": "cli-proxy-\(id)",
             "model": {"name": "cli-proxy-model-\(id)", "imageURI": "ayame-local-test/fake-model:latest",
                       "executionRoleARN": "arn:aws:iam::123456789012:role/SageMakerExecFullAccess"},
             "variants": [{"instanceType": "ml.m5.large"}],
             "asyncInference": {"outputPath": "s3://ayame-cli-proxy-\(id)/output/"}}
            """, suffix: ".json")
        defer { try? FileManager.default.removeItem(at: spec) }
        return try await DeployInvokeCommandTests.ayame(["deploy", spec.path, "--plan"], environment: environment)
    }

    /// The requests the proxy forwarded to `endpoint` (`METHOD URL`).
    private static func proxied(_ proxy: PythonFixture, to endpoint: String) -> [String] {
        proxy.logLines().filter { $0.hasPrefix("proxied ") && $0.contains(" \(endpoint)/") }
    }

    @Test("http_proxy routes every call through the proxy, and the plan is the same as without it")
    func httpProxyIsUsed() async throws {
        let environment = try DeployInvokeCommandTests.environment()
        let endpoint = try #require(environment["AWS_ENDPOINT_URL"])
        let proxy = try await PythonFixture.start("forward_proxy.py")
        defer { proxy.stop() }
        var proxied = environment
        proxied["http_proxy"] = "http://127.0.0.1:\(proxy.port)"

        let direct = try await Self.plan(environment: environment)
        #expect(direct.status == 0, "\(direct.output)")
        #expect(Self.proxied(proxy, to: endpoint).isEmpty)

        let through = try await Self.plan(environment: proxied)
        #expect(through.status == 0, "\(through.output)")
        let forwarded = Self.proxied(proxy, to: endpoint)
        #expect(forwarded.count >= 3, "\(proxy.logLines())")
        #expect(forwarded.allSatisfy { $0.hasPrefix("proxied POST ") })
        // The same plan, apart from the names made unique per run.
        let shape = { (output: String) in output.replacingOccurrences(of: #"cli-proxy[-a-z]*-[0-9a-f]{8}"#, with: "NAME", options: .regularExpression) }
        #expect(shape(through.output) == shape(direct.output))
    }

    @Test("no_proxy exempts the endpoint's host, and HTTP_PROXY in capitals is not read for http:// URLs")
    func exemptionsAndCapitals() async throws {
        let environment = try DeployInvokeCommandTests.environment()
        let endpoint = try #require(environment["AWS_ENDPOINT_URL"])
        let proxy = try await PythonFixture.start("forward_proxy.py")
        defer { proxy.stop() }

        var exempted = environment
        exempted["http_proxy"] = "http://127.0.0.1:\(proxy.port)"
        exempted["no_proxy"] = "127.0.0.1"
        let bypassed = try await Self.plan(environment: exempted)
        #expect(bypassed.status == 0, "\(bypassed.output)")

        var capitals = environment
        capitals["HTTP_PROXY"] = "http://127.0.0.1:\(proxy.port)"
        let ignored = try await Self.plan(environment: capitals)
        #expect(ignored.status == 0, "\(ignored.output)")

        #expect(Self.proxied(proxy, to: endpoint).isEmpty, "\(proxy.logLines())")
    }
}
