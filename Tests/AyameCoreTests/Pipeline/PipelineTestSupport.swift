import AyameCore
import AyameHTTP
import Foundation
import Logging

/// One isolated scenario on the shared fault server.
struct FaultScenario {
    let server: LoopbackFixture
    let name: String
    let control: HTTPClient

    static func make() async throws -> FaultScenario {
        FaultScenario(
            server: try await LoopbackFixture.faultServer.value,
            name: UUID().uuidString.lowercased(),
            control: try HTTPClient())
    }

    var endpoint: String { "\(server.baseURL)/s/\(name)" }

    func queue(_ steps: [[String: Any]]) async throws {
        let body = try JSONSerialization.data(withJSONObject: steps)
        _ = try await control.execute(HTTPRequest(
            method: .post, url: "\(server.baseURL)/__control/\(name)/queue", body: .bytes(Array(body))))
    }

    struct Received {
        let headers: [(String, String)]
        let bodyLength: Int
        let bodySha256: String
        /// The body as text (invalid UTF-8 replaced).
        let body: String
        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    func received() async throws -> [Received] {
        let response = try await control.execute(HTTPRequest(url: "\(server.baseURL)/__control/\(name)/requests"))
        let list = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
        return list.map { entry in
            let pairs = (entry["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) }
            return Received(
                headers: pairs,
                bodyLength: entry["bodyLength"] as? Int ?? -1, bodySha256: entry["bodySha256"] as? String ?? "",
                body: entry["body"] as? String ?? "")
        }
    }

    /// A runtime pointed at this scenario, with no backoff delay so tests run fast.
    func runtime(
        maximumAttempts: Int = 3,
        transport: HTTPClient? = nil,
        credentialsProvider: (any AWSCredentialsProvider)? = nil,
        clockSkew: ClockSkewCorrector = ClockSkewCorrector(),
        logger: Logger = Logger(label: "ayame-tests"),
        requestChecksumCalculation: ChecksumMode? = nil,
        wireProtocol: AWSProtocol = .awsJson1_1,
        service: ServiceDescriptor = PipelineTestService.descriptor
    ) throws -> AWSClientRuntime {
        let configuration = try ClientConfiguration.resolve(
            service: service.serviceID,
            overrides: ClientConfigurationOverrides(
                region: "us-east-1", endpointURL: endpoint, requestChecksumCalculation: requestChecksumCalculation),
            environment: AWSEnvironment([
                "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
            ]))
        return AWSClientRuntime(
            service: service,
            configuration: configuration,
            credentialsProvider: credentialsProvider ?? StaticCredentialsProvider(
                accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            transport: try transport ?? HTTPClient(),
            codec: ProtocolCodecs.codec(for: wireProtocol),
            retryStrategy: StandardRetryStrategy(maximumAttempts: maximumAttempts, random: { 0 }),
            clockSkew: clockSkew,
            logger: logger)
    }
}

/// A made-up JSON service whose rule set sends everything to the configured endpoint.
enum PipelineTestService {
    static let ruleSet = """
        {"version": "1.0",
         "parameters": {
           "Region": {"type": "String", "builtIn": "AWS::Region", "required": false},
           "Endpoint": {"type": "String", "builtIn": "SDK::Endpoint", "required": false}},
         "rules": [
           {"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
            "endpoint": {"url": "{Endpoint}"}},
           {"type": "error", "conditions": [], "error": "an endpoint URL is required"}]}
        """
    static let parsedRuleSet = Result { try EndpointRuleSet(data: Data(ruleSet.utf8)) }

    static let descriptor = ServiceDescriptor(
        serviceID: AWSServiceID("Pipeline Test"), signingName: "pipelinetest", apiVersion: "2026-11-25",
        wireProtocol: .awsJson1_1, targetPrefix: "PipelineTest",
        endpointRuleSet: { try parsedRuleSet.get() })

    static let operation = OperationDescriptor(
        name: "DoThing",
        output: ShapeSchema(
            name: "DoThingOutput", kind: .structure,
            members: [MemberSchema("ok", target: { ShapeSchema.Simple.boolean })]))
}
