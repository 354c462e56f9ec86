import AyameCore
import AyameHTTP
import Foundation
import Synchronization

/// The credentials fixture server, started once per test process.
enum CredentialsFixture {
    static let server = Task { try await LoopbackFixture.start(script: "credentials_fixture_server.py") }
    static let client: HTTPClient = {
        var configuration = HTTPClientConfiguration()
        configuration.connectTimeout = .seconds(2)
        return try! HTTPClient(configuration: configuration)
    }()
}

/// One isolated scenario on the credentials fixture.
struct CredentialsScenario {
    let server: LoopbackFixture
    let name = UUID().uuidString.lowercased()

    static func make(_ configuration: [String: Any] = [:]) async throws -> CredentialsScenario {
        let server: LoopbackFixture
        do {
            server = try await CredentialsFixture.server.value
        } catch {
            throw FixtureFailure("the credentials fixture server did not start: \(error)")
        }
        let scenario = CredentialsScenario(server: server)
        try await scenario.configure(configuration)
        return scenario
    }

    func configure(_ configuration: [String: Any]) async throws {
        let body = try JSONSerialization.data(withJSONObject: configuration)
        let response = try await CredentialsFixture.client.execute(HTTPRequest(
            method: .post, url: "\(server.baseURL)/__control/\(name)/configure", body: .bytes(Array(body))))
        guard response.status == 204 else { throw FixtureFailure("configure answered \(response.status)") }
    }

    func url(_ service: String) -> String { "\(server.baseURL)/s/\(name)/\(service)" }

    struct Received {
        let method: String
        let path: String
        let headers: [(String, String)]
        let body: String
        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    func received() async throws -> [Received] {
        let response = try await CredentialsFixture.client.execute(
            HTTPRequest(url: "\(server.baseURL)/__control/\(name)/requests"))
        let list = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
        return list.map { entry in
            Received(
                method: entry["method"] as? String ?? "", path: entry["path"] as? String ?? "",
                headers: (entry["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) },
                body: entry["body"] as? String ?? "")
        }
    }
}

/// A loopback address nothing listens on, for "connection refused".
let refusedEndpoint = "http://127.0.0.1:1"

/// The secret values the tests use; no description or error may contain them.
enum Secrets {
    static let secretKey = "SECRETKEY-wJalrXUtnFEMI-K7MDENG"
    static let sessionToken = "SESSIONTOKEN-FwoGZXIvYXdzE"
    static let bearer = "BEARER-aoa-token-123"
    static let authorization = "AUTHZ-container-token-456"
    static let webToken = "WEBTOKEN-eyJhbGciOi"
    static let all = [secretKey, sessionToken, bearer, authorization, webToken]

    static func leaked(in text: String) -> [String] { all.filter { text.contains($0) } }
}

/// A credentials document as the metadata services print it.
func credentialsJSON(
    accessKey: String = "ASIAFIXTURE", expiresIn: TimeInterval = 3600, tokenKey: String = "Token"
) -> [String: Any] {
    let formatter = ISO8601DateFormatter()
    return [
        "Code": "Success", "AccessKeyId": accessKey, "SecretAccessKey": Secrets.secretKey,
        tokenKey: Secrets.sessionToken, "Expiration": formatter.string(from: Date().addingTimeInterval(expiresIn)),
    ]
}

/// An STS stand-in that records what it was asked and answers from a script.
final class RecordingSTS: STSCredentialsService, Sendable {
    enum Call: Sendable {
        case assumeRole(AssumeRoleRequest)
        case webIdentity(AssumeRoleWithWebIdentityRequest)
    }

    private let calls = Mutex<[Call]>([])
    private let failure: AyameError?

    init(failure: AyameError? = nil) { self.failure = failure }

    var recorded: [Call] { calls.withLock { $0 } }

    var assumeRoleRequests: [AssumeRoleRequest] {
        recorded.compactMap { if case .assumeRole(let request) = $0 { return request } else { return nil } }
    }

    var webIdentityRequests: [AssumeRoleWithWebIdentityRequest] {
        recorded.compactMap { if case .webIdentity(let request) = $0 { return request } else { return nil } }
    }

    func assumeRole(_ request: AssumeRoleRequest) async throws(AyameError) -> AWSCredentials {
        calls.withLock { $0.append(.assumeRole(request)) }
        if let failure { throw failure }
        // The access key names the role and the key that signed, so chains can be checked hop by hop.
        return AWSCredentials(
            accessKeyID: "ASIA(\(request.roleARN) via \(request.sourceCredentials.accessKeyID))",
            secretAccessKey: Secrets.secretKey, sessionToken: Secrets.sessionToken,
            expiration: Date().addingTimeInterval(3600), source: "sts")
    }

    func assumeRoleWithWebIdentity(_ request: AssumeRoleWithWebIdentityRequest) async throws(AyameError) -> AWSCredentials {
        calls.withLock { $0.append(.webIdentity(request)) }
        if let failure { throw failure }
        return AWSCredentials(
            accessKeyID: "ASIAWEB(\(request.roleARN))", secretAccessKey: Secrets.secretKey,
            sessionToken: Secrets.sessionToken, expiration: Date().addingTimeInterval(3600), source: "sts")
    }

    var factory: STSCredentialsServiceFactory { { () throws(AyameError) -> any STSCredentialsService in self } }
}

/// Expects `body` to throw a credentials failure and returns its attempt lines.
func credentialsFailure(_ body: () async throws -> Void) async -> [String]? {
    do {
        try await body()
        return nil
    } catch {
        if case .credentials(let failure) = error as? AyameError { return failure.attempts }
        return ["unexpected error: \(error)"]
    }
}

/// A chain over a temporary directory's files with IMDS off unless the test turns it on.
func makeChain(
    _ directory: TemporaryAWSDirectory, env: [String: String] = [:], profile: String? = nil,
    sts: RecordingSTS? = nil, settings: CredentialsChainSettings = CredentialsChainSettings()
) throws -> DefaultCredentialsChain {
    let environment = directory.environment(["AWS_EC2_METADATA_DISABLED": "true"].merging(env) { _, new in new })
    return try DefaultCredentialsChain(
        environment: environment, configFile: AWSConfigFile.load(environment: environment), profileName: profile,
        transport: CredentialsFixture.client, stsFactory: sts?.factory, settings: settings)
}
