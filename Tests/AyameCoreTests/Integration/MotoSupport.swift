@testable import AyameCore
import AyameHTTP
import Foundation

/// Access to the moto servers scripts/test starts on loopback.
///
/// Integration tests never skip: without the environment variable they fail and say how to run
/// them.
enum Moto {
    /// moto without signature checks (`AYAME_MOTO_ENDPOINT`).
    static func endpoint() throws -> String {
        try endpoint(variable: "AYAME_MOTO_ENDPOINT")
    }

    /// moto verifying SigV4 (`AYAME_MOTO_SIGV4_ENDPOINT`).
    static func sigV4Endpoint() throws -> String {
        try endpoint(variable: "AYAME_MOTO_SIGV4_ENDPOINT")
    }

    /// The IAM user's key scripts/test made on the SigV4-checking moto with its free requests.
    static func sigV4Credentials() throws -> AWSCredentials {
        AWSCredentials(
            accessKeyID: try endpoint(variable: "AYAME_MOTO_SIGV4_ACCESS_KEY_ID"),
            secretAccessKey: try endpoint(variable: "AYAME_MOTO_SIGV4_SECRET_ACCESS_KEY"),
            source: "scripts/test's moto IAM user")
    }

    private static func endpoint(variable: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw FixtureFailure("\(variable) is not set: run the tests with scripts/test, which starts moto on a free loopback port")
        }
        return value
    }

    static let transport = Result { try HTTPClient() }

    /// A runtime for `service` (with the rule set from the official endpoint tests) against moto.
    static func runtime(
        _ service: ServiceDescriptor, ruleSet: String, endpoint: String, region: String = "ap-northeast-1",
        credentials: AWSCredentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    ) throws -> AWSClientRuntime {
        let ruleSetData = try EndpointTestCorpusRuleSets.data(ruleSet)
        let parsed = try EndpointRuleSet(data: ruleSetData)
        let described = ServiceDescriptor(
            serviceID: service.serviceID, signingName: service.signingName, apiVersion: service.apiVersion,
            wireProtocol: service.wireProtocol, targetPrefix: service.targetPrefix, xmlNamespace: service.xmlNamespace,
            isAWSQueryCompatible: service.isAWSQueryCompatible, errorShapes: service.errorShapes,
            endpointRuleSet: { parsed })
        let configuration = try ClientConfiguration.resolve(
            service: service.serviceID,
            overrides: ClientConfigurationOverrides(region: region, endpointURL: endpoint),
            environment: AWSEnvironment([
                "AWS_CONFIG_FILE": "/nonexistent/ayame-test-config",
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-test-credentials",
            ]))
        return AWSClientRuntime(
            service: described, configuration: configuration,
            credentialsProvider: StaticCredentialsProvider(credentials),
            transport: try transport.get(), codec: ProtocolCodecs.codec(for: service.wireProtocol))
    }

    /// A name no other test run uses.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(8))"
    }
}

/// The rule sets stored beside the official endpoint test cases, by file name.
enum EndpointTestCorpusRuleSets {
    static func data(_ name: String) throws -> Data {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("TestData/endpoint-tests/\(name).json")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        guard let ruleSet = document?["ruleSet"] else { throw FixtureFailure("no ruleSet in \(file.lastPathComponent)") }
        return try JSONSerialization.data(withJSONObject: ruleSet)
    }
}
